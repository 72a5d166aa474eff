import ArgumentParser
import Demarche
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if label == nil && (sentence == nil || target == nil) {
            throw ValidationError("give a sentence with --target, or --label LABEL")
        }
        if label != nil && sentence != nil { throw ValidationError("give either a sentence or --label, not both") }
        if top < 1 { throw ValidationError("--top must be at least 1, got \(top)") }
    }

    func run() throws {
        try reportingErrors {
            let model = try modelOptions.load()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            if let label {
                let features = model.strongestFeatures(for: label, top: top)
                if json { Console.print(String(decoding: try encoder.encode(features), as: UTF8.self)); return }
                Console.print("strongest features for \(label) (weight relative to the mean over labels):")
                for f in features { Console.print("  \(lpad(signed(f.contribution), 7))  \(f.term)") }
                return
            }
            let e = try model.explain(sentence!, target: target!, top: top)
            if json { Console.print(String(decoding: try encoder.encode(e), as: UTF8.self)); return }
            let q = e.prediction.probabilities
            Console.print("\(e.label)  (hostile \(fmt(q.hostile)), conciliatory \(fmt(q.conciliatory)), neutral \(fmt(q.neutral)))")
            Console.print("features pushing toward \(e.label) (+) or away from it (−):")
            for f in e.contributions { Console.print("  \(lpad(signed(f.contribution), 7))  \(f.term)") }
            Console.print("  \(lpad(signed(e.intercept), 7))  (intercept)")
        }
    }
}
