import XCTest
@testable import DemarcheML

/// `BlockedVectors` against plain loops, and the same bits for any number of workers.
final class BlockedVectorsTests: XCTestCase {
    /// Lengths around the block size and the parallel threshold, plus a long one.
    private let lengths = [0, 1, 7, BlockedVectors.blockSize - 1, BlockedVectors.blockSize + 3,
                           BlockedVectors.parallelThreshold + 5, 300_001]

    private func vector(_ n: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int64(bitPattern: state >> 11) % 2001 - 1000) / 997
        }
    }

    private func naiveDot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    func test_doublePrecisionPasses_matchPlainLoops() {
        for n in lengths {
            let x = vector(n, seed: 1), z = vector(n, seed: 2), d = vector(n, seed: 3).map { abs($0) + 0.5 }
            let v = BlockedVectors(count: n, threadCount: 2)
            let tolerance = 1e-9 * Double(max(n, 1))

            XCTAssertEqual(x.withUnsafeBufferPointer { xp in z.withUnsafeBufferPointer { v.dot(xp.baseAddress!, $0.baseAddress!) } },
                           naiveDot(x, z), accuracy: tolerance)
            XCTAssertEqual(x.withUnsafeBufferPointer { v.maxAbs($0.baseAddress!) }, x.map(abs).max() ?? 0)

            var trial = [Double](repeating: .nan, count: n)
            trial.withUnsafeMutableBufferPointer { tp in
                x.withUnsafeBufferPointer { xp in z.withUnsafeBufferPointer { v.step(from: xp.baseAddress!, 0.5, along: $0.baseAddress!, into: tp.baseAddress!) } }
            }
            XCTAssertEqual(trial, zip(x, z).map { $0 + 0.5 * $1 })

            var negated = [Double](repeating: .nan, count: n)
            let slope = negated.withUnsafeMutableBufferPointer { np in x.withUnsafeBufferPointer { xp in d.withUnsafeBufferPointer { dp in
                v.copyScaleThenDot(xp.baseAddress!, np.baseAddress!, beta: -1, diagonal: dp.baseAddress!, xp.baseAddress!)
            } } }
            XCTAssertEqual(negated, zip(x, d).map { -($0 * $1) })
            XCTAssertEqual(slope, naiveDot(negated, x), accuracy: tolerance)

            var penalized = z
            let squared = penalized.withUnsafeMutableBufferPointer { pp in x.withUnsafeBufferPointer { v.penalize(0.25, $0.baseAddress!, pp.baseAddress!, beta: 2) } }
            for i in 0..<n { XCTAssertEqual(penalized[i], 2 * (z[i] + 0.25 * x[i]), accuracy: 1e-12) }
            XCTAssertEqual(squared, naiveDot(x, x), accuracy: tolerance)
        }
    }

    /// The single-precision passes of the L-BFGS history: stored values are the rounded double
    /// results, dot products are accumulated in double precision.
    func test_singlePrecisionPasses_matchPlainLoops() {
        for n in lengths {
            let xd = vector(n, seed: 21), x1 = vector(n, seed: 22), g0 = vector(n, seed: 23), g1 = vector(n, seed: 24)
            let x = vector(n, seed: 25).map(Float.init), z = vector(n, seed: 26).map(Float.init)
            let d = vector(n, seed: 27).map { Float(abs($0) + 0.5) }
            let v = BlockedVectors(count: n, threadCount: 2)
            let tolerance = 1e-5 * Double(max(n, 1))
            func dot(_ a: [Float], _ b: [Float]) -> Double { zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) } }

            var q = [Float](repeating: .nan, count: n)
            var got = q.withUnsafeMutableBufferPointer { qp in xd.withUnsafeBufferPointer { xp in z.withUnsafeBufferPointer {
                v.narrowThenDot(xp.baseAddress!, into: qp.baseAddress!, $0.baseAddress!)
            } } }
            XCTAssertEqual(q, xd.map(Float.init), "narrow, n=\(n)")
            XCTAssertEqual(got, dot(z, q), accuracy: tolerance)

            var expected = zip(q, x).map { $0 + Float(0.75) * $1 }
            got = q.withUnsafeMutableBufferPointer { qp in x.withUnsafeBufferPointer { xp in z.withUnsafeBufferPointer {
                v.axpyThenDot(0.75, xp.baseAddress!, qp.baseAddress!, $0.baseAddress!)
            } } }
            for i in 0..<n { XCTAssertEqual(q[i], expected[i], accuracy: 1e-5, "saxpy, n=\(n), i=\(i)") }
            XCTAssertEqual(got, dot(z, q), accuracy: tolerance)

            expected = (0..<n).map { i in (q[i] - 2 * x[i]) * d[i] * 0.5 }
            got = q.withUnsafeMutableBufferPointer { qp in x.withUnsafeBufferPointer { xp in d.withUnsafeBufferPointer { dp in
                z.withUnsafeBufferPointer { v.axpyScaleThenDot(-2, xp.baseAddress!, qp.baseAddress!, beta: 0.5, diagonal: dp.baseAddress!, $0.baseAddress!) }
            } } }
            for i in 0..<n { XCTAssertEqual(q[i], expected[i], accuracy: 1e-4, "diagonal scaling, n=\(n), i=\(i)") }
            XCTAssertEqual(got, dot(z, q), accuracy: tolerance)

            let before = q
            var out = [Double](repeating: .nan, count: n)
            got = q.withUnsafeMutableBufferPointer { qp in x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { op in
                xd.withUnsafeBufferPointer { v.axpyWidenThenDot(0.25, xp.baseAddress!, qp.baseAddress!, beta: -1, into: op.baseAddress!, $0.baseAddress!) }
            } } }
            for i in 0..<n {
                XCTAssertEqual(q[i], before[i] + 0.25 * x[i], accuracy: 1e-5, "saxpy before widening, i=\(i)")
                XCTAssertEqual(out[i], -Double(q[i]), "widened and negated, i=\(i)")
            }
            XCTAssertEqual(got, zip(out, xd).reduce(0) { $0 + $1.0 * $1.1 }, accuracy: 1e-9 * Double(max(n, 1)))

            var s = [Float](repeating: .nan, count: n), y = [Float](repeating: .nan, count: n)
            let (sy, yy) = s.withUnsafeMutableBufferPointer { sp in y.withUnsafeMutableBufferPointer { yp in
                xd.withUnsafeBufferPointer { x0p in x1.withUnsafeBufferPointer { x1p in
                    g0.withUnsafeBufferPointer { g0p in g1.withUnsafeBufferPointer { g1p in
                        v.correctionPair(x0: x0p.baseAddress!, x1: x1p.baseAddress!, g0: g0p.baseAddress!, g1: g1p.baseAddress!,
                                         s: sp.baseAddress!, y: yp.baseAddress!)
                    } }
                } }
            } }
            XCTAssertEqual(s, zip(x1, xd).map { Float($0 - $1) }, "s rounded from the double difference")
            XCTAssertEqual(y, zip(g1, g0).map { Float($0 - $1) })
            XCTAssertEqual(sy, dot(s, y), accuracy: tolerance)
            XCTAssertEqual(yy, dot(y, y), accuracy: tolerance)

            var scratch = [Float](repeating: 0, count: n)
            let weighted = x.withUnsafeBufferPointer { xp in d.withUnsafeBufferPointer { dp in scratch.withUnsafeMutableBufferPointer {
                v.weightedSquaredNorm(xp.baseAddress!, diagonal: dp.baseAddress!, scratch: $0.baseAddress!)
            } } }
            XCTAssertEqual(weighted, (0..<n).reduce(0) { $0 + Double(x[$1] * d[$1]) * Double(x[$1]) }, accuracy: tolerance)
        }
    }

    func test_results_doNotDependOnWorkerCount() {
        let n = 300_001
        let x = vector(n, seed: 11).map(Float.init), z = vector(n, seed: 12).map(Float.init)
        let g = vector(n, seed: 14)
        var results: [(Double, [Float], Double, [Double])] = []
        for threads in [1, 2, 3, 8] {
            var y = vector(n, seed: 13).map(Float.init)
            var p = vector(n, seed: 16)
            let v = BlockedVectors(count: n, threadCount: threads)
            let dot = y.withUnsafeMutableBufferPointer { yp in
                x.withUnsafeBufferPointer { xp in z.withUnsafeBufferPointer { v.axpyThenDot(-0.3, xp.baseAddress!, yp.baseAddress!, $0.baseAddress!) } }
            }
            let squared = p.withUnsafeMutableBufferPointer { pp in g.withUnsafeBufferPointer { v.penalize(0.5, $0.baseAddress!, pp.baseAddress!, beta: 0.1) } }
            results.append((dot, y, squared, p))
        }
        for r in results.dropFirst() {
            XCTAssertEqual(r.0.bitPattern, results[0].0.bitPattern)
            XCTAssertEqual(r.1, results[0].1)
            XCTAssertEqual(r.2.bitPattern, results[0].2.bitPattern)
            XCTAssertEqual(r.3, results[0].3)
        }
    }

    /// `DotKernels` (the default) and the linked BLAS's dot products give the same bits in every
    /// pass, whatever the worker count: the kernels only change how fast the reference sums are formed.
    func test_kernels_giveTheBLASBits() {
        for n in [1, 4096 * 3 + 17, 4096 * 8, 4096 * 9 + 1, 300_001] {
            let x = vector(n, seed: 31).map(Float.init), z = vector(n, seed: 32).map(Float.init)
            let d = vector(n, seed: 33).map { Float(abs($0) + 0.5) }
            let xd = vector(n, seed: 34), zd = vector(n, seed: 35), g0 = vector(n, seed: 36), g1 = vector(n, seed: 37)
            var runs: [[UInt64]] = []
            var vectors: [[Float]] = []
            for (kernels, threads) in [(false, 1), (true, 1), (true, 2), (true, 3)] {
                let v = BlockedVectors(count: n, threadCount: threads, kernels: kernels)
                var bits: [UInt64] = []
                var q = [Float](repeating: 0, count: n), out = [Double](repeating: 0, count: n)
                var s = [Float](repeating: 0, count: n), y = [Float](repeating: 0, count: n), scratch = [Float](repeating: 0, count: n)
                var p = zd
                q.withUnsafeMutableBufferPointer { qp in out.withUnsafeMutableBufferPointer { op in
                s.withUnsafeMutableBufferPointer { sp in y.withUnsafeMutableBufferPointer { yp in
                scratch.withUnsafeMutableBufferPointer { cp in p.withUnsafeMutableBufferPointer { pp in
                x.withUnsafeBufferPointer { xp in z.withUnsafeBufferPointer { zp in d.withUnsafeBufferPointer { dp in
                xd.withUnsafeBufferPointer { xdp in zd.withUnsafeBufferPointer { zdp in
                g0.withUnsafeBufferPointer { g0p in g1.withUnsafeBufferPointer { g1p in
                    let (q, o, s, y, c, p) = (qp.baseAddress!, op.baseAddress!, sp.baseAddress!, yp.baseAddress!, cp.baseAddress!, pp.baseAddress!)
                    let (x, z, d, xd, zd, g0, g1) = (xp.baseAddress!, zp.baseAddress!, dp.baseAddress!, xdp.baseAddress!, zdp.baseAddress!,
                                                     g0p.baseAddress!, g1p.baseAddress!)
                    bits.append(v.dot(xd, zd).bitPattern)
                    bits.append(v.narrowThenDot(xd, into: q, z).bitPattern)
                    bits.append(v.axpyThenDot(-0.3, x, q, z).bitPattern)
                    bits.append(v.axpyScaleThenDot(0.7, x, q, beta: 1.5, diagonal: d, z).bitPattern)
                    bits.append(v.axpyWidenThenDot(0.2, x, q, beta: -1, into: o, zd).bitPattern)
                    bits.append(v.copyScaleThenDot(xd, o, beta: -2, zd).bitPattern)
                    bits.append(v.penalize(0.5, xd, p, beta: 0.1).bitPattern)
                    let (sy, yy) = v.correctionPair(x0: xd, x1: zd, g0: g0, g1: g1, s: s, y: y)
                    bits.append(sy.bitPattern)
                    bits.append(yy.bitPattern)
                    bits.append(v.weightedSquaredNorm(UnsafePointer(y), diagonal: d, scratch: c).bitPattern)
                }}}}}}}}}}}}}
                runs.append(bits)
                vectors.append(q + s + y)
            }
            for (r, v) in zip(runs.dropFirst(), vectors.dropFirst()) {
                XCTAssertEqual(r, runs[0], "n = \(n)")
                XCTAssertEqual(v, vectors[0], "n = \(n)")
            }
        }
    }
}
