import XCTest
@testable import DemarcheML

/// `DotKernels` against the linked BLAS (the reference BLAS on the project's machines): the same
/// bits, not merely close, since the bundled model is defined by the reference BLAS's roundings.
final class DotKernelsTests: XCTestCase {
    private func values(_ n: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // Wide exponents and both signs, so every addition rounds.
            let mantissa = Double(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 999_983
            return mantissa * Double(1 << Int((state >> 3) % 20))
        }
    }

    private let lengths = [0, 1, 2, 4, 5, 6, 9, 10, 11, 99, 1000, 4095, 4096, 4097, 12_345]

    func test_dsdot_matchesBLASBitForBit() {
        for n in lengths {
            let x = values(n, seed: 1).map(Float.init), y = values(n, seed: 2).map(Float.init)
            x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
                guard let a = xp.baseAddress, let b = yp.baseAddress else { return }
                XCTAssertEqual(DotKernels.dsdot(a, b, count: n).bitPattern, BLAS.dot(a, b, count: n).bitPattern, "n = \(n)")
            } }
        }
    }

    func test_ddot_matchesBLASBitForBit() {
        for n in lengths {
            let x = values(n, seed: 3), y = values(n, seed: 4)
            x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
                guard let a = xp.baseAddress, let b = yp.baseAddress else { return }
                XCTAssertEqual(DotKernels.ddot(a, b, count: n).bitPattern, BLAS.dot(a, b, count: n).bitPattern, "n = \(n)")
            } }
        }
    }

    /// The four-at-a-time forms give each of the four BLAS results.
    func test_fourAtATime_matchBLASBitForBit() {
        for n in lengths where n > 0 {
            let xs = (0..<4).map { values(n, seed: 10 + UInt64($0)) }, ys = (0..<4).map { values(n, seed: 20 + UInt64($0)) }
            let fx = xs.map { $0.map(Float.init) }, fy = ys.map { $0.map(Float.init) }
            func withPointers<T: BitwiseCopyable, R>(_ arrays: [[T]], _ body: ([UnsafePointer<T>]) -> R) -> R {
                let pointers = arrays.map { a -> UnsafeMutablePointer<T> in
                    let p = UnsafeMutablePointer<T>.allocate(capacity: a.count)
                    p.initialize(from: a, count: a.count)
                    return p
                }
                defer { pointers.forEach { $0.deallocate() } }
                return body(pointers.map { UnsafePointer($0) })
            }
            withPointers(fx) { x in withPointers(fy) { y in
                let r = DotKernels.dsdot4(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3], count: n)
                let got = [r.0, r.1, r.2, r.3].map(\.bitPattern)
                let want = (0..<4).map { BLAS.dot(x[$0], y[$0], count: n).bitPattern }
                XCTAssertEqual(got, want, "dsdot4, n = \(n)")
            } }
            withPointers(xs) { x in withPointers(ys) { y in
                let r = DotKernels.ddot4(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3], count: n)
                let got = [r.0, r.1, r.2, r.3].map(\.bitPattern)
                let want = (0..<4).map { BLAS.dot(x[$0], y[$0], count: n).bitPattern }
                XCTAssertEqual(got, want, "ddot4, n = \(n)")
            } }
        }
    }
}
