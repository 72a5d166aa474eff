/// BLAS level 1 over long vectors, cut into fixed blocks that are spread over cores.
///
/// The optimiser's vectors hold every weight (hundreds of thousands to millions of doubles), so its
/// level-1 work is bound by memory traffic, not arithmetic. Two things cut that traffic here:
///
/// - **Blocks.** A vector is cut into blocks of `blockSize` doubles (32 KB). Operations that the
///   L-BFGS recursion does one after the other on the same vectors (an `axpy`, then a dot product
///   with the updated vector) run block by block, so the second BLAS call finds its operands in
///   cache instead of streaming them from memory again.
/// - **Cores.** Contiguous runs of blocks go to the workers of `Parallel`.
///
/// Every routine still calls BLAS (`ddot`, `daxpy`, `dcopy`, `dscal`, `idamax`) on each block.
/// Reductions are made per block and added in block order, so the results depend only on the vector
/// length, never on the number of workers or on scheduling: same inputs, same bits.
struct BlockedVectors {
    /// Doubles per block.
    static let blockSize = 4096
    /// Vectors shorter than this are handled on the calling thread (spawning costs more).
    static let parallelThreshold = 1 << 16

    let count: Int
    let blockCount: Int
    let workerCount: Int

    /// - Parameters:
    ///   - count: the vector length.
    ///   - threadCount: workers; `0` means every active core.
    init(count: Int, threadCount: Int) {
        BLAS.singleThreaded
        self.count = count
        blockCount = max(1, (count + Self.blockSize - 1) / Self.blockSize)
        workerCount = count < Self.parallelThreshold ? 1 : min(blockCount, Parallel.workerCount(requested: threadCount))
    }

    /// Calls `body(block, start, length)` for every block, blocks split over the workers.
    @inline(__always)
    private func forEachBlock(_ body: (Int, Int, Int) -> Void) {
        let n = count, size = Self.blockSize
        Parallel.forEachChunk(count: blockCount, chunkCount: workerCount) { _, blocks in
            for b in blocks {
                let start = b * size
                body(b, start, min(size, n - start))
            }
        }
    }

    /// Runs `body` per block, collecting one `Double` per block, and adds them in block order.
    @inline(__always)
    private func sumOverBlocks(_ body: (Int, Int) -> Double) -> Double {
        var partial = [Double](repeating: 0, count: blockCount)
        partial.withUnsafeMutableBufferPointer { pp in
            let p = pp.baseAddress!
            forEachBlock { b, start, length in p[b] = body(start, length) }
        }
        var total = 0.0
        for v in partial { total += v }
        return total
    }

    /// `x · y`.
    /// - Complexity: O(count).
    func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        sumOverBlocks { start, length in BLAS.dot(x + start, y + start, count: length) }
    }

    /// `y ← beta·diag(d)·x` (`beta·x` without a diagonal), then returns `z · y`, block by block.
    /// - Complexity: O(count).
    func copyScaleThenDot(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, beta: Double,
                          diagonal d: UnsafePointer<Double>? = nil, _ z: UnsafePointer<Double>) -> Double {
        sumOverBlocks { start, length in
            BLAS.copy(x + start, y + start, count: length)
            if let d { BLAS.diagonalMultiply(d + start, y + start, count: length) }
            BLAS.scale(beta, y + start, count: length)
            return BLAS.dot(z + start, y + start, count: length)
        }
    }

    /// `y ← beta·(alpha·x + y)`; returns `x · x`, block by block (an L2 penalty's gradient and value).
    /// - Complexity: O(count).
    func penalize(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, beta: Double) -> Double {
        sumOverBlocks { start, length in
            BLAS.axpy(alpha, x + start, y + start, count: length)
            BLAS.scale(beta, y + start, count: length)
            return BLAS.dot(x + start, x + start, count: length)
        }
    }

    /// `y ← x + alpha·d` (a point along a search direction).
    /// - Complexity: O(count).
    func step(from x: UnsafePointer<Double>, _ alpha: Double, along d: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        forEachBlock { _, start, length in
            BLAS.copy(x + start, y + start, count: length)
            BLAS.axpy(alpha, d + start, y + start, count: length)
        }
    }

    /// `‖x‖∞` (NaN when any block's largest element is NaN is not guaranteed; callers check
    /// finiteness of the objective separately, as with `BLAS.maxAbs`).
    /// - Complexity: O(count).
    func maxAbs(_ x: UnsafePointer<Double>) -> Double {
        var partial = [Double](repeating: 0, count: blockCount)
        partial.withUnsafeMutableBufferPointer { pp in
            let p = pp.baseAddress!
            forEachBlock { b, start, length in p[b] = BLAS.maxAbs(x + start, count: length) }
        }
        return partial.max() ?? 0
    }

    // MARK: Single-precision vectors (the L-BFGS correction history)
    //
    // The history's pairs are read twice per iteration by the two-loop recursion, which makes it the
    // largest memory traffic of the optimiser after the objective: stored in single precision it is
    // halved. Dot products still accumulate in double precision (`dsdot`); conversions between the
    // double-precision iterates and the single-precision vectors are the only loops written here.

    /// `q ← Float(x)`, then returns `z · q`, block by block.
    /// - Complexity: O(count).
    func narrowThenDot(_ x: UnsafePointer<Double>, into q: UnsafeMutablePointer<Float>, _ z: UnsafePointer<Float>) -> Double {
        sumOverBlocks { start, length in
            Self.narrow(x + start, into: q + start, count: length)
            return BLAS.dot(z + start, UnsafePointer(q + start), count: length)
        }
    }

    /// `y ← alpha·x + y`, then returns `z · y` (the updated `y`), block by block.
    /// - Complexity: O(count).
    func axpyThenDot(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                     _ z: UnsafePointer<Float>) -> Double {
        sumOverBlocks { start, length in
            BLAS.axpy(alpha, x + start, y + start, count: length)
            return BLAS.dot(z + start, UnsafePointer(y + start), count: length)
        }
    }

    /// `y ← alpha·x + y`, then `y ← beta·diag(d)·y` (`beta·y` without a diagonal), then returns
    /// `z · y`, block by block.
    /// - Complexity: O(count).
    func axpyScaleThenDot(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                          beta: Float, diagonal d: UnsafePointer<Float>? = nil, _ z: UnsafePointer<Float>) -> Double {
        sumOverBlocks { start, length in
            BLAS.axpy(alpha, x + start, y + start, count: length)
            if let d { BLAS.diagonalMultiply(d + start, y + start, count: length) }
            BLAS.scale(beta, y + start, count: length)
            return BLAS.dot(z + start, UnsafePointer(y + start), count: length)
        }
    }

    /// `y ← alpha·x + y` (single precision), then `out ← beta·Double(y)`, then returns `z · out`, block by block.
    /// - Complexity: O(count).
    func axpyWidenThenDot(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, beta: Double,
                          into out: UnsafeMutablePointer<Double>, _ z: UnsafePointer<Double>) -> Double {
        sumOverBlocks { start, length in
            BLAS.axpy(alpha, x + start, y + start, count: length)
            Self.widen(y + start, into: out + start, count: length)
            BLAS.scale(beta, out + start, count: length)
            return BLAS.dot(z + start, out + start, count: length)
        }
    }

    /// `s ← Float(x₁ − x₀)` and `y ← Float(g₁ − g₀)` (an L-BFGS correction pair, differences taken in
    /// double precision); returns `(sᵀy, yᵀy)` of the stored single-precision vectors.
    /// - Complexity: O(count).
    func correctionPair(x0: UnsafePointer<Double>, x1: UnsafePointer<Double>, g0: UnsafePointer<Double>, g1: UnsafePointer<Double>,
                        s: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>) -> (sy: Double, yy: Double) {
        var partial = [Double](repeating: 0, count: 2 * blockCount)
        let blocks = blockCount
        partial.withUnsafeMutableBufferPointer { pp in
            let p = pp.baseAddress!
            forEachBlock { b, start, length in
                for i in start..<(start + length) {
                    s[i] = Float(x1[i] - x0[i])
                    y[i] = Float(g1[i] - g0[i])
                }
                p[b] = BLAS.dot(UnsafePointer(s + start), UnsafePointer(y + start), count: length)
                p[blocks + b] = BLAS.dot(UnsafePointer(y + start), UnsafePointer(y + start), count: length)
            }
        }
        var sy = 0.0, yy = 0.0
        for b in 0..<blocks {
            sy += partial[b]
            yy += partial[blocks + b]
        }
        return (sy, yy)
    }

    /// `yᵀ·diag(d)·y` in single precision with a double-precision sum, using `scratch` (`count` floats).
    /// - Complexity: O(count).
    func weightedSquaredNorm(_ y: UnsafePointer<Float>, diagonal d: UnsafePointer<Float>,
                             scratch: UnsafeMutablePointer<Float>) -> Double {
        sumOverBlocks { start, length in
            BLAS.copy(y + start, scratch + start, count: length)
            BLAS.diagonalMultiply(d + start, scratch + start, count: length)
            return BLAS.dot(y + start, UnsafePointer(scratch + start), count: length)
        }
    }

    @inline(__always)
    private static func narrow(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = Float(x[i]) }
    }

    @inline(__always)
    private static func widen(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { y[i] = Double(x[i]) }
    }
}
