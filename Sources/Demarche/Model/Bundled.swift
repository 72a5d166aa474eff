import Foundation
import DemarcheText

/// Where the files that ship with Demarche are: the default model and the gazetteer.
///
/// They are found through the source location compiled into the library, so a built `demarche`
/// finds them from any working directory; `DEMARCHE_MODEL` and `DEMARCHE_PARTIES` override.
public enum Bundled {
    /// The repository root this library was built from.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)            // …/Sources/Demarche/Model/Bundled.swift
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Path of the default model: `$DEMARCHE_MODEL`, else `Models/default.demarche`.
    public static var modelPath: String {
        ProcessInfo.processInfo.environment["DEMARCHE_MODEL"] ?? root + "/Models/default.demarche"
    }

    /// Path of the bundled gazetteer: `$DEMARCHE_PARTIES`, else `TrainingData/parties.tsv`.
    public static var partiesPath: String {
        ProcessInfo.processInfo.environment["DEMARCHE_PARTIES"] ?? root + "/TrainingData/parties.tsv"
    }

    /// Path of the bundled cue lexicon: `$DEMARCHE_LEXICON`, else `TrainingData/lexicon.tsv`.
    public static var lexiconPath: String {
        ProcessInfo.processInfo.environment["DEMARCHE_LEXICON"] ?? root + "/TrainingData/lexicon.tsv"
    }

    /// Loads the bundled cue lexicon.
    public static func lexicon() throws -> StanceLexicon {
        try StanceLexicon(contentsOf: lexiconPath)
    }

    /// Path of the bundled training data.
    public static var trainingDataPath: String { root + "/TrainingData/corpus" }

    /// Loads the default model.
    /// - Throws: `StanceError` when it is missing or damaged.
    public static func defaultModel() throws -> StanceModel {
        try StanceModel(contentsOf: modelPath)
    }

    /// Loads the bundled gazetteer.
    public static func gazetteer() throws -> Gazetteer {
        try Gazetteer(contentsOf: partiesPath)
    }
}
