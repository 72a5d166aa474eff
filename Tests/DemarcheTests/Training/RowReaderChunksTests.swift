import XCTest
@testable import Demarche

/// JSON Lines are parsed in parallel chunks and rows are moved into place: rows and problems must
/// come out in line order, with blank and bad lines anywhere in any chunk.
final class RowReaderChunksTests: XCTestCase {
    func test_manyLines_withBlankAndBadLinesEverywhere_keepLineOrder() {
        var lines: [String] = []
        var wantRows: [(line: Int, text: String)] = []
        var wantProblems: [Int] = []
        for k in 1...5000 {
            switch k % 7 {
            case 3: lines.append("")                                                      // blank
            case 5: lines.append("{\"text\": \"Row \(k) about Japan.\", \"target\": 7}"); wantProblems.append(k)  // bad type
            case 6 where k % 2 == 0: lines.append("{not json"); wantProblems.append(k)
            default:
                lines.append("{\"text\": \"Row \(k) about Japan.\", \"target\": \"Japan\", \"label\": \"neutral\", \"id\": \(k)}")
                wantRows.append((k, "Row \(k) about Japan."))
            }
        }
        let (rows, problems) = RowReader.parse(lines.joined(separator: "\n") + "\n", path: "many.jsonl")
        XCTAssertEqual(rows.map(\.line), wantRows.map(\.line))
        XCTAssertEqual(rows.map(\.text), wantRows.map(\.text))
        XCTAssertEqual(rows.map(\.id), wantRows.map { "\($0.line)" })
        XCTAssertEqual(problems.map(\.line), wantProblems)
        XCTAssertTrue(problems.allSatisfy { $0.path == "many.jsonl" })
        // One chunk (a prefix shorter than a chunk) agrees with the parallel parse.
        let head = RowReader.parse(lines.prefix(300).joined(separator: "\n"), path: "many.jsonl")
        XCTAssertEqual(head.rows, Array(rows.prefix(head.rows.count)))
        XCTAssertEqual(head.problems, Array(problems.prefix(head.problems.count)))
    }
}
