import Foundation

/// Dot products of `BlockedVectors`' blocks that give the reference BLAS's bits, faster.
///
/// The reference `dsdot` (netlib, Debian's `libblas3`) adds `Double(x[i])·Double(y[i])` into one
/// double-precision sum, element after element: each addition waits for the previous one (about
/// four cycles), so a 4096-element block costs ~16k cycles however wide the processor is. The
/// L-BFGS two-loop recursion makes ~20 such passes over every weight per iteration (profile of the
/// 100k-row benchmark fit: `dsdot_` 10% of all samples, the largest symbol after the objective).
///
/// `BlockedVectors` already sums per block and adds the block results in block order, so the
/// blocks' sums are independent. `dsdot4` runs four blocks' sums side by side, each in the
/// reference order (the products of two floats are exact in double precision, so each partial sum
/// rounds exactly as the reference's does): the same bits, with four additions in flight instead
/// of one. `ddot` is done the same way, in the reference `ddot`'s order (the `n mod 5` leading
/// elements one by one, then groups of five added left to right).
///
/// `DEMARCHE_BLAS=system` turns these kernels off: every dot product is then the linked BLAS's
/// (OpenBLAS's vectorised ones when it is installed as the system BLAS, with different roundings).
/// `Tests/DemarcheMLTests/Kernels/DotKernelsTests.swift` compares the kernels with the linked BLAS
/// bit for bit; `demarche benchmark-kernels` times both.
enum DotKernels {
    /// Whether `BlockedVectors` uses these kernels (default) or the linked BLAS for its dot products.
    static let enabled: Bool = {
        ProcessInfo.processInfo.environment["DEMARCHE_BLAS"]?.lowercased() != "system"
    }()

    /// The reference `dsdot`: `Σ Double(x[i])·Double(y[i])`, added in index order from `0`.
    /// - Complexity: O(count).
    @inline(__always)
    static func dsdot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Double {
        var sum = 0.0
        for i in 0..<count { sum += Double(x[i]) * Double(y[i]) }
        return sum
    }

    /// Four reference `dsdot`s of `count` elements each, interleaved: `out[b] = dsdot(x[b], y[b])`.
    /// - Complexity: O(count).
    @inline(__always)
    static func dsdot4(_ x0: UnsafePointer<Float>, _ y0: UnsafePointer<Float>, _ x1: UnsafePointer<Float>, _ y1: UnsafePointer<Float>,
                       _ x2: UnsafePointer<Float>, _ y2: UnsafePointer<Float>, _ x3: UnsafePointer<Float>, _ y3: UnsafePointer<Float>,
                       count: Int) -> (Double, Double, Double, Double) {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        for i in 0..<count {
            s0 += Double(x0[i]) * Double(y0[i])
            s1 += Double(x1[i]) * Double(y1[i])
            s2 += Double(x2[i]) * Double(y2[i])
            s3 += Double(x3[i]) * Double(y3[i])
        }
        return (s0, s1, s2, s3)
    }

    /// The reference `ddot` (unit strides): the first `count mod 5` products added one by one, then
    /// `sum + p₀ + p₁ + p₂ + p₃ + p₄` (left to right) per group of five.
    /// - Complexity: O(count).
    @inline(__always)
    static func ddot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        let m = count % 5
        var sum = 0.0
        for i in 0..<m { sum += x[i] * y[i] }
        var i = m
        while i < count {
            sum = sum + x[i] * y[i] + x[i &+ 1] * y[i &+ 1] + x[i &+ 2] * y[i &+ 2] + x[i &+ 3] * y[i &+ 3] + x[i &+ 4] * y[i &+ 4]
            i &+= 5
        }
        return sum
    }

    /// Four reference `ddot`s of `count` elements each, interleaved.
    /// - Complexity: O(count).
    @inline(__always)
    static func ddot4(_ x0: UnsafePointer<Double>, _ y0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ y1: UnsafePointer<Double>,
                      _ x2: UnsafePointer<Double>, _ y2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>, _ y3: UnsafePointer<Double>,
                      count: Int) -> (Double, Double, Double, Double) {
        let m = count % 5
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        for i in 0..<m {
            s0 += x0[i] * y0[i]
            s1 += x1[i] * y1[i]
            s2 += x2[i] * y2[i]
            s3 += x3[i] * y3[i]
        }
        var i = m
        while i < count {
            s0 = s0 + x0[i] * y0[i] + x0[i &+ 1] * y0[i &+ 1] + x0[i &+ 2] * y0[i &+ 2] + x0[i &+ 3] * y0[i &+ 3] + x0[i &+ 4] * y0[i &+ 4]
            s1 = s1 + x1[i] * y1[i] + x1[i &+ 1] * y1[i &+ 1] + x1[i &+ 2] * y1[i &+ 2] + x1[i &+ 3] * y1[i &+ 3] + x1[i &+ 4] * y1[i &+ 4]
            s2 = s2 + x2[i] * y2[i] + x2[i &+ 1] * y2[i &+ 1] + x2[i &+ 2] * y2[i &+ 2] + x2[i &+ 3] * y2[i &+ 3] + x2[i &+ 4] * y2[i &+ 4]
            s3 = s3 + x3[i] * y3[i] + x3[i &+ 1] * y3[i &+ 1] + x3[i &+ 2] * y3[i &+ 2] + x3[i &+ 3] * y3[i &+ 3] + x3[i &+ 4] * y3[i &+ 4]
            i &+= 5
        }
        return (s0, s1, s2, s3)
    }
}
