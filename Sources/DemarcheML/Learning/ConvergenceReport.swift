/// How a minimization ended: never silent, always saying whether the tolerance was met.
public struct ConvergenceReport: Sendable, Codable, Equatable {
    /// Why the minimizer stopped.
    public enum StopReason: String, Sendable, Codable {
        /// The largest absolute gradient component reached `gradientTolerance`.
        case gradientTolerance
        /// The relative decrease of the objective in one iteration fell below the function tolerance
        /// (no further progress is possible at this precision).
        case relativeReduction
        /// `maxIterations` were used up first.
        case iterationLimit
        /// No step along the search direction satisfied the Wolfe conditions.
        case lineSearchFailure
    }

    /// L-BFGS iterations done (accepted steps).
    public let iterations: Int
    /// Objective evaluations, line-search trials included.
    public let functionEvaluations: Int
    /// The objective at the returned point.
    public let finalObjective: Double
    /// The largest absolute gradient component (`‖g‖∞`) at the returned point: the quantity compared
    /// with `gradientTolerance`.
    public let gradientNorm: Double
    /// Whether the gradient or function tolerance was met (`false` at the iteration limit or after a
    /// line-search failure away from the tolerance).
    public let isConverged: Bool
    /// Why the minimizer stopped.
    public let stopReason: StopReason
}
