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
    /// A constant: the buffer it guards is behind a lock, so there is no global mutable state.
    static let out = StandardOutput()

    /// Writes `text` and a line end to standard output (through `out`, so a failed write is an
    /// error, not silence as with `print` to a full disk).
    static func print(_ text: String, terminator: String = "\n") {
        out.write(text + terminator)
    }
}

/// Standard output behind a lock: one shared writer that any thread may use.
final class StandardOutput: @unchecked Sendable {
    /// Guards `buffer`.
    private let lock = NSLock()
    private var buffer = OutputBuffer()

    /// Appends `s` (written out when the buffer passes 64 KiB, or at once when `s` is larger).
    func write(_ s: String) {
        lock.lock(); defer { lock.unlock() }
        buffer.write(s)
    }

    /// Writes what is buffered; a failed write ends the process with status 1.
    func flush() {
        lock.lock(); defer { lock.unlock() }
        buffer.flush()
    }
}

/// A growable output buffer written to file descriptor 1.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func write(_ s: String) {
        if s.utf8.count > 1 << 16 {
            // A large piece (a whole article's JSON) goes out from its own storage, not copied.
            flush()
            var s = s
            s.withUTF8 { send(UnsafeRawBufferPointer($0)) }
            return
        }
        bytes.append(contentsOf: s.utf8)
        if bytes.count > 1 << 16 { flush() }
    }

    /// Writes the buffered bytes to file descriptor 1. A failed write (a full disk, `/dev/full`,
    /// a closed file) ends the process with a clear error and status 1: the output would be
    /// incomplete, and a caller must not take it for a result.
    mutating func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { send($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes `raw` to file descriptor 1, or ends the process with a clear error and status 1.
    private func send(_ raw: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let code = n < 0 ? errno : EIO
                Console.error("demarche: error: cannot write to standard output: \(String(cString: strerror(code)))")
                exit(1)
            }
            offset += n
        }
    }
}
