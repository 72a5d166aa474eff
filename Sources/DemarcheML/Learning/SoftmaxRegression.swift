import Foundation

/// A fitted multinomial logistic (softmax) regression: `P(c | x) = softmax(x·W + b)_c`.
///
/// Fitted values are immutable: `fit` returns a new model. Prediction allocates nothing per row.
public struct SoftmaxRegression: Sendable, Codable {
    /// The number of classes `k`.
    public let classCount: Int
    /// The number of input features `p`.
    public let featureCount: Int
    /// `p × k`, feature-major: `weights[j * classCount + c]` is feature `j`'s weight for class `c`.
    public let weights: [Double]
    /// One intercept per class.
    public let intercepts: [Double]
    /// Worker threads for batch prediction (`0` = every core); not part of the model's identity.
    var threadCount: Int = 0

    private enum CodingKeys: String, CodingKey { case classCount, featureCount, weights, intercepts }

    /// Creates a model from its parameters, e.g. read from a file, after checking them.
    ///
    /// - Parameters:
    ///   - classCount: `k ≥ 2`.
    ///   - featureCount: `p ≥ 0`.
    ///   - weights: `p · k` finite values, feature-major.
    ///   - intercepts: `k` finite values.
    /// - Throws: `LearningError.invalidInput` naming the wrong size or the first non-finite value.
    /// - Complexity: O(p · k).
    public init(classCount: Int, featureCount: Int, weights: [Double], intercepts: [Double]) throws {
        func fail(_ problem: String) -> LearningError { .invalidInput(what: "softmax regression model", problem: problem) }
        guard classCount >= 2 else { throw fail("classCount must be >= 2, got \(classCount)") }
        guard featureCount >= 0 else { throw fail("featureCount must be >= 0, got \(featureCount)") }
        guard weights.count == featureCount * classCount else {
            throw fail("weights must have featureCount × classCount = \(featureCount * classCount) values, got \(weights.count)")
        }
        guard intercepts.count == classCount else {
            throw fail("intercepts must have classCount = \(classCount) values, got \(intercepts.count)")
        }
        if let bad = weights.firstIndex(where: { !$0.isFinite }) {
            throw fail("weight \(weights[bad]) at index \(bad) is not finite")
        }
        if let bad = intercepts.firstIndex(where: { !$0.isFinite }) {
            throw fail("intercept \(intercepts[bad]) of class \(bad) is not finite")
        }
        self.init(unchecked: classCount, featureCount: featureCount, weights: weights, intercepts: intercepts)
    }

    init(unchecked classCount: Int, featureCount: Int, weights: [Double], intercepts: [Double], threadCount: Int = 0) {
        self.classCount = classCount
        self.featureCount = featureCount
        self.weights = weights
        self.intercepts = intercepts
        self.threadCount = threadCount
    }

    /// Decodes and validates a model (as `init(classCount:featureCount:weights:intercepts:)`).
    /// - Throws: a `DecodingError`, or the `LearningError` of the initializer.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(classCount: try container.decode(Int.self, forKey: .classCount),
                      featureCount: try container.decode(Int.self, forKey: .featureCount),
                      weights: try container.decode([Double].self, forKey: .weights),
                      intercepts: try container.decode([Double].self, forKey: .intercepts))
    }

    /// Encodes the four parameters.
    /// - Throws: an `EncodingError`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classCount, forKey: .classCount)
        try container.encode(featureCount, forKey: .featureCount)
        try container.encode(weights, forKey: .weights)
        try container.encode(intercepts, forKey: .intercepts)
    }

    /// Class probabilities of one sparse row, written to `out`; allocates nothing.
    ///
    /// - Parameters:
    ///   - indices: the row's column indices, each in `0..<featureCount`.
    ///   - values: the row's values.
    ///   - out: `classCount` slots, overwritten with probabilities summing to 1.
    /// - Complexity: O(entries · classCount).
    public func probabilities(forRow indices: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>,
                              into out: UnsafeMutableBufferPointer<Double>) {
        precondition(indices.count == values.count, "probabilities(forRow:): \(indices.count) indices but \(values.count) values")
        precondition(out.count >= classCount, "probabilities(forRow:): output has \(out.count) slots, need \(classCount)")
        let k = classCount
        let o = out.baseAddress!
        intercepts.withUnsafeBufferPointer { b in
            for c in 0..<k { o[c] = b[c] }
        }
        if let idx = indices.baseAddress, let val = values.baseAddress {
            weights.withUnsafeBufferPointer { w in
                SparseKernels.multiplyAddRow(indices: idx, values: val, count: indices.count,
                                             dense: w.baseAddress!, denseColumns: k, out: o)
            }
        }
        SoftmaxKernels.softmax(o, classes: k)
    }

    /// Class probabilities of every row of `features`, in parallel across rows.
    ///
    /// - Parameter features: a matrix with `featureCount` columns.
    /// - Returns: `rowCount × classCount` probabilities, row-major.
    /// - Throws: `LearningError.widthMismatch` (with both widths) when the column count differs.
    /// - Complexity: O(entries · classCount), divided across cores.
    public func probabilities(for features: SparseMatrix) throws -> [Double] {
        guard features.columnCount == featureCount else {
            throw LearningError.widthMismatch(expected: featureCount, actual: features.columnCount)
        }
        let k = classCount, rows = features.rowCount
        var result = [Double](repeating: 0, count: rows * k)
        let chunks = max(1, min(Parallel.workerCount(requested: threadCount) * 4, rows / 1024))
        result.withUnsafeMutableBufferPointer { out in
            features.rowOffsets.withUnsafeBufferPointer { offsets in
            features.columnIndices.withUnsafeBufferPointer { indices in
            features.values.withUnsafeBufferPointer { values in
                Parallel.forEachChunk(count: rows, chunkCount: chunks) { _, range in
                    for r in range {
                        let span = offsets[r]..<offsets[r + 1]
                        probabilities(forRow: UnsafeBufferPointer(rebasing: indices[span]),
                                      values: UnsafeBufferPointer(rebasing: values[span]),
                                      into: UnsafeMutableBufferPointer(rebasing: out[(r * k)..<(r * k + k)]))
                    }
                }
            }}}
        }
        return result
    }

    /// The most probable class of every row (the lowest index on ties).
    ///
    /// - Parameter features: a matrix with `featureCount` columns.
    /// - Returns: one class index per row.
    /// - Throws: `LearningError.widthMismatch` when the column count differs.
    /// - Complexity: O(entries · classCount).
    public func predictions(for features: SparseMatrix) throws -> [Int] {
        let p = try probabilities(for: features), k = classCount
        return (0..<features.rowCount).map { r in
            var best = 0
            for c in 1..<k where p[r * k + c] > p[r * k + best] { best = c }
            return best
        }
    }
}
