import Foundation

/// Writes a file all at once or not at all: to a temporary file beside it, flushed to disk, then
/// renamed over it.
///
/// The temporary file is named `.NAME.partial-PID` (hidden, next to `NAME`, with the writing
/// process's id). A process killed while writing (`kill -9`, a power cut) leaves one behind; the
/// next write to the same path removes every such file whose process is gone, so leftovers never
/// pile up. (Foundation's `.atomic` option names its temporary `.dat.nosyncXXXX` and never cleans
/// up after an interrupted write.)
enum AtomicFile {
    /// Writes `data` to `path` atomically.
    /// - Parameter what: what is written, for messages ("the model").
    /// - Throws: `StanceError.io` naming the path and the reason (no space left, permission …);
    ///   the file at `path` is then what it was before, and no temporary file is left.
    static func write(_ data: Data, to path: String, what: String) throws {
        try data.withUnsafeBytes { raw in
            try write(pieceCount: 1, to: path, what: what) { _, body in try body(raw) }
        }
    }

    /// Writes the concatenation of `pieces` to `path` atomically, piece after piece (no joined copy).
    /// - Throws: as `write(_:to:what:)`.
    static func write(pieces: [[UInt8]], to path: String, what: String) throws {
        try write(pieceCount: pieces.count, to: path, what: what) { k, body in
            try pieces[k].withUnsafeBytes { try body($0) }
        }
    }

    /// Writes pieces `0..<pieceCount`, each handed to `body` by `piece`, in order, atomically.
    private static func write(pieceCount: Int, to path: String, what: String,
                              piece: (Int, (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        removeStalePartials(of: name, in: directory)
        let temporary = (directory as NSString).appendingPathComponent(partialPrefix(of: name) + "\(getpid())")
        func failure(_ code: Int32) -> StanceError {
            unlink(temporary)
            return .io(path: path, message: "cannot write \(what): \(String(cString: strerror(code)))")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StanceError.io(path: path, message: "cannot write \(what): \(String(cString: strerror(errno)))") }
        var written: Int32? = nil
        for k in 0..<pieceCount where written == nil {
            try piece(k) { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { written = n < 0 ? errno : EIO; return }
                    offset += n
                }
            }
        }
        if let code = written { close(fd); throw failure(code) }
        // On disk before the rename, so a crash cannot leave a renamed but empty file.
        if fsync(fd) != 0 { let code = errno; close(fd); throw failure(code) }
        if close(fd) != 0 { throw failure(errno) }
        if rename(temporary, path) != 0 { throw failure(errno) }
    }

    /// `.NAME.partial-`: the start of every temporary file of `NAME`.
    static func partialPrefix(of name: String) -> String { "." + name + ".partial-" }

    /// Removes `.NAME.partial-PID` files in `directory` whose process no longer runs.
    static func removeStalePartials(of name: String, in directory: String) {
        let prefix = partialPrefix(of: name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)) else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                unlink((directory as NSString).appendingPathComponent(entry))
            }
        }
    }
}
