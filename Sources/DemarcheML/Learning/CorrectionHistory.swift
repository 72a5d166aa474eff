/// The last `capacity` L-BFGS correction pairs `s = x₊ − x`, `y = g₊ − g` and the two-loop recursion.
///
/// A ring of preallocated vectors (allocated as the history first fills). Vector work is BLAS level 1
/// through `BlockedVectors`: each step of the recursion is one pass over the vectors that applies the
/// step's `axpy` and forms the next step's dot product block by block, on every core.
///
/// **Single precision.** The pairs, the recursion's work vector and the diagonal `D⁻¹` are stored as
/// `Float` (dot products accumulate in `Double`, `dsdot`; the differences `x₊ − x`, `g₊ − g` are taken
/// in `Double` before rounding). The recursion reads every pair twice per iteration, so this halves
/// the optimiser's largest memory traffic after the objective. It only perturbs the quasi-Newton
/// matrix by about one part in 10⁷ — the iterates, gradients and stopping tests stay in double
/// precision — and the search direction is still checked to be a descent direction. On the 100,000-row
/// benchmark the iteration counts were the same as with double-precision pairs.
final class CorrectionHistory {
    let capacity: Int
    let dimension: Int
    private let vectors: BlockedVectors
    private var s: [UnsafeMutablePointer<Float>] = []
    private var y: [UnsafeMutablePointer<Float>] = []
    private var rho: [Double] = []
    /// `yᵀy` (or `yᵀD⁻¹y`) of each pair, for the initial Hessian scaling.
    private var yy: [Double] = []
    /// `D⁻¹` of the initial inverse Hessian `γ·D⁻¹`, or `nil` for `γI` (double precision for the
    /// steepest-descent direction `−D⁻¹g` of an empty history, single for the recursion).
    private let inverseDiagonal: UnsafeMutablePointer<Double>?
    private let inverseDiagonalSingle: UnsafeMutablePointer<Float>?
    /// `dimension` floats of scratch for `D⁻¹·y` (when `inverseDiagonal` is set).
    private let scratch: UnsafeMutablePointer<Float>?
    /// The recursion's work vector `q`/`r` (`dimension` floats).
    private let work: UnsafeMutablePointer<Float>
    private var newest = -1
    private(set) var count = 0
    private var alpha: [Double]

    /// - Parameters:
    ///   - hessianDiagonal: a positive estimate of the Hessian's diagonal (`dimension` values), or
    ///     `nil`; when given, the initial inverse Hessian is `γ·D⁻¹` with `γ = sᵀy / yᵀD⁻¹y`.
    init(capacity: Int, dimension: Int, vectors: BlockedVectors, hessianDiagonal: [Double]? = nil) {
        precondition(vectors.count == dimension)
        self.capacity = capacity
        self.dimension = dimension
        self.vectors = vectors
        alpha = [Double](repeating: 0, count: capacity)
        if let diagonal = hessianDiagonal {
            precondition(diagonal.count == dimension, "CorrectionHistory: diagonal has \(diagonal.count) values, not \(dimension)")
            let inverse = UnsafeMutablePointer<Double>.allocate(capacity: max(dimension, 1))
            for i in 0..<dimension {
                let v = diagonal[i]
                inverse[i] = v > 0 && v.isFinite ? 1 / v : 1
            }
            inverseDiagonal = inverse
            let single = UnsafeMutablePointer<Float>.allocate(capacity: max(dimension, 1))
            for i in 0..<dimension { single[i] = Float(inverse[i]) }
            inverseDiagonalSingle = single
            scratch = .allocate(capacity: max(dimension, 1))
        } else {
            inverseDiagonal = nil
            inverseDiagonalSingle = nil
            scratch = nil
        }
        work = .allocate(capacity: max(dimension, 1))
    }

    deinit {
        inverseDiagonal?.deallocate()
        inverseDiagonalSingle?.deallocate()
        scratch?.deallocate()
        work.deallocate()
        for p in s { p.deallocate() }
        for p in y { p.deallocate() }
    }

    var isEmpty: Bool { count == 0 }

    /// Forgets every pair (the next direction is steepest descent).
    func removeAll() {
        count = 0
        newest = -1
    }

    /// Stores the pair of one accepted step when its curvature `sᵀy` is safely positive (otherwise
    /// the update would not keep `H` positive definite and the pair is skipped).
    /// - Complexity: O(dimension).
    func push(oldPoint: UnsafePointer<Double>, newPoint: UnsafePointer<Double>,
              oldGradient: UnsafePointer<Double>, newGradient: UnsafePointer<Double>) {
        let slot = (newest + 1) % capacity
        if s.count <= slot {
            s.append(.allocate(capacity: max(dimension, 1)))
            y.append(.allocate(capacity: max(dimension, 1)))
            rho.append(0)
            yy.append(0)
        }
        let (sy, yyNew) = vectors.correctionPair(x0: oldPoint, x1: newPoint, g0: oldGradient, g1: newGradient,
                                                 s: s[slot], y: y[slot])
        guard sy > Double.ulpOfOne * yyNew, yyNew > 0 else {
            // The slot just overwritten was the oldest pair when the ring was full: it is gone.
            if count == capacity { count -= 1 }
            return
        }
        rho[slot] = 1 / sy
        if let inverse = inverseDiagonalSingle, let scratch {
            yy[slot] = vectors.weightedSquaredNorm(y[slot], diagonal: inverse, scratch: scratch)
        } else {
            yy[slot] = yyNew
        }
        newest = slot
        count = min(count + 1, capacity)
    }

    /// `direction ← −H·gradient` by the two-loop recursion (`−gradient` when empty).
    /// - Returns: the slope `directionᵀ·gradient` (negative for a descent direction).
    /// - Complexity: O(count · dimension): `2·count + 1` passes over the vectors.
    func direction(for gradient: UnsafePointer<Double>, into d: UnsafeMutablePointer<Double>) -> Double {
        let m = count
        guard m > 0 else {
            return vectors.copyScaleThenDot(gradient, d, beta: -1, diagonal: inverseDiagonal.map { UnsafePointer($0) }, gradient)
        }
        func pair(_ k: Int) -> Int { (newest - k + capacity) % capacity }  // k = 0: newest
        // First loop, newest to oldest: α_i = ρ_i·s_iᵀq, q ← q − α_i·y_i; each pass also forms the next sᵀq.
        let q = work
        var t = vectors.narrowThenDot(gradient, into: q, s[pair(0)])
        for k in 0..<m {
            let i = pair(k)
            let a = rho[i] * t
            alpha[i] = a
            if k + 1 < m {
                t = vectors.axpyThenDot(Float(-a), y[i], q, s[pair(k + 1)])
            } else {
                // Initial inverse Hessian γI (γ = sᵀy / yᵀy of the newest pair) or γ·D⁻¹
                // (γ = sᵀy / yᵀD⁻¹y), applied in the same pass.
                let gamma = (1 / rho[newest]) / yy[newest]
                t = vectors.axpyScaleThenDot(Float(-a), y[i], q, beta: Float(gamma),
                                             diagonal: inverseDiagonalSingle.map { UnsafePointer($0) }, y[pair(m - 1)])
            }
        }
        // Second loop, oldest to newest: β = ρ_i·y_iᵀr, r ← r + (α_i − β)·s_i; the last pass writes
        // `d = −r` in double precision and forms the slope dᵀg.
        var slope = 0.0
        for k in stride(from: m - 1, through: 0, by: -1) {
            let i = pair(k)
            let b = rho[i] * t
            if k > 0 {
                t = vectors.axpyThenDot(Float(alpha[i] - b), s[i], q, y[pair(k - 1)])
            } else {
                slope = vectors.axpyWidenThenDot(Float(alpha[i] - b), s[i], q, beta: -1, into: d, gradient)
            }
        }
        return slope
    }
}
