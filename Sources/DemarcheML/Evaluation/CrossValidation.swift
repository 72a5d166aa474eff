/// The cross-validated scores of one value of C.
public struct CrossValidationResult: Sendable {
    /// The C evaluated.
    public let c: Double
    /// Test-fold metrics, in fold order.
    public let foldMetrics: [ClassificationMetrics]
    /// The mean of the folds' macro-F1.
    public let meanMacroF1: Double
    /// The mean of the folds' accuracy.
    public let meanAccuracy: Double
}

/// Choosing hyper-parameters by cross-validation.
public enum CrossValidation {
    /// k-fold cross-validation of `SoftmaxRegression` on a fixed matrix, over a grid of C.
    ///
    /// Folds are `StratifiedKFold(labels:folds:seed:)`. Within each fold, the grid is fitted in
    /// increasing order of C, each fit warm-started from the previous one (less regularised models
    /// start from more regularised ones: the regularisation path).
    ///
    /// - Parameters:
    ///   - features: all rows.
    ///   - labels: one class per row, in `0..<classCount`.
    ///   - classCount: the number of classes.
    ///   - cGrid: candidate values of C (positive, any order; duplicates are evaluated once).
    ///   - folds: the number of folds (≥ 2).
    ///   - seed: the fold shuffling seed.
    ///   - configuration: the other fit settings (its `c` is ignored).
    /// - Returns: the best C (highest mean macro-F1, ties to the smaller C) and one result per C in
    ///   increasing order.
    /// - Throws: `LearningError.invalidConfiguration` (empty grid, a C ≤ 0, bad settings), the errors of
    ///   `StratifiedKFold` and of `SoftmaxRegression.fit`.
    /// - Complexity: folds × grid size fits.
    public static func selectC(features: SparseMatrix, labels: [Int], classCount: Int, cGrid: [Double], folds: Int,
                               seed: UInt64, configuration: LogisticRegressionConfiguration) throws
        -> (best: Double, results: [CrossValidationResult]) {
        guard !cGrid.isEmpty else {
            throw LearningError.invalid("cGrid", "non-empty", "[]", "pass candidate values such as [0.1, 1, 10]")
        }
        if let bad = cGrid.first(where: { !($0 > 0 && $0.isFinite) }) {
            throw LearningError.invalid("cGrid value", "> 0 and finite", bad, "use positive values such as [0.1, 1, 10]")
        }
        try configuration.validate()
        guard labels.count == features.rowCount else {
            throw LearningError.labelCountMismatch(labels: labels.count, rows: features.rowCount)
        }
        if let row = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw LearningError.labelOutOfRange(label: labels[row], row: row, classCount: classCount)
        }
        let grid = Array(Set(cGrid)).sorted()
        let splits = try StratifiedKFold(labels: labels, folds: folds, seed: seed).folds
        var metrics = [[ClassificationMetrics]](repeating: [], count: grid.count)
        for split in splits {
            let train = features.selectingRows(split.train), test = features.selectingRows(split.test)
            let trainLabels = split.train.map { labels[$0] }, testLabels = split.test.map { labels[$0] }
            var previous: SoftmaxRegression?
            for (g, c) in grid.enumerated() {
                var settings = configuration
                settings.c = c
                let (model, _) = try SoftmaxRegression.fit(features: train, labels: trainLabels, classCount: classCount,
                                                           configuration: settings, warmStart: previous)
                previous = model
                metrics[g].append(try ClassificationMetrics(truth: testLabels, predicted: try model.predictions(for: test),
                                                        classCount: classCount))
            }
        }
        let results = zip(grid, metrics).map { c, foldMetrics in
            CrossValidationResult(c: c, foldMetrics: foldMetrics,
                                  meanMacroF1: foldMetrics.map(\.macroF1).reduce(0, +) / Double(foldMetrics.count),
                                  meanAccuracy: foldMetrics.map(\.accuracy).reduce(0, +) / Double(foldMetrics.count))
        }
        var best = results[0]
        for result in results.dropFirst() where result.meanMacroF1 > best.meanMacroF1 { best = result }
        return (best.c, results)
    }
}
