/// Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix of a set of predictions.
public struct ClassificationMetrics: Sendable, Codable, Equatable {
    /// The number of rows scored.
    public let rows: Int
    /// The fraction of rows predicted correctly (0 when there are none).
    public let accuracy: Double
    /// The unweighted mean of the F1 of the classes that occur in the truth or the predictions
    /// (scikit-learn's `f1_score(average="macro")`, which averages over those labels).
    public let macroF1: Double
    /// Metrics of each class, by class index.
    public let perClass: [ClassMetrics]
    /// `confusion[truth][predicted]`: how many rows of class `truth` were predicted as `predicted`.
    public let confusion: [[Int]]

    /// Scores `predicted` against `truth`.
    ///
    /// Undefined ratios are 0, as scikit-learn's `zero_division=0`.
    /// - Parameters:
    ///   - truth: the true classes, each in `0..<classCount`.
    ///   - predicted: the predicted classes, as many as `truth`, each in `0..<classCount`.
    ///   - classCount: the number of classes.
    /// - Throws: `LearningError.invalidInput` when the counts differ, `classCount` < 1 or a class
    ///   is out of range. Thrown, not a precondition: the checks hold in every build (no
    ///   optimisation level removes them), and a wrong accuracy is never returned.
    /// - Complexity: O(rows + classCount²).
    public init(truth: [Int], predicted: [Int], classCount: Int) throws {
        guard truth.count == predicted.count else {
            throw LearningError.invalidInput(what: "classification metrics",
                                             problem: "\(truth.count) true classes but \(predicted.count) predictions; pass one prediction per row")
        }
        guard classCount >= 1 else {
            throw LearningError.invalidInput(what: "classification metrics", problem: "classCount must be >= 1, got \(classCount)")
        }
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (row, (t, p)) in zip(truth, predicted).enumerated() {
            guard t >= 0 && t < classCount && p >= 0 && p < classCount else {
                throw LearningError.invalidInput(what: "classification metrics",
                                                 problem: "row \(row): true class \(t), predicted \(p); classes must be in 0..<\(classCount)")
            }
            confusion[t][p] += 1
        }
        var correct = 0, perClass = [ClassMetrics](), f1Sum = 0.0, present = 0
        for c in 0..<classCount {
            let truePositives = confusion[c][c]
            correct += truePositives
            let support = confusion[c].reduce(0, +)
            let predictedCount = confusion.reduce(0) { $0 + $1[c] }
            let precision = predictedCount > 0 ? Double(truePositives) / Double(predictedCount) : 0
            let recall = support > 0 ? Double(truePositives) / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            perClass.append(ClassMetrics(precision: precision, recall: recall, f1: f1, support: support))
            if support > 0 || predictedCount > 0 {
                f1Sum += f1
                present += 1
            }
        }
        rows = truth.count
        accuracy = truth.isEmpty ? 0 : Double(correct) / Double(truth.count)
        macroF1 = present > 0 ? f1Sum / Double(present) : 0
        self.perClass = perClass
        self.confusion = confusion
    }
}
