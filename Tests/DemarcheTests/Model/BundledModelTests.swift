import XCTest
@testable import Demarche

/// The committed default model must be the one `Scripts/train-default-model.sh` makes from the
/// committed `TrainingData/` (CI also retrains it and compares the bytes).
final class BundledModelTests: XCTestCase {
    func test_defaultModel_wasTrainedOnTheCommittedData() throws {
        let model = try Bundled.defaultModel()
        let rows = try RowReader.read(paths: [Bundled.root + "/TrainingData/corpus", Bundled.root + "/TrainingData/dev"])
        XCTAssertEqual(model.metadata.trainingRows, rows.count, "retrain with Scripts/train-default-model.sh")
        XCTAssertEqual(model.metadata.trainingDataHash, FNV1a64.fingerprint(rows), "retrain with Scripts/train-default-model.sh")
        XCTAssertEqual(model.metadata.trainingSources, ["TrainingData/corpus", "TrainingData/dev"])
        XCTAssertEqual(model.metadata.cGrid, [0.5, 1, 2, 4, 8])
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
}
