import Dispatch

/// Splits index ranges across cores with `concurrentPerform`.
enum Parallel {
    /// Calls `body` on contiguous chunks covering `0..<count`, concurrently; the chunking depends
    /// only on `count`, so results written by index are deterministic.
    static func forEachChunk(count: Int, minimumChunk: Int = 64, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = max(1, min(64, count / minimumChunk))
        let size = (count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let start = c * size
            if start < count { body(start..<min(count, start + size)) }
        }
    }
}
