/// Stratified k-fold splits: every fold's test set holds about `1/folds` of each class.
///
/// Each class's rows are shuffled with `SplitMix64(seed:)` and dealt round-robin to the folds, the
/// deal continuing from class to class so that fold sizes differ by at most one. The same labels,
/// folds and seed give the same splits everywhere.
public struct StratifiedKFold: Sendable {
    /// For each fold, the training rows and the test rows, each in increasing order.
    public let folds: [(train: [Int], test: [Int])]

    /// Makes the splits.
    ///
    /// - Parameters:
    ///   - labels: class indices (≥ 0), one per row.
    ///   - folds: the number of folds, ≥ 2.
    ///   - seed: the shuffling seed.
    /// - Throws: `LearningError.invalidConfiguration` for `folds < 2`, `.labelOutOfRange` for a
    ///   negative label, `.tooFewClassMembers` when a class has fewer rows than folds (e.g. a label seen once).
    /// - Complexity: O(rows · folds).
    public init(labels: [Int], folds: Int, seed: UInt64) throws {
        guard folds >= 2 else {
            throw LearningError.invalid("folds", ">= 2", folds, "use a small count such as 5")
        }
        if let row = labels.firstIndex(where: { $0 < 0 }) {
            throw LearningError.labelOutOfRange(label: labels[row], row: row, classCount: (labels.max() ?? 0) + 1)
        }
        let classCount = (labels.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: classCount)
        for (row, label) in labels.enumerated() { members[label].append(row) }
        for (label, rows) in members.enumerated() where !rows.isEmpty && rows.count < folds {
            throw LearningError.tooFewClassMembers(label: label, count: rows.count, folds: folds)
        }
        var generator = SplitMix64(seed: seed)
        var fold = [Int](repeating: 0, count: labels.count)
        var next = 0
        for var rows in members where !rows.isEmpty {
            rows.shuffle(using: &generator)
            for row in rows {
                fold[row] = next
                next = (next + 1) % folds
            }
        }
        self.folds = (0..<folds).map { f in
            (train: labels.indices.filter { fold[$0] != f }, test: labels.indices.filter { fold[$0] == f })
        }
    }
}
