import XCTest
import Foundation

/// End-to-end tests of the `demarche` executable: exact texts users see, machine output parsed back.
final class CLITests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let work = CLITestWorkspace.directory("demarche-cli")
    /// A small model trained once by the CLI itself.
    static let model = CLITestWorkspace.smallModel(in: work)

    /// Removes the shared work directory once every test of the class has run.
    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: work)
        super.tearDown()
    }

    struct Result { let status: Int32; let stdout: String; let stderr: String }

    static var binary: URL { Bundle.main.bundleURL.appendingPathComponent("demarche") }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try! process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func run(_ arguments: [String], stdin: String? = nil) -> Result { Self.run(arguments, stdin: stdin) }

    func write(_ name: String, _ contents: String) -> String {
        let path = Self.work + "/" + name
        precondition(FileManager.default.createFile(atPath: path, contents: Data(contents.utf8)), "cannot create a test file")
        return path
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    // MARK: train

    func test_train_printsMetricsAndWritesModel() {
        let out = Self.work + "/cv.demarche"
        let r = run(["train", "--data", Self.fixtures + "/train.jsonl", "--out", out, "--c-grid", "1,4", "--folds", "2", "--min-df", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("rows: 34 (conciliatory 8, hostile 8, neutral 18)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("cross-validated macro-F1"), r.stdout)
        XCTAssertTrue(r.stdout.contains("<- chosen"), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
    }

    func test_train_readsCSV() {
        let out = Self.work + "/csv.demarche"
        let r = run(["train", "--data", Self.fixtures + "/train.csv", "--out", out, "--folds", "0", "--min-df", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("rows: 12 "), r.stdout)
    }

    func test_train_badRows_listsEachAndKeepsTheOldModel() throws {
        let data = write("bad.jsonl", """
            {"text": "Seoul thanked Tokyo.", "target": "Tokyo", "label": "conciliatory"}
            {"text": "Seoul thanked Tokyo.", "target": "Tokyo", "label": "grateful"}
            {"text": "Seoul thanked Tokyo." "target": "Tokyo"}
            {"text": "Seoul thanked Tokyo.", "target": "Paris", "label": "neutral"}
            """)
        let out = write("keep.demarche", "previous model")
        let r = run(["train", "--data", data, "--out", out, "--folds", "0"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, """
            demarche: error: \(data):2: unknown label "grateful"; expected one of conciliatory, hostile, neutral
            demarche: error: \(data):3: malformed JSON at column 33: expected ',' or '}'; expected one object per line like {"text": "…", "target": "…", "label": "hostile"}

            """)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "previous model")
        // With the syntax fixed, the missing target is reported next.
        let data2 = write("bad2.jsonl", """
            {"text": "Seoul thanked Tokyo.", "target": "Tokyo", "label": "conciliatory"}
            {"text": "Seoul thanked Tokyo.", "target": "Paris", "label": "neutral"}
            """)
        let r2 = run(["train", "--data", data2, "--out", out, "--folds", "0"])
        XCTAssertEqual(r2.status, 1)
        XCTAssertEqual(r2.stderr, "demarche: error: \(data2):2: target \"Paris\" is not in its sentence; expected a substring of the text (on word boundaries) or a party id or name from the gazetteer\n")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "previous model")
    }

    func test_train_unwritableOut_failsBeforeTrainingWithTheReason() throws {
        let dir = Self.work + "/out-dir"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = run(["train", "--data", Self.fixtures + "/train.jsonl", "--out", dir, "--folds", "0"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: \(dir): cannot write the model: this is a directory; give a file path such as \(dir)/model.demarche\n")
        XCTAssertEqual(r.stdout, "")
        let missing = Self.work + "/no-such-dir/m.demarche"
        let r2 = run(["train", "--data", Self.fixtures + "/train.jsonl", "--out", missing, "--folds", "0"])
        XCTAssertEqual(r2.status, 1)
        XCTAssertEqual(r2.stderr, "demarche: error: \(missing): cannot write the model: the directory \(Self.work)/no-such-dir does not exist; create it first\n")
        // Checked before the data is read: a bad data path is not what is reported.
        let r3 = run(["train", "--data", Self.work + "/no-such.jsonl", "--out", missing])
        XCTAssertTrue(r3.stderr.contains("no-such-dir does not exist"), r3.stderr)
        // eval --predictions likewise, before evaluating.
        let r4 = run(["eval", "--data", Self.fixtures + "/train.jsonl", "--model", Self.model, "--predictions", dir])
        XCTAssertEqual(r4.status, 1)
        XCTAssertEqual(r4.stderr, "demarche: error: \(dir): cannot write predictions: this is a directory; give a file path such as \(dir)/predictions.jsonl\n")
        XCTAssertEqual(r4.stdout, "")
    }

    func test_score_directoryOrMissingFile_saysWhich() throws {
        let dir = Self.work + "/articles-dir"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = run(["score", dir])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: \(dir): cannot read file: it is a directory, not a file\n")
        let missing = Self.work + "/no-such-article.txt"
        XCTAssertEqual(run(["score", missing]).stderr, "demarche: error: \(missing): cannot read file: no such file\n")
        let model = run(["score", "--model", dir, Self.fixtures + "/train.jsonl"])
        XCTAssertEqual(model.status, 1)
        XCTAssertEqual(model.stderr, "demarche: error: \(dir): cannot read the model: it is a directory, not a file\n")
    }

    func test_train_emptyFile() {
        let data = write("empty.jsonl", "")
        let r = run(["train", "--data", data, "--out", Self.work + "/never.demarche"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: \(data): no labeled rows found; expected JSON Lines ({\"text\",\"target\",\"label\"} per line) or CSV with a header row text,target,label\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.work + "/never.demarche"))
    }

    func test_train_invalidUTF8_namesTheFile() {
        let path = Self.work + "/latin1.jsonl"
        precondition(FileManager.default.createFile(atPath: path, contents: Data("{\"text\": \"caf".utf8) + Data([0xE9]) + Data("\", \"target\": \"x\", \"label\": \"neutral\"}\n".utf8)), "cannot create a test file")
        let r = run(["train", "--data", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: \(path): invalid UTF-8 at byte offset 13; save the file as UTF-8\n")
    }

    func test_train_malformedCSV_namesTheRecordLine() {
        let data = write("bad.csv", "text,target,label\n\"Seoul thanked Tokyo.\",Tokyo,conciliatory\n\"Seoul \"thanked\" Tokyo.\",Tokyo,neutral\n")
        let r = run(["train", "--data", data, "--out", Self.work + "/never2.demarche"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: \(data):3: malformed CSV: text after a closing quote; expected ',' or the end of the line\n")
    }

    func test_train_badCOrTolerance_namesTheParameter() {
        let r = run(["train", "--data", Self.fixtures + "/train.jsonl", "--c=-1", "--folds", "0"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: C must be > 0 and finite, got -1.0; use a positive value such as 1.0\n")
        let tol = run(["train", "--data", Self.fixtures + "/train.jsonl", "--tol=-0.5", "--folds", "0"])
        XCTAssertEqual(tol.status, 1)
        XCTAssertTrue(tol.stderr.hasPrefix("demarche: error: "), tol.stderr)
        XCTAssertTrue(tol.stderr.contains("tol") && tol.stderr.contains("-0.5"), tol.stderr)
    }

    // MARK: score

    let article = "Seoul condemned Pyongyang for the launch.\n\nJapan thanked South Korea for its help.\n"

    func test_score_table() {
        let path = write("a.txt", article)
        let r = run(["score", path, "--model", Self.model])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\(path): 2 sentences, 2 naming a party, 3 parties"), r.stdout)
        XCTAssertTrue(r.stdout.contains("South Korea (KOR)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("net tone"), r.stdout)
    }

    func test_score_sentencesFlag_listsEachSentence() {
        let path = write("b.txt", article)
        let r = run(["score", path, "--model", Self.model, "--sentences"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("[1] Seoul condemned Pyongyang for the launch."), r.stdout)
        XCTAssertTrue(r.stdout.contains("Pyongyang (PRK)"), r.stdout)
    }

    func test_score_json_hasOffsetsIntoTheText() throws {
        let path = write("c.txt", article)
        let r = run(["score", path, "--model", Self.model, "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try json(r.stdout) as! [String: Any]
        let sentences = doc["sentences"] as! [[String: Any]]
        XCTAssertEqual(sentences.count, 2)
        let first = (sentences[0]["parties"] as! [[String: Any]])[0]
        let mention = (first["mentions"] as! [[String: Any]])[0]
        let span = mention["span"] as! [String: Int]
        let scalars = Array(article.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[span["start"]!..<span["end"]!])), mention["surface"] as? String)
        let parties = doc["parties"] as! [[String: Any]]
        XCTAssertEqual(Set(parties.map { $0["partyID"] as! String }), ["KOR", "PRK", "JPN"])
    }

    func test_score_jsonlFromStdin_streamsOneLinePerArticle() throws {
        let input = """
            {"id": "a", "text": "Seoul condemned Pyongyang."}
            {"id": "b", "text": "Japan thanked South Korea."}

            """
        let r = run(["score", "-", "--model", Self.model, "--format", "jsonl"], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(try lines.map { (try json(String($0)) as! [String: Any])["id"] as! String }, ["a", "b"])
    }

    func test_score_html_toStdoutOrFile_withOneMarkPerMention() throws {
        let path = write("h.txt", article)
        let r = run(["score", path, "--model", Self.model, "--format", "html"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("<!DOCTYPE html>"))
        let doc = try json(run(["score", path, "--model", Self.model, "--format", "json"]).stdout) as! [String: Any]
        let mentions = (doc["sentences"] as! [[String: Any]]).flatMap { $0["parties"] as! [[String: Any]] }
            .map { ($0["mentions"] as! [Any]).count }.reduce(0, +)
        XCTAssertEqual(r.stdout.components(separatedBy: " data-mention=\"\"").count - 1, mentions)
        let out = Self.work + "/h.html"
        let w = run(["score", path, "--model", Self.model, "--format", "html", "--out", out])
        XCTAssertEqual(w.status, 0, w.stderr)
        XCTAssertEqual(w.stdout, "")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), r.stdout)
    }

    func test_score_html_severalArticles_needADirectory() throws {
        let input = """
            {"id": "a/1", "text": "Seoul condemned Pyongyang."}
            {"id": "b", "text": "Japan thanked South Korea."}

            """
        let r = run(["score", "-", "--model", Self.model, "--format", "html"], stdin: input)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: 2 articles give 2 HTML pages: name an existing directory with --out DIR (no --out given)\n")
        let dir = Self.work + "/pages"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let w = run(["score", "-", "--model", Self.model, "--format", "html", "--out", dir], stdin: input)
        XCTAssertEqual(w.status, 0, w.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["001-a-1.html", "002-b.html"])
    }

    func test_score_outWithoutHTML_isRefused() {
        let r = run(["score", "-", "--model", Self.model, "--format", "json", "--out", "x.json"], stdin: "Seoul.")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--out is for --format html"), r.stderr)
    }

    func test_score_malformedJSONLine_namesTheLine() {
        let r = run(["score", "--model", Self.model, "--format", "jsonl"], stdin: "{\"id\": \"a\", \"text\": \"Seoul.\"}\n{\"id\": 3, \"text\": }\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: <stdin>:2: malformed JSON at column 19: expected a JSON value; expected {\"id\": \"…\", \"text\": \"…\"}\n")
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 1, "the good article before the bad line is still written")
    }

    func test_score_csv() {
        let path = write("d.txt", article)
        let r = run(["score", path, "--model", Self.model, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "article,party_id,party,kind,sentences,mentions,p_hostile,p_conciliatory,p_neutral,overall,net_tone")
        XCTAssertEqual(lines.count, 4)
        let s = run(["score", path, "--model", Self.model, "--format", "csv", "--sentences"])
        XCTAssertEqual(s.stdout.split(separator: "\n").first, "article,sentence,start,end,party_id,label,p_hostile,p_conciliatory,p_neutral,text")
    }

    func test_score_truncatedModel() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.model))
        let path = Self.work + "/truncated.demarche"
        precondition(FileManager.default.createFile(atPath: path, contents: bytes.prefix(bytes.count / 2)), "cannot create a test file")
        let r = run(["score", "--model", path], stdin: "Seoul spoke.")
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: \(path): not a usable Demarche model: truncated or padded: the header announces \(bytes.count - 32) bytes of payload but the file holds \(bytes.count / 2 - 32)\n")
    }

    func test_score_missingFile() {
        let r = run(["score", Self.work + "/nope.txt", "--model", Self.model])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("demarche: error: \(Self.work)/nope.txt"), r.stderr)
    }

    func test_score_defaultModel_scoresTheExampleArticle() throws {
        guard FileManager.default.fileExists(atPath: Self.repo + "/Models/default.demarche") else {
            throw XCTSkip("no bundled model in this checkout")
        }
        let r = run(["score", Self.repo + "/Examples/strait-talks.txt", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try json(r.stdout) as! [String: Any]
        let ids = Set((doc["parties"] as! [[String: Any]]).map { $0["partyID"] as! String })
        XCTAssertTrue(ids.isSuperset(of: ["KOR", "JPN", "PRK", "USA", "CHN", "RUS"]), "\(ids)")
    }

    func test_score_rollsUpByDefault_andByMentionShowsPersons() throws {
        guard FileManager.default.fileExists(atPath: Self.repo + "/Models/default.demarche") else {
            throw XCTSkip("no bundled model in this checkout")
        }
        let article = write("rollup.txt", "Kim Jong Un warned Seoul on Monday. North Korea fired a missile.\n")
        let byParty = try json(run(["score", article, "--format", "json"]).stdout) as! [String: Any]
        let parties = (byParty["parties"] as! [[String: Any]]).map { $0["partyID"] as! String }
        XCTAssertEqual(Set(parties), ["PRK", "KOR"])
        let mentions = try json(run(["score", article, "--format", "json", "--by", "mention"]).stdout) as! [String: Any]
        let persons = (mentions["parties"] as! [[String: Any]]).map { $0["partyID"] as! String }
        XCTAssertTrue(persons.contains("person:kim-jong-un"), "\(persons)")
        // The verdict is one of the four values, mixed included.
        for p in byParty["parties"] as! [[String: Any]] {
            XCTAssertTrue(["hostile", "conciliatory", "neutral", "mixed"].contains(p["overall"] as! String))
        }
    }

    func test_score_badDate_isAClearError() {
        let r = run(["score", "--date", "March 1987", "--model", Self.model], stdin: "Seoul condemned Pyongyang.")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--date 'March 1987' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"), r.stderr)
        let ok = try? json(run(["score", "--date", "1987-03", "--model", Self.model, "--format", "json"], stdin: "Seoul condemned Pyongyang.").stdout) as? [String: Any]
        XCTAssertEqual(ok?["date"] as? String, "1987-03")
    }

    func test_score_articleContext_negativeIsAClearError_andZeroLabelsEachSentenceOnItsOwn() throws {
        let bad = run(["score", "--article-context=-1", "--model", Self.model], stdin: "Seoul condemned Pyongyang.")
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--article-context -1.0 is not a weight; expected a number ≥ 0"), bad.stderr)
        let text = "Seoul condemned Pyongyang. Pyongyang welcomed talks with Seoul. Seoul warned Pyongyang again."
        let r = run(["score", "--article-context", "0", "--model", Self.model, "--format", "json"], stdin: text)
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try json(r.stdout) as! [String: Any]
        for s in doc["sentences"] as! [[String: Any]] {
            for p in s["parties"] as! [[String: Any]] {
                let q = p["probabilities"] as! [String: Double]
                let best = ["neutral", "conciliatory", "hostile"].max { q[$0]! < q[$1]! }!
                XCTAssertEqual(p["label"] as? String, best)
            }
        }
    }

    // MARK: eval

    func test_eval_json_hasTheDocumentedKeys() throws {
        let predictions = Self.work + "/pred.jsonl"
        let r = run(["eval", "--data", Self.fixtures + "/train.jsonl", "--model", Self.model, "--format", "json", "--predictions", predictions])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try json(r.stdout) as! [String: Any]
        XCTAssertEqual(doc["rows"] as? Int, 34)
        XCTAssertNotNil(doc["accuracy"] as? Double)
        XCTAssertNotNil(doc["macroF1"] as? Double)
        let perClass = doc["perClass"] as! [String: [String: Any]]
        XCTAssertEqual(Set(perClass.keys), ["hostile", "conciliatory", "neutral"])
        XCTAssertEqual(perClass["hostile"]?["support"] as? Int, 8)
        let confusion = doc["confusion"] as! [String: [String: Int]]
        XCTAssertEqual(confusion.values.reduce(0) { $0 + $1.values.reduce(0, +) }, 34)
        let calibration = doc["calibration"] as! [String: Any]
        XCTAssertNotNil(calibration["ece"] as? Double)
        let bins = calibration["bins"] as! [[String: Any]]
        XCTAssertEqual(bins.reduce(0) { $0 + ($1["rows"] as! Int) }, 34, "every row falls in one bin")
        let lines = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 34)
        let first = try json(String(lines[0])) as! [String: Any]
        XCTAssertNotNil(first["predicted"] as? String)
        XCTAssertNotNil(first["probabilities"] as? [String: Double])
    }

    func test_sources_trainEvalAndScore() throws {
        let model = Self.work + "/sources.demarche"
        let data = Self.fixtures + "/train-sources.jsonl"
        let t = run(["train", "--data", data, "--out", model, "--folds", "0", "--min-df", "1"])
        XCTAssertEqual(t.status, 0, t.stderr)
        XCTAssertTrue(t.stdout.contains("source model: 8 rows with a source"), t.stdout)
        let e = run(["eval", "--data", data, "--model", model, "--format", "json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let source = try XCTUnwrap((try json(e.stdout) as! [String: Any])["source"] as? [String: Any])
        XCTAssertEqual(source["rows"] as? Int, 8)
        XCTAssertNotNil(source["accuracy"] as? Double)
        let table = run(["eval", "--data", data, "--model", model])
        XCTAssertTrue(table.stdout.contains("source: rows 8   accuracy "), table.stdout)
        // Rows without sources: no source section.
        XCTAssertFalse(run(["eval", "--data", Self.fixtures + "/train.jsonl", "--model", model]).stdout.contains("source:"))
        let article = write("sources.txt", "Pyongyang threatened Seoul with retaliation for the drills. Seoul condemned Pyongyang for the missile launch.")
        let csv = run(["score", article, "--model", model, "--format", "csv", "--dyads"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "article,source_id,source,target_id,target,sentences,hostile,conciliatory,neutral,p_hostile,p_conciliatory,p_neutral,overall")
        let score = try json(run(["score", article, "--model", model, "--format", "json"]).stdout) as! [String: Any]
        let dyads = try XCTUnwrap(score["dyads"] as? [[String: Any]])
        XCTAssertEqual(lines.count, dyads.count + 1)
        let tableOut = run(["score", article, "--model", model, "--sentences"]).stdout
        for d in dyads {
            let s = (d["source"] as! [String: Any])["name"] as! String, t = (d["target"] as! [String: Any])["name"] as! String
            XCTAssertTrue(tableOut.contains("\(s) → \(t)"), tableOut)
        }
    }

    func test_eval_table() {
        let r = run(["eval", "--data", Self.fixtures + "/train.jsonl", "--model", Self.model])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("rows 34   accuracy "), r.stdout)
        XCTAssertTrue(r.stdout.contains("confusion (rows: truth, columns: predicted)"))
        XCTAssertTrue(r.stdout.contains("calibration: expected calibration error "), r.stdout)
    }

    // MARK: explain, parties

    func test_explain_sentence() {
        let r = run(["explain", "Seoul condemned Pyongyang for the launch.", "--target", "Pyongyang", "--model", Self.model, "--top", "5"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertTrue(["hostile", "conciliatory", "neutral"].contains(lines[0].split(separator: " ")[0]), r.stdout)
        XCTAssertEqual(lines.count, 8, r.stdout)
    }

    func test_explain_label() {
        let r = run(["explain", "--label", "hostile", "--top", "7", "--model", Self.model])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 8)
    }

    func test_explain_missingTarget() {
        let r = run(["explain", "Seoul spoke.", "--target", "Tokyo", "--model", Self.model])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "demarche: error: <input>: target \"Tokyo\" is not in its sentence; expected a substring of the text (on word boundaries) or a party id or name from the gazetteer\n")
    }

    func test_parties_search() {
        let r = run(["parties", "--search", "pyongyang", "--model", Self.model])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("PRK"), r.stdout)
        XCTAssertTrue(r.stdout.split(separator: "\n").last!.hasSuffix("parties"))
    }

    func test_extraParties_areRecognised() throws {
        let tsv = write("extra.tsv", "id\tkind\tname\taliases\nGONDOR\tstate\tGondor\tGondor|Minas Tirith\n")
        let r = run(["score", "--model", Self.model, "--parties", tsv, "--format", "json"], stdin: "Minas Tirith thanked Seoul.")
        XCTAssertEqual(r.status, 0, r.stderr)
        let ids = ((try json(r.stdout) as! [String: Any])["parties"] as! [[String: Any]]).map { $0["partyID"] as! String }
        XCTAssertTrue(ids.contains("GONDOR"), "\(ids)")
    }
}
