import Foundation
import DemarcheML

/// Precision, recall, F1 and support of one label.
public struct LabelScores: Sendable, Codable, Equatable {
    public let precision: Double
    public let recall: Double
    public let f1: Double
    public let support: Int
}

/// How well the top label's probability matches how often it is right (10 equal-width bins of
/// confidence).
public struct CalibrationReport: Sendable, Codable, Equatable {
    /// One bin of the reliability table.
    public struct Bin: Sendable, Codable, Equatable {
        /// Confidence range `[lower, upper)` (the last bin includes 1).
        public let lower: Double
        public let upper: Double
        /// Rows whose top probability falls in the bin.
        public let rows: Int
        /// Their mean top probability.
        public let meanConfidence: Double
        /// The share of them labeled right.
        public let accuracy: Double
    }
    /// Expected calibration error: Σ over bins of (rows / all rows) × |accuracy − mean confidence|.
    public let ece: Double
    /// The reliability table (empty bins left out).
    public let bins: [Bin]

    /// Computes the table from each row's top probability and whether its label was right.
    public init(confidences: [Double], correct: [Bool], binCount: Int = 10) {
        precondition(confidences.count == correct.count, "one confidence per row")
        var n = [Int](repeating: 0, count: binCount), conf = [Double](repeating: 0, count: binCount)
        var right = [Int](repeating: 0, count: binCount)
        for (c, ok) in zip(confidences, correct) {
            let b = min(binCount - 1, max(0, Int(c * Double(binCount))))
            n[b] += 1; conf[b] += c; right[b] += ok ? 1 : 0
        }
        var bins: [Bin] = []
        var ece = 0.0
        let total = Double(max(1, confidences.count))
        for b in 0..<binCount where n[b] > 0 {
            let meanConfidence = conf[b] / Double(n[b]), accuracy = Double(right[b]) / Double(n[b])
            bins.append(Bin(lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount), rows: n[b],
                            meanConfidence: meanConfidence, accuracy: accuracy))
            ece += Double(n[b]) / total * abs(accuracy - meanConfidence)
        }
        self.ece = ece
        self.bins = bins
    }
}

/// The evaluation of a model on labeled rows, in the shape `demarche eval --format json` prints:
/// `rows`, `accuracy`, `macroF1`, `perClass.{hostile,conciliatory,neutral}.{precision,recall,f1,support}`,
/// and `confusion[truth][predicted]` keyed by label.
public struct EvaluationReport: Sendable, Codable, Equatable {
    public let rows: Int
    public let accuracy: Double
    public let macroF1: Double
    public let perClass: [StanceLabel: LabelScores]
    public let confusion: [StanceLabel: [StanceLabel: Int]]
    /// Expected calibration error and the reliability table of the top label's probability.
    public let calibration: CalibrationReport
    /// Source accuracy (issue 14) over rows that carry a source and a non-neutral label, judged
    /// with the row's own label; nil when no row carries one.
    public var source: SourceReport? = nil
}

/// A model's predictions on labeled rows and the metrics they earn.
public struct StanceEvaluation: Sendable {
    /// The rows evaluated.
    public let rows: [LabeledRow]
    /// One prediction per row.
    public let predictions: [StancePrediction]
    /// The predicted source of each row with a non-neutral label (judged with the row's label):
    /// nil when not predicted, `.some(nil)` for none.
    public private(set) var sources: [SourceAttribution?] = []
    /// The metrics.
    public private(set) var report: EvaluationReport
    /// The predictions file's bytes in consecutive pieces, formatted by the scoring workers when
    /// asked for and the model names no sources (nil: `predictionPieces()` formats them).
    private var formattedPieces: [[UInt8]]? = nil

    /// Classifies every row and scores the predictions against the rows' labels.
    /// - Parameters:
    ///   - formattingPredictions: the caller will write the predictions (`writePredictions(to:)`):
    ///     with a model without a source model, each scoring worker formats the lines of its
    ///     chunk of rows right after scoring them (the rows still in cache, and no formatting pass
    ///     after the parallel scoring). The same bytes either way.
    ///   - path: also write the predictions file there (as `writePredictions(to:)`, atomically):
    ///     with a model without a source model, written while the rows are scored
    ///     (``PredictionsFileStream``); the file is in place when this returns, and left as it
    ///     was when this throws.
    /// - Throws: `StanceError.invalidRows` for rows whose target is not in the sentence;
    ///   `StanceError.io` when the predictions file cannot be written.
    public init(model: StanceModel, rows: [LabeledRow], formattingPredictions: Bool = false,
                writingPredictionsTo path: String? = nil) throws {
        self.rows = rows
        let predictions: [StancePrediction]
        var stream: PredictionsFileStream? = nil
        var committed = false
        // A stream not committed (an error below) leaves no file behind.
        defer { if !committed { stream?.abandon() } }
        if (formattingPredictions || path != nil) && model.sourceModel == nil {
            if let path {
                try OutputPath.check(path, what: "predictions", example: "predictions.jsonl")
                // Not opened (the directory not writable …): formatted here and written after,
                // where the error is reported as before.
                stream = try? PredictionsFileStream(path: path, pieceCount: StanceModel.predictionPieceCount(rows: rows.count))
            }
            let (scored, pieces) = try model.classifyFormattingLines(rows, stream: stream)
            predictions = scored
            formattedPieces = pieces
        } else {
            predictions = try model.classify(rows)
        }
        self.predictions = predictions
        let labels = StanceLabel.all
        // By index, field by field: mapping over the rows (or a zip of them) copied each whole row,
        // retaining its strings, on the one thread that runs after the parallel scoring.
        let truth = rows.indices.map { rows[$0].label.classIndex }
        let predicted = predictions.indices.map { predictions[$0].label.classIndex }
        let metrics = try ClassificationMetrics(truth: truth, predicted: predicted, classCount: labels.count)
        var perClass: [StanceLabel: LabelScores] = [:]
        var confusion: [StanceLabel: [StanceLabel: Int]] = [:]
        for (k, label) in labels.enumerated() {
            let m = metrics.perClass[k]
            perClass[label] = LabelScores(precision: m.precision, recall: m.recall, f1: m.f1, support: m.support)
            confusion[label] = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, metrics.confusion[k][$0]) })
        }
        let confidences = predictions.indices.map { i in
            let p = predictions[i].probabilities
            return max(p.hostile, p.conciliatory, p.neutral)
        }
        let correct = truth.indices.map { truth[$0] == predicted[$0] }
        report = EvaluationReport(rows: metrics.rows, accuracy: metrics.accuracy, macroF1: metrics.macroF1,
                                  perClass: perClass, confusion: confusion,
                                  calibration: CalibrationReport(confidences: confidences, correct: correct))
        if rows.contains(where: { $0.source != nil && $0.label != .neutral }) {
            report.source = try SourceReport(model: model, rows: rows)
        }
        // Only a model with a source model names a source, and only for non-neutral labels: the
        // other rows are not read a second time.
        guard model.sourceModel != nil else {
            sources = [SourceAttribution?](repeating: nil, count: rows.count)
            if let stream {
                committed = true
                try stream.commit()
            } else if let path {
                try writePredictions(to: path)
            }
            return
        }
        // Rows of an article are read with its other sentences (``PairBuilder/sourceReadings(of:)``);
        // the other non-neutral rows are read again here, in parallel chunks.
        let readings = rows.contains { $0.label != .neutral && $0.articleKey != nil }
            ? model.builder.sourceReadings(of: rows) : nil
        var found = [SourceAttribution?](repeating: nil, count: rows.count)
        found.withUnsafeMutableBufferPointer { out in
            let out = out
            Parallel.forEachChunk(count: rows.count, minimumChunk: 256) { range in
                for i in range where rows[i].label != .neutral {
                    let row = rows[i]
                    let reading = readings?[i]
                    let read = reading?.read ?? model.builder.read(row.text)
                    guard let target = model.builder.resolve(target: row.target, in: read, text: row.text) else { continue }
                    out[i] = model.attribution(for: target, in: read, label: row.label, date: reading?.date,
                                               context: reading?.context ?? SourceContext())
                }
            }
        }
        sources = found
        if let path { try writePredictions(to: path) }
    }

    /// Writes each row with its prediction as JSON Lines, atomically:
    /// `{"id","label","partyID","predicted","predictedSource","probabilities","source","target","text"}`
    /// (sorted keys; absent optional members left out), byte for byte what `JSONEncoder` with
    /// `.sortedKeys` writes for each line.
    public func writePredictions(to path: String) throws {
        let pieces = formattedPieces ?? predictionPieces()
        try OutputPath.check(path, what: "predictions", example: "predictions.jsonl")
        try AtomicFile.write(pieces: pieces, to: path, what: "predictions")
    }

    /// The predictions file's bytes (see `predictionPieces()`), joined: the pieces the scoring
    /// workers formatted when there are some.
    func predictionLines() -> Data {
        let pieces = formattedPieces ?? predictionPieces()
        var data = Data(capacity: pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { data.append(contentsOf: piece) }
        return data
    }

    /// The predictions file's bytes in consecutive pieces of rows, written in parallel with
    /// `CompactJSONWriter` rather than a `JSONEncoder` per row (at 200,000 rows the encoder was
    /// 1.5 s of one core after the parallel scoring); the file is written piece by piece, not
    /// joined first.
    func predictionPieces() -> [[UInt8]] {
        let pieceCount = max(1, min(64, rows.count / 2048))
        var pieces = [[UInt8]](repeating: [], count: pieceCount)
        // Rows, predictions and sources read in place (no copy of each row's strings).
        rows.withUnsafeBufferPointer { rows in
        predictions.withUnsafeBufferPointer { predictions in
        sources.withUnsafeBufferPointer { sources in
        pieces.withUnsafeMutableBufferPointer { out in
            let out = out
            Parallel.forEachChunk(count: pieceCount, minimumChunk: 1) { chunks in
                for c in chunks {
                    var w = CompactJSONWriter()
                    let range = Self.piece(c, of: pieceCount, count: rows.count)
                    w.bytes.reserveCapacity(range.count * 400)
                    for i in range { w.predictionLine(row: rows[i], prediction: predictions[i], source: i < sources.count ? sources[i] : nil) }
                    out[c] = w.bytes
                }
            }
        }}}}
        return pieces
    }

    /// Piece `index` of `count` near-equal contiguous pieces of `0..<total`.
    static func piece(_ index: Int, of count: Int, count total: Int) -> Range<Int> {
        let base = total / count, extra = total % count
        let start = index * base + min(index, extra)
        return start..<(start + base + (index < extra ? 1 : 0))
    }
}

extension StanceModel {
    /// `classify(_:)` with each worker also writing the `eval --predictions` lines of its chunk
    /// of rows (no predicted source: for a model without a source model) right after scoring
    /// them, into one piece per chunk: the pieces, in order, are the bytes
    /// `StanceEvaluation.predictionPieces()` joins to. The predictions are `classify(_:)`'s, bit
    /// for bit: the same per-row path (`RowClassifier`).
    /// - Throws: `StanceError.invalidRows` naming every row whose target is not in its sentence.
    /// With a `stream`, each piece is handed to it instead (the pieces returned are nil).
    func classifyFormattingLines(_ rows: [LabeledRow], stream: PredictionsFileStream? = nil) throws -> ([StancePrediction], [[UInt8]]?) {
        var predictions = [StancePrediction?](repeating: nil, count: rows.count)
        let index = rows.count >= Self.termIndexRows ? vectorizer.termIndex() : nil
        // As `classify`'s chunks (at most 64, of at least 256 rows), one piece per chunk; the
        // chunks are handed out to the workers one at a time.
        let pieceCount = Self.predictionPieceCount(rows: rows.count)
        var pieces = [[UInt8]](repeating: [], count: pieceCount)
        predictions.withUnsafeMutableBufferPointer { out in
        pieces.withUnsafeMutableBufferPointer { piecesOut in
            let out = out, piecesOut = piecesOut
            // Rows read in place (no copy of each row's strings).
            rows.withUnsafeBufferPointer { rows in
            Parallel.forEachChunk(count: pieceCount, minimumChunk: 1) { chunks in
                var classifier = RowClassifier(model: self, index: index)
                for c in chunks {
                    let range = StanceEvaluation.piece(c, of: pieceCount, count: rows.count)
                    var writer = CompactJSONWriter()
                    writer.bytes.reserveCapacity(range.count * 400)
                    for i in range {
                        guard let prediction = classifier.prediction(for: rows[i]) else { continue }
                        out[i] = prediction
                        writer.predictionLine(row: rows[i], prediction: prediction, source: nil)
                    }
                    if let stream { stream.put(c, writer.bytes) } else { piecesOut[c] = writer.bytes }
                }
            }
            }
        }
        }
        try PairBuilder.checkTargetsFound(rows) { predictions[$0] != nil }
        return (predictions.map { $0! }, stream == nil ? pieces : nil)
    }

    /// The pieces of `classifyFormattingLines` for `rows` rows.
    static func predictionPieceCount(rows: Int) -> Int { max(1, min(64, rows / 256)) }
}

extension CompactJSONWriter {
    /// One line of `eval --predictions`, with its line feed; keys in sorted order, optional members
    /// left out when nil (as the synthesized `Encodable` does).
    mutating func predictionLine(row: LabeledRow, prediction p: StancePrediction, source: SourceAttribution?) {
        open()
        if let id = row.id { key("id"); string(id) }
        key("label"); string(row.label.rawValue)
        if let partyID = p.partyID { key("partyID"); string(partyID) }
        key("predicted"); string(p.label.rawValue)
        if let source {
            key("predictedSource")
            open()
            key("name"); optionalString(source.name)
            key("partyID"); optionalString(source.partyID)
            key("probability"); double(source.probability)
            close()
        }
        key("probabilities"); probabilities(p.probabilities)
        if let s = row.source { key("source"); string(s) }
        key("target"); string(row.target)
        key("text"); string(row.text)
        close()
        newline()
    }
}
