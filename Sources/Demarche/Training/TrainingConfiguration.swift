import DemarcheML

/// Everything that decides a trained model, besides the data and the gazetteer.
public struct TrainingConfiguration: Sendable, Codable, Equatable {
    /// TF-IDF settings. Defaults: word 1–2-grams, min_df 2, sublinear tf, smoothed idf, L2 rows.
    public var tfidf: TfidfConfiguration
    /// Target-aware features.
    public var features: FeatureConfiguration
    /// Logistic regression settings; `c` is used as is when `cGrid` is empty. Defaults: C 4,
    /// balanced class weights, gradient tolerance 1e-4 (scikit-learn's `tol`).
    public var regression: LogisticRegressionConfiguration
    /// C values to choose from by cross-validation (empty: use `regression.c`).
    public var cGrid: [Double]
    /// Cross-validation folds (0: none; needed when `cGrid` is not empty).
    public var folds: Int
    /// Seed of the fold assignment.
    public var seed: UInt64

    /// The defaults the bundled model is trained with.
    public init() {
        tfidf = TfidfConfiguration()
        tfidf.wordNgramRange = 1...2
        tfidf.minDocumentFrequency = 2
        tfidf.sublinearTF = true
        features = FeatureConfiguration()
        regression = LogisticRegressionConfiguration()
        regression.c = 4
        regression.classWeighting = .balanced
        // scikit-learn's default `tol`: on 100k rows it stops after about a third of the
        // iterations 1e-5 takes, with the same macro-F1 (the last iterations polish weights
        // that no longer change any label).
        regression.gradientTolerance = 1e-4
        cGrid = []
        folds = 5
        seed = 1
    }

    /// Checks every part.
    /// - Throws: the first invalid setting, naming parameter, rule and value.
    public func validate() throws {
        try tfidf.validate()
        try features.validate()
        try regression.validate()
        if folds < 0 || folds == 1 || folds > 50 {
            throw StanceError.invalidConfiguration(parameter: "folds", rule: "must be 0 (none) or in 2...50", value: "\(folds)", fix: "use 5 folds")
        }
        if !cGrid.isEmpty && folds < 2 {
            throw StanceError.invalidConfiguration(parameter: "folds", rule: "must be at least 2 when a C grid is given", value: "\(folds)", fix: "add --folds 5 or give a single --c")
        }
        for c in cGrid where !(c > 0) || !c.isFinite {
            throw StanceError.invalidConfiguration(parameter: "c-grid", rule: "values must be finite and > 0", value: "\(c)", fix: "use values such as 0.5,1,2,4,8")
        }
    }
}
