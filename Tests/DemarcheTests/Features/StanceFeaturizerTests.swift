import XCTest
@testable import Demarche

final class StanceFeaturizerTests: XCTestCase {
    let builder: PairBuilder = {
        var features = FeatureConfiguration()
        features[.sideOfTarget] = true
        return PairBuilder(gazetteer: Fixtures.gazetteer, features: features)
    }()

    func document(_ sentence: String, _ target: String) -> Document {
        let read = builder.read(sentence)
        let resolved = builder.resolve(target: target, in: read)!
        return builder.document(for: resolved, in: read)
    }

    func test_direction_accuserAndAccusedGetDifferentFeatures() {
        let japan = document("China accused Japan of provocation.", "Japan")
        let china = document("China accused Japan of provocation.", "China")
        XCTAssertEqual(japan.tokens, ["<party>", "accused", "<target>", "of", "provocation"])
        XCTAssertEqual(china.tokens, ["<target>", "accused", "<party>", "of", "provocation"])
        XCTAssertTrue(japan.extraTerms.contains("L1=accused"))
        XCTAssertTrue(japan.extraTerms.contains("l:accused"))
        XCTAssertTrue(china.extraTerms.contains("R1=accused"))
        XCTAssertTrue(china.extraTerms.contains("r:accused"))
        XCTAssertFalse(china.extraTerms.contains("l:accused"))
    }

    func test_targetInsideAHyphenatedPair_isThePartyItNames() throws {
        let sentence = "The problems facing U.S.-China trade are similar."
        let read = builder.read(sentence)
        let china = try XCTUnwrap(builder.resolve(target: "China", in: read, text: sentence))
        let us = try XCTUnwrap(builder.resolve(target: "U.S.", in: read, text: sentence))
        XCTAssertEqual(china.partyID, "CHN")
        XCTAssertEqual(us.partyID, "USA")
    }

    func test_severalAliasesOfOneParty_areOneTarget() {
        let d = document("Washington said the United States would not back down.", "United States")
        XCTAssertEqual(d.tokens.filter { $0 == "<target>" }.count, 2)
        XCTAssertFalse(d.tokens.contains("<party>"))
    }

    func test_negationScope_endsAtPunctuation() {
        let d = document("Seoul is not the enemy, Pyongyang said.", "Seoul")
        XCTAssertTrue(d.extraTerms.contains("neg:the"))
        XCTAssertTrue(d.extraTerms.contains("neg:enemy"))
        XCTAssertFalse(d.extraTerms.contains("neg:said"))
    }

    func test_quotedTarget_getsQuoteCue() {
        let d = document("\"We will never trust Tokyo,\" the minister said.", "Tokyo")
        XCTAssertTrue(d.extraTerms.contains("@quoted"))
    }

    func test_literalTargetOutsideGazetteer_isMarked() {
        let d = document("The council praised the Osgiliath soldiers for their courage.", "Osgiliath soldiers")
        XCTAssertEqual(d.tokens.filter { $0 == "<target>" }.count, 1)
        XCTAssertFalse(d.tokens.contains("osgiliath"))
    }

    func test_plainConfiguration_addsNoRoleTerms() {
        let plain = PairBuilder(gazetteer: Fixtures.gazetteer, features: .plain)
        let read = plain.read("China accused Japan of provocation.")
        let d = plain.document(for: plain.resolve(target: "Japan", in: read)!, in: read)
        XCTAssertEqual(d.extraTerms, [])
        XCTAssertEqual(d.tokens, ["china", "accused", "japan", "of", "provocation"])
    }
}

final class PairBuilderTests: XCTestCase {
    let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: FeatureConfiguration())

    func test_targetByPartyID_findsAllMentions() {
        let read = builder.read("Pyongyang said North Korea would test again.")
        let resolved = builder.resolve(target: "PRK", in: read)
        XCTAssertEqual(resolved?.partyID, "PRK")
        XCTAssertEqual(resolved?.ranges.count, 2)
    }

    func test_targetAbsent_isNil() {
        XCTAssertNil(builder.resolve(target: "Japan", in: builder.read("Seoul spoke to Beijing.")))
    }

    func test_literalAliasResolvesToParty() {
        let resolved = builder.resolve(target: "Washington", in: builder.read("Washington warned Moscow."))
        XCTAssertEqual(resolved?.partyID, "USA")
    }
}
