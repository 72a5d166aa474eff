import ArgumentParser
import Demarche
import Foundation

@main
struct DemarcheCommand: ParsableCommand {
    /// Starts loading the bundled model while the arguments are parsed (see ``ModelPrefetch``),
    /// then runs the command as swift-argument-parser's `main()` does.
    static func main() {
        ModelPrefetch.shared.start(arguments: CommandLine.arguments)
        main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "demarche",
        abstract: "Hostile, conciliatory or neutral: the stance of news sentences toward the parties they name.",
        discussion: """
            Without --model, every command uses the bundled default model (Models/default.demarche).
            Examples:
              demarche score article.txt
              demarche score --format jsonl - < articles.jsonl
              demarche train --data TrainingData/corpus --out mine.demarche --c-grid 1,2,4,8
              demarche eval --data labeled.jsonl --format json
              demarche explain "Seoul accused Pyongyang of provocation." --target Pyongyang
            """,
        version: Demarche.version,
        subcommands: [Score.self, Train.self, Eval.self, Explain.self, Parties.self],
        defaultSubcommand: nil
    )
}

/// Options every model-using command shares.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Model file (default: the bundled model).", valueName: "file"))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("Extra parties (gazetteer TSV) to merge over the model's own.", valueName: "file"))
    var parties: String?

    /// Loads the model and merges the extra parties.
    ///
    /// The model is kept until the process exits: a command ends right after its last use, and
    /// freeing the model's hundreds of thousands of strings and arrays then was work for nothing
    /// (4% of the instructions of `demarche score` on one short article).
    func load() throws -> StanceModel {
        var model = try model.map { try StanceModel(contentsOf: $0) } ?? (ModelPrefetch.shared.take()?.get() ?? Bundled.defaultModel())
        if let parties { model = try model.adding(parties: Gazetteer(contentsOf: parties)) }
        _ = Unmanaged.passRetained(KeptUntilExit(model))
        return model
    }

    /// A reference to a loaded model that is never released.
    private final class KeptUntilExit: Sendable {
        let model: StanceModel
        init(_ model: StanceModel) { self.model = model }
    }
}

/// Runs a command body, printing library errors as `demarche: error: …` lines and exiting 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
        // Everything written goes out now, so a write error is reported while the exit status can still say so.
        Console.out.flush()
    } catch let error as ExitCode {
        throw error
    } catch {
        Console.out.flush()
        let text = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            Console.error("demarche: error: \(line)")
        }
        throw ExitCode.failure
    }
}
