import XCTest
@testable import DemarcheText

/// The faster start-up builders (issue 18) against the references they replaced: the same
/// alias tables (and so the same matches) and the same parsed parties, errors included.
final class StartupBuildTests: XCTestCase {
    /// `TrainingData/parties.tsv` of this checkout: the bundled gazetteer.
    static func bundledTSV() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("TrainingData/parties.tsv"), encoding: .utf8)
    }

    /// Aliases that take every path of the builder: lower-case initials (ASCII and not), dotted
    /// abbreviations, hyphens, repeated forms, a weak form equal to a strong one, forms ending in
    /// U+0001, non-ASCII and decomposed spellings, all-capitals look-alikes and given-name countries.
    static let edgeTSV = """
    id\tkind\tname\taliases\tweak\tdemonyms\taffiliation\trole\tfrom\tto
    USA\tstate\tUnited States\tUS|U.S.|the United States|the U.S.|US|u.s.a.|Washington\tUS|Washington|the States\tAmerican|Americans
    PRK\tstate\tNorth Korea\tDPRK|D.P.R.K.|Pyongyang|the North\tthe North|North\tNorth Korean
    person:kim-jong-un\tperson\tKim Jong-un\tKim Jong Un|Kim Jong-Un\tKim|Mr Kim\t\tPRK\thead of state\t2011-12-17
    CIV\tstate\tCôte d'Ivoire\tCote d'Ivoire|Ivory Coast|Côte d’Ivoire|Cote\u{301} d'Ivoire\t\tIvorian
    ISL\tstate\tIceland\tísland|éire x|ñ\t\tIcelandic
    JOR\tstate\tJordan\tHashemite Kingdom\tJORDAN\tJordanian
    TCD\tstate\tChad\t\t\tChadian
    GEO\tstate\tGeorgia\tSakartvelo\t\tGeorgian
    WHO\torganisation\tWorld Health Organization\tWHO|the WHO\t\t
    odd\tgroup\tOdd\tA.B.|a.b.|AB.C|x\u{1}|x|A.B.C.D.|e.U.|1.2.|U.S.-led|G7|Group of 20|two  spaces|Intergovernmental Organisations|ABCDEFGHIJKLMNOPQRSTU x|O'Neill|Saint-Denis\tx\t
    not:mexico\tnonparty\tNew Mexico\tthe New Mexico\t\t
    UK\tstate\tUnited Kingdom\tUK|Britain|Great Britain|the UK|Whitehall\tLondon\tBritish|Briton|Britons
    """

    private func assertSameTables(_ gazetteer: Gazetteer, capitals: Bool, file: StaticString = #filePath, line: UInt = #line) {
        let new = AliasIndex(gazetteer: gazetteer, capitals: capitals)
        let old = Reference.aliasTables(gazetteer: gazetteer, capitals: capitals)
        XCTAssertEqual(new.tokens, old.tokens, "tokens", file: file, line: line)
        XCTAssertEqual(new.tokens.map(\.surface), old.tokens.map(\.surface), "surfaces", file: file, line: line)
        // Every stored bit of the tokens, not only what `==` compares.
        for (a, b) in zip(new.tokens, old.tokens)
        where a.low != b.low || a.high != b.high || a.count != b.count || a.flags != b.flags || a.kind != b.kind || a.span != b.span {
            XCTFail("token \(a) differs from \(b)", file: file, line: line)
            break
        }
        XCTAssertEqual(new.entries.count, old.entries.count, "entries", file: file, line: line)
        for (a, b) in zip(new.entries, old.entries) where
            a.party != b.party || a.first != b.first || a.count != b.count || a.flags != b.flags {
            XCTFail("entry \(a) differs from \(b)", file: file, line: line)
            break
        }
        XCTAssertEqual(new.mask, old.mask, "mask", file: file, line: line)
        XCTAssertEqual(new.slots.map(\.key), old.slots.map(\.key), "slot keys", file: file, line: line)
        XCTAssertEqual(new.slots.map(\.start), old.slots.map(\.start), "slot starts", file: file, line: line)
        XCTAssertEqual(new.slots.map(\.end), old.slots.map(\.end), "slot ends", file: file, line: line)
        XCTAssertEqual(new.firstTokens, old.firstTokens, "first-token filter", file: file, line: line)
        XCTAssertEqual(new.prefixes, old.prefixes, "prefix filter", file: file, line: line)
        XCTAssertEqual(new.pairs, old.pairs, "pair filter", file: file, line: line)
    }

    func test_aliasIndex_bundledGazetteer_sameTablesAsReference() throws {
        let gazetteer = try Gazetteer(tsv: Self.bundledTSV(), source: "parties.tsv")
        XCTAssertGreaterThan(gazetteer.parties.count, 1000)
        assertSameTables(gazetteer, capitals: false)
        assertSameTables(gazetteer, capitals: true)
    }

    func test_aliasIndex_edgeCaseForms_sameTablesAsReference() throws {
        let gazetteer = try Gazetteer(tsv: Self.edgeTSV, source: "edge.tsv")
        assertSameTables(gazetteer, capitals: false)
        assertSameTables(gazetteer, capitals: true)
        assertSameTables(try Gazetteer(tsv: SeedGazetteer.tsv, source: "seed.tsv"), capitals: false)
    }

    func test_forEachVariant_equalsVariants() {
        for alias in ["U.S.", "u.s.", "A.B.C.D.", "AB.C", "e.U.", "1.2.", "the White House", "ísland", "éire x", "x",
                      "U.S", "US", "Ab.", "a.b.c", "ß", "ǆemal", "ab", "U.S.-led", "a", "aé.b."] {
            let fast = Reference.collectedVariants(of: alias)
            let slow = AliasIndex.variants(of: alias)
            XCTAssertEqual(fast.map(\.0), slow.map(\.0), alias)
            XCTAssertEqual(fast.map(\.1), slow.map(\.1), alias)
        }
    }

    /// Mentions found with the new index in sentences that use the edge-case forms.
    func test_matcher_edgeCaseSentences_findsTheForms() throws {
        let matcher = PartyMatcher(gazetteer: try Gazetteer(tsv: Self.edgeTSV, source: "edge.tsv"))
        let sentences = matcher.analyze("""
        The U. S. and the D.P.R.K. met in Côte d'Ivoire. Kim Jong-un said the U.S-led talks would go on. \
        The United States warned Pyongyang. JORDAN AND THE US SIGNED A DEAL WITH THE WHO. \
        Michael Jordan met Georgian officials in New Mexico.
        """)
        let ids = sentences.map { $0.mentions.map(\.partyID) }
        XCTAssertEqual(ids[0], ["USA", "PRK", "CIV"])
        XCTAssertEqual(ids[1], ["person:kim-jong-un", "USA"])
        XCTAssertEqual(ids[2], ["USA", "PRK"])
        XCTAssertEqual(ids[3], ["JOR", "USA", "WHO"]) // `THE WHO`: only the bare `WHO` is ambiguous in capitals
        XCTAssertEqual(ids[4], ["GEO"])
    }

    // MARK: Gazetteer TSV

    private func outcome(_ body: () throws -> [Party]) -> String {
        do { return "\(try body())" } catch { return "error: \(error)" }
    }

    private func assertSameParse(_ tsv: String, file: StaticString = #filePath, line: UInt = #line) {
        let old = outcome { try Reference.gazetteerParties(tsv: tsv, source: "t.tsv") }
        let new = outcome { try Gazetteer(tsv: tsv, source: "t.tsv").parties }
        XCTAssertEqual(new, old, file: file, line: line)
    }

    /// Parties built in code go through the same checks.
    func test_validation_partiesInCode_sameAsReference() {
        let cases: [Party] = [
            Party(id: "A", kind: .state, name: " "), Party(id: "A", kind: .state, name: " \u{301}"),
            Party(id: "A", kind: .state, name: "x", aliases: ["a|b"]), Party(id: "A", kind: .state, name: "x", weakAliases: ["  "]),
            Party(id: "A", kind: .state, name: "x", demonyms: ["a\tb"]), Party(id: "A", kind: .state, name: "x", role: "a\rb"),
            Party(id: "A", kind: .state, name: "x", affiliation: "a|b"), Party(id: "A", kind: .state, name: "x", to: "\n"),
            Party(id: "A B", kind: .state, name: "x"), Party(id: "A", kind: .state, name: "x", from: " "),
        ]
        for party in cases {
            let old = outcome { try Reference.validate(party, path: "<memory>", line: 1); return [party] }
            let new = outcome { try Gazetteer(parties: [party]).parties }
            XCTAssertEqual(new, old, "\(party)")
        }
    }

    func test_tsv_bundledGazetteer_sameParties() throws {
        let tsv = try Self.bundledTSV()
        XCTAssertEqual(try Gazetteer(tsv: tsv, source: "p").parties, try Reference.gazetteerParties(tsv: tsv, source: "p"))
        XCTAssertEqual(try Gazetteer(tsv: Self.edgeTSV, source: "p").parties, try Reference.gazetteerParties(tsv: Self.edgeTSV, source: "p"))
    }

    func test_tsv_edgeCases_sameAsReference() {
        let cases = [
            "\u{FEFF}USA\tstate\tUnited States\tUS\n",
            "\u{FEFF}\u{301}USA\tstate\tUnited States\n",
            "\u{FEFF}\nUSA\tstate\tUnited States\n",
            "ID\tKIND\tname\nUSA\tstate\tUnited States\n",
            "id\t\u{212A}ind\tname\nUSA\tstate\tUnited States\n",
            "USA\tState\tUnited States\n",
            "USA\tORGANIZATION\tUnited States\n",
            "USA\tnon-party\tUnited States\n",
            "USA\tcountry\tUnited States\n",
            "USA\tstate\tUnited States\r\nPRK\tstate\tNorth Korea\r\n",
            "  USA  \t state \t United States \t US | U.S. \t\t American \n",
            "USA\tstate\t \u{301}United\n",
            "USA\tstate\tUnited \u{301}\n",
            "USA\tstate\tUnited\u{600} \n",
            "USA\tstate\tUnited States\tUS| \u{301}x\n",
            "USA\tstate\tUnited States\tUS||U.S.\n",
            "USA\tstate\tUnited States\tUS|\n",
            "USA\tstate\tUnited States\t | \n",
            "USA\tstate\tUnited States\t   \n",
            "USA\tstate\t   \n",
            "USA\tstate\tUnited\rStates\n",
            "USA\tstate\tUnited States\tUS\tKim\rX\n",
            "USA\tstate\n",
            "USA\tstate\tA\tB\tC\tD\tE\tF\tG\tH\tI\n",
            "US A\tstate\tUnited States\n",
            "USA\tstate\tUnited States\nUSA\tstate\tAgain\n",
            "# only a comment\n\n \t \n",
            "",
            "\t\t\n#x\nUSA\tstate\tUnited States\t\t\t\tX\trole\t2001\t2002",
        ]
        for tsv in cases { assertSameParse(tsv) }
    }
}
