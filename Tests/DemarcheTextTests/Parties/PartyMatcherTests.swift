import XCTest
@testable import DemarcheText

final class PartyMatcherTests: XCTestCase {
    private func matcher(_ rows: String) throws -> PartyMatcher {
        PartyMatcher(gazetteer: try Gazetteer(tsv: rows, source: "test.tsv"))
    }

    private func found(_ m: PartyMatcher, _ text: String) -> [String] {
        m.analyze(text).flatMap(\.mentions).map { "\($0.partyID)=\($0.surface)" }
    }

    func test_aliases_areCaseSensitive() throws {
        let m = try matcher("USA\tstate\tUnited States\tUS|U.S.\nCHN\tstate\tChina\t\nTUR\tstate\tTurkey\t")
        XCTAssertEqual(found(m, "The US told us about china dishes and turkey."), ["USA=US"])
        XCTAssertEqual(found(m, "China and Turkey met."), ["CHN=China", "TUR=Turkey"])
    }

    func test_longestMatchWins_andNonPartySuppresses() throws {
        let m = try matcher("""
        USA\tstate\tUnited States\tWashington
        KOR\tstate\tSouth Korea\tKorea
        not:wapo\tnonparty\tWashington Post
        not:kcna\tnonparty\tKorean Central News Agency
        """)
        XCTAssertEqual(found(m, "The Washington Post said Washington and South Korea agreed."),
                       ["USA=Washington", "KOR=South Korea"])
    }

    func test_surnameOfAPersonNamedInFull_isThatPersonAcrossTheArticle() throws {
        let m = try matcher("""
        USA\tstate\tUnited States\tUnited States|U.S.
        IRQ\tstate\tIraq\tIraq
        person:ash-carter\tperson\tAsh Carter\tAsh Carter\t\t\tUSA
        person:haider-al-abadi\tperson\tHaider al-Abadi\tHaider al-Abadi\t\t\tIRQ
        """)
        // A headline before the full name, the surname after it, a possessive, the part after a hyphen.
        XCTAssertEqual(found(m, "Carter, Abadi discuss Mosul.\n\nDefense Secretary Ash Carter met Haider al-Abadi. Carter's aides and Abadi agreed."),
                       ["person:ash-carter=Carter", "person:haider-al-abadi=Abadi", "person:ash-carter=Ash Carter",
                        "person:haider-al-abadi=Haider al-Abadi", "person:ash-carter=Carter", "person:haider-al-abadi=Abadi"])
        // Without the full name, or lowercase ("a carter"), a surname is nobody.
        XCTAssertEqual(found(m, "Carter met the U.S. envoy."), ["USA=U.S."])
        XCTAssertEqual(found(m, "Ash Carter hired a carter."), ["person:ash-carter=Ash Carter"])
    }

    func test_surnameSharedByTwoPersonsOfTheArticle_isNobody() throws {
        let m = try matcher("""
        person:bill-clinton\tperson\tBill Clinton\tBill Clinton\t\t\tUSA
        person:hillary-clinton\tperson\tHillary Clinton\tHillary Clinton\t\t\tUSA
        """)
        XCTAssertEqual(found(m, "Bill Clinton and Hillary Clinton spoke. Clinton left."),
                       ["person:bill-clinton=Bill Clinton", "person:hillary-clinton=Hillary Clinton"])
    }

    func test_possessive_doesNotBlockMention() throws {
        let m = try matcher("PRK\tstate\tNorth Korea\t")
        let s = m.analyze("North Korea’s missile test and North Korea's launch.")[0]
        XCTAssertEqual(s.mentions.map(\.surface), ["North Korea", "North Korea"])
        XCTAssertEqual(s.mentions.map(\.tokenRange), [0..<2, 6..<8])
    }

    func test_dottedAbbreviationAtSentenceEnd_matches() throws {
        let m = try matcher("USA\tstate\tUnited States\tU.S.")
        let sentences = m.analyze("Bases are in the U.S. The talks with the U. S. resume. U.S-led drills.")
        XCTAssertEqual(sentences.map { $0.mentions.map(\.surface) }, [["U.S."], ["U. S."], ["U.S"]])
    }

    func test_lowercaseInitialAlias_matchesCapitalisedOnlyAtSentenceStart() throws {
        let m = try matcher("USA\tstate\tUnited States\tthe White House")
        XCTAssertEqual(found(m, "The White House said no. He saw the White House. Visit The White House today."),
                       ["USA=The White House", "USA=the White House"])
        XCTAssertEqual(found(m, "“The White House lied,” he said."), ["USA=The White House"])
    }

    func test_weakAlias_needsPartyOrAffiliationInContext() throws {
        let m = try matcher("""
        PRK\tstate\tNorth Korea\t
        person:kim-jong-un\tperson\tKim Jong Un\t\tKim\t\tPRK
        """)
        XCTAssertEqual(found(m, "Kim Kardashian posted a photo."), [])
        XCTAssertEqual(found(m, "Kim, the leader of North Korea, spoke."), ["person:kim-jong-un=Kim", "PRK=North Korea"])
        XCTAssertEqual(found(m, "Kim Jong Un spoke. Later Kim left."), ["person:kim-jong-un=Kim Jong Un", "person:kim-jong-un=Kim"])
        let tokens = Tokenizer().tokenize("Kim left.")
        XCTAssertEqual(m.mentions(in: tokens).count, 0)
        XCTAssertEqual(m.mentions(in: tokens, context: ["PRK"]).map(\.partyID), ["person:kim-jong-un"])
    }

    func test_theNorth_isWeakAliasInContext() throws {
        let m = try matcher("PRK\tstate\tNorth Korea\t\tthe North\nKOR\tstate\tSouth Korea\t")
        XCTAssertEqual(found(m, "Travel to the North is hard."), [])
        XCTAssertEqual(found(m, "North Korea fired. Seoul asked the North to stop."), ["PRK=North Korea", "PRK=the North"])
    }

    func test_demonym_isMarked() throws {
        let m = try matcher("USA\tstate\tUnited States\tUS\t\tAmerican|Americans")
        let mentions = m.analyze("The Americans and the US agreed.").flatMap(\.mentions)
        XCTAssertEqual(mentions.map(\.isDemonym), [true, false])
        XCTAssertEqual(mentions.map(\.partyID), ["USA", "USA"])
    }

    func test_georgiaNextToUSCues_isTheUSState() throws {
        let m = try matcher("GEO\tstate\tGeorgia\tTbilisi\nUSA\tstate\tUnited States\tUS")
        XCTAssertEqual(found(m, "Protests in Atlanta, Georgia grew."), [])
        XCTAssertEqual(found(m, "Georgia Gov. Brian Kemp spoke."), [])
        XCTAssertEqual(found(m, "Voters in Alabama and Georgia went to the polls."), [])
        XCTAssertEqual(found(m, "Russia invaded Georgia in 2008."), ["GEO=Georgia"])
        XCTAssertEqual(found(m, "Georgia's president met the US envoy."), ["GEO=Georgia", "USA=US"])
    }

    func test_jordanAsGivenName_isNotTheCountry() throws {
        let m = try matcher("JOR\tstate\tJordan\tAmman\nTCD\tstate\tChad\t\nISR\tstate\tIsrael\t")
        XCTAssertEqual(found(m, "Jordan Peterson gave a talk. Michael Jordan played."), [])
        XCTAssertEqual(found(m, "Chad Smith played drums."), [])
        XCTAssertEqual(found(m, "In Jordan, King Abdullah met Israel. Jordan King Abdullah spoke."),
                       ["JOR=Jordan", "ISR=Israel", "JOR=Jordan"])
        XCTAssertEqual(found(m, "Jordan and Chad signed a pact."), ["JOR=Jordan", "TCD=Chad"])
    }

    func test_mentionSpans_pointIntoOriginal_afterEmojiCombiningMarksAndNBSP() throws {
        let m = try SeedGazetteer.matcher()
        let text = "😀 Caf\u{0065}\u{0301} — “North\u{00A0}Korea’s” envoy met Kim\u{200B} Jong Un in\u{00A0}Seoul."
        let mentions = m.analyze(text).flatMap(\.mentions)
        XCTAssertEqual(mentions.map(\.partyID), ["PRK", "person:kim-jong-un", "KOR"])
        for mention in mentions { XCTAssertEqual(text.slice(mention.span), mention.surface) }
        XCTAssertEqual(mentions[0].surface, "North\u{00A0}Korea")
        XCTAssertEqual(mentions[1].surface, "Kim\u{200B} Jong Un")
    }

    func test_mentionsInTokens_joinSurfacesAndKeepTokenRange() throws {
        let m = try SeedGazetteer.matcher()
        let tokens = Tokenizer().tokenize("Talks with the United States resumed.")
        let mentions = m.mentions(in: tokens)
        XCTAssertEqual(mentions, [Mention(partyID: "USA", surface: "the United States", span: TextSpan(start: 11, end: 28),
                                          tokenRange: 2..<5, isDemonym: false)])
    }

    func test_literalMatches_areCaseInsensitiveOnTokenBoundaries() throws {
        let m = try SeedGazetteer.matcher()
        let tokens = Tokenizer().tokenize("The Osgiliath soldiers met osgiliath Soldiers; Osgiliath soldiersX left.")
        XCTAssertEqual(m.literalMatches(of: "Osgiliath soldiers", in: tokens), [1..<3, 4..<6])
        XCTAssertEqual(m.literalMatches(of: "North Korea’s", in: Tokenizer().tokenize("North Korea's test")), [0..<3])
        XCTAssertEqual(m.literalMatches(of: "", in: tokens), [])
    }
}
