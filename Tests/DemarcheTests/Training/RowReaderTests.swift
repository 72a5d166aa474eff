import XCTest
@testable import Demarche

final class RowReaderTests: XCTestCase {
    func test_jsonLines_readsRowsWithLineNumbers() {
        let text = """
            {"text": "Seoul thanked Tokyo.", "target": "Tokyo", "label": "conciliatory"}

            {"text": "A \\"quoted\\" word \\u00e9\\ud83d\\ude00", "target": "word", "label": "Neutral", "id": "x"}
            """
        let (rows, problems) = RowReader.parse(text, path: "a.jsonl")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[1].text, "A \"quoted\" word é😀")
        XCTAssertEqual(rows[1].label, .neutral)
        XCTAssertEqual(rows[1].id, "x")
        XCTAssertEqual(rows[1].line, 3)
    }

    func test_malformedJSON_namesFileLineAndColumn() {
        let (rows, problems) = RowReader.parse("{\"text\": \"a\", \"target\": \"a\" \"label\": \"hostile\"}\n", path: "bad.jsonl")
        XCTAssertEqual(rows, [])
        XCTAssertEqual(problems.map(\.description), [
            "bad.jsonl:1: malformed JSON at column 29: expected ',' or '}'; expected one object per line like {\"text\": \"…\", \"target\": \"…\", \"label\": \"hostile\"}",
        ])
    }

    func test_unknownLabel_listsTheAllowedOnes() {
        let (_, problems) = RowReader.parse("{\"text\": \"a b\", \"target\": \"a\", \"label\": \"angry\"}", path: "x.jsonl")
        XCTAssertEqual(problems.map(\.description), ["x.jsonl:1: unknown label \"angry\"; expected one of conciliatory, hostile, neutral"])
    }

    func test_missingTarget_isReported() {
        let (_, problems) = RowReader.parse("{\"text\": \"a b\", \"label\": \"hostile\"}", path: "x.jsonl")
        XCTAssertEqual(problems.first?.message, "missing or empty \"target\"; expected the party as written in the sentence, or a party id")
    }

    func test_csv_quotedFieldsWithCommasQuotesAndNewlines() {
        let text = "text,target,label\r\n\"Seoul, said \"\"no\"\"\nto Tokyo\",Tokyo,hostile\r\nplain text here,plain,neutral\n"
        let (rows, problems) = RowReader.parse(text, path: "a.csv")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows.map(\.text), ["Seoul, said \"no\"\nto Tokyo", "plain text here"])
        XCTAssertEqual(rows.map(\.line), [2, 4])
    }

    func test_csv_withoutHeader_saysWhatIsExpected() {
        let (_, problems) = RowReader.parse("a,b,c\n", path: "a.csv")
        XCTAssertEqual(problems.map(\.description), ["a.csv:1: expected a header row naming the columns text, target and label (found: a,b,c)"])
    }

    func test_csv_unterminatedQuote_reportsRecordLine() {
        let (_, problems) = RowReader.parse("text,target,label\nx,y,neutral\n\"open,y,neutral\n", path: "a.csv")
        XCTAssertEqual(problems.map(\.description), ["a.csv:3: malformed CSV: a quoted field is never closed"])
    }

    func test_csv_wrongFieldCount() {
        let (_, problems) = RowReader.parse("text,target,label\nx,y\n", path: "a.csv")
        XCTAssertEqual(problems.map(\.description), ["a.csv:2: expected 3 fields as in the header, found 2"])
    }

    func test_emptyFile_throwsNoRows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("demarche-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("empty.jsonl").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        XCTAssertThrowsError(try RowReader.read(paths: [path])) { error in
            XCTAssertEqual(error as? StanceError, .noRows(path: path))
        }
    }

    func test_invalidUTF8_isAnIOErrorNamingTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).jsonl").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A])))
        XCTAssertThrowsError(try RowReader.read(paths: [path])) { error in
            guard case .io(let p, _)? = error as? StanceError else { return XCTFail("\(error)") }
            XCTAssertEqual(p, path)
        }
    }
}
