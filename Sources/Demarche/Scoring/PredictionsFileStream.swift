import Foundation

/// The `eval --predictions` file written while the rows are scored: the scoring workers hand in
/// consecutive pieces (one per chunk of rows, in any order), a thread of its own writes each as
/// soon as the pieces before it are written and drops it, and `commit()` makes the file appear at
/// its path as `AtomicFile` does (temporary `.NAME.partial-PID` beside it, flushed, renamed).
///
/// Why: after the parallel scoring, formatting the lines and writing and flushing ~70 MB (200,000
/// rows) ran on one thread while the other core idled; written during the scoring, the file's
/// pages are mostly on disk by the end (a data sync every few pieces), and each piece is freed
/// once written instead of all of them being held to the end.
final class PredictionsFileStream: @unchecked Sendable {
    private let path: String
    private let temporary: String
    private var fd: Int32
    private let condition = NSCondition()
    private var pieces: [[UInt8]?]
    private var failed: Int32? = nil
    private var finished = false
    /// Pieces written between two data syncs.
    private static let syncEvery = 8

    /// Opens the temporary file for `pieceCount` pieces and starts the writing thread.
    /// - Throws: `StanceError.io` when the temporary file cannot be created.
    init(path: String, pieceCount: Int) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        AtomicFile.removeStalePartials(of: name, in: directory)
        temporary = (directory as NSString).appendingPathComponent(AtomicFile.partialPrefix(of: name) + "\(getpid())")
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StanceError.io(path: path, message: "cannot write predictions: \(String(cString: strerror(errno)))") }
        pieces = [[UInt8]?](repeating: nil, count: pieceCount)
        Thread.detachNewThread { [self] in writeAll() }
    }

    /// Hands in piece `index` (called once per piece, from any thread).
    func put(_ index: Int, _ bytes: [UInt8]) {
        condition.lock()
        pieces[index] = bytes
        condition.broadcast()
        condition.unlock()
    }

    /// The writing thread: piece after piece, in order.
    private func writeAll() {
        for k in pieces.indices {
            condition.lock()
            while pieces[k] == nil { condition.wait() }
            let piece = pieces[k]!
            pieces[k] = []  // freed once written
            let ok = failed == nil
            condition.unlock()
            guard ok else { continue }
            let code: Int32? = piece.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return n < 0 ? errno : EIO }
                    offset += n
                }
                // Start the pages on their way to disk while the rows are still being scored.
                if (k + 1) % Self.syncEvery == 0 && fdatasync(fd) != 0 { return errno }
                return nil
            }
            if let code {
                condition.lock(); failed = code; condition.unlock()
            }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for every piece to be written (every piece must have been handed in).
    private func waitForWriter() -> Int32? {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
        return failed
    }

    /// Waits for the writing, flushes the file to disk and renames it to its path.
    /// - Throws: `StanceError.io`; the file at the path is then as it was, and no temporary is left.
    func commit() throws {
        func failure(_ code: Int32) -> StanceError {
            unlink(temporary)
            return .io(path: path, message: "cannot write predictions: \(String(cString: strerror(code)))")
        }
        if let code = waitForWriter() { close(fd); fd = -1; throw failure(code) }
        // On disk before the rename, so a crash cannot leave a renamed but empty file.
        if fsync(fd) != 0 { let code = errno; close(fd); fd = -1; throw failure(code) }
        let closed = close(fd)
        fd = -1
        if closed != 0 { throw failure(errno) }
        if rename(temporary, path) != 0 { throw failure(errno) }
    }

    /// Gives up: waits for the writing thread (every piece must have been handed in), closes and
    /// removes the temporary file. The file at the path is left as it was.
    func abandon() {
        _ = waitForWriter()
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporary)
    }
}
