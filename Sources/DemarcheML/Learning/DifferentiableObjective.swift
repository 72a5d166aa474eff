/// A smooth function of a parameter vector that can report its value and gradient together.
///
/// The minimizer knows nothing else about it (LIBLINEAR's `function`, scikit-learn's
/// `LinearModelLoss`): softmax cross-entropy is one objective; a test can plug in a quadratic.
public protocol DifferentiableObjective {
    /// The number of parameters.
    var dimension: Int { get }

    /// The value at `x`, with its gradient written to `gradient`.
    ///
    /// - Parameters:
    ///   - x: `dimension` parameters.
    ///   - gradient: `dimension` slots, overwritten.
    /// - Returns: the value; NaN or infinity is allowed and handled by the minimizer.
    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double

    /// A positive estimate of the Hessian's diagonal (`dimension` values), or `nil`. When given, the
    /// minimizer's initial inverse Hessian is `γ·D⁻¹` instead of `γI`: coordinates of very different
    /// curvature (frequent and rare features) then need far fewer iterations.
    func hessianDiagonalEstimate() -> [Double]?
}

extension DifferentiableObjective {
    /// A positive estimate of the Hessian's diagonal, used by `LBFGSMinimizer` to scale its initial
    /// inverse Hessian (`nil`: the usual scalar `γI`). The default has none.
    public func hessianDiagonalEstimate() -> [Double]? { nil }
}
