import XCTest
@testable import DemarcheText

final class GazetteerTests: XCTestCase {
    func test_tsvWithHeaderCommentsAndShortRows_parses() throws {
        let g = try Gazetteer(tsv: SeedGazetteer.tsv, source: "seed.tsv")
        XCTAssertEqual(g.parties.count, 10)
        let usa = try XCTUnwrap(g.party(id: "USA"))
        XCTAssertEqual(usa.kind, .state)
        XCTAssertEqual(usa.aliases, ["US", "U.S.", "Washington", "the United States", "America"])
        XCTAssertEqual(usa.demonyms, ["American", "Americans"])
        let kim = try XCTUnwrap(g.party(id: "person:kim-jong-un"))
        XCTAssertEqual(kim.weakAliases, ["Kim", "Mr Kim"])
        XCTAssertEqual(kim.affiliation, "PRK")
        XCTAssertEqual(kim.from, "2011-12-17")
        XCTAssertNil(kim.to)
        XCTAssertEqual(g.party(id: "not:kcna")?.kind, .nonParty)
    }

    func test_tsv_roundTrips() throws {
        let g = try Gazetteer(tsv: SeedGazetteer.tsv, source: "seed.tsv")
        let again = try Gazetteer(tsv: g.tsv(), source: "again.tsv")
        XCTAssertEqual(again.parties, g.parties)
    }

    func test_codable_roundTrips() throws {
        let g = try Gazetteer(tsv: SeedGazetteer.tsv, source: "seed.tsv")
        let decoded = try JSONDecoder().decode(Gazetteer.self, from: try JSONEncoder().encode(g))
        XCTAssertEqual(decoded.parties, g.parties)
    }

    func test_rowWithTooFewColumns_throwsWithLine() {
        XCTAssertThrowsError(try Gazetteer(tsv: "# c\nUSA\tstate\tUnited States\tUS\nPRK\tstate", source: "p.tsv")) { error in
            guard case let .malformedGazetteerRow(path, line, _)? = error as? TextError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "p.tsv")
            XCTAssertEqual(line, 3)
            XCTAssertTrue(error.localizedDescription.hasPrefix("p.tsv:3: malformed gazetteer row"))
        }
    }

    func test_unknownKind_throws() {
        XCTAssertThrowsError(try Gazetteer(tsv: "USA\tcountry\tUnited States\tUS", source: "p.tsv")) { error in
            guard case let .malformedGazetteerRow(_, line, expected)? = error as? TextError else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 1)
            XCTAssertTrue(expected.contains("country"))
        }
    }

    func test_invalidID_throws() {
        XCTAssertThrowsError(try Gazetteer(tsv: "U S A\tstate\tUnited States\tUS", source: "p.tsv"))
    }

    func test_duplicateID_throwsWithBothLines() {
        XCTAssertThrowsError(try Gazetteer(tsv: "USA\tstate\tUnited States\tUS\n\nUSA\tstate\tAmerica\t", source: "p.tsv")) {
            XCTAssertEqual($0 as? TextError, .duplicatePartyID(path: "p.tsv", line: 3, id: "USA", firstLine: 1))
        }
    }

    func test_emptyAlias_throws() {
        XCTAssertThrowsError(try Gazetteer(tsv: "USA\tstate\tUnited States\tUS||U.S.", source: "p.tsv")) {
            XCTAssertEqual($0 as? TextError, .emptyAlias(path: "p.tsv", line: 1, id: "USA", column: "aliases"))
        }
        XCTAssertThrowsError(try Gazetteer(parties: [Party(id: "USA", kind: .state, name: "United States", demonyms: [""])]))
    }

    func test_emptyFile_throws() {
        XCTAssertThrowsError(try Gazetteer(tsv: "# nothing\n\n", source: "p.tsv")) {
            XCTAssertEqual($0 as? TextError, .emptyGazetteer(path: "p.tsv"))
        }
    }

    func test_merging_overridesSameIDAndAppendsNew() throws {
        let base = try Gazetteer(tsv: SeedGazetteer.tsv, source: "seed.tsv")
        let user = try Gazetteer(parties: [
            Party(id: "USA", kind: .state, name: "USA", aliases: ["Uncle Sam"]),
            Party(id: "NATO", kind: .organisation, name: "NATO"),
        ])
        let merged = base.merging(user)
        XCTAssertEqual(merged.parties.count, 11)
        XCTAssertEqual(merged.parties[0].aliases, ["Uncle Sam"])
        XCTAssertEqual(merged.party(id: "NATO")?.kind, .organisation)
    }

    func test_search_isCaseInsensitiveSubstring() throws {
        let g = try Gazetteer(tsv: SeedGazetteer.tsv, source: "seed.tsv")
        XCTAssertEqual(g.search("pyong").map(\.id), ["PRK"])
        XCTAssertEqual(Set(g.search("KOREA").map(\.id)), ["PRK", "KOR", "not:korean-peninsula", "not:kcna"])
        XCTAssertEqual(g.search(""), [])
    }

    func test_projectGazetteer_loadsIfPresent() throws {
        // <repo>/Tests/DemarcheTextTests/Parties/GazetteerTests.swift → <repo>/TrainingData/parties.tsv
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let path = repo.appendingPathComponent("TrainingData/parties.tsv").path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("\(path) not present") }
        let g = try Gazetteer(contentsOf: path)
        XCTAssertFalse(g.parties.isEmpty)
        let matcher = PartyMatcher(gazetteer: g)
        let ids = Set(matcher.analyze(SeedArticle.text).flatMap(\.mentions).map(\.partyID))
        for id in ["USA", "PRK", "KOR", "JPN"] where g.party(id: id) != nil {
            XCTAssertTrue(ids.contains(id), "\(id) not found in the seed article")
        }
    }
}
