import Foundation
import XCTest
@testable import Demarche

/// `eval --predictions` lines are written by `CompactJSONWriter`: byte for byte what the
/// `JSONEncoder` (sorted keys) of each line's `Encodable` form gave.
final class PredictionLinesTests: XCTestCase {
    /// The line as it was encoded before (the synthesized `Encodable` leaves nil members out).
    private struct Line: Encodable {
        let id: String?; let text: String; let target: String; let label: StanceLabel
        let predicted: StanceLabel; let probabilities: StanceProbabilities; let partyID: String?
        let source: String?; let predictedSource: SourceAttribution?
    }

    private func encoded(_ row: LabeledRow, _ p: StancePrediction, _ source: SourceAttribution?) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(Line(id: row.id, text: row.text, target: row.target, label: row.label, predicted: p.label,
                                             probabilities: p.probabilities, partyID: p.partyID, source: row.source,
                                             predictedSource: source))) + [0x0A]
    }

    func test_predictionLine_equalsJSONEncoder_forEveryOptionalAndAwkwardText() throws {
        let texts = ["Plain text.", "Quotes \"in\" it, a back\\slash and a/slash.", "Tab\tnew\nline\r\u{1}\u{1F} é ✓ 🇯🇵",
                     "", "</script>"]
        let probabilities = [StanceProbabilities(hostile: 0.8494316266572048, conciliatory: 0.05732841907844077, neutral: 0.09323995426435439),
                             StanceProbabilities(hostile: 1e-05, conciliatory: 1, neutral: 0),
                             StanceProbabilities(hostile: 1.0 / 3, conciliatory: 2.5e-300, neutral: 0.5)]
        let sources: [SourceAttribution?] = [nil, SourceAttribution(partyID: nil, name: nil, probability: 0.25),
                                             SourceAttribution(partyID: "JPN", name: "Japan \"Nippon\"", probability: 0.9999999)]
        var k = 0
        for text in texts {
            for id in [nil, "r/1", "7"] as [String?] {
                for source in [nil, "China"] as [String?] {
                    let row = LabeledRow(text: text, target: "T/\"x\"", label: StanceLabel.all[k % 3], id: id, source: source)
                    let p = probabilities[k % probabilities.count]
                    let prediction = StancePrediction(label: p.label, probabilities: p, partyID: k % 2 == 0 ? nil : "US/A")
                    let attribution = sources[k % sources.count]
                    var w = CompactJSONWriter()
                    w.predictionLine(row: row, prediction: prediction, source: attribution)
                    w.predictionLine(row: row, prediction: prediction, source: attribution)  // the next line starts clean
                    let want = try encoded(row, prediction, attribution)
                    XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), String(decoding: want + want, as: UTF8.self))
                    k += 1
                }
            }
        }
    }

    func test_predictionLines_ofAnEvaluation_equalTheEncodedRows_inOrder() throws {
        let rows = (0..<100).flatMap { k in Fixtures.rows.map { LabeledRow(text: $0.text, target: $0.target, label: $0.label, id: "\(k)") } }
        let evaluation = try StanceEvaluation(model: Fixtures.model, rows: rows)
        var want: [UInt8] = []
        for (i, row) in rows.enumerated() {
            want += try encoded(row, evaluation.predictions[i], i < evaluation.sources.count ? evaluation.sources[i] : nil)
        }
        XCTAssertGreaterThan(rows.count, 2 * 2048)  // several pieces
        XCTAssertEqual(Array(evaluation.predictionLines()), want)
    }

    /// The lines formatted by the scoring workers (`formattingPredictions`) are the lines
    /// formatted after the scoring, and the predictions and report are the same, for row counts
    /// around the chunk sizes (one piece, a partial last chunk, 64 pieces and the term index past
    /// 16,384 rows).
    func test_formattingPredictions_whileScoring_equalsFormattingAfter() throws {
        for copies in [1, 37, StanceModel.termIndexRows / Fixtures.rows.count + 1] {
            let rows = (0..<copies).flatMap { k in
                Fixtures.rows.enumerated().map { j, row in
                    LabeledRow(text: row.text, target: row.target, label: row.label, id: j % 3 == 0 ? nil : "\(k)/\(j)",
                               source: j % 4 == 1 ? "Quote \"x\"" : nil)
                }
            }
            let after = try StanceEvaluation(model: Fixtures.model, rows: rows)
            let during = try StanceEvaluation(model: Fixtures.model, rows: rows, formattingPredictions: true)
            XCTAssertNil(Fixtures.model.sourceModel)  // the path that formats while scoring
            XCTAssertEqual(during.predictions.map(\.probabilities), after.predictions.map(\.probabilities))
            XCTAssertEqual(during.predictions.map(\.partyID), after.predictions.map(\.partyID))
            XCTAssertEqual(during.report, after.report)
            let lines = during.predictionLines()
            XCTAssertEqual(lines, after.predictionLines(), "\(rows.count) rows")
            XCTAssertEqual(lines.filter { $0 == 0x0A }.count, rows.count)
            let (_, pieces) = try Fixtures.model.classifyFormattingLines(rows)
            XCTAssertEqual(pieces?.count, max(1, min(64, rows.count / 256)))
            // Written while scoring: the file holds the same bytes, and no temporary is left.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("demarche-stream-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("predictions.jsonl").path
            try Data("old".utf8).write(to: URL(fileURLWithPath: path))
            let streamed = try StanceEvaluation(model: Fixtures.model, rows: rows, writingPredictionsTo: path)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), lines, "\(rows.count) rows")
            XCTAssertEqual(streamed.report, after.report)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["predictions.jsonl"])
        }
    }

    /// A row whose target is not in its sentence, with the file written while scoring: the error
    /// as before, the file at the path left as it was and no temporary file left behind.
    func test_writingPredictionsWhileScoring_missingTarget_leavesTheFileAsItWas() throws {
        let rows = Array(repeating: Fixtures.rows, count: 20).flatMap { $0 }
            + [LabeledRow(text: "Nothing to see here.", target: "Atlantis", label: .neutral)]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("demarche-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("predictions.jsonl").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try StanceEvaluation(model: Fixtures.model, rows: rows, writingPredictionsTo: path)) { error in
            XCTAssertTrue("\(error)".contains("Atlantis"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data("old".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["predictions.jsonl"])
    }

    /// A row whose target is not in its sentence is reported as before when formatting while scoring.
    func test_formattingPredictions_missingTarget_throws() {
        let rows = Fixtures.rows + [LabeledRow(text: "Nothing to see here.", target: "Atlantis", label: .neutral)]
        XCTAssertThrowsError(try StanceEvaluation(model: Fixtures.model, rows: rows, formattingPredictions: true)) { error in
            XCTAssertTrue("\(error)".contains("Atlantis"), "\(error)")
        }
    }

    /// Strings of random length with the characters that need escaping at every position (also
    /// past the eight-byte words `cleanPrefix` skips), non-ASCII scalars, and random doubles of
    /// every magnitude: the writer's bytes are `JSONEncoder`'s.
    func test_stringsAndDoubles_equalJSONEncoder_fuzzed() throws {
        var g = SystemRandomNumberGenerator()
        var seeded = UInt64(12345)
        func next() -> UInt64 { seeded = seeded &* 6364136223846793005 &+ 1442695040888963407; return seeded >> 11 }
        let alphabet: [Character] = ["a", "b", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "é", "中", "🇯🇵", "~"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for round in 0..<3000 {
            let length = Int(next() % 40)
            var text = ""
            let plainUntil = Int(next() % 41)
            for k in 0..<length { text.append(k < plainUntil ? "x" : alphabet[Int(next() % UInt64(alphabet.count))]) }
            var w = CompactJSONWriter()
            w.string(text)
            XCTAssertEqual(w.bytes, Array(try encoder.encode([text])).dropFirst().dropLast(), "text \(text.debugDescription)")
            var bytes = Array(text.utf8)
            let prefix = bytes.withUnsafeMutableBufferPointer { CompactJSONWriter.cleanPrefix(UnsafeBufferPointer($0)) }
            XCTAssertEqual(prefix, bytes.firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x2F } ?? bytes.count)
            let value: Double
            switch round % 4 {
            case 0: value = Double(next() % 1_000_000_007) / 1_000_000_007
            case 1: value = Double(bitPattern: next() << 11 | next() % 2048) .magnitude
            case 2: value = Double(next() % 100) / 4
            default: value = Double.random(in: 0...1, using: &g) * pow(10, Double(Int(next() % 40)) - 30)
            }
            guard value.isFinite else { continue }
            var d = CompactJSONWriter()
            d.double(value)
            XCTAssertEqual(String(decoding: d.bytes, as: UTF8.self),
                           String(decoding: Array(try encoder.encode([value])).dropFirst().dropLast(), as: UTF8.self), "value \(value)")
        }
    }
}
