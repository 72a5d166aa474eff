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
}
