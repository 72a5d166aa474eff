import DemarcheML

/// Everything that decides a trained model, besides the data and the gazetteer.
public struct TrainingConfiguration: Sendable, Codable, Equatable {
    /// TF-IDF settings. Defaults: word 1–2-grams, min_df 2, sublinear tf, smoothed idf, L2 rows.
    public var tfidf: TfidfConfiguration
    /// Target-aware features.
    public var features: FeatureConfiguration
    /// Logistic regression settings; `c` is used as is when `cGrid` is empty.
    public var regression: LogisticRegressionConfiguration
    /// C values to choose from by cross-validation (empty: use `regression.c`).
    public var cGrid: [Double]
    /// Cross-validation folds (0: none; needed when `cGrid` is not empty).
    public var folds: Int
    /// Seed of the fold assignment.
    public var seed: UInt64
    /// Fit a ``Calibration`` (temperature and per-class offsets) on the out-of-fold probabilities
    /// of cross-validation (needs `folds` ≥ 2).
    public var calibrate: Bool
    /// Added to the calibrated log-probability of `neutral`: the shift from the corpus's share of
    /// neutral rows (about 38%) to real news (about 60–65% of the (sentence, party) pairs of
    /// complete articles). 0 keeps the corpus's prior.
    public var neutralOffset: Double

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
        cGrid = []
        folds = 5
        seed = 1
        calibrate = true
        neutralOffset = 0
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
        if !neutralOffset.isFinite || abs(neutralOffset) > 10 {
            throw StanceError.invalidConfiguration(parameter: "neutral-offset", rule: "must be finite, within -10...10", value: "\(neutralOffset)", fix: "use a value such as 0.5")
        }
        for c in cGrid where !(c > 0) || !c.isFinite {
            throw StanceError.invalidConfiguration(parameter: "c-grid", rule: "values must be finite and > 0", value: "\(c)", fix: "use values such as 0.5,1,2,4,8")
        }
    }
}
