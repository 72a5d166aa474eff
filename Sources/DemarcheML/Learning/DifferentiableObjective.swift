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
}
