import Foundation
import XCTest
@testable import DemarcheText

/// Sentences written in capitals are matched ignoring case.
final class CapitalsMentionTests: XCTestCase {
    private func found(_ text: String) throws -> [String] {
        let m = try SeedGazetteer.matcher()
        return m.analyze(text).flatMap(\.mentions).map { "\($0.partyID)=\($0.surface)" }
    }

    func test_headlineInCapitals_matchesAliases() throws {
        XCTAssertEqual(try found("NORTH KOREA FIRES MISSILE"), ["PRK=NORTH KOREA"])
        XCTAssertEqual(try found("U.S. SLAPS TARIFFS ON JAPAN"), ["USA=U.S.", "JPN=JAPAN"])
        XCTAssertEqual(try found("AMERICANS AND NORTH KOREANS MEET IN THE NORTH"),
                       ["USA=AMERICANS", "PRK=NORTH KOREANS", "PRK=THE NORTH"])
    }

    func test_capitalsIndex_builtOnFirstUse_givesTheSameMentionsFromManyThreads() throws {
        // A fresh matcher whose capitals index is first needed by eight threads at once.
        let matcher = PartyMatcher(gazetteer: try SeedGazetteer.matcher().gazetteer)
        let text = "AMERICANS AND NORTH KOREANS MEET IN THE NORTH"
        // Each thread writes its own slot.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<[String]>.allocate(capacity: 8)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            results[i] = matcher.analyze(text).flatMap(\.mentions).map { "\($0.partyID)=\($0.surface)" }
        }
        for r in results { XCTAssertEqual(r, ["USA=AMERICANS", "PRK=NORTH KOREANS", "PRK=THE NORTH"]) }
        // Copies share the built index and still match lower-case text with the ordinary one.
        let copy = matcher
        XCTAssertEqual(copy.analyze("North Korea fired a missile.").flatMap(\.mentions).map(\.partyID), ["PRK"])
    }

    func test_headlineInCapitals_spansAndDemonymsAreKept() throws {
        let text = "Report\n\nSEOUL, PYONGYANG TRADE FIRE\n\nKIM JONG-UN'S SISTER WARNS US-SOUTH KOREA DRILLS"
        let mentions = try SeedGazetteer.matcher().analyze(text).flatMap(\.mentions)
        for mention in mentions { XCTAssertEqual(text.slice(mention.span), mention.surface) }
        XCTAssertEqual(mentions.map(\.surface), ["SEOUL", "PYONGYANG", "KIM JONG-UN", "US", "SOUTH KOREA"])
    }

    func test_usPronounInCapitals_isNotTheCountry() throws {
        XCTAssertEqual(try found("LET US PRAY FOR PEACE"), [])
        XCTAssertEqual(try found("KIM TELLS US TO LEAVE"), [])
        XCTAssertEqual(try found("ALL OF US AGREE"), [])
        XCTAssertEqual(try found("US WARNS NORTH KOREA"), ["USA=US", "PRK=NORTH KOREA"])
        XCTAssertEqual(try found("CHINA WARNS US OVER TARIFFS"), ["USA=US"])
    }

    func test_normalText_staysCaseSensitive() throws {
        XCTAssertEqual(try found("Let us talk about japan and north korea."), [])
        XCTAssertEqual(try found("The US and Japan met; NORTH KOREA was not invited."), ["USA=US", "JPN=Japan"])
    }

    func test_shortCapitalsSentence_isNotAHeadline() throws {
        // Too few letters to tell a headline from an acronym: matching stays case-sensitive.
        XCTAssertEqual(try found("US."), ["USA=US"])
        XCTAssertEqual(try found("OK."), [])
    }

    func test_commonWordAliases_areSkippedInCapitals() throws {
        let m = PartyMatcher(gazetteer: try Gazetteer(tsv: """
        WHO\torganisation\tWorld Health Organization\tWHO
        GBR\tstate\tUnited Kingdom\tBritain
        person:theresa-may\tperson\tTheresa May\t\tMay\t\tGBR
        """, source: "t.tsv"))
        XCTAssertEqual(m.analyze("WHO WILL LEAD BRITAIN IN MAY").flatMap(\.mentions).map(\.surface), ["BRITAIN"])
        XCTAssertEqual(m.analyze("The WHO warned Britain and May agreed.").flatMap(\.mentions).map(\.surface),
                       ["WHO", "Britain", "May"])
    }

    func test_monthMay_isNotTheresaMay_butPrimeMinisterMayStillIs() throws {
        let m = PartyMatcher(gazetteer: try Gazetteer(tsv: """
        GBR\tstate\tUnited Kingdom\tBritain
        person:theresa-may\tperson\tTheresa May\tPrime Minister May\tMay\t\tGBR
        """, source: "t.tsv"))
        func surfaces(_ text: String) -> [String] { m.analyze(text).flatMap(\.mentions).map(\.surface) }
        XCTAssertEqual(surfaces("Britain said in May that tariffs would rise."), ["Britain"])
        XCTAssertEqual(surfaces("Britain signed the deal on May 3, 2018."), ["Britain"])
        XCTAssertEqual(surfaces("Britain has waited since May for an answer."), ["Britain"])
        XCTAssertEqual(surfaces("Britain protested. May said the deal was dead."), ["Britain", "May"])
        XCTAssertEqual(surfaces("Britain and Prime Minister May agreed in May."), ["Britain", "Prime Minister May"])
    }
}
