import ArgumentParser
import Demarche
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which features pushed a prediction, or a label's strongest features.",
        discussion: """
              demarche explain "Seoul accused Pyongyang of provocation." --target Pyongyang
              demarche explain --label hostile --top 30
            """)

    @Argument(help: "The sentence to explain.")
    var sentence: String?

    @Option(help: "The party in the sentence to explain the label for.")
    var target: String?

    @Option(help: "List the model's strongest features for this label instead.")
    var label: StanceLabel?

    @Option(help: "How many features to show.")
    var top: Int = 15

    @OptionGroup var output: OutputOptions

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if label == nil && (sentence == nil || target == nil) {
            throw ValidationError("give a sentence with --target, or --label LABEL")
        }
        if label != nil && sentence != nil { throw ValidationError("give either a sentence or --label, not both") }
        if top < 1 { throw ValidationError("--top must be at least 1, got \(top)") }
        try output.validate(for: "explain", offers: [.table, .json, .jsonl, .csv])
    }

    func run() throws {
        try reportingErrors {
            let model = try modelOptions.load()
            if let label {
                try ResultWriter(value: model.strongestFeatures(for: label, top: top), table: { features in
                    (["strongest features for \(label) (weight relative to the mean over labels):"]
                        + features.map { "  \(lpad(signed($0.contribution), 7))  \($0.term)" }).joined(separator: "\n")
                }, csv: Self.csv, lines: { $0 }).write(output.chosen)
                return
            }
            let e = try model.explain(sentence!, target: target!, top: top)
            try ResultWriter(value: e, table: { e in
                let q = e.prediction.probabilities
                return (["\(e.label)  (hostile \(fmt(q.hostile)), conciliatory \(fmt(q.conciliatory)), neutral \(fmt(q.neutral)))",
                         "features pushing toward \(e.label) (+) or away from it (−):"]
                        + e.contributions.map { "  \(lpad(signed($0.contribution), 7))  \($0.term)" }
                        + ["  \(lpad(signed(e.intercept), 7))  (intercept)"]
                        + Self.sourceLines(e.sources)).joined(separator: "\n")
            }, csv: { e in
                let (header, rows) = Self.csv(e.contributions)
                return (header, rows + [["(intercept)", "", csvNumber(e.intercept)]])
            }).write(output.chosen)
        }
    }

    /// Who holds the attitude: each candidate with its probability and its weighted features.
    static func sourceLines(_ sources: [SourceCandidateExplanation]) -> [String] {
        guard !sources.isEmpty else { return [] }
        var lines = ["who holds it (source model; the sentence alone):"]
        for c in sources {
            lines.append("  \(pad(c.source.name ?? "(none)", 28)) p \(fmt(c.source.probability))")
            lines.append(contentsOf: c.features.map { "      \(lpad(signed($0.contribution), 7))  \($0.term)" })
        }
        return lines
    }

    /// One row per feature: the term, its TF-IDF value and its push.
    static func csv(_ features: [FeatureContribution]) -> (header: [String], rows: [[String]]) {
        (["term", "value", "contribution"], features.map { [$0.term, csvNumber($0.value), csvNumber($0.contribution)] })
    }
}
