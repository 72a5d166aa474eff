import ArgumentParser
import Demarche
import Foundation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model on labeled rows: accuracy, macro-F1, per-class precision/recall/F1, confusion matrix.")

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Labeled files or directories.", valueName: "path"))
    var data: [String] = []

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Also write each row with its prediction (JSON Lines).", valueName: "file"))
    var predictions: String?

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one --data file or directory") }
        try output.validate(for: "eval", offers: [.table, .json, .jsonl, .csv])
    }

    func run() throws {
        try reportingErrors {
            if let predictions { try OutputPath.check(predictions, what: "predictions", example: "predictions.jsonl") }
            // The rows are read on another thread while this one loads the model (each step leaves
            // a core idle part of its time); errors are reported as before: the model's first.
            let reading = Concurrently { [data] in try RowReader.read(paths: data) }
            let model = try modelOptions.load()
            // Many rows: `classify` will look terms up through the vocabulary's index; build it
            // now, while the rows are still being read.
            if Self.manyRows(in: data) { _ = model.vectorizer.termIndex() }
            let rows = try reading.get()
            // The predictions file is written while the rows are scored (when the model names no
            // sources), and is in place once the evaluation is.
            let evaluation = try StanceEvaluation(model: model, rows: rows, writingPredictionsTo: predictions)
            try ResultWriter(value: evaluation.report, table: Self.table, csv: Self.csv).write(output.chosen)
            // The process ends right after: the rows and predictions (hundreds of thousands of
            // strings) are left for the exit to drop with the address space rather than freed one
            // by one on this thread, after everything is written (~15 ms at 200,000 rows).
            KeptUntilExit.keep((rows, evaluation))
        }
    }

    /// Whether the data files (directories and standard input not counted) hold at least 1 MB:
    /// about as many rows as make `classify` use the vocabulary's ``TermIndex``.
    static func manyRows(in paths: [String]) -> Bool {
        var bytes = 0
        for path in paths where path != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else { continue }
            bytes += size
        }
        return bytes >= 1 << 20
    }

    /// One row per true label: its scores and its row of the confusion matrix.
    static func csv(_ r: EvaluationReport) -> (header: [String], rows: [[String]]) {
        let order: [StanceLabel] = [.hostile, .conciliatory, .neutral]
        let header = ["label", "precision", "recall", "f1", "support"] + order.map { "predicted_\($0.rawValue)" }
        let rows = order.compactMap { label -> [String]? in
            guard let s = r.perClass[label] else { return nil }
            let confusion = r.confusion[label] ?? [:]
            return [label.rawValue, csvNumber(s.precision), csvNumber(s.recall), csvNumber(s.f1), "\(s.support)"]
                + order.map { "\(confusion[$0] ?? 0)" }
        }
        return (header, rows)
    }

    static func table(_ r: EvaluationReport) -> String {
        var lines = [String(format: "rows %d   accuracy %.3f   macro-F1 %.3f", r.rows, r.accuracy, r.macroF1), ""]
        lines.append("\(pad("label", 14)) \(lpad("precision", 9)) \(lpad("recall", 7)) \(lpad("F1", 6)) \(lpad("support", 8))")
        let order: [StanceLabel] = [.hostile, .conciliatory, .neutral]
        for label in order {
            guard let s = r.perClass[label] else { continue }
            lines.append("\(pad(label.rawValue, 14)) \(lpad(String(format: "%.3f", s.precision), 9)) \(lpad(String(format: "%.3f", s.recall), 7)) \(lpad(String(format: "%.3f", s.f1), 6)) \(lpad("\(s.support)", 8))")
        }
        lines.append("")
        lines.append("confusion (rows: truth, columns: predicted)")
        lines.append("\(pad("", 14)) \(lpad("hostile", 8)) \(lpad("concil.", 8)) \(lpad("neutral", 8))")
        for label in order {
            let row = r.confusion[label] ?? [:]
            lines.append("\(pad(label.rawValue, 14)) \(lpad("\(row[.hostile] ?? 0)", 8)) \(lpad("\(row[.conciliatory] ?? 0)", 8)) \(lpad("\(row[.neutral] ?? 0)", 8))")
        }
        lines.append("")
        lines.append(String(format: "calibration: expected calibration error %.3f (top label's probability vs how often it is right)", r.calibration.ece))
        lines.append("\(pad("confidence", 14)) \(lpad("rows", 6)) \(lpad("mean p", 7)) \(lpad("right", 7))")
        for b in r.calibration.bins {
            lines.append("\(pad(String(format: "%.1f–%.1f", b.lower, b.upper), 14)) \(lpad("\(b.rows)", 6)) \(lpad(String(format: "%.3f", b.meanConfidence), 7)) \(lpad(String(format: "%.3f", b.accuracy), 7))")
        }
        if let s = r.source, s.rows > 0 {
            lines.append("")
            lines.append(String(format: "source: rows %d   accuracy %.3f   (baseline, first other party else none: %.3f)", s.rows, s.accuracy, s.baselineAccuracy))
            lines.append(String(format: "        source named in the sentence or none: rows %d   accuracy %.3f", s.inSentenceRows, s.inSentenceAccuracy))
            lines.append("source confusion (rows: truth, columns: predicted)")
            lines.append("\(pad("", 14)) \(lpad("party", 8)) \(lpad("other", 8)) \(lpad("none", 8))")
            for truth in ["party", "none"] {
                let row = s.confusion[truth] ?? [:]
                lines.append("\(pad(truth, 14)) \(lpad("\(row["party"] ?? 0)", 8)) \(lpad(truth == "party" ? "\(row["wrongParty"] ?? 0)" : "-", 8)) \(lpad("\(row["none"] ?? 0)", 8))")
            }
            lines.append("(party: the right party; other: another party)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Values a command is done with, kept until the process exits instead of freed (their memory
/// goes with the process).
enum KeptUntilExit {
    private final class Box { let value: Any; init(_ value: Any) { self.value = value } }

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: Any) { _ = Unmanaged.passRetained(Box(value)) }
}
