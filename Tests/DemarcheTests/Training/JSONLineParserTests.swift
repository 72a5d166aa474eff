import Foundation
import XCTest
@testable import Demarche

/// Strict RFC 8259 JSON Lines (issue 16, defects 1, 2 and 7), and a differential test against
/// Foundation's `JSONSerialization` over generated valid and invalid lines.
final class JSONLineParserTests: XCTestCase {
    private func parse(_ line: String) -> Result<[String: JSONLineParser.Value], JSONLineParser.Failure> {
        do throws(JSONLineParser.Failure) { return .success(try JSONLineParser.parseObject(Substring(line))) } catch { return .failure(error) }
    }

    private func accepts(_ line: String) -> Bool { if case .success = parse(line) { return true } else { return false } }

    // MARK: defect 1: deep nesting is an answer, not a stack overflow

    func test_deeplyNestedArraysAndObjects_areCheckedWithoutRecursion() {
        let depth = 200_000
        XCTAssertFalse(accepts("{\"d\":" + String(repeating: "[", count: depth)))
        XCTAssertTrue(accepts("{\"d\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ", \"text\": \"x\"}"))
        XCTAssertTrue(accepts("{\"d\":" + String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth) + "}"))
        XCTAssertFalse(accepts("{\"d\":" + String(repeating: "[{\"a\":", count: depth) + "1" + String(repeating: "]}", count: depth) + "}"))
        let (rows, problems) = RowReader.parse("{\"d\":" + String(repeating: "[", count: depth) + "\n", path: "d.jsonl")
        XCTAssertEqual(rows, [])
        XCTAssertEqual(problems.map(\.line), [1])
    }

    // MARK: defect 2: CRLF and CR line ends

    func test_crlfAndCRLineEnds_readEveryRowWithItsLine() {
        let a = #"{"text": "Seoul thanked Tokyo.", "target": "Tokyo", "label": "conciliatory"}"#
        let b = #"{"text": "Seoul accused Tokyo.", "target": "Tokyo", "label": "hostile", "source": "wire"}"#
        for end in ["\r\n", "\r", "\n"] {
            let (rows, problems) = RowReader.parse(a + end + end + b + end, path: "x.jsonl")
            XCTAssertEqual(problems, [], "line end \(end.debugDescription)")
            XCTAssertEqual(rows.map(\.line), [1, 3], "line end \(end.debugDescription)")
            XCTAssertEqual(rows.map(\.label), [.conciliatory, .hostile])
            XCTAssertEqual(rows.map(\.source), [nil, "wire"])
        }
        XCTAssertEqual(TextLines.lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"])
        XCTAssertEqual(TextLines.lines("a\n"), ["a"])
    }

    // MARK: defect 7: the RFC 8259 grammar, typed fields, duplicates, surrogates

    func test_numbersOutsideTheGrammar_areRefused() {
        for bad in ["1-2-3e+-", "1.5.5", "1e", "-", "01", "1.", ".5", "+1", "1e+", "0x10", "Infinity", "NaN", "-01", "1.e5"] {
            XCTAssertFalse(accepts("{\"id\": \(bad)}"), bad)
        }
        for good in ["0", "-0", "1", "-12", "1.5", "1e5", "1E+5", "1e-5", "-0.0e0", "123456789012345678901234567890"] {
            XCTAssertEqual(try? parse("{\"id\": \(good)}").get()["id"], .number(good), good)
        }
    }

    func test_typedFields_numberWhereAStringIsExpected_isAClearError() {
        let (rows, problems) = RowReader.parse("""
            {"text": 123, "target": "a", "label": "hostile"}
            {"text": "a b", "target": "a", "label": true}
            {"text": "a b", "target": ["a"], "label": "hostile"}
            {"text": "a b", "target": "a", "label": "hostile", "source": 7}
            {"text": "a b", "target": "a", "label": "hostile", "id": {"n": 1}}
            {"text": "a b", "target": "a", "label": "hostile", "id": 42, "source": "", "extra": {"deep": [1, {"x": null}]}, "n": 1e3}
            {"text": "a b", "target": "a", "label": "hostile", "id": "k", "source": null}
            """, path: "t.jsonl")
        XCTAssertEqual(problems.map(\.description), [
            "t.jsonl:1: \"text\" must be a string, found a number",
            "t.jsonl:2: \"label\" must be a string, found a boolean",
            "t.jsonl:3: \"target\" must be a string, found an array",
            "t.jsonl:4: \"source\" must be a string, found a number",
            "t.jsonl:5: \"id\" must be a string or a number, found an object",
        ])
        XCTAssertEqual(rows.map(\.id), ["42", "k"])
        XCTAssertEqual(rows.map(\.source), [nil, nil])
    }

    func test_articleLine_textMustBeAString_idMayBeANumber() throws {
        XCTAssertThrowsError(try ArticleLine.parse(#"{"text": 5}"#, path: "a.jsonl", line: 3)) { error in
            XCTAssertEqual(error.localizedDescription, "a.jsonl:3: \"text\" must be a string, found a number; expected {\"id\": \"…\", \"text\": \"…\"}")
        }
        XCTAssertEqual(try ArticleLine.parse(#"{"id": 17, "text": "Seoul.", "date": null}"#, path: "a.jsonl", line: 1),
                       ArticleLine(id: "17", text: "Seoul.", date: nil))
        XCTAssertThrowsError(try ArticleLine.parse(#"{"text": "Seoul.", "date": 2020}"#, path: "a.jsonl", line: 2)) { error in
            XCTAssertEqual(error.localizedDescription, "a.jsonl:2: \"date\" must be a string, found a number; expected {\"id\": \"…\", \"text\": \"…\"}")
        }
    }

    func test_duplicateKey_keepsTheLastValue_asReferenceParsersDo() throws {
        let members = try parse(#"{"label": "neutral", "label": "hostile"}"#).get()
        XCTAssertEqual(members["label"], .string("hostile"))
    }

    func test_loneSurrogateEscape_isAcceptedAsReplacementCharacter() throws {
        XCTAssertEqual(try parse(#"{"text": "a\ud800b"}"#).get()["text"], .string("a\u{FFFD}b"))
        XCTAssertEqual(try parse(#"{"text": "\udc00"}"#).get()["text"], .string("\u{FFFD}"))
        XCTAssertEqual(try parse(#"{"text": "\ud800\u0041"}"#).get()["text"], .string("\u{FFFD}A"))
        XCTAssertEqual(try parse(#"{"text": "\ud83d\ude00"}"#).get()["text"], .string("😀"))
    }

    func test_whitespaceOtherThanJSONs_andTrailingCommas_areRefused() {
        XCTAssertFalse(accepts("{\"a\": 1}\u{0C}"))
        XCTAssertFalse(accepts("{\"a\": 1,}"))
        XCTAssertFalse(accepts("{\"a\": [1,]}"))
        XCTAssertFalse(accepts("{\"a\": \"tab\there\"}"))
        XCTAssertTrue(accepts("\u{FEFF}{\"a\": 1}"))
    }

    // MARK: the differential test

    /// Generated lines, valid and then mutated, must get the same accept/reject decision from this
    /// parser and from `JSONSerialization`, and the same top-level values when accepted. Left out,
    /// as documented differences: lines `JSONSerialization` accepts against RFC 8259 (trailing
    /// commas), numbers it cannot represent (`1e999`), lone surrogates (it refuses them; RFC
    /// 8259's grammar allows them and we read U+FFFD), nesting past its depth limit of 512, and
    /// top-level values other than an object (we need an object).
    func test_differential_againstJSONSerialization() throws {
        var rng = Generator(seed: 16)
        var compared = 0, accepted = 0, rejected = 0
        for n in 0..<6_000 {
            var line = rng.object(depth: 0)
            if n % 2 == 1 { line = rng.mutate(line) }
            if line.contains("\\u") && line.range(of: #"\\u[dD][89a-fA-F]"#, options: .regularExpression) != nil { continue }
            if line.range(of: #",[ \t]*[\]}]"#, options: .regularExpression) != nil { continue }
            let reference: Any?
            do {
                reference = try JSONSerialization.jsonObject(with: Data(line.utf8))
            } catch {
                if "\(error)".contains("not representable") { continue }
                reference = nil
            }
            if let reference, !(reference is [String: Any]) { continue }
            let ours = parse(line)
            compared += 1
            switch (ours, reference as? [String: Any]) {
            case (.failure, nil):
                rejected += 1
            case (.success(let members), let theirs?):
                accepted += 1
                XCTAssertEqual(Set(members.keys), Set(theirs.keys), line)
                for (key, value) in members { assertSame(value, theirs[key], line) }
            case (.success, nil):
                XCTFail("we accept, JSONSerialization refuses: \(line)")
            case (.failure(let f), _?):
                XCTFail("we refuse (column \(f.column): \(f.message)), JSONSerialization accepts: \(line)")
            }
        }
        XCTAssertGreaterThan(accepted, 2_000)
        XCTAssertGreaterThan(rejected, 1_000)
        XCTAssertGreaterThan(compared, 4_500)
    }

    private func assertSame(_ ours: JSONLineParser.Value, _ theirs: Any?, _ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
        switch ours {
        case .string(let s): XCTAssertEqual(s, theirs as? String, line, file: file, line: lineNumber)
        case .number(let text):
            let value = (theirs as? NSNumber)?.doubleValue ?? (theirs as? Decimal).map { NSDecimalNumber(decimal: $0).doubleValue }
            XCTAssertEqual(Double(text), value, line, file: file, line: lineNumber)
        case .bool(let b): XCTAssertEqual(b, theirs as? Bool, line, file: file, line: lineNumber)
        case .null: XCTAssertTrue(theirs is NSNull, line, file: file, line: lineNumber)
        case .object: XCTAssertTrue(theirs is [String: Any], line, file: file, line: lineNumber)
        case .array: XCTAssertTrue(theirs is [Any], line, file: file, line: lineNumber)
        }
    }

    /// Random JSON text from a fixed seed.
    private struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }

        mutating func space() -> String { pick(["", "", "", " ", "  ", "\t", " \r "]) }

        mutating func string() -> String {
            let pieces = ["a", "Seoul", " ", "é", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\b", "\\f", "\\r", "\\u0041", "\\u00e9",
                          "\\ud83d\\ude00", "\\u0000", "\\u001f", "\u{7F}", "中", "'", "text", "label", "{", "]", ","]
            return "\"" + (0..<int(6)).map { _ in pick(pieces) }.joined() + "\""
        }

        mutating func number() -> String {
            var s = int(3) == 0 ? "-" : ""
            s += int(4) == 0 ? "0" : String(1 + int(9)) + (0..<int(4)).map { _ in String(int(10)) }.joined()
            if int(3) == 0 { s += "." + (0..<(1 + int(3))).map { _ in String(int(10)) }.joined() }
            if int(4) == 0 { s += pick(["e", "E"]) + pick(["", "+", "-"]) + String(int(40)) }
            return s
        }

        mutating func value(depth: Int) -> String {
            switch int(depth < 4 ? 9 : 6) {
            case 0, 1: return string()
            case 2: return number()
            case 3: return pick(["true", "false", "null"])
            case 4: return string()
            case 5: return number()
            case 6: return object(depth: depth + 1)
            default:
                let items = (0..<int(4)).map { _ in space() + value(depth: depth + 1) + space() }
                return "[" + items.joined(separator: ",") + "]"
            }
        }

        mutating func object(depth: Int) -> String {
            let keys = ["text", "target", "label", "id", "source", "extra", "a", "text"]
            let members = (0..<int(depth == 0 ? 6 : 3)).map { _ in
                space() + (int(5) == 0 ? string() : "\"" + pick(keys) + "\"") + space() + ":" + space() + value(depth: depth) + space()
            }
            return space() + "{" + members.joined(separator: ",") + "}" + space()
        }

        /// One to three edits: a byte deleted, inserted or replaced with one of JSON's own.
        mutating func mutate(_ line: String) -> String {
            var scalars = Array(line.unicodeScalars)
            let alphabet = Array("{}[],:\"\\ 0123456789-+.eEtrufalsn\u{01}\u{0C}x".unicodeScalars)
            for _ in 0..<(1 + int(3)) {
                let at = scalars.isEmpty ? 0 : int(scalars.count)
                switch int(3) {
                case 0 where !scalars.isEmpty: scalars.remove(at: at)
                case 1: scalars.insert(pick(alphabet), at: at)
                default: if !scalars.isEmpty { scalars[at] = pick(alphabet) }
                }
            }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars)
            return String(s)
        }
    }

    // MARK: the row fast path

    /// `parseRowObject` (five members kept, the others checked and dropped) against the
    /// dictionary of `parseObject` over generated lines, valid and not: the same five values, or
    /// the same error at the same column.
    func test_parseRowObject_equalsTheDictionaryPath_onGeneratedLines() {
        var seed: UInt64 = 2024
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % UInt64(n)) }
        let keys = ["\"text\"", "\"target\"", "\"label\"", "\"source\"", "\"id\"", "\"te\\u0078t\"", "\"other\"", "\"\"", "\"ID\"", "\"label \""]
        let values = ["\"Seoul accused Tokyo.\"", "\"é \\\"q\\\" \\n \\ud83c\\uddef\"", "12", "-0.5e3", "null", "true", "false",
                      "[1, {\"a\": [\"x\"]}]", "{\"k\": {}}", "\"\"", "01", "\"unterminated", "[1,]", "tru", "{\"a\" 1}", "\"ctl\u{1}\""]
        for _ in 0..<4000 {
            var parts: [String] = []
            for _ in 0..<next(7) { parts.append(keys[next(keys.count)] + (next(20) == 0 ? " " : ": ") + values[next(values.count)]) }
            var line = "{" + parts.joined(separator: next(15) == 0 ? " " : ", ") + "}"
            if next(25) == 0 { line += " x" }
            if next(25) == 0 { line.removeLast() }
            if next(30) == 0 { line = "\u{FEFF}" + line }
            let dictionary = parse(line)
            var copy = line
            let fast: Result<JSONLineParser.RowMembers, JSONLineParser.Failure> = copy.withUTF8 { b in
                do throws(JSONLineParser.Failure) { return .success(try JSONLineParser.parseRowObject(b)) } catch { return .failure(error) }
            }
            switch (dictionary, fast) {
            case (.success(let d), .success(let f)):
                XCTAssertEqual(d["text"], f.text, line); XCTAssertEqual(d["target"], f.target, line)
                XCTAssertEqual(d["label"], f.label, line); XCTAssertEqual(d["source"], f.source, line)
                XCTAssertEqual(d["id"], f.id, line)
            case (.failure(let a), .failure(let b)):
                XCTAssertEqual(a.column, b.column, line); XCTAssertEqual(a.message, b.message, line)
            default:
                XCTFail("one path accepted, the other did not: \(line)")
            }
        }
    }

    /// A string member with an escape, a raw control character or the closing quote at every
    /// offset around the eight-byte words the string scan skips: the decoded value (or the
    /// error) is the one JSONSerialization gives.
    func test_stringScan_findsEscapesAndControlsAtEveryOffset() throws {
        for offset in 0..<26 {
            for (inserted, decoded) in [("\\\"", "\""), ("\\\\", "\\"), ("\\n", "\n"), ("\\u00e9", "é"), ("é", "é"), ("\u{1}", nil), ("\t", nil)] as [(String, String?)] {
                let head = String(repeating: "a", count: offset)
                let line = "{\"text\": \"" + head + inserted + "bc defgh ijk\"}"
                switch parse(line) {
                case .success(let members):
                    XCTAssertEqual(members["text"], .string(head + (decoded ?? "?") + "bc defgh ijk"), line)
                    XCTAssertNotNil(decoded, line)
                case .failure(let failure):
                    XCTAssertNil(decoded, line)
                    XCTAssertEqual(failure.column, 11 + offset, line)
                }
            }
        }
    }
}
