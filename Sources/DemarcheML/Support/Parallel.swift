import Dispatch
import Foundation

/// Fixed, scheduling-independent work splitting over `DispatchQueue.concurrentPerform`.
///
/// Work is cut into contiguous chunks whose boundaries depend only on the item count and the
/// requested chunk count, never on which thread runs first, so anything reduced per chunk and then
/// combined in chunk order gives the same bits on every run.
public enum Parallel {
    /// The number of workers for a requested thread count: `0` means every active core.
    /// - Complexity: O(1).
    static func workerCount(requested: Int) -> Int {
        requested > 0 ? requested : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Chunk `index` of `chunkCount` near-equal contiguous chunks of `0..<count`.
    /// - Complexity: O(1).
    @inline(__always)
    static func chunk(_ index: Int, of chunkCount: Int, count: Int) -> Range<Int> {
        let base = count / chunkCount, extra = count % chunkCount
        let start = index * base + min(index, extra)
        return start..<(start + base + (index < extra ? 1 : 0))
    }

    /// Runs `body(chunkIndex, range)` for each of `chunkCount` contiguous chunks of `0..<count`,
    /// concurrently when `chunkCount > 1`.
    ///
    /// - Parameters:
    ///   - count: the number of items.
    ///   - chunkCount: how many chunks (clamped to `1...max(count, 1)`).
    ///   - body: called once per chunk, possibly concurrently; must only write chunk-owned memory.
    /// - Complexity: the cost of the bodies, divided across cores.
    static func forEachChunk(count: Int, chunkCount: Int, _ body: (Int, Range<Int>) -> Void) {
        let chunks = max(1, min(chunkCount, count))
        if chunks == 1 {
            body(0, 0..<count)
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = ChunkBody(call: body)
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                shared.call(index, chunk(index, of: chunks, count: count))
            }
        }
    }

    /// The body handed to the worker threads. `@unchecked Sendable` by the contract of
    /// ``forEachChunk(count:chunkCount:_:)``: each call writes only memory its chunk owns and
    /// reads only what no call writes, so the calls do not race; `concurrentPerform` returns only
    /// after every call has, so the body does not outlive the caller's borrow.
    private struct ChunkBody: @unchecked Sendable {
        let call: (Int, Range<Int>) -> Void
    }

    /// Calls `body` on contiguous chunks of `0..<count`, concurrently: at most 64 chunks of at
    /// least `minimumChunk` items, so small inputs stay on one thread. The chunking depends only
    /// on `count`, so anything written by index is deterministic.
    /// - Complexity: the cost of the bodies, divided across cores.
    public static func forEachChunk(count: Int, minimumChunk: Int = 64, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = max(1, min(64, count / max(1, minimumChunk)))
        forEachChunk(count: count, chunkCount: chunks) { _, range in body(range) }
    }
}
