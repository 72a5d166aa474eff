import Foundation
import DemarcheML
import DemarcheText

/// What training measured.
public struct TrainingReport: Sendable, Codable, Equatable {
    /// Rows trained on.
    public let rows: Int
    /// Rows per label, in `StanceLabel.all` order.
    public let labelCounts: [Int]
    /// Cross-validation results, one per C tried (empty when no cross-validation ran).
    public let crossValidation: [CrossValidationResult]
    /// The C of the final fit.
    public let chosenC: Double
    /// How the final fit converged.
    public let convergence: ConvergenceReport
    /// Vocabulary size.
    public let featureCount: Int
    /// The calibration stored in the model (identity offsets and temperature when none was fitted).
    public let calibration: Calibration
    /// Rows that trained the source model (a source named in the sentence or none; issue 14); 0
    /// when no row carries a source and the model has none.
    public var sourceRows: Int = 0
    /// Rows with a source the source model could not use (the source is not named in the sentence,
    /// or unknown to the gazetteer).
    public var sourceRowsSkipped: Int = 0
    /// The source model's accuracy on the rows it was trained on.
    public var sourceTrainingAccuracy: Double?
}

/// Trains stance models from labeled rows.
public enum StanceTrainer {
    /// Trains a model.
    ///
    /// Builds each row's features through the same `PairBuilder` scoring uses, fits the TF-IDF
    /// vocabulary, chooses C by stratified k-fold cross-validation when a grid is given (warm
    /// starts along the path), cross-validates the chosen C otherwise (when `folds` ≥ 2), and
    /// fits the final model on all rows. Cross-validation refits the vocabulary and idf inside each
    /// fold; the out-of-fold probabilities at the chosen C fit the model's ``Calibration``
    /// (temperature and per-class offsets), to which `neutralOffset` is added.
    /// - Parameters:
    ///   - rows: labeled rows (see `RowReader`); consumed: when the caller hands over its last copy
    ///     (`train(rows: consume rows, …)`), they are freed before the fit.
    ///   - gazetteer: the parties to recognise; stored in the model.
    ///   - configuration: settings; validated first.
    ///   - sources: file names recorded in the model's metadata.
    ///   - progress: called with short status lines.
    /// - Throws: `StanceError` for bad settings or rows whose target is missing; `LearningError`
    ///   from the numerics (e.g. a label with too few rows for the folds).
    public static func train(rows: consuming [LabeledRow], gazetteer: Gazetteer, lexicon: StanceLexicon = .empty,
                             configuration: TrainingConfiguration,
                             sources: [String] = [], progress: (String) -> Void = { _ in }) throws -> (StanceModel, TrainingReport) {
        try configuration.validate()
        guard !rows.isEmpty else { throw StanceError.unusableData(message: "no training rows; give at least a few rows of each label") }
        let lexicon = configuration.features[.lexicon] ? lexicon : .empty
        let builder = PairBuilder(gazetteer: gazetteer, features: configuration.features, lexicon: lexicon)
        let labels = rows.map(\.label.classIndex)
        var counts = [Int](repeating: 0, count: StanceLabel.all.count)
        for l in labels { counts[l] += 1 }
        let present = counts.filter { $0 > 0 }.count
        guard present >= 2 else {
            throw StanceError.unusableData(message: "training rows carry only one label (\(zip(StanceLabel.all, counts).filter { $0.1 > 0 }.map(\.0.rawValue).joined())); give rows of at least two labels")
        }

        var regression = configuration.regression
        var results: [CrossValidationResult] = []
        var calibration = Calibration.identity
        if configuration.folds >= 2 {
            // Cross-validation refits the vocabulary and idf inside each fold (a scikit-learn
            // Pipeline in cross_val_score): the documents are built once, each fold's vectorizer
            // sees only its training rows.
            progress("building features for \(rows.count) rows")
            let (documents, _) = try builder.documents(for: rows)
            let grid = configuration.cGrid.isEmpty ? [regression.c] : configuration.cGrid
            progress("cross-validating C in \(grid) over \(configuration.folds) folds (features refitted in each fold)")
            let (best, all, outOfFold) = try CrossValidation.selectC(
                labels: labels, classCount: StanceLabel.all.count, cGrid: grid, folds: configuration.folds,
                seed: configuration.seed, configuration: regression) { train, test in
                    let (foldVectorizer, trainMatrix) = try TfidfVectorizer.fitTransform(train.map { documents[$0] },
                                                                                          configuration: configuration.tfidf)
                    return (trainMatrix, foldVectorizer.transform(test.map { documents[$0] }))
                }
            regression.c = best
            results = all
            if configuration.calibrate {
                let g = Array(Set(grid)).sorted().firstIndex(of: best)!
                calibration = Calibration.fit(probabilities: outOfFold[g], labels: labels)
                progress(String(format: "calibration on held-out folds: temperature %.3f, offsets %@", calibration.temperature,
                                calibration.offsets.map { String(format: "%+.3f", $0) }.joined(separator: " ")))
            }
        }
        calibration.offsets[2] += configuration.neutralOffset

        // The data fingerprint (a serial FNV-1a chain over every row's text: 0.2–0.5 s at 1M rows)
        // is formed on its own thread while the vectorizer runs, instead of after it.
        let fingerprintJob = BackgroundJob { [rows = copy rows] in FNV1a64.fingerprint(rows) }
        // Each row's document is made, counted and dropped inside the vectorizer (never all at once).
        progress("building features for \(rows.count) rows")
        var found = [Bool](repeating: true, count: rows.count)
        var vectorized: Result<(TfidfVectorizer, SparseMatrix), Error>? = found.withUnsafeMutableBufferPointer { found in
            let found = found
            return Result {
                try TfidfVectorizer.fitTransform(documentCount: rows.count, configuration: configuration.tfidf) { i in
                    guard let (document, _) = builder.document(for: rows[i]) else {
                        found[i] = false
                        return Document()
                    }
                    return document
                }
            }
        }
        try PairBuilder.checkTargetsFound(rows) { found[$0] }  // reported before any vectorizer error
        let (vectorizer, matrix) = try vectorized!.get()
        vectorized = nil  // `matrix` is the only reference to the entries: the fit frees them early
        let rowCount = rows.count, fingerprint = fingerprintJob.result()
        // The source model (issue 14): a conditional logit over each pair's source candidates.
        var withSource = 0
        var sourceExamples: [(candidates: [SourceCandidate], answer: Int)] = []
        // Rows of an article (ids `<article>-<n>`) are read with its earlier sentences.
        let hasArticles = rows.contains { $0.articleKey != nil && $0.source != nil }
        let readings = hasArticles ? builder.sourceReadings(of: rows) : nil
        for i in 0..<rowCount where rows[i].source != nil && rows[i].label != .neutral {
            withSource += 1
            let reading = readings?[i]
            if let e = builder.sourceExample(rows[i], read: reading?.read, context: reading?.context ?? SourceContext(),
                                            date: reading?.date) {
                sourceExamples.append(e)
            }
        }
        var sourceModel: SourceModel?
        var sourceAccuracy: Double?
        if !sourceExamples.isEmpty {
            progress("fitting the source model on \(sourceExamples.count) rows with a source")
            let fitted = try SourceModel.fit(examples: sourceExamples)
            sourceModel = fitted
            let right = sourceExamples.filter { e in fitted.best(e.candidates)?.candidate == e.candidates[e.answer] }.count
            sourceAccuracy = Double(right) / Double(sourceExamples.count)
        }
        _ = consume rows  // the text is not needed any more: free it before the fit
        progress("vocabulary: \(vectorizer.terms.count) terms")

        progress("fitting the final model with C=\(regression.c)")
        let (fitted, convergence) = try SoftmaxRegression.fit(features: consume matrix, labels: labels, classCount: StanceLabel.all.count,
                                                              configuration: regression)
        progress("fitted: \(convergence.iterations) iterations")
        let chosen = results.first { $0.c == regression.c }
        let metadata = ModelMetadata(trainingDataHash: fingerprint, trainingRows: rowCount,
                                     trainingSources: sources, c: regression.c, cGrid: configuration.cGrid,
                                     folds: configuration.folds, seed: configuration.seed,
                                     crossValidatedMacroF1: chosen?.meanMacroF1, crossValidatedAccuracy: chosen?.meanAccuracy,
                                     convergence: convergence)
        let model = try StanceModel(labels: StanceLabel.all, features: configuration.features, vectorizer: vectorizer,
                                    regression: fitted, gazetteer: gazetteer, lexicon: lexicon, metadata: metadata,
                                    calibration: calibration, sourceModel: sourceModel)
        var report = TrainingReport(rows: rowCount, labelCounts: counts, crossValidation: results, chosenC: regression.c,
                                    convergence: convergence, featureCount: vectorizer.terms.count, calibration: calibration)
        report.sourceRows = sourceExamples.count
        report.sourceRowsSkipped = withSource - sourceExamples.count
        report.sourceTrainingAccuracy = sourceAccuracy
        return (model, report)
    }
}

/// A value computed on a thread of its own, started at creation; `result()` waits for it.
private final class BackgroundJob<Value: Sendable>: @unchecked Sendable {
    // `value` is written once by the job before `done` is signalled, and read only after waiting on it.
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            value = work()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The job's value, once it is done (waits for it; call once).
    func result() -> Value {
        done.wait()
        return value!
    }
}
