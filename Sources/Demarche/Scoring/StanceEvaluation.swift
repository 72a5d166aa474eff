import Foundation
import DemarcheML

/// Precision, recall, F1 and support of one label.
public struct LabelScores: Sendable, Codable, Equatable {
    public let precision: Double
    public let recall: Double
    public let f1: Double
    public let support: Int
}

/// The evaluation of a model on labeled rows, in the shape `demarche eval --format json` prints:
/// `rows`, `accuracy`, `macroF1`, `perClass.{hostile,conciliatory,neutral}.{precision,recall,f1,support}`,
/// and `confusion[truth][predicted]` keyed by label.
public struct EvaluationReport: Sendable, Codable, Equatable {
    public let rows: Int
    public let accuracy: Double
    public let macroF1: Double
    public let perClass: [String: LabelScores]
    public let confusion: [String: [String: Int]]
}

/// A model's predictions on labeled rows and the metrics they earn.
public struct StanceEvaluation: Sendable {
    /// The rows evaluated.
    public let rows: [LabeledRow]
    /// One prediction per row.
    public let predictions: [StancePrediction]
    /// The metrics.
    public let report: EvaluationReport

    /// Classifies every row and scores the predictions against the rows' labels.
    /// - Throws: `StanceError.invalidRows` for rows whose target is not in the sentence.
    public init(model: StanceModel, rows: [LabeledRow]) throws {
        self.rows = rows
        predictions = try model.classify(rows)
        let labels = StanceLabel.all
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let metrics = try ClassificationMetrics(truth: rows.map { index[$0.label]! },
                                            predicted: predictions.map { index[$0.label]! }, classCount: labels.count)
        var perClass: [String: LabelScores] = [:]
        var confusion: [String: [String: Int]] = [:]
        for (k, label) in labels.enumerated() {
            let m = metrics.perClass[k]
            perClass[label] = LabelScores(precision: m.precision, recall: m.recall, f1: m.f1, support: m.support)
            confusion[label] = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, metrics.confusion[k][$0]) })
        }
        report = EvaluationReport(rows: metrics.rows, accuracy: metrics.accuracy, macroF1: metrics.macroF1,
                                  perClass: perClass, confusion: confusion)
    }

    /// Writes each row with its prediction as JSON Lines, atomically:
    /// `{"id","text","target","label","predicted","probabilities":{…}}`.
    public func writePredictions(to path: String) throws {
        struct Line: Encodable {
            let id: String?; let text: String; let target: String; let label: String
            let predicted: String; let probabilities: StanceProbabilities; let partyID: String?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = Data()
        for (row, p) in zip(rows, predictions) {
            data.append(try encoder.encode(Line(id: row.id, text: row.text, target: row.target, label: row.label,
                                                predicted: p.label, probabilities: p.probabilities, partyID: p.partyID)))
            data.append(0x0A)
        }
        try OutputPath.check(path, what: "predictions", example: "predictions.jsonl")
        try AtomicFile.write(data, to: path, what: "predictions")
    }
}
