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
/// Every routine still calls BLAS (`daxpy`, `dcopy`, `dscal`, `idamax`, …) on each block; the dot
/// products are `DotKernels`' (the reference BLAS's `ddot`/`dsdot` bit for bit, four blocks side by
/// side) unless `DEMARCHE_BLAS=system` asks for the linked BLAS's. Reductions are made per block and
/// added in block order, so the results depend only on the vector length, never on the number of
/// workers or on scheduling: same inputs, same bits.
struct BlockedVectors {
    /// Doubles per block.
    static let blockSize = 4096
    /// Vectors shorter than this are handled on the calling thread (spawning costs more).
    static let parallelThreshold = 1 << 16

    let count: Int
    let blockCount: Int
    let workerCount: Int
    /// Dot products by `DotKernels` (the reference BLAS's bits) rather than the linked BLAS.
    let kernels: Bool

    /// - Parameters:
    ///   - count: the vector length.
    ///   - threadCount: workers; `0` means every active core.
    ///   - kernels: form dot products with `DotKernels` (default: unless `DEMARCHE_BLAS=system`).
    init(count: Int, threadCount: Int, kernels: Bool = DotKernels.enabled) {
        BLAS.singleThreaded
        self.kernels = kernels
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

    /// Runs `prepare(start, length)` on every block, then forms the block's dot product `x · y`
    /// over the same range, and adds the blocks' dot products in block order.
    ///
    /// With `DotKernels.enabled` (the default) each worker prepares four blocks, then forms their
    /// four dot products side by side (`DotKernels.dsdot4`: the reference BLAS's bits, four
    /// dependency chains in flight instead of one); otherwise each block's dot product is the
    /// linked BLAS's `dsdot`.
    @inline(__always)
    private func sumOfDots(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, prepare: (Int, Int) -> Void) -> Double {
        sumOfBlockDots(x, y, prepare: prepare,
                       four: { DotKernels.dsdot4($0, $1, $2, $3, $4, $5, $6, $7, count: $8) },
                       one: { kernels, x, y, n in kernels ? DotKernels.dsdot(x, y, count: n) : BLAS.dot(x, y, count: n) })
    }

    /// The double-precision twin of `sumOfDots` (`DotKernels.ddot4` / BLAS `ddot`).
    @inline(__always)
    private func sumOfDots(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, prepare: (Int, Int) -> Void) -> Double {
        sumOfBlockDots(x, y, prepare: prepare,
                       four: { DotKernels.ddot4($0, $1, $2, $3, $4, $5, $6, $7, count: $8) },
                       one: { kernels, x, y, n in kernels ? DotKernels.ddot(x, y, count: n) : BLAS.dot(x, y, count: n) })
    }

    /// The blocks' dot products on the workers, summed in block order: with the kernels four whole
    /// blocks at a time (`four`), the rest one block at a time (`one`, given whether the kernels
    /// are on).
    @inline(__always)
    private func sumOfBlockDots<T>(
        _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, prepare: (Int, Int) -> Void,
        four: (UnsafePointer<T>, UnsafePointer<T>, UnsafePointer<T>, UnsafePointer<T>, UnsafePointer<T>, UnsafePointer<T>,
               UnsafePointer<T>, UnsafePointer<T>, Int) -> (Double, Double, Double, Double),
        one: (Bool, UnsafePointer<T>, UnsafePointer<T>, Int) -> Double
    ) -> Double {
        var partial = [Double](repeating: 0, count: blockCount)
        let n = count, size = Self.blockSize, kernels = self.kernels
        partial.withUnsafeMutableBufferPointer { pp in
            let p = pp.baseAddress!
            Parallel.forEachChunk(count: blockCount, chunkCount: workerCount) { _, blocks in
                var b = blocks.lowerBound
                if kernels {
                    // Four whole blocks at a time (every block but the last is whole).
                    while b + 4 <= blocks.upperBound && (b + 4) * size <= n {
                        let s = b * size
                        for j in 0..<4 { prepare(s + j * size, size) }
                        let r = four(x + s, y + s, x + s + size, y + s + size,
                                     x + s + 2 * size, y + s + 2 * size, x + s + 3 * size, y + s + 3 * size, size)
                        p[b] = r.0; p[b + 1] = r.1; p[b + 2] = r.2; p[b + 3] = r.3
                        b += 4
                    }
                }
                while b < blocks.upperBound {
                    let start = b * size, length = min(size, n - start)
                    prepare(start, length)
                    p[b] = one(kernels, x + start, y + start, length)
                    b += 1
                }
            }
        }
        var total = 0.0
        for v in partial { total += v }
        return total
    }

    /// `x · y`.
    /// - Complexity: O(count).
    func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        sumOfDots(x, y) { _, _ in }
    }

    /// `y ← beta·diag(d)·x` (`beta·x` without a diagonal), then returns `z · y`, block by block.
    /// - Complexity: O(count).
    func copyScaleThenDot(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, beta: Double,
                          diagonal d: UnsafePointer<Double>? = nil, _ z: UnsafePointer<Double>) -> Double {
        sumOfDots(z, UnsafePointer(y)) { start, length in
            BLAS.copy(x + start, y + start, count: length)
            if let d { BLAS.diagonalMultiply(d + start, y + start, count: length) }
            BLAS.scale(beta, y + start, count: length)
        }
    }

    /// `y ← beta·(alpha·x + y)`; returns `x · x`, block by block (an L2 penalty's gradient and value).
    /// - Complexity: O(count).
    func penalize(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, beta: Double) -> Double {
        sumOfDots(x, x) { start, length in
            BLAS.axpy(alpha, x + start, y + start, count: length)
            BLAS.scale(beta, y + start, count: length)
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
        sumOfDots(z, UnsafePointer(q)) { start, length in
            Self.narrow(x + start, into: q + start, count: length)
        }
    }

    /// `y ← alpha·x + y`, then returns `z · y` (the updated `y`), block by block.
    /// - Complexity: O(count).
    func axpyThenDot(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                     _ z: UnsafePointer<Float>) -> Double {
        sumOfDots(z, UnsafePointer(y)) { start, length in
            BLAS.axpy(alpha, x + start, y + start, count: length)
        }
    }

    /// `y ← alpha·x + y`, then `y ← beta·diag(d)·y` (`beta·y` without a diagonal), then returns
    /// `z · y`, block by block.
    /// - Complexity: O(count).
    func axpyScaleThenDot(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                          beta: Float, diagonal d: UnsafePointer<Float>? = nil, _ z: UnsafePointer<Float>) -> Double {
        sumOfDots(z, UnsafePointer(y)) { start, length in
            BLAS.axpy(alpha, x + start, y + start, count: length)
            if let d { BLAS.diagonalMultiply(d + start, y + start, count: length) }
            BLAS.scale(beta, y + start, count: length)
        }
    }

    /// `y ← alpha·x + y` (single precision), then `out ← beta·Double(y)`, then returns `z · out`, block by block.
    /// - Complexity: O(count).
    func axpyWidenThenDot(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, beta: Double,
                          into out: UnsafeMutablePointer<Double>, _ z: UnsafePointer<Double>) -> Double {
        sumOfDots(z, UnsafePointer(out)) { start, length in
            BLAS.axpy(alpha, x + start, y + start, count: length)
            Self.widen(y + start, into: out + start, count: length)
            BLAS.scale(beta, out + start, count: length)
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
            let n = count, size = Self.blockSize, kernels = self.kernels
            Parallel.forEachChunk(count: blockCount, chunkCount: workerCount) { _, range in
                func fill(_ start: Int, _ length: Int) {
                    for i in start..<(start + length) {
                        s[i] = Float(x1[i] - x0[i])
                        y[i] = Float(g1[i] - g0[i])
                    }
                }
                var b = range.lowerBound
                if kernels {
                    // Two whole blocks at a time: their sᵀy and yᵀy side by side (`DotKernels.dsdot4`).
                    while b + 2 <= range.upperBound && (b + 2) * size <= n {
                        let t = b * size, u = t + size
                        fill(t, size)
                        fill(u, size)
                        let r = DotKernels.dsdot4(s + t, y + t, y + t, y + t, s + u, y + u, y + u, y + u, count: size)
                        p[b] = r.0; p[blocks + b] = r.1; p[b + 1] = r.2; p[blocks + b + 1] = r.3
                        b += 2
                    }
                }
                while b < range.upperBound {
                    let start = b * size, length = min(size, n - start)
                    fill(start, length)
                    if kernels {
                        p[b] = DotKernels.dsdot(s + start, y + start, count: length)
                        p[blocks + b] = DotKernels.dsdot(y + start, y + start, count: length)
                    } else {
                        p[b] = BLAS.dot(UnsafePointer(s + start), UnsafePointer(y + start), count: length)
                        p[blocks + b] = BLAS.dot(UnsafePointer(y + start), UnsafePointer(y + start), count: length)
                    }
                    b += 1
                }
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
        sumOfDots(y, UnsafePointer(scratch)) { start, length in
            BLAS.copy(y + start, scratch + start, count: length)
            BLAS.diagonalMultiply(d + start, scratch + start, count: length)
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
