import Foundation

/// Times `DotKernels` against the linked BLAS on this machine (`demarche benchmark-kernels`): the
/// evidence DESIGN.md asks for before a hand-written kernel replaces a BLAS call. Each case runs
/// both ways on the same data, alternating, and reports the best time of each and whether the
/// results are bit for bit equal.
public enum KernelBenchmark {
    /// One case's outcome.
    public struct Outcome: Sendable {
        /// What was timed.
        public let name: String
        /// Best seconds per call with the linked BLAS.
        public let blasSeconds: Double
        /// Best seconds per call with `DotKernels`.
        public let kernelSeconds: Double
        /// Whether both gave the same bits.
        public let sameBits: Bool
    }

    /// Runs the cases over vectors of `length` elements (the 100k-row benchmark fit has ~777,000
    /// weights), `repetitions` alternating rounds each.
    public static func run(length: Int = 777_030, repetitions: Int = 15) -> [Outcome] {
        var g = SplitMix64(seed: 7)
        let x = (0..<length).map { _ in Float(Double.random(in: -1...1, using: &g)) }
        let z = (0..<length).map { _ in Float(Double.random(in: -1...1, using: &g)) }
        let xd = (0..<length).map { _ in Double.random(in: -1...1, using: &g) }
        let zd = (0..<length).map { _ in Double.random(in: -1...1, using: &g) }
        var outcomes: [Outcome] = []
        func time(_ body: () -> Double) -> (Double, Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            let value = body()
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, value)
        }
        func compare(_ name: String, _ run: (Bool) -> Double) {
            var best = [Double.infinity, Double.infinity], values = [0.0, 0.0]
            for _ in 0..<repetitions {
                for (i, kernels) in [false, true].enumerated() {
                    let (seconds, value) = time { run(kernels) }
                    best[i] = min(best[i], seconds)
                    values[i] = value
                }
            }
            outcomes.append(Outcome(name: name, blasSeconds: best[0], kernelSeconds: best[1],
                                    sameBits: values[0].bitPattern == values[1].bitPattern))
        }
        x.withUnsafeBufferPointer { xp in z.withUnsafeBufferPointer { zp in
        xd.withUnsafeBufferPointer { xdp in zd.withUnsafeBufferPointer { zdp in
            let (x, z, xd, zd) = (xp.baseAddress!, zp.baseAddress!, xdp.baseAddress!, zdp.baseAddress!)
            let size = BlockedVectors.blockSize, blocks = length / size / 4 * 4
            compare("dsdot, \(blocks) blocks of \(size), one thread") { kernels in
                var total = 0.0
                var b = 0
                while b < blocks {
                    let s = b * size
                    if kernels {
                        let r = DotKernels.dsdot4(x + s, z + s, x + s + size, z + s + size, x + s + 2 * size, z + s + 2 * size,
                                                  x + s + 3 * size, z + s + 3 * size, count: size)
                        total += r.0; total += r.1; total += r.2; total += r.3
                    } else {
                        for j in 0..<4 { total += BLAS.dot(x + s + j * size, z + s + j * size, count: size) }
                    }
                    b += 4
                }
                return total
            }
            compare("ddot, \(blocks) blocks of \(size), one thread") { kernels in
                var total = 0.0
                var b = 0
                while b < blocks {
                    let s = b * size
                    if kernels {
                        let r = DotKernels.ddot4(xd + s, zd + s, xd + s + size, zd + s + size, xd + s + 2 * size, zd + s + 2 * size,
                                                 xd + s + 3 * size, zd + s + 3 * size, count: size)
                        total += r.0; total += r.1; total += r.2; total += r.3
                    } else {
                        for j in 0..<4 { total += BLAS.dot(xd + s + j * size, zd + s + j * size, count: size) }
                    }
                    b += 4
                }
                return total
            }
            var q = [Float](repeating: 0, count: length)
            q.withUnsafeMutableBufferPointer { qp in
                let q = qp.baseAddress!
                compare("BlockedVectors.axpyThenDot (saxpy + dsdot), \(length) floats, every core") { kernels in
                    let v = BlockedVectors(count: length, threadCount: 0, kernels: kernels)
                    BLAS.copy(z, q, count: length)
                    return v.axpyThenDot(0.5, x, q, z)
                }
            }
        }}}}
        return outcomes
    }

    /// Times one objective evaluation (scores `X·W` and gradient `Xᵀ·R`) with the gradient gathered over
    /// row tiles (`SoftmaxCrossEntropy.defaultRowTileRows`) and in one pass over each column (no row
    /// tiles), on a synthetic matrix shaped like the 1M-row benchmark's: `rows` rows of `perRow`
    /// entries whose columns follow Zipf's law over `columns` columns. `blasSeconds` holds the
    /// untiled time, `kernelSeconds` the tiled one; `sameBits` whether value and gradient are equal.
    public static func gather(rows: Int = 1_000_000, perRow: Int = 24, columns: Int = 1_000_000,
                              repetitions: Int = 9, threadCount: Int = 0) -> Outcome {
        var g = SplitMix64(seed: 11)
        var offsets = [Int](), indices = [Int32](), values = [Float]()
        offsets.reserveCapacity(rows + 1)
        indices.reserveCapacity(rows * perRow)
        values.reserveCapacity(rows * perRow)
        offsets.append(0)
        var row = [Int32]()
        for _ in 0..<rows {
            row.removeAll(keepingCapacity: true)
            for _ in 0..<perRow {
                // Log-uniform: column j drawn with probability ∝ 1/(j+1), Zipf's law of words.
                let u = Double.random(in: 0..<1, using: &g)
                row.append(Int32(min(columns - 1, Int(exp(u * log(Double(columns + 1)))) - 1)))
            }
            row.sort()
            var last: Int32 = -1
            for j in row where j != last {
                indices.append(j)
                values.append(Float.random(in: 0.01...1, using: &g))
                last = j
            }
            offsets.append(indices.count)
        }
        let m = SparseMatrix(unchecked: rows, columnCount: columns, rowOffsets: offsets, columnIndices: indices, values: values)
        offsets = []; indices = []; values = []
        let labels = (0..<rows).map { _ in Int.random(in: 0..<3, using: &g) }
        let newColumn = m.columnsByDecreasingFrequency()
        let point = (0..<(columns * 3 + 3)).map { _ in Double.random(in: -0.1...0.1, using: &g) }
        var best = [Double.infinity, Double.infinity]
        var results: [[UInt64]] = [[], []]
        let objectives = [Int.max / 2, SoftmaxCrossEntropy.defaultRowTileRows].map { tileRows in
            SoftmaxCrossEntropy(features: m, newColumn: newColumn, labels: labels, sampleWeights: [], classCount: 3, c: 1,
                                fitIntercept: true, threadCount: threadCount, strategy: .columnGather, rowTileRows: tileRows)
        }
        var gradient = [Double](repeating: 0, count: objectives[0].dimension)
        for round in 0..<repetitions {
            // Alternating which goes first, so drifting load hits both.
            for i in round % 2 == 0 ? [0, 1] : [1, 0] {
                let o = objectives[i]
                let start = DispatchTime.now().uptimeNanoseconds
                let value = point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { o.valueAndGradient(at: p, gradient: $0) } }
                best[i] = min(best[i], Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                results[i] = [value.bitPattern] + gradient.map(\.bitPattern)
            }
        }
        return Outcome(name: "objective value + gradient, \(rows) rows × \(columns) columns, \(m.nonzeroCount) entries; untiled vs row tiles of \(SoftmaxCrossEntropy.defaultRowTileRows)",
                       blasSeconds: best[0], kernelSeconds: best[1], sameBits: results[0] == results[1])
    }
}
