/// Precision, recall and F1 of one class, with its support.
public struct ClassMetrics: Sendable, Codable, Equatable {
    /// Of the rows predicted as this class, the fraction truly of it (0 when none were predicted).
    public let precision: Double
    /// Of the rows truly of this class, the fraction predicted as it (0 when it has no rows).
    public let recall: Double
    /// The harmonic mean of precision and recall (0 when both are 0).
    public let f1: Double
    /// The number of rows truly of this class.
    public let support: Int
}
