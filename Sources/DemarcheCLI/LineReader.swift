import Demarche
import Foundation

/// Reads a text file a line at a time, in 64 KiB chunks, so that a JSON Lines file of any size is
/// scored in bounded memory (the largest line plus one chunk) instead of being read whole.
///
/// Lines end as ``TextLines`` says (LF, CRLF or a lone CR; a final line end does not start one
/// more line), and each line is checked as strict UTF-8 as ``TextFile`` checks a whole file: the
/// error names the file and the byte offset in it. A leading byte-order mark is kept, as
/// `TextFile.read` keeps it.
struct LineReader: ~Copyable {
    let path: String
    private let descriptor: Int32
    /// Bytes read and not yet returned: `buffer[start..<end]`, at file offset `bufferOffset + start`.
    private var buffer: [UInt8]
    private var start = 0, end = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private var atEndOfFile = false
    /// The last line ended with a CR at the end of the buffer: skip one LF that may follow.
    private var skipLF = false
    /// 1-based number of the last line returned.
    private(set) var lineNumber = 0

    static let chunkSize = 1 << 16

    /// Opens the file at `path`.
    /// - Throws: `TextError.unreadableFile` (no such file, a directory, no permission).
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        var info = stat()
        if fd < 0 || fstat(fd, &info) != 0 || (info.st_mode & S_IFMT) == S_IFDIR {
            let error = NSError(domain: NSPOSIXErrorDomain, code: Int(fd < 0 ? errno : EISDIR))
            if fd >= 0 { close(fd) }
            throw TextError.unreadableFile(path: path, reason: TextFile.whyUnreadable(path, error))
        }
        descriptor = fd
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    deinit { close(descriptor) }

    /// The next line without its line end, or nil at the end of the file.
    /// - Throws: `TextError.invalidUTF8` with the file offset of the first bad byte, or
    ///   `TextError.unreadableFile` when reading fails.
    mutating func next() throws -> String? {
        while true {
            if skipLF {
                if start == end && !atEndOfFile { try fill(); continue }
                if start < end && buffer[start] == 0x0A { start += 1 }
                skipLF = false
            }
            // A line end in what is buffered?
            var i = start
            while i < end && buffer[i] != 0x0A && buffer[i] != 0x0D { i += 1 }
            if i < end || (atEndOfFile && start < end) {
                let line = try decode(start..<i)
                if i < end {
                    if buffer[i] == 0x0D {
                        if i + 1 < end { start = buffer[i + 1] == 0x0A ? i + 2 : i + 1 } else { start = i + 1; skipLF = true }
                    } else {
                        start = i + 1
                    }
                } else {
                    start = end
                }
                lineNumber += 1
                return line
            }
            if atEndOfFile { return nil }
            try fill()
        }
    }

    /// The bytes `range` of the buffer as strict UTF-8.
    private func decode(_ range: Range<Int>) throws -> String {
        try buffer.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[range])
            if let bad = TextFile.firstInvalidUTF8Offset(bytes) {
                throw TextError.invalidUTF8(path: path, byteOffset: bufferOffset + range.lowerBound + bad)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Reads the next chunk after the unread bytes (moved to the front; the buffer grows only for
    /// a line longer than it).
    private mutating func fill() throws {
        if start > 0 {
            let unread = end - start
            if unread > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + start, unread)
                }
            }
            bufferOffset += start
            start = 0
            end = unread
        }
        if buffer.count - end < Self.chunkSize / 2 {
            buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, Self.chunkSize)))
        }
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { b in read(descriptor, b.baseAddress! + end, b.count - end) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                throw TextError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { atEndOfFile = true } else { end += n }
            return
        }
    }
}
