/// The cross-validated scores of one value of C.
public struct CrossValidationResult: Sendable, Codable, Equatable {
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
    /// The matrix is fixed, so its vocabulary and idf were fitted on every row, test folds
    /// included: use ``selectC(labels:classCount:cGrid:folds:seed:configuration:foldMatrices:)``
    /// to refit the features inside each fold, as a scikit-learn `Pipeline` does.
    /// - Returns: the best C (highest mean macro-F1, ties to the smaller C) and one result per C in
    ///   increasing order.
    public static func selectC(features: SparseMatrix, labels: [Int], classCount: Int, cGrid: [Double], folds: Int,
                               seed: UInt64, configuration: LogisticRegressionConfiguration) throws
        -> (best: Double, results: [CrossValidationResult]) {
        guard labels.count == features.rowCount else {
            throw LearningError.labelCountMismatch(labels: labels.count, rows: features.rowCount)
        }
        let (best, results, _) = try selectC(labels: labels, classCount: classCount, cGrid: cGrid, folds: folds, seed: seed,
                                             configuration: configuration) { train, test in
            (features.selectingRows(train), features.selectingRows(test))
        }
        return (best, results)
    }

    /// k-fold cross-validation of `SoftmaxRegression` over a grid of C, with the feature matrices
    /// of each fold built by the caller from that fold's training rows only (vocabulary and idf
    /// refitted inside the fold, so the test fold never leaks into the features).
    ///
    /// Folds are `StratifiedKFold(labels:folds:seed:)`. Within each fold, the grid is fitted in
    /// increasing order of C, each fit warm-started from the previous one (less regularised models
    /// start from more regularised ones: the regularisation path).
    ///
    /// - Parameters:
    ///   - labels: one class per row, in `0..<classCount`.
    ///   - classCount: the number of classes.
    ///   - cGrid: candidate values of C (positive, any order; duplicates are evaluated once).
    ///   - folds: the number of folds (≥ 2).
    ///   - seed: the fold shuffling seed.
    ///   - configuration: the other fit settings (its `c` is ignored).
    ///   - foldMatrices: given a fold's training and test row indices (into `labels`), the two
    ///     feature matrices, with the same columns, rows in the order given.
    /// - Returns: the best C (highest mean macro-F1, ties to the smaller C), one result per C in
    ///   increasing order, and for each C (same order) the out-of-fold probabilities: row-major,
    ///   `classCount` per row, in the rows' original order.
    /// - Throws: `LearningError.invalidConfiguration` (empty grid, a C ≤ 0, bad settings), the errors of
    ///   `StratifiedKFold`, of `foldMatrices` and of `SoftmaxRegression.fit`.
    /// - Complexity: folds × grid size fits.
    public static func selectC(labels: [Int], classCount: Int, cGrid: [Double], folds: Int, seed: UInt64,
                               configuration: LogisticRegressionConfiguration,
                               foldMatrices: (_ train: [Int], _ test: [Int]) throws -> (train: SparseMatrix, test: SparseMatrix)) throws
        -> (best: Double, results: [CrossValidationResult], outOfFold: [[Double]]) {
        guard !cGrid.isEmpty else {
            throw LearningError.invalid("cGrid", "non-empty", "[]", "pass candidate values such as [0.1, 1, 10]")
        }
        if let bad = cGrid.first(where: { !($0 > 0 && $0.isFinite) }) {
            throw LearningError.invalid("cGrid value", "> 0 and finite", bad, "use positive values such as [0.1, 1, 10]")
        }
        try configuration.validate()
        if let row = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw LearningError.labelOutOfRange(label: labels[row], row: row, classCount: classCount)
        }
        let grid = Array(Set(cGrid)).sorted()
        let splits = try StratifiedKFold(labels: labels, folds: folds, seed: seed).folds
        var metrics = [[ClassificationMetrics]](repeating: [], count: grid.count)
        var outOfFold = [[Double]](repeating: [Double](repeating: 0, count: labels.count * classCount), count: grid.count)
        for split in splits {
            let (train, test) = try foldMatrices(split.train, split.test)
            guard train.rowCount == split.train.count, test.rowCount == split.test.count, train.columnCount == test.columnCount else {
                throw LearningError.invalid("fold matrices", "one row per fold row and the same columns",
                                            Double(train.rowCount), "build both matrices with the fold's vectorizer")
            }
            let trainLabels = split.train.map { labels[$0] }, testLabels = split.test.map { labels[$0] }
            var previous: SoftmaxRegression?
            for (g, c) in grid.enumerated() {
                var settings = configuration
                settings.c = c
                let (model, _) = try SoftmaxRegression.fit(features: train, labels: trainLabels, classCount: classCount,
                                                           configuration: settings, warmStart: previous)
                previous = model
                let p = try model.probabilities(for: test)
                var predicted = [Int](repeating: 0, count: split.test.count)
                for (r, row) in split.test.enumerated() {
                    var best = 0
                    for k in 0..<classCount {
                        outOfFold[g][row * classCount + k] = p[r * classCount + k]
                        if p[r * classCount + k] > p[r * classCount + best] { best = k }
                    }
                    predicted[r] = best
                }
                metrics[g].append(try ClassificationMetrics(truth: testLabels, predicted: predicted, classCount: classCount))
            }
        }
        let results = zip(grid, metrics).map { c, foldMetrics in
            CrossValidationResult(c: c, foldMetrics: foldMetrics,
                                  meanMacroF1: foldMetrics.map(\.macroF1).reduce(0, +) / Double(foldMetrics.count),
                                  meanAccuracy: foldMetrics.map(\.accuracy).reduce(0, +) / Double(foldMetrics.count))
        }
        var best = results[0]
        for result in results.dropFirst() where result.meanMacroF1 > best.meanMacroF1 { best = result }
        return (best.c, results, outOfFold)
    }
}
