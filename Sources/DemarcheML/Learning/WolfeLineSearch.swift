/// A line search for the strong Wolfe conditions (Nocedal & Wright, *Numerical Optimization*,
/// Algorithms 3.5 and 3.6): bracket by doubling the step, then zoom with safeguarded cubic
/// interpolation.
///
/// Accepts a step `a` along a descent direction `d` when
/// - sufficient decrease: `f(x + a·d) ≤ f(x) + c₁·a·∇f(x)ᵀd`, and
/// - curvature: `|∇f(x + a·d)ᵀd| ≤ c₂·|∇f(x)ᵀd|`,
/// with `c₁ = 10⁻⁴`, `c₂ = 0.9` (the usual quasi-Newton choice, as scipy). A trial whose value is
/// NaN or infinite counts as "too far" and shrinks the bracket instead of failing.
struct WolfeLineSearch {
    let dimension: Int
    let maxEvaluations: Int
    let c1 = 1e-4
    let c2 = 0.9

    /// The last evaluated point, its gradient and value: the accepted ones after a successful search.
    var trialPoint: [Double]
    var trialGradient: [Double]
    private(set) var trialValue = 0.0

    /// Block-parallel level-1 BLAS over the parameter vectors.
    let vectors: BlockedVectors

    init(vectors: BlockedVectors, maxEvaluations: Int) {
        self.vectors = vectors
        let dimension = vectors.count
        self.dimension = dimension
        self.maxEvaluations = max(1, maxEvaluations)
        trialPoint = [Double](repeating: 0, count: dimension)
        trialGradient = [Double](repeating: 0, count: dimension)
    }

    /// Searches along `direction` from `x`.
    /// - Returns: the accepted step (`nil` when none was found within `maxEvaluations`), the
    ///   number of objective evaluations used, and whether any trial was NaN or infinite. On success, `trialPoint`/`trialGradient`/`trialValue`
    ///   hold the accepted point.
    mutating func search<Objective: DifferentiableObjective>(
        _ objective: Objective, from x: [Double], value f0: Double, gradient g0: [Double],
        direction: [Double], slope dphi0: Double, initialStep: Double
    ) -> (step: Double?, evaluations: Int, sawNonFinite: Bool) {
        var evaluations = 0, sawNonFinite = false

        /// Evaluates φ(a) = f(x + a·d) and φ'(a) = ∇f(x + a·d)ᵀd into the trial buffers.
        func evaluate(_ a: Double) -> (value: Double, slope: Double) {
            evaluations += 1
            let value: Double = trialPoint.withUnsafeMutableBufferPointer { tp in
                x.withUnsafeBufferPointer { xp in
                    direction.withUnsafeBufferPointer { vectors.step(from: xp.baseAddress!, a, along: $0.baseAddress!, into: tp.baseAddress!) }
                }
                return trialGradient.withUnsafeMutableBufferPointer {
                    objective.valueAndGradient(at: UnsafeBufferPointer(tp), gradient: $0)
                }
            }
            trialValue = value
            let slope = trialGradient.withUnsafeBufferPointer { gp in
                direction.withUnsafeBufferPointer { vectors.dot(gp.baseAddress!, $0.baseAddress!) }
            }
            if value.isFinite && slope.isFinite { return (value, slope) }
            sawNonFinite = true
            return (.infinity, slope)
        }

        func sufficientDecrease(_ a: Double, _ value: Double) -> Bool { value <= f0 + c1 * a * dphi0 }
        func curvature(_ slope: Double) -> Bool { abs(slope) <= -c2 * dphi0 }

        /// Algorithm 3.6: `lo` satisfies sufficient decrease and has the lowest value so far; the
        /// minimizer of φ on the bracket lies between `lo` and `hi`.
        func zoom(lo: (a: Double, f: Double, d: Double), hi: (a: Double, f: Double, d: Double)) -> Double? {
            var lo = lo, hi = hi
            while evaluations < maxEvaluations {
                let a = interpolate(lo, hi)
                if abs(hi.a - lo.a) <= 1e-16 * max(abs(lo.a), 1) { break }
                let (fa, da) = evaluate(a)
                if !sufficientDecrease(a, fa) || fa >= lo.f {
                    hi = (a, fa, da)
                } else {
                    if curvature(da) { return a }
                    if da * (hi.a - lo.a) >= 0 { hi = lo }
                    lo = (a, fa, da)
                }
            }
            // Out of evaluations: settle for the best sufficient-decrease point, if any step was made.
            if lo.a > 0, evaluations < maxEvaluations + 1 {
                let (fa, _) = evaluate(lo.a)
                if sufficientDecrease(lo.a, fa) { return lo.a }
            }
            return nil
        }

        var previous = (a: 0.0, f: f0, d: dphi0)
        var a = initialStep
        while evaluations < maxEvaluations {
            let (fa, da) = evaluate(a)
            if !sufficientDecrease(a, fa) || (previous.a > 0 && fa >= previous.f) {
                let step = zoom(lo: previous, hi: (a, fa, da))
                return (step, evaluations, sawNonFinite)
            }
            if curvature(da) { return (a, evaluations, sawNonFinite) }
            if da >= 0 {
                let step = zoom(lo: (a, fa, da), hi: previous)
                return (step, evaluations, sawNonFinite)
            }
            previous = (a, fa, da)
            a *= 2
        }
        return (nil, evaluations, sawNonFinite)
    }

    /// The minimizer of the cubic through both ends' values and slopes, kept at least 10% of the
    /// bracket away from either end (bisection when the cubic has no usable minimizer or `hi` is infinite).
    private func interpolate(_ lo: (a: Double, f: Double, d: Double), _ hi: (a: Double, f: Double, d: Double)) -> Double {
        let left = min(lo.a, hi.a), right = max(lo.a, hi.a), width = right - left
        let bisection = 0.5 * (lo.a + hi.a)
        guard hi.f.isFinite, width > 0 else { return bisection }
        let d1 = lo.d + hi.d - 3 * (lo.f - hi.f) / (lo.a - hi.a)
        let radicand = d1 * d1 - lo.d * hi.d
        guard radicand >= 0 else { return bisection }
        let d2 = (hi.a > lo.a ? 1.0 : -1.0) * radicand.squareRoot()
        let denominator = hi.d - lo.d + 2 * d2
        guard denominator != 0 else { return bisection }
        let a = hi.a - (hi.a - lo.a) * (hi.d + d2 - d1) / denominator
        guard a.isFinite else { return bisection }
        return min(max(a, left + 0.1 * width), right - 0.1 * width)
    }
}
