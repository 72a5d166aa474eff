import DemarcheML
import DemarcheText

/// A trained stance model: the gazetteer, the feature settings, the TF-IDF vocabulary and the
/// softmax regression weights. An immutable value; load it once and share it across threads.
public struct StanceModel: Sendable {
    /// Class labels in weight-column order (sorted: conciliatory, hostile, neutral).
    public let labels: [StanceLabel]
    /// Target-aware feature switches the model was trained with.
    public let features: FeatureConfiguration
    /// Vocabulary and idf.
    public let vectorizer: TfidfVectorizer
    /// The fitted weights.
    public let regression: SoftmaxRegression
    /// The gazetteer the model was trained with (plus any parties merged in with `adding(parties:)`).
    public let gazetteer: Gazetteer
    /// The cue lexicon the features use (empty when the model uses none).
    public let lexicon: StanceLexicon
    /// How the model was made.
    public let metadata: ModelMetadata
    /// Applied to the regression's probabilities everywhere the model answers (identity for
    /// models written before calibration).
    public let calibration: Calibration
    /// Who holds each attitude (issue 14); nil for models trained without source rows, which then
    /// give no sources.
    public let sourceModel: SourceModel?
    /// The shared path from text to features.
    let builder: PairBuilder

    /// Assembles a model from its parts.
    /// - Throws: `StanceError.badModelFile` when the parts do not fit together.
    public init(labels: [StanceLabel], features: FeatureConfiguration, vectorizer: TfidfVectorizer,
                regression: SoftmaxRegression, gazetteer: Gazetteer, lexicon: StanceLexicon = .empty,
                metadata: ModelMetadata, calibration: Calibration = .identity, sourceModel: SourceModel? = nil) throws {
        try self.init(labels: labels, features: features, vectorizer: vectorizer, regression: regression,
                      matcher: PartyMatcher(gazetteer: gazetteer), lexicon: lexicon, metadata: metadata,
                      calibration: calibration, sourceModel: sourceModel)
    }

    /// Assembles a model around an already built matcher (loading builds it concurrently).
    init(labels: [StanceLabel], features: FeatureConfiguration, vectorizer: TfidfVectorizer,
         regression: SoftmaxRegression, matcher: PartyMatcher, lexicon: StanceLexicon,
         metadata: ModelMetadata, calibration: Calibration, sourceModel: SourceModel?) throws {
        let gazetteer = matcher.gazetteer
        guard labels == StanceLabel.all else {
            throw StanceError.badModelFile(path: "<model>", problem: "labels \(labels) are not \(StanceLabel.all)")
        }
        guard regression.featureCount == vectorizer.terms.count, regression.classCount == labels.count else {
            throw StanceError.badModelFile(path: "<model>", problem: "weights are \(regression.featureCount)×\(regression.classCount) but the vocabulary has \(vectorizer.terms.count) terms and \(labels.count) labels")
        }
        self.labels = labels; self.features = features; self.vectorizer = vectorizer
        guard calibration.isValid else {
            throw StanceError.badModelFile(path: "<model>", problem: "calibration \(calibration) is not a positive finite temperature with three finite offsets")
        }
        self.regression = regression; self.gazetteer = gazetteer; self.lexicon = lexicon; self.metadata = metadata
        self.calibration = calibration
        self.sourceModel = sourceModel
        self.builder = PairBuilder(matcher: matcher, features: features, lexicon: lexicon)
    }

    /// The same model with more parties known (e.g. a user's `--parties` file); entries with the
    /// same id replace the model's own.
    public func adding(parties: Gazetteer) throws -> StanceModel {
        try StanceModel(labels: labels, features: features, vectorizer: vectorizer, regression: regression,
                        gazetteer: gazetteer.merging(parties), lexicon: lexicon, metadata: metadata,
                        calibration: calibration, sourceModel: sourceModel)
    }

    /// Classifies one (sentence, target) pair.
    /// - Parameters:
    ///   - sentence: one sentence of text.
    ///   - target: the party as written in the sentence, or a party id or name from the gazetteer.
    /// - Returns: the label and the three probabilities.
    /// - Throws: `StanceError.invalidRows` when the target is not in the sentence.
    public func classify(_ sentence: String, target: String) throws -> StancePrediction {
        let row = LabeledRow(text: sentence, target: target, label: .neutral)
        return try classify([row])[0]
    }

    /// Classifies many pairs at once (in parallel); the rows' labels are ignored.
    ///
    /// Each worker takes a contiguous chunk of rows and carries every row through the whole path
    /// (read, resolve, featurise, TF-IDF row, probabilities, calibration) before the next, so a
    /// row's document and terms are still in cache when they are used and no document or sparse
    /// matrix of all the rows is ever held. The results are written by row index: the same
    /// predictions, bit for bit, as featurising all rows, then `TfidfVectorizer.transform`, then
    /// `SoftmaxRegression.probabilities(for:)`, whatever the scheduling.
    /// - Throws: `StanceError.invalidRows` naming every row whose target is not in its sentence.
    public func classify(_ rows: [LabeledRow]) throws -> [StancePrediction] {
        var predictions = [StancePrediction?](repeating: nil, count: rows.count)
        // Many rows: the vocabulary's lookup index with inline keys, built once (~10 ms for the
        // 100k benchmark model's 259k terms) and shared by the workers; the same ids as the table.
        let index = rows.count >= Self.termIndexRows ? vectorizer.termIndex() : nil
        predictions.withUnsafeMutableBufferPointer { out in
            let out = out
            // Rows read in place (`rows[i]` of the captured array copied each row, retaining its strings).
            rows.withUnsafeBufferPointer { rows in
            Parallel.forEachChunk(count: rows.count, minimumChunk: 256) { range in
                var classifier = RowClassifier(model: self, index: index)
                for i in range { out[i] = classifier.prediction(for: rows[i]) }
            }
            }
        }
        try PairBuilder.checkTargetsFound(rows) { predictions[$0] != nil }
        return predictions.map { $0! }
    }

    /// From how many rows `classify` builds a ``TermIndex`` (below, the table's lookups: building
    /// the index would cost more than it saves).
    static let termIndexRows = 16_384

    /// One worker's classification of row after row (`classify`'s per-row path): its predictor,
    /// party facts, document and featurizer scratch, reused from row to row.
    struct RowClassifier {
        private let builder: PairBuilder
        private var predictor: RowPredictor
        private var facts: [String: PairBuilder.PartyFacts] = [:]
        private var document = Document()
        private var scratch = StanceFeaturizer.Scratch()

        init(model: StanceModel, index: TermIndex?) {
            builder = model.builder
            predictor = RowPredictor(model: model, index: index)
        }

        /// The row's prediction, or nil when its target is not in its sentence.
        mutating func prediction(for row: LabeledRow) -> StancePrediction? {
            guard let target = builder.document(for: row, cache: &facts, into: &document, scratch: &scratch) else { return nil }
            let probabilities = predictor.probabilities(of: document)
            return StancePrediction(label: probabilities.label, probabilities: probabilities, partyID: target.partyID)
        }
    }

    /// Calibrated probabilities of one document after another, with one worker's scratch.
    struct RowPredictor {
        let model: StanceModel
        private var transformer: TfidfVectorizer.RowTransformer
        private var raw: [Double]

        init(model: StanceModel, index: TermIndex? = nil) {
            self.model = model
            transformer = model.vectorizer.rowTransformer(index: index)
            raw = [Double](repeating: 0, count: model.regression.classCount)
        }

        /// The calibrated probabilities of `document`: the bits of the same row of
        /// `SoftmaxRegression.probabilities(for: vectorizer.transform(documents))` through the
        /// calibration.
        mutating func probabilities(of document: Document) -> StanceProbabilities {
            let regression = model.regression
            raw.withUnsafeMutableBufferPointer { p in
                transformer.withRow(of: document) { indices, values in
                    regression.probabilities(forRow: indices, values: values, into: p)
                }
            }
            return model.calibration.apply(StanceProbabilities(row: raw[...]))
        }
    }
}

extension PairBuilder {
    /// Documents for labeled rows, built in parallel; every row whose target cannot be found is
    /// reported.
    func documents(for rows: [LabeledRow]) throws -> ([Document], [ResolvedTarget]) {
        var documents = [Document](repeating: Document(), count: rows.count)
        var targets = [ResolvedTarget?](repeating: nil, count: rows.count)
        documents.withUnsafeMutableBufferPointer { docs in
            targets.withUnsafeMutableBufferPointer { tgts in
                let d = docs, t = tgts
                Parallel.forEachChunk(count: rows.count) { range in
                    for i in range {
                        if let (document, target) = self.document(for: rows[i]) {
                            t[i] = target
                            d[i] = document
                        }
                    }
                }
            }
        }
        try Self.checkTargetsFound(rows) { targets[$0] != nil }
        return (documents, targets.map { $0! })
    }

    /// The document of one labeled row and where its target stands, or nil when the target is not
    /// in the sentence.
    func document(for row: LabeledRow) -> (Document, ResolvedTarget)? {
        let read = self.read(row.text)
        let counted = self.counted(in: read)  // once for resolving and featurising
        return document(for: row, read: read, counted: counted)
    }

    /// `document(for:)` with each id's party facts kept in a worker's `cache`.
    func document(for row: LabeledRow, cache: inout [String: PartyFacts]) -> (Document, ResolvedTarget)? {
        let read = self.read(row.text)
        return document(for: row, read: read, counted: counted(in: read, cache: &cache))
    }

    /// `document(for:cache:)` written into a worker's `document` with its `scratch`; nil (the
    /// document left as it is) when the target is not in the sentence.
    func document(for row: LabeledRow, cache: inout [String: PartyFacts], into document: inout Document,
                  scratch: inout StanceFeaturizer.Scratch) -> ResolvedTarget? {
        let read = self.read(row.text)
        let counted = counted(in: read, cache: &cache)
        guard let target = resolve(target: row.target, in: read, text: row.text, counted: counted) else { return nil }
        self.document(for: target, in: read, countedParties: counted, into: &document, scratch: &scratch)
        return target
    }

    private func document(for row: LabeledRow, read: ReadSentence, counted: [String]) -> (Document, ResolvedTarget)? {
        guard let target = resolve(target: row.target, in: read, text: row.text, counted: counted) else { return nil }
        return (document(for: target, in: read, countedParties: counted), target)
    }

    /// Throws `StanceError.invalidRows` naming every row whose target `found(index)` says was missing.
    static func checkTargetsFound(_ rows: [LabeledRow], found: (Int) -> Bool) throws {
        var problems: [RowProblem] = []
        for i in rows.indices where !found(i) {
            problems.append(rows[i].problem("target \"\(rows[i].target)\" is not in its sentence; expected a substring of the text (on word boundaries) or a party id or name from the gazetteer"))
        }
        if !problems.isEmpty { throw StanceError.invalidRows(problems) }
    }
}
