extension SoftmaxRegression {
    /// Fits the model by L-BFGS on the L2-regularised cross-entropy (see `LogisticRegressionConfiguration`
    /// for the exact objective, the same that scikit-learn's `LogisticRegression(solver="lbfgs")` minimizes).
    ///
    /// - Parameters:
    ///   - features: `n × p` rows (e.g. TF-IDF); consumed: the objective keeps its own layouts of
    ///     them, so a caller handing over its last copy (`fit(features: consume x, …)`) frees `x` for the fit.
    ///   - labels: `n` class indices in `0..<classCount`.
    ///   - classCount: `k ≥ 2`.
    ///   - configuration: regularisation, weighting, stopping and threading settings.
    ///   - warmStart: a model of the same shape to start from (e.g. the previous C of a path), or `nil` for zeros.
    /// - Returns: the model, and how the minimization ended (read `report.isConverged`).
    /// - Throws: `LearningError.invalidConfiguration`, `.emptyInput` (no rows), `.labelCountMismatch`,
    ///   `.labelOutOfRange`, `.widthMismatch` (warm start of another width), `.invalidInput` (warm start
    ///   with another class count), `.nonFiniteObjective(iteration:)`.
    /// - Complexity: per iteration O(entries · k) in parallel plus O(historySize · p · k) vector work.
    public static func fit(features: consuming SparseMatrix, labels: [Int], classCount: Int,
                           configuration: LogisticRegressionConfiguration,
                           warmStart: SoftmaxRegression? = nil) throws -> (model: SoftmaxRegression, report: ConvergenceReport) {
        try configuration.validate()
        guard classCount >= 2 else {
            throw LearningError.invalid("classCount", ">= 2", classCount, "pass the number of classes, at least 2")
        }
        guard features.rowCount > 0 else { throw LearningError.emptyInput(what: "rows") }
        guard labels.count == features.rowCount else {
            throw LearningError.labelCountMismatch(labels: labels.count, rows: features.rowCount)
        }
        if let row = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw LearningError.labelOutOfRange(label: labels[row], row: row, classCount: classCount)
        }
        let k = classCount, p = features.columnCount
        if let start = warmStart {
            guard start.featureCount == p else { throw LearningError.widthMismatch(expected: start.featureCount, actual: p) }
            guard start.classCount == k else {
                throw LearningError.invalidInput(what: "warm start",
                                                 problem: "it has \(start.classCount) classes, the labels have \(k)")
            }
        }

        var sampleWeights = [Double]()
        if configuration.classWeighting == .balanced {
            var counts = [Int](repeating: 0, count: k)
            for y in labels { counts[y] += 1 }
            let classWeights = counts.map { $0 > 0 ? Double(labels.count) / (Double(k) * Double($0)) : 0 }
            sampleWeights = labels.map { classWeights[$0] }
        }
        // Work in a column order with the most frequent features first (see `columnsByDecreasingFrequency`):
        // the same optimisation problem, relabelled, with far fewer cache misses in the kernels.
        Trace.mark("fit: column order")
        let newColumn = features.columnsByDecreasingFrequency()
        Trace.mark("fit: objective (tiles, transpose)")
        let objective = SoftmaxCrossEntropy(taking: &features, newColumn: newColumn, labels: labels, sampleWeights: sampleWeights,
                                            classCount: k, c: configuration.c, fitIntercept: configuration.fitIntercept,
                                            threadCount: configuration.threadCount)  // empties `features` (last use)
        var start = [Double](repeating: 0, count: objective.dimension)
        if let model = warmStart {
            for j in 0..<p {
                let target = Int(newColumn[j]) * k
                for c in 0..<k { start[target + c] = model.weights[j * k + c] }
            }
            if configuration.fitIntercept { start.replaceSubrange((p * k)..., with: model.intercepts) }
        }
        // The gradient test is guarded against dips of `‖g‖∞` (see `gradientTestMaximumReduction`):
        // at the default tolerance, a step that still lowers the objective by 10⁻³ is not the end.
        let minimizer = LBFGSMinimizer(historySize: configuration.historySize, maxIterations: configuration.maxIterations,
                                       gradientTolerance: configuration.gradientTolerance,
                                       gradientTestMaximumReduction: 1e-3,
                                       threadCount: configuration.threadCount)
        Trace.mark("fit: minimizing")
        let (solution, report) = try minimizer.minimize(objective, from: start)
        Trace.mark("fit: minimized")
        var weights = [Double](repeating: 0, count: p * k)
        for j in 0..<p {
            let source = Int(newColumn[j]) * k
            for c in 0..<k { weights[j * k + c] = solution[source + c] }
        }
        let intercepts = configuration.fitIntercept ? Array(solution[(p * k)...]) : [Double](repeating: 0, count: k)
        let model = SoftmaxRegression(unchecked: k, featureCount: p, weights: weights, intercepts: intercepts,
                                      threadCount: configuration.threadCount)
        return (model, report)
    }
}
