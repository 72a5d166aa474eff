import CLinearAlgebra
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Swift face of CBLAS: the only file of DemarcheML that imports `CLinearAlgebra`.
///
/// Takes `Int` sizes and unsafe buffers, converts to the C types (`Int32`) once, and always passes
/// row-major layouts. Every routine preconditions its dimensions, so a wrong size traps here rather
/// than reading out of bounds inside the Fortran code.
enum BLAS {
    /// Keeps OpenBLAS, when it is the system's BLAS (Debian's `libopenblas0-pthread` through the
    /// alternatives), on the calling thread: Demarche already spreads its vector work over every core
    /// in blocks, and OpenBLAS's own threads on top of that only add hand-offs (on 100k training rows
    /// they doubled the training time of the bundled corpus). An explicit `OPENBLAS_NUM_THREADS` wins.
    /// Does nothing with the reference BLAS. Evaluated once, by the first `BlockedVectors`.
    static let singleThreaded: Void = {
        guard ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil,
              let symbol = dlsym(nil, "openblas_set_num_threads") else { return }
        typealias SetThreads = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: SetThreads.self)(1)
    }()

    /// `x · y` over `count` elements.
    /// - Complexity: O(count).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        cblas_ddot(Int32(count), x, 1, y, 1)
    }

    /// `y ← alpha·x + y` over `count` elements.
    /// - Complexity: O(count).
    @inline(__always)
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        cblas_daxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// `x ← alpha·x` over `count` elements.
    /// - Complexity: O(count).
    @inline(__always)
    static func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int) {
        cblas_dscal(Int32(count), alpha, x, 1)
    }

    /// `y ← x` over `count` elements.
    /// - Complexity: O(count).
    @inline(__always)
    static func copy(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        cblas_dcopy(Int32(count), x, 1, y, 1)
    }

    /// `x ← diag(d)·x` (`dtbmv` with bandwidth 0: a diagonal matrix times a vector, in place).
    /// - Complexity: O(count).
    @inline(__always)
    static func diagonalMultiply(_ d: UnsafePointer<Double>, _ x: UnsafeMutablePointer<Double>, count: Int) {
        cblas_dtbmv(CblasRowMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(count), 0, d, 1, x, 1)
    }

    // MARK: Single precision (the L-BFGS correction history)

    /// `x · y` over `count` single-precision elements, accumulated in double precision (`dsdot`).
    /// - Complexity: O(count).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Double {
        cblas_dsdot(Int32(count), x, 1, y, 1)
    }

    /// `y ← alpha·x + y` over `count` single-precision elements (`saxpy`).
    /// - Complexity: O(count).
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        cblas_saxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// `x ← alpha·x` over `count` single-precision elements (`sscal`).
    /// - Complexity: O(count).
    @inline(__always)
    static func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int) {
        cblas_sscal(Int32(count), alpha, x, 1)
    }

    /// `y ← x` over `count` single-precision elements (`scopy`).
    /// - Complexity: O(count).
    @inline(__always)
    static func copy(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        cblas_scopy(Int32(count), x, 1, y, 1)
    }

    /// `x ← diag(d)·x` in single precision (`stbmv` with bandwidth 0).
    /// - Complexity: O(count).
    @inline(__always)
    static func diagonalMultiply(_ d: UnsafePointer<Float>, _ x: UnsafeMutablePointer<Float>, count: Int) {
        cblas_stbmv(CblasRowMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(count), 0, d, 1, x, 1)
    }

    /// Euclidean norm `‖x‖₂` over `count` elements (scaled, so it does not overflow).
    /// - Complexity: O(count).
    @inline(__always)
    static func norm2(_ x: UnsafePointer<Double>, count: Int) -> Double {
        cblas_dnrm2(Int32(count), x, 1)
    }

    /// Largest absolute value `‖x‖∞` over `count` elements (`0` when empty; NaN if any element is NaN
    /// is *not* guaranteed by BLAS, so callers check finiteness of the objective separately).
    /// - Complexity: O(count).
    @inline(__always)
    static func maxAbs(_ x: UnsafePointer<Double>, count: Int) -> Double {
        guard count > 0 else { return 0 }
        let index = Int(cblas_idamax(Int32(count), x, 1))
        return abs(x[index])
    }

    /// Row-major `C ← alpha·op(A)·op(B) + beta·C` with `op(A)` of size `m×k`, `op(B)` of size `k×n`.
    ///
    /// - Parameters:
    ///   - transposeA: use `Aᵀ` (A stored `k×m`).
    ///   - transposeB: use `Bᵀ` (B stored `n×k`).
    /// - Complexity: O(m·n·k).
    static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                     alpha: Double, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                     beta: Double, c: UnsafeMutablePointer<Double>) {
        precondition(m >= 0 && n >= 0 && k >= 0, "gemm: negative dimension")
        guard m > 0, n > 0 else { return }
        let lda = transposeA ? m : k
        let ldb = transposeB ? k : n
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)),
                    beta, c, Int32(n))
    }

    /// Row-major `y ← alpha·op(A)·x + beta·y` with `A` stored `rows×columns`.
    /// - Complexity: O(rows·columns).
    static func gemv(transpose: Bool = false, rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>,
                     x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
        precondition(rows >= 0 && columns >= 0, "gemv: negative dimension")
        guard rows > 0, columns > 0 else { return }
        cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns),
                    alpha, a, Int32(columns), x, 1, beta, y, 1)
    }
}
