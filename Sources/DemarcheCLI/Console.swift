import Foundation

/// Standard output and error, with helpers for terminal detection.
enum Console {
    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether standard error is a terminal (progress lines go there only then).
    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    /// Whether standard output is a terminal.
    static var stdoutIsTerminal: Bool { isatty(1) != 0 }

    /// Buffered standard output; flush after each article so pipelines see whole lines.
    static var out = OutputBuffer()
}

/// A growable output buffer written to file descriptor 1.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func write(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        if bytes.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
