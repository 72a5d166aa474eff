import XCTest
import DemarcheML
@testable import Demarche

/// The cues-by-party-count group (`FeatureConfiguration.aloneCues`): the exact terms it writes
/// for small sentences, with a three-word lexicon so they do not depend on the bundled one.
final class AloneCuesTests: XCTestCase {
    static let lexicon = StructuredWordsTests.lexicon

    /// The group's terms only (`alone:…` and `others:…`), on top of the target marks and the
    /// lexicon group.
    func terms(_ sentence: String, _ target: String, negation: Bool = false, lexicon: StanceLexicon = lexicon,
               _ configure: (inout FeatureConfiguration) -> Void = { $0[.aloneCues] = true }) -> [String] {
        var features = FeatureConfiguration.plain
        features[.marksTargets] = true
        features[.lexicon] = true
        features[.negationScope] = negation
        configure(&features)
        let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: features, lexicon: lexicon)
        let read = builder.read(sentence)
        let resolved = builder.resolve(target: target, in: read, text: sentence)!
        return builder.document(for: resolved, in: read).extraTerms.filter { $0.hasPrefix("alone:") || $0.hasPrefix("others:") }
    }

    func test_targetAlone_nearCue() {
        XCTAssertEqual(terms("Tokyo praised the decision.", "Tokyo"), ["alone:conciliatory:near"])
    }

    func test_targetAlone_farCue() {
        // `praised` is 9 words after the target.
        XCTAssertEqual(terms("Tokyo said on Monday after a long meeting that it praised the decision.", "Tokyo"),
                       ["alone:conciliatory:far"])
    }

    func test_otherPartyNamed_isOthers_forEitherParty() {
        XCTAssertEqual(terms("China accused Japan of provocation.", "Japan"), ["others:hostile:near"])
        XCTAssertEqual(terms("China accused Japan of provocation.", "China"), ["others:hostile:near"])
    }

    func test_negatedCue() {
        XCTAssertEqual(terms("Tokyo has never accused anyone.", "Tokyo", negation: true), ["alone:hostile:neg:near"])
        // Without the negation group nothing is negated.
        XCTAssertEqual(terms("Tokyo has never accused anyone.", "Tokyo"), ["alone:hostile:near"])
    }

    func test_oneTermPerCombination_inFixedOrder() {
        // Two hostile cues near the target give one term; the order is hostile before
        // conciliatory, plain before negated, far before near.
        let t = terms("Seoul praised the talks after a long delay, while China accused Japan over sanctions.", "Japan")
        XCTAssertEqual(t, ["others:hostile:near", "others:conciliatory:far"])
        let u = terms("China accused the envoy who at a long meeting in the capital had accused Japan.", "Japan")
        XCTAssertEqual(u, ["others:hostile:far", "others:hostile:near"])
    }

    func test_noCue_noTerms_andNothingWithoutTheLexiconGroup() {
        XCTAssertEqual(terms("Tokyo held a meeting.", "Tokyo"), [])
        XCTAssertEqual(terms("Tokyo praised the decision.", "Tokyo") { $0[.aloneCues] = true; $0[.lexicon] = false }, [])
        XCTAssertEqual(terms("Tokyo praised the decision.", "Tokyo", lexicon: .empty), [])
    }

    func test_offByDefault_notWrittenToOldModelFiles_andRoundTrips() throws {
        let defaults = FeatureConfiguration()
        XCTAssertFalse(defaults[.aloneCues])
        XCTAssertFalse(FeatureConfiguration.plain[.aloneCues])
        XCTAssertEqual(terms("Tokyo praised the decision.", "Tokyo") { _ in }, [])
        let json = String(decoding: try JSONEncoder().encode(defaults), as: UTF8.self)
        XCTAssertFalse(json.contains("aloneCues"), json)
        var on = defaults
        on[.aloneCues] = true
        XCTAssertEqual(try JSONDecoder().decode(FeatureConfiguration.self, from: try JSONEncoder().encode(on)), on)
    }

    func test_addsTermsAfterTheExistingOnes() throws {
        let sentence = "Japan's foreign ministry said China never accused Seoul of provocation, while Tokyo praised it."
        for target in ["Japan", "China", "Seoul"] {
            var base = FeatureConfiguration()
            base[.lexicon] = true
            var on = base
            on[.aloneCues] = true
            let (da, db) = try Fixtures.documents(of: target, in: sentence, base, on)
            XCTAssertEqual(da.tokens, db.tokens)
            XCTAssertEqual(Array(db.extraTerms.prefix(da.extraTerms.count)), da.extraTerms)
            XCTAssertEqual(Array(db.extraTerms.dropFirst(da.extraTerms.count)).filter { !$0.hasPrefix("others:") }, [])
            XCTAssertGreaterThan(db.extraTerms.count, da.extraTerms.count)
        }
    }
}
