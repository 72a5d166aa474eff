import XCTest
import DemarcheML
@testable import Demarche

/// The attribution, speaker, grammar and clause groups: the exact terms each writes for small
/// sentences. Each group is tested alone on top of the target marks and the lexicon group, with a
/// three-word lexicon so the expected terms do not depend on the bundled one.
final class StructuredWordsTests: XCTestCase {
    static let lexicon = StanceLexicon(entries: [
        "accused": .init(cls: "hostile", weight: 2),
        "sanctions": .init(cls: "hostile", weight: 2),
        "praised": .init(cls: "conciliatory", weight: 2),
    ])

    /// The terms of the given group(s) only, on top of the target marks and the lexicon group
    /// they read cues through (its `lex…` terms and the `neg:` ones are left out; negation
    /// scope on when asked, to get `:neg`).
    func terms(_ sentence: String, _ target: String, negation: Bool = false,
               _ configure: (inout FeatureConfiguration) -> Void) -> [String] {
        var features = FeatureConfiguration.plain
        features[.marksTargets] = true
        features[.lexicon] = true
        features[.negationScope] = negation
        configure(&features)
        let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: features, lexicon: Self.lexicon)
        let read = builder.read(sentence)
        let resolved = builder.resolve(target: target, in: read, text: sentence)!
        return builder.document(for: resolved, in: read).extraTerms.filter { !$0.hasPrefix("neg:") && !$0.hasPrefix("lex") }
    }

    func test_groupsReadCuesThroughTheLexiconGroup() {
        var features = FeatureConfiguration.plain
        features[.marksTargets] = true
        features[.cueAttribution] = true; features[.grammaticalRole] = true; features[.clauseScope] = true
        let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: features, lexicon: Self.lexicon)
        let read = builder.read("China accused Japan of provocation.")
        let document = builder.document(for: builder.resolve(target: "Japan", in: read)!, in: read)
        XCTAssertEqual(document.extraTerms, [])
    }

    // MARK: attribution

    func test_attribution_accusedIsNearestTheAccused() {
        // `<party> accused <target>`: a tie goes to the mention on the right.
        XCTAssertEqual(terms("China accused Japan of provocation.", "Japan") { $0[.cueAttribution] = true },
                       ["att:hostile:T<", "attb:hostile:OT", "attown:hostile"])
        XCTAssertEqual(terms("China accused Japan of provocation.", "China") { $0[.cueAttribution] = true },
                       ["att:hostile:O<", "attb:hostile:TO", "attaway:hostile"])
    }

    func test_attribution_cueNearerAnotherParty_isAway() {
        let t = terms("Japan said on Monday that China accused Seoul.", "Japan") { $0[.cueAttribution] = true }
        XCTAssertEqual(t, ["att:hostile:O<", "attb:hostile:OO", "attaway:hostile"])
    }

    func test_attribution_aloneTarget_hasNoAwayTerm() {
        XCTAssertEqual(terms("Tokyo praised the decision.", "Tokyo") { $0[.cueAttribution] = true },
                       ["att:conciliatory:T>", "attown:conciliatory"])
    }

    func test_attribution_negatedCue_carriesNeg() {
        let t = terms("China never accused Japan.", "Japan", negation: true) { $0[.cueAttribution] = true }
        XCTAssertEqual(t, ["att:hostile:T<:neg", "attb:hostile:OT:neg", "attown:hostile:neg"])
    }

    // MARK: speaker

    func test_speaker_subjectOfReportingVerb() {
        XCTAssertEqual(terms("Japan has also said China accused Seoul.", "Japan") { $0[.speakerRole] = true }, ["@subj:report"])
        XCTAssertEqual(terms("Japan's foreign ministry said the talks failed.", "Japan") { $0[.speakerRole] = true }, ["@poss:report"])
        XCTAssertEqual(terms("The talks failed, according to Japan.", "Japan") { $0[.speakerRole] = true }, ["@subj:report"])
    }

    func test_speaker_notForTheAccusedOrTheSubjectOfACue() {
        XCTAssertEqual(terms("Japan has also said China accused Seoul.", "China") { $0[.speakerRole] = true }, [])
        XCTAssertEqual(terms("Japan has also said China accused Seoul.", "Seoul") { $0[.speakerRole] = true }, [])
    }

    // MARK: grammar

    func test_grammar_subjectActiveAndPassive() {
        XCTAssertEqual(terms("China accused Japan of provocation.", "China") { $0[.grammaticalRole] = true }, ["@subj:hostile"])
        XCTAssertEqual(terms("Seoul was accused by Pyongyang.", "Seoul") { $0[.grammaticalRole] = true }, ["@subj:pass:hostile"])
        XCTAssertEqual(terms("China never accused Japan.", "China", negation: true) { $0[.grammaticalRole] = true }, ["@subj:hostile:neg"])
    }

    func test_grammar_objectDirectAndThroughPreposition() {
        XCTAssertEqual(terms("China accused Japan of provocation.", "Japan") { $0[.grammaticalRole] = true }, ["@obj:hostile:direct"])
        XCTAssertEqual(terms("Seoul was accused by Pyongyang.", "Pyongyang") { $0[.grammaticalRole] = true }, ["@obj:hostile:by"])
        XCTAssertEqual(terms("Washington imposed sanctions on the Kremlin.", "Kremlin") { $0[.grammaticalRole] = true }, ["@obj:hostile:on"])
        XCTAssertEqual(terms("Washington imposed sanctions on the Kremlin.", "Washington") { $0[.grammaticalRole] = true }, [])
    }

    func test_grammar_doesNotCrossAClause() {
        XCTAssertEqual(terms("Seoul praised, Tokyo accused.", "Tokyo") { $0[.grammaticalRole] = true }, ["@subj:hostile"])
        XCTAssertEqual(terms("It accused, Tokyo said.", "Tokyo") { $0[.grammaticalRole] = true }, [])
    }

    // MARK: clause

    func test_clause_cuesInTheTargetsClauseAndElsewhere() {
        let japan = terms("Japan praised Seoul, while China accused Pyongyang.", "Japan") { $0[.clauseScope] = true }
        XCTAssertEqual(japan, ["cl:conciliatory:shared", "cl:hostile:other", "clonly:hostile:other"])
        let pyongyang = terms("Japan praised Seoul, while China accused Pyongyang.", "Pyongyang") { $0[.clauseScope] = true }
        XCTAssertEqual(pyongyang, ["cl:conciliatory:other", "cl:hostile:shared", "clonly:conciliatory:other"])
        XCTAssertEqual(terms("Tokyo praised the decision.", "Tokyo") { $0[.clauseScope] = true }, ["cl:conciliatory:same"])
    }

    func test_clause_endsAfterAReportingVerb() {
        // `Japan said` is one clause; what follows it is another.
        XCTAssertEqual(terms("Japan said China accused Seoul.", "Japan") { $0[.clauseScope] = true },
                       ["cl:hostile:other", "clonly:hostile:other"])
    }

    // MARK: switches

    func test_newGroups_offByDefault_andNotWrittenToOldModelFiles() throws {
        let defaults = FeatureConfiguration()
        XCTAssertFalse(defaults[.cueAttribution] || defaults[.speakerRole] || defaults[.grammaticalRole] || defaults[.clauseScope])
        // A configuration without the new groups encodes as before (no new keys)…
        let json = String(decoding: try JSONEncoder().encode(defaults), as: UTF8.self)
        for key in ["cueAttribution", "speakerRole", "grammaticalRole", "clauseScope"] { XCTAssertFalse(json.contains(key), json) }
        // …and one with them round-trips.
        var all = defaults
        all[.cueAttribution] = true; all[.speakerRole] = true; all[.grammaticalRole] = true; all[.clauseScope] = true
        XCTAssertEqual(try JSONDecoder().decode(FeatureConfiguration.self, from: try JSONEncoder().encode(all)), all)
        XCTAssertEqual(try JSONDecoder().decode(FeatureConfiguration.self, from: try JSONEncoder().encode(defaults)), defaults)
    }

    func test_newGroups_addTermsAfterTheExistingOnes() throws {
        // Turning a group on only appends terms: the existing ones stay as they were, in order.
        let sentence = "Japan's foreign ministry said China never accused Seoul of provocation, while Tokyo praised it."
        for target in ["Japan", "China", "Seoul"] {
            var base = FeatureConfiguration()
            base[.lexicon] = true
            var all = base
            all[.cueAttribution] = true; all[.speakerRole] = true; all[.grammaticalRole] = true; all[.clauseScope] = true
            let (da, db) = try Fixtures.documents(of: target, in: sentence, base, all)
            XCTAssertEqual(da.tokens, db.tokens)
            XCTAssertEqual(Array(db.extraTerms.prefix(da.extraTerms.count)), da.extraTerms)
            XCTAssertGreaterThan(db.extraTerms.count, da.extraTerms.count)
        }
    }
}
