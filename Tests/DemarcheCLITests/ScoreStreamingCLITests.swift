import Demarche
import Foundation
import XCTest

/// `score` streams: a JSON Lines file is read in chunks (lines across chunk boundaries, a line
/// longer than a chunk, every kind of line end), and `--format json` is written article by
/// article with the bytes `JSONEncoder` gives for the whole document.
final class ScoreStreamingCLITests: XCTestCase {
    /// This class's own directory and model (`CLITests` removes its own when its tests end).
    static let work = CLITestWorkspace.directory("demarche-stream")
    static let model = CLITestWorkspace.smallModel(in: work)

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: work)
        super.tearDown()
    }

    private func write(_ name: String, _ data: Data) -> String {
        let path = Self.work + "/" + name
        precondition(FileManager.default.createFile(atPath: path, contents: data), "cannot create a test file")
        return path
    }

    private func line(_ id: String, _ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: ["id": id, "text": text]), as: UTF8.self)
    }

    func test_jsonlFile_linesAcrossChunkBoundaries_scoreAsFromStandardInput() throws {
        // The first line ends with CR LF split by the 64 KiB chunk boundary; the second is longer
        // than a chunk; then a blank line, a lone CR and a last line without a line end.
        var first = line("a", "Seoul thanked Tokyo for the aid.")
        first += String(repeating: " ", count: 65_535 - first.utf8.count)  // JSON allows trailing spaces
        let long = line("b", "Seoul condemned Pyongyang. " + String(repeating: "The talks went on for hours. ", count: 5_000))
        let rest = [line("c", "Japan welcomed the deal."), line("d", "Nobody spoke.")]
        let content = first + "\r\n" + long + "\n\n" + rest[0] + "\r" + rest[1]
        XCTAssertEqual(Array(content.utf8)[65_535], 0x0D)
        XCTAssertGreaterThan(long.utf8.count, 2 * 65_536)
        let path = write("chunks.jsonl", Data(content.utf8))
        let file = CLITests.run(["score", "--model", Self.model, "--format", "jsonl", path])
        XCTAssertEqual(file.status, 0, file.stderr)
        let ids = try file.stdout.split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String
        }
        XCTAssertEqual(ids, ["a", "b", "c", "d"])
        // Standard input (read line by line) gives the same bytes for the same articles.
        let stdin = CLITests.run(["score", "--model", Self.model, "--format", "jsonl", "-"],
                                 stdin: [first, long, rest[0], rest[1]].joined(separator: "\n") + "\n")
        XCTAssertEqual(stdin.status, 0, stdin.stderr)
        XCTAssertEqual(stdin.stdout, file.stdout)
    }

    func test_jsonlFile_invalidUTF8_namesTheFileOffset_afterTheLinesBeforeIt() {
        var data = Data((line("a", "Seoul thanked Tokyo.") + "\n").utf8)
        let before = #"{"id": "b", "text": "caf"#
        let offset = data.count + before.utf8.count
        data += Data(before.utf8) + Data([0xE9]) + Data("\"}\n".utf8)
        let path = write("latin1-articles.jsonl", data)
        let r = CLITests.run(["score", "--model", Self.model, "--format", "jsonl", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: \(path): invalid UTF-8 at byte offset \(offset); save the file as UTF-8\n")
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 1)  // the line before it was scored
    }

    func test_jsonFormat_writtenPerArticle_isTheEncodersDocument() throws {
        let articles = [line("a", "Seoul thanked Tokyo for the aid."), line("b", "Nothing is named here."),
                        line("c", "Seoul condemned Pyongyang. Japan welcomed the deal.")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        for count in [0, 1, 2, 3] {
            let path = write("json-\(count).jsonl", Data(articles.prefix(count).map { $0 + "\n" }.joined().utf8))
            let jsonl = CLITests.run(["score", "--model", Self.model, "--format", "jsonl", path])
            let json = CLITests.run(["score", "--model", Self.model, "--format", "json", path])
            XCTAssertEqual(json.status, 0, json.stderr)
            let scores = try jsonl.stdout.split(separator: "\n").map { try JSONDecoder().decode(ArticleScore.self, from: Data($0.utf8)) }
            XCTAssertEqual(scores.count, count)
            let expected = count == 1 ? try encoder.encode(scores[0]) : try encoder.encode(scores)
            XCTAssertEqual(json.stdout, String(decoding: expected, as: UTF8.self) + "\n", "\(count) articles")
        }
    }

    func test_emptyStandardInput_withInputJSONL_isZeroArticles() {
        let r = CLITests.run(["score", "--model", Self.model, "--format", "jsonl", "--input", "jsonl", "-"], stdin: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        let auto = CLITests.run(["score", "--model", Self.model, "--format", "jsonl", "-"], stdin: "")
        XCTAssertEqual(auto.status, 1)
    }
}
