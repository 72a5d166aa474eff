import XCTest
import Foundation

/// Issue 16 end to end: write errors on standard output, deep JSON and CRLF JSON Lines, an
/// over-long sentence, through the `demarche` executable.
final class HostileInputCLITests: XCTestCase {
    /// This class's own directory and model (`CLITests` removes its own when its tests end).
    static let work = CLITestWorkspace.directory("demarche-hostile")
    static let model = CLITestWorkspace.smallModel(in: work)

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: work)
        super.tearDown()
    }

    private func run(_ arguments: [String], stdoutTo path: String) -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: path)
        let err = Pipe()
        process.standardError = err
        try! process.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    /// Defect 4: `demarche score a.txt > /dev/full` exited 0 with nothing written.
    func test_writeErrorOnStandardOutput_isAClearErrorAndExitOne() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full here") }
        let article = CLITests.repo + "/Examples/strait-talks.txt"
        for arguments in [["score", article], ["score", "--format", "json", article], ["parties"],
                          ["eval", "--data", CLITests.fixtures + "/train.jsonl", "--model", Self.model]] {
            let r = run(arguments, stdoutTo: "/dev/full")
            XCTAssertEqual(r.status, 1, "\(arguments)")
            XCTAssertEqual(r.stderr, "demarche: error: cannot write to standard output: No space left on device\n", "\(arguments)")
        }
    }

    /// Defect 1: 200,000 opening brackets crashed `eval` (stack overflow, exit 139).
    func test_deeplyNestedJSON_isAMalformedRow_notACrash() {
        let path = Self.work + "/deep.jsonl"
        FileManager.default.createFile(atPath: path, contents: Data(("{\"d\":" + String(repeating: "[", count: 200_000) + "\n").utf8))
        let r = CLITests.run(["eval", "--data", path, "--model", Self.model])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("demarche: error: \(path):1: malformed JSON at column 200006: expected a value, found the end of the line"), r.stderr)
    }

    /// Defect 2: two rows ending in CRLF were refused ("unexpected text after the JSON object"),
    /// in `eval`/`train` and in `score --format jsonl` over a file.
    func test_crlfJSONLines_areRead_byEvalAndScore() throws {
        let rows = #"{"text": "Seoul thanked Tokyo for the aid.", "target": "Tokyo", "label": "conciliatory"}"# + "\r\n"
            + #"{"text": "Seoul condemned Tokyo for the remarks.", "target": "Tokyo", "label": "hostile"}"# + "\r\n"
        let path = Self.work + "/crlf.jsonl"
        FileManager.default.createFile(atPath: path, contents: Data(rows.utf8))
        let r = CLITests.run(["eval", "--data", path, "--model", Self.model, "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["rows"] as? Int, 2)
        let articles = #"{"id": "a", "text": "Seoul thanked Tokyo."}"# + "\r\n" + #"{"id": 2, "text": "Tokyo thanked Seoul."}"# + "\r\n"
        let apath = Self.work + "/articles.jsonl"
        FileManager.default.createFile(atPath: apath, contents: Data(articles.utf8))
        let s = CLITests.run(["score", "--format", "jsonl", "--model", Self.model, apath])
        XCTAssertEqual(s.status, 0, s.stderr)
        let ids = s.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        XCTAssertEqual(ids, ["a", "2"])
    }

    /// Defect 8: a text without any full stop is cut into bounded sentences, and the output says so.
    func test_textWithoutFullStops_isCut_andTheTableSaysSo() {
        let path = Self.work + "/nostop.txt"
        FileManager.default.createFile(atPath: path, contents: Data(String(repeating: "Seoul and Tokyo talked with Beijing ", count: 2_000).utf8))
        let r = CLITests.run(["score", "--model", Self.model, path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("sentences, ") && r.stdout.contains("runs of text without a sentence end were cut at 6000 bytes"), r.stdout)
        let j = CLITests.run(["score", "--format", "json", "--model", Self.model, path])
        XCTAssertTrue(j.stdout.contains("\"isCut\" : true"), String(j.stdout.prefix(500)))
    }
}
