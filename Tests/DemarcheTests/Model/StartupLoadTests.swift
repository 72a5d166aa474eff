import XCTest
@testable import Demarche

/// The start-up fast paths of model loading (issue 18) give what the general paths give.
final class StartupLoadTests: XCTestCase {
    private struct Header: Codable, Equatable {
        var a: Int
        var gazetteer: String
        var lexicon: String?
        var nested: [String: [Double]]
    }

    private func decodeBoth(_ json: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> (fast: String, decoder: String) {
        // A decoded header as sorted-key JSON (a dictionary's description depends on its hash seed).
        func describe(_ body: () throws -> Header) -> String {
            do { return Self.canonical(try body()) } catch { return "error: \(error)" }
        }
        let fast = describe {
            try json.withUnsafeBytes { raw in
                try HeaderJSON.decode(Header.self, from: raw) { header, gazetteer, lexicon in
                    if let gazetteer { header.gazetteer = gazetteer }
                    if let lexicon { header.lexicon = lexicon }
                }
            }
        }
        let decoder = describe { try JSONDecoder().decode(Header.self, from: Data(json)) }
        return (fast, decoder)
    }

    private static func canonical(_ header: Header) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(header), as: UTF8.self)
    }

    func test_headerJSON_encodedStrings_decodeAsJSONDecoderDoes() throws {
        let awkward = "id\tkind\n\"quoted\" back\\slash /slash \u{1}\u{8}\u{c}\r é 漢字 🇰🇷 e\u{301} \u{7f} end"
        for lexicon in [nil, "", "word\tclass\n", awkward] {
            let header = Header(a: 3, gazetteer: awkward, lexicon: lexicon, nested: ["x": [1.5, -2], "gazetteer": []])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = Array(try encoder.encode(header))
            XCTAssertTrue(json.withUnsafeBufferPointer { HeaderJSON.split($0) != nil }, "the fast path applies to what JSONEncoder writes")
            let (fast, decoder) = decodeBoth(json)
            XCTAssertEqual(fast, decoder)
            XCTAssertEqual(fast, Self.canonical(header))
        }
    }

    func test_headerJSON_unusualInput_fallsBackToJSONDecoder() {
        let cases = [
            #"{"a":1,"gazetteer":"x\ud83c\udf0ay","nested":{}}"#,          // surrogate pair escape
            #"{"a":1,"gazetteer":"x\u00e9\u0041","nested":{}}"#,             // plain \u escapes (fast path)
            #"{"a":1,"gazetteer":"x\qy","nested":{}}"#,                       // bad escape
            "{\"a\":1,\"gazetteer\":\"x\ty\",\"nested\":{}}",                 // raw control character
            #"{"a":1,"gazetteer":"x","gazetteer":"y","nested":{}}"#,          // duplicate key
            #"{"a":1,"gaz\u0065tteer":"x","nested":{}}"#,                     // escaped key
            #"{"a":1,"gazetteer":"x","nested":{}} x"#,                        // trailing garbage
            #"{"a":1,"gazetteer":"x","nested":{}"#,                           // unterminated object
            #"{"a":1,"gazetteer":"x,"nested":{}}"#,                           // unterminated string
            #"{"a":1,"gazetteer":5,"nested":{}}"#,                            // wrong type
            #"{"a":1,"gazetteer":"x","lexicon":null,"nested":{"k":[1,2]}}"#,  // null lexicon
            #"{"a":1,"nested":{}}"#,                                          // missing key
            #" { "a" : 1 , "gazetteer" : "\"\\\/" , "nested" : { "q" : [ ] } } "#,
            "[1]", "", "{}",
        ]
        for text in cases {
            let (fast, decoder) = decodeBoth(Array(text.utf8))
            XCTAssertEqual(fast, decoder, text)
        }
        var invalidUTF8 = Array(#"{"a":1,"gazetteer":"x"#.utf8) + [0xFF] + Array(#"","nested":{}}"#.utf8)
        XCTAssertEqual(decodeBoth(invalidUTF8).fast, decodeBoth(invalidUTF8).decoder)
        invalidUTF8 = Array(#"{"a":1,"gazetteer":"x"#.utf8) + [0xC3] + Array(#"","nested":{}}"#.utf8)
        XCTAssertEqual(decodeBoth(invalidUTF8).fast, decodeBoth(invalidUTF8).decoder)
    }

    /// The lexicon as the `Character` path read it before the byte path (issue 18).
    private func referenceLexicon(tsv: String, source: String) -> String {
        var entries: [String: StanceLexicon.Entry] = [:]
        var problems: [RowProblem] = []
        var sawHeader = false
        for (n, raw) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader && f.first == "word" { sawHeader = true; continue }
            guard f.count == 3, !f[0].isEmpty, ["hostile", "conciliatory"].contains(f[1]), let w = Int(f[2]), (1...2).contains(w) else {
                problems.append(RowProblem(path: source, line: n + 1, message: "expected word<TAB>hostile|conciliatory<TAB>1|2"))
                continue
            }
            entries[f[0].lowercased()] = StanceLexicon.Entry(cls: f[1], weight: w)
        }
        if !problems.isEmpty { return "error: \(StanceError.invalidRows(problems))" }
        return StanceLexicon(entries: entries).tsv()
    }

    func test_lexicon_byteAndCharacterPaths_agree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let bundled = try String(contentsOf: root.appendingPathComponent("TrainingData/lexicon.tsv"), encoding: .utf8)
        let cases = [
            bundled,
            "word\tclass\tweight\nThreat\thostile\t2\nthreat\tconciliatory\t1\n",
            "word\thostile\t1\nword\tclass\tweight\n",
            "# c\n#\u{301}x\thostile\t1\n",
            "#x\n\nÉLAN\tconciliatory\t2\nbad\thostile\t3\n\tconciliatory\t1\nx\thostile\n",
            "a\thostile\t1\r\nb\tconciliatory\t2\r\n",
            "a\thostile\t+1\nb\thostile\t01\nc\tHOSTILE\t1\n",
            "",
        ]
        for tsv in cases {
            let fast: String
            do { fast = try StanceLexicon(tsv: tsv, source: "l.tsv").tsv() } catch { fast = "error: \(error)" }
            XCTAssertEqual(fast, referenceLexicon(tsv: tsv, source: "l.tsv"), tsv)
        }
        XCTAssertNil(try StanceLexicon.entriesCutOnBytes("a\thostile\t1\r\n", source: "l"), "carriage returns take the Character path")
        XCTAssertNil(try StanceLexicon.entriesCutOnBytes("#\u{301}\n", source: "l"), "a # joined to a mark takes the Character path")
    }

    func test_prefaultedRead_givesTheFileBytes_andNilForUnusualFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("demarche-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(PrefaultedFile.read(path).map { Array($0) }, bytes)
        XCTAssertNil(PrefaultedFile.read(path + ".missing"))
        XCTAssertNil(PrefaultedFile.read(FileManager.default.temporaryDirectory.path))
        try Data().write(to: URL(fileURLWithPath: path))
        XCTAssertNil(PrefaultedFile.read(path))
    }

    /// A damaged model whose header also fails to decode is reported as damaged (the checksum
    /// runs on one core while the header is decoded on the other).
    func test_corruptedHeader_reportsTheChecksumFirst() throws {
        var bytes = try Fixtures.model.serialized()
        bytes[45] = UInt8(ascii: "#")
        XCTAssertThrowsError(try StanceModel(serialized: bytes, path: "m")) { error in
            XCTAssertEqual(error.localizedDescription, "m: not a usable Demarche model: checksum mismatch: the file is corrupted")
        }
    }
}
