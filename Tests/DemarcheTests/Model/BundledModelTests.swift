import XCTest
@testable import Demarche

/// The committed default model must be the one `Scripts/train-default-model.sh` makes from the
/// committed `TrainingData/` (CI also retrains it and compares the bytes).
final class BundledModelTests: XCTestCase {
    /// The repository this test file is in (the training data does not ship with the library).
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    func test_defaultModel_wasTrainedOnTheCommittedData() throws {
        let model = try Bundled.defaultModel()
        let rows = try RowReader.read(paths: [Self.repo + "/TrainingData/corpus", Self.repo + "/TrainingData/dev"])
        XCTAssertEqual(model.metadata.trainingRows, rows.count, "retrain with Scripts/train-default-model.sh")
        XCTAssertEqual(model.metadata.trainingDataHash, FNV1a64.fingerprint(rows), "retrain with Scripts/train-default-model.sh")
        XCTAssertEqual(model.metadata.trainingSources, ["TrainingData/corpus", "TrainingData/dev"])
        XCTAssertEqual(model.metadata.c, 8, "C = 8, as Scripts/train-default-model.sh sets it")
        XCTAssertEqual(model.metadata.cGrid, [], "one C, no grid")
        XCTAssertEqual(model.metadata.folds, 5, "the folds of the calibration's out-of-fold probabilities")
        XCTAssertEqual(model.lexicon, try Bundled.lexicon(), "the model carries the bundled lexicon")
    }

    func test_defaultModel_knowsTheBundledGazetteer() throws {
        let model = try Bundled.defaultModel()
        let bundled = try Bundled.gazetteer()
        XCTAssertEqual(model.gazetteer.parties.count, bundled.parties.count)
        XCTAssertNotNil(model.gazetteer.party(id: "PRK"))
    }

    func test_defaultModel_readsTheSeedArticleParties() throws {
        let model = try Bundled.defaultModel()
        let text = """
            North Korean leader Kim Jong Un accused the United States of creating tensions. \
            Seoul and Washington held talks with Japan.
            """
        let score = model.score(article: text)
        let ids = Set(score.parties.map(\.partyID))
        XCTAssertEqual(ids, ["PRK", "USA", "KOR", "JPN"], "Kim Jong Un counts for North Korea")
        let byMention = Set(model.summaries(of: score.sentences, by: .mention).map(\.partyID))
        XCTAssertTrue(byMention.isSuperset(of: ["PRK", "USA", "KOR", "JPN", "person:kim-jong-un"]), "\(byMention)")
    }

    /// What ships (the library's resources, found beside the test runner as beside any executable)
    /// is byte for byte the top-level source of truth: `Scripts/sync-resources.sh` after a change.
    func test_bundledFiles_equalModelsAndTrainingData() throws {
        let env = ProcessInfo.processInfo.environment
        for name in ["DEMARCHE_MODEL", "DEMARCHE_PARTIES", "DEMARCHE_LEXICON", "DEMARCHE_DATA"] where env[name] != nil {
            throw XCTSkip("\(name) is set: the shipped files are overridden")
        }
        let pairs = [(try Bundled.modelPath, "Models/default.demarche"), (try Bundled.partiesPath, "TrainingData/parties.tsv"),
                     (try Bundled.lexiconPath, "TrainingData/lexicon.tsv")]
        for (shipped, source) in pairs {
            XCTAssertTrue(shipped.contains(Bundled.resourceBundleName), "\(shipped) is not a resource")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: shipped)), try Data(contentsOf: URL(fileURLWithPath: Self.repo + "/" + source)),
                           "\(shipped) differs from \(source): run Scripts/sync-resources.sh")
        }
    }
}
