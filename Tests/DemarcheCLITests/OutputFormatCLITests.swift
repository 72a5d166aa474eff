import XCTest

/// `--format` in every command: each format is a view of the same value, parsed back here.
/// (An extension of `CLITests`, whose class set-up makes the model and work directory these use.)
extension CLITests {
    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func test_format_eval_csvAndJSON_areTheSameReport() throws {
        let data = CLITests.fixtures + "/train.jsonl"
        let report = try json(run(["eval", "--data", data, "--model", CLITests.model, "--format", "json"]).stdout) as! [String: Any]
        let csv = lines(run(["eval", "--data", data, "--model", CLITests.model, "--format", "csv"]).stdout)
        XCTAssertEqual(csv.first, "label,precision,recall,f1,support,predicted_hostile,predicted_conciliatory,predicted_neutral")
        XCTAssertEqual(csv.count, 4)
        let perClass = report["perClass"] as! [String: [String: Any]]
        let confusion = report["confusion"] as! [String: [String: Int]]
        for row in csv.dropFirst() {
            let f = row.split(separator: ",").map(String.init)
            XCTAssertEqual(Double(f[1]), perClass[f[0]]!["precision"] as? Double, row)
            XCTAssertEqual(Int(f[4]), perClass[f[0]]!["support"] as? Int, row)
            XCTAssertEqual(Int(f[5]), confusion[f[0]]!["hostile"], row)
            XCTAssertEqual(Int(f[7]), confusion[f[0]]!["neutral"], row)
        }
        let jsonl = lines(run(["eval", "--data", data, "--model", CLITests.model, "--format", "jsonl"]).stdout)
        XCTAssertEqual(jsonl.count, 1)
        XCTAssertEqual(try json(jsonl[0]) as? NSDictionary, report as NSDictionary)
    }

    func test_format_explain_formats_andTheDeprecatedJSONSwitch() throws {
        let base = ["explain", "--label", "hostile", "--top", "3", "--model", CLITests.model]
        let features = try json(run(base + ["--format", "json"]).stdout) as! [[String: Any]]
        XCTAssertEqual(features.count, 3)
        XCTAssertEqual(run(base + ["--json"]).stdout, run(base + ["--format", "json"]).stdout)
        let csv = lines(run(base + ["--format", "csv"]).stdout)
        XCTAssertEqual(csv.first, "term,value,contribution")
        XCTAssertEqual(csv.dropFirst().map { String($0.split(separator: ",")[0]) }, features.map { $0["term"] as! String })
        let jsonl = lines(run(base + ["--format", "jsonl"]).stdout)
        XCTAssertEqual(try jsonl.map { try json($0) as! [String: Any] }.map { $0["term"] as! String }, features.map { $0["term"] as! String })
        let sentence = run(["explain", "Seoul condemned Tokyo.", "--target", "Tokyo", "--model", CLITests.model, "--format", "csv"])
        XCTAssertEqual(sentence.status, 0, sentence.stderr)
        XCTAssertEqual(lines(sentence.stdout).last?.hasPrefix("(intercept),,"), true, sentence.stdout)
    }

    func test_format_parties_formats_andTheDeprecatedTSVSwitch() throws {
        let base = ["parties", "--search", "korea", "--model", CLITests.model]
        let all = try json(run(base + ["--format", "json"]).stdout) as! [[String: Any]]
        XCTAssertFalse(all.isEmpty)
        let jsonl = lines(run(base + ["--format", "jsonl"]).stdout)
        XCTAssertEqual(try jsonl.map { (try json($0) as! [String: Any])["id"] as! String }, all.map { $0["id"] as! String })
        let csv = lines(run(base + ["--format", "csv"]).stdout)
        XCTAssertEqual(csv.count, all.count + 1)
        XCTAssertEqual(run(base + ["--tsv"]).stdout, run(base + ["--format", "tsv"]).stdout)
        XCTAssertTrue(run(base + ["--format", "tsv"]).stdout.hasPrefix("id\tkind\tname"))
    }

    func test_format_train_json_isTheReport() throws {
        let out = CLITests.work + "/format-train.demarche"
        let r = run(["train", "--data", CLITests.fixtures + "/train.jsonl", "--out", out, "--c-grid", "1,4", "--folds", "2",
                     "--min-df", "1", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try json(r.stdout) as! [String: Any]
        XCTAssertEqual((report["crossValidation"] as! [Any]).count, 2)
        XCTAssertEqual((report["labelCounts"] as! [Int]).reduce(0, +), report["rows"] as? Int)
    }

    func test_format_aFormatACommandDoesNotWrite_isRefusedWithTheChoices() {
        let r = run(["parties", "--format", "html"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("parties does not write --format html; use one of table, json, jsonl, csv, tsv"), r.stderr)
        let s = run(["score", "--format", "tsv"], stdin: "Seoul.")
        XCTAssertTrue(s.stderr.contains("score does not write --format tsv; use one of table, json, jsonl, csv, html"), s.stderr)
        let e = run(["eval", "--data", "x.jsonl", "--json", "--format", "csv"])
        XCTAssertTrue(e.stderr.contains("--json and --format csv disagree; give --format only"), e.stderr)
    }
}
