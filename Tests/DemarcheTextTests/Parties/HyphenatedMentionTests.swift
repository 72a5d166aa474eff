import XCTest
@testable import DemarcheText

/// Mentions inside hyphenated compounds (`US-drafted`, `US-South Korea`, `Trump-Kim`).
final class HyphenatedMentionTests: XCTestCase {
    private static let tsv = """
    USA\tstate\tUnited States\tUS|U.S.|Washington\t\tAmerican|Americans
    KOR\tstate\tSouth Korea\tSeoul\t\tSouth Korean
    PRK\tstate\tNorth Korea\tPyongyang\t\tNorth Korean
    RUS\tstate\tRussia\tKremlin|Moscow\t\tRussian
    IRN\tstate\tIran\tTehran\t\tIranian
    SAU\tstate\tSaudi Arabia\tRiyadh\t\tSaudi|Saudis
    QAT\tstate\tQatar\tDoha\t\tQatari
    GBR\tstate\tUnited Kingdom\tBritain|UK\t\tBritish
    EU\torganisation\tEuropean Union\tEU
    ASEAN\torganisation\tAssociation of Southeast Asian Nations\tASEAN
    GNB\tstate\tGuinea-Bissau\t\t\tBissau-Guinean
    GIN\tstate\tGuinea\tConakry
    COG\tstate\tRepublic of the Congo\tCongo-Brazzaville
    TLS\tstate\tTimor-Leste\tEast Timor
    person:kim-jong-un\tperson\tKim Jong Un\tKim Jong-un\tKim\t\tPRK
    person:donald-trump\tperson\tDonald Trump\tPresident Trump\tTrump\t\tUSA
    person:sisi\tperson\tAbdel Fattah al-Sisi\tAl-Sisi|el-Sisi\tSisi
    not:african-american\tnonparty\tAfrican-American\tAfrican-Americans
    """

    private func matcher() throws -> PartyMatcher {
        PartyMatcher(gazetteer: try Gazetteer(tsv: HyphenatedMentionTests.tsv, source: "hyphen.tsv"))
    }

    /// `party=surface@tokenRange` for every mention, after checking that each surface is the
    /// original text at its span.
    private func found(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let analyzed = try matcher().analyze(text)
        var result: [String] = []
        for sentence in analyzed {
            for m in sentence.mentions {
                XCTAssertEqual(text.slice(m.span), m.surface, file: file, line: line)
                let tokens = sentence.tokens[m.tokenRange]
                XCTAssertTrue(tokens.first!.span.start <= m.span.start && m.span.end <= tokens.last!.span.end,
                              "span \(m.span) outside its tokens \(tokens)", file: file, line: line)
                result.append("\(m.partyID)=\(m.surface)@\(m.tokenRange.lowerBound)..<\(m.tokenRange.upperBound)")
            }
        }
        return result
    }

    func test_prefixPart_isMentionWithPartSpan() throws {
        let text = "They passed a US-drafted resolution."
        XCTAssertEqual(try found(text), ["USA=US@3..<4"])
        let m = try matcher().analyze(text)[0].mentions[0]
        XCTAssertEqual(m.span, TextSpan(start: 14, end: 16))
    }

    func test_lastPartJoinedToFollowingTokens_formsMultiTokenAlias() throws {
        XCTAssertEqual(try found("The US-South Korea drills began."), ["USA=US@1..<2", "KOR=South Korea@1..<3"])
    }

    func test_twoPartiesInOneToken_shareTokenRange() throws {
        let text = "Donald Trump met Kim Jong-un. The Trump-Kim summit failed."
        XCTAssertEqual(try found(text), ["person:donald-trump=Donald Trump@0..<2", "person:kim-jong-un=Kim Jong-un@3..<5",
                                         "person:donald-trump=Trump@1..<2", "person:kim-jong-un=Kim@1..<2"])
        // Without context the weak aliases inside the compound stay unmatched.
        XCTAssertEqual(try found("The Trump-Kim summit failed."), [])
    }

    func test_partAfterPrefix_isMention() throws {
        XCTAssertEqual(try found("A pro-Kremlin channel and Iran-backed militias."), ["RUS=Kremlin@1..<2", "IRN=Iran@4..<5"])
    }

    func test_dottedAbbreviationPart_isMention() throws {
        XCTAssertEqual(try found("A Saudi-U.S. initiative stalled."), ["SAU=Saudi@1..<2", "USA=U.S.@1..<2"])
        XCTAssertEqual(try found("The U.S.-led coalition and a Saudi-U.S."), ["USA=U.S.@1..<2", "SAU=Saudi@5..<6", "USA=U.S.@5..<6"])
        XCTAssertEqual(Tokenizer().tokenize("a Saudi-U.S. initiative, U.S.-led").map(\.surface),
                       ["a", "Saudi-U.S.", "initiative", ",", "U.S.-led"])
    }

    func test_acronymAndDemonymParts_areMentions() throws {
        XCTAssertEqual(try found("An EU-ASEAN meeting on a Qatari-brokered deal."),
                       ["EU=EU@1..<2", "ASEAN=ASEAN@1..<2", "QAT=Qatari@5..<6"])
        let british = try matcher().analyze("Iran seized a British-flagged tanker.")[0].mentions
        XCTAssertEqual(british.map(\.partyID), ["IRN", "GBR"])
        XCTAssertEqual(british[1].isDemonym, true)
        XCTAssertEqual(british[1].surface, "British")
    }

    func test_aliasEndingInPrefixPart_isMention() throws {
        XCTAssertEqual(try found("A Saudi Arabia-backed plan."), ["SAU=Saudi Arabia@1..<3"])
    }

    func test_wholeTokenHyphenatedAliases_stillMatchWhole() throws {
        XCTAssertEqual(try found("Kim Jong-un visited Guinea-Bissau, Congo-Brazzaville and Timor-Leste."),
                       ["person:kim-jong-un=Kim Jong-un@0..<2", "GNB=Guinea-Bissau@3..<4", "COG=Congo-Brazzaville@5..<6",
                        "TLS=Timor-Leste@7..<8"])
        XCTAssertEqual(try found("Al-Sisi met a Bissau-Guinean envoy."), ["person:sisi=Al-Sisi@0..<1", "GNB=Bissau-Guinean@3..<4"])
        // Inside a longer compound the hyphenated alias still wins over its parts.
        XCTAssertEqual(try found("An anti-Guinea-Bissau rally."), ["GNB=Guinea-Bissau@1..<2"])
    }

    func test_aliasHyphens_mustBeHyphensInText() throws {
        // `Jong-un` with spaces around the dash is not the alias `Kim Jong-un`; `Guinea - Bissau` is Guinea.
        XCTAssertEqual(try found("Guinea - Bissau."), ["GIN=Guinea@0..<1"])
        // An alias without a hyphen does not match across one.
        XCTAssertEqual(try found("The South-Korea team."), [])
    }

    func test_longerNonPartyCompound_suppressesPart() throws {
        XCTAssertEqual(try found("An African-American senator and an American diplomat."), ["USA=American@5..<6"])
    }

    func test_caseSensitivity_holdsInsideCompounds() throws {
        XCTAssertEqual(try found("Let us-based thinking prevail."), [])
    }

    func test_mentionsInTokens_findPartsAndJoinSurfaces() throws {
        let m = try matcher()
        let tokens = Tokenizer().tokenize("The US-South Korea drills.")
        let mentions = m.mentions(in: tokens)
        XCTAssertEqual(mentions.map(\.surface), ["US", "South Korea"])
        XCTAssertEqual(mentions.map(\.span), [TextSpan(start: 4, end: 6), TextSpan(start: 7, end: 18)])
        XCTAssertEqual(mentions.map(\.tokenRange), [1..<2, 1..<3])
        let whole = m.mentions(in: Tokenizer().tokenize("Kim Jong-un spoke."))
        XCTAssertEqual(whole.map(\.surface), ["Kim Jong-un"])
    }

    func test_partSpans_areExactAfterNormalisation() throws {
        // A non-breaking hyphen and a composed accent before the part.
        let text = "Caf\u{0065}\u{0301}s and a pro\u{2011}Kremlin, Ame\u{0301}rica-US deal."
        let mentions = try matcher().analyze(text).flatMap(\.mentions)
        XCTAssertEqual(mentions.map(\.partyID), ["RUS", "USA"])
        for mention in mentions { XCTAssertEqual(text.slice(mention.span), mention.surface) }
        XCTAssertEqual(mentions.map(\.surface), ["Kremlin", "US"])
    }
}
