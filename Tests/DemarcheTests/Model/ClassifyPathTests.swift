import XCTest
import DemarcheML
@testable import Demarche

/// `StanceModel.classify(_:)` carries each row through the whole path in parallel chunks; it must
/// give the bits of the staged path (all documents, then `transform`, then `probabilities(for:)`,
/// then the calibration), in row order.
final class ClassifyPathTests: XCTestCase {
    /// The staged path, serial.
    private func staged(_ model: StanceModel, _ rows: [LabeledRow]) throws -> [StancePrediction] {
        let pairs = rows.map { model.builder.document(for: $0)! }
        let matrix = model.vectorizer.transform(pairs.map(\.0))
        let p = try model.regression.probabilities(for: matrix)
        return pairs.indices.map { i in
            let probabilities = model.calibration.apply(StanceProbabilities(row: p[(i * 3)..<(i * 3 + 3)]))
            return StancePrediction(label: probabilities.label, probabilities: probabilities, partyID: pairs[i].1.partyID)
        }
    }

    /// Many rows (several parallel chunks), each sentence varied so rows differ.
    private var manyRows: [LabeledRow] {
        (0..<40).flatMap { k in
            Fixtures.rows.map { LabeledRow(text: $0.text + (k % 2 == 0 ? "" : " Officials said so on day \(k)."), target: $0.target, label: $0.label) }
        }
    }

    func test_classify_equalsStagedPath_bitForBit_inRowOrder() throws {
        let rows = manyRows
        XCTAssertGreaterThan(rows.count, 1024)
        let got = try Fixtures.model.classify(rows)
        let want = try staged(Fixtures.model, rows)
        XCTAssertEqual(got.count, rows.count)
        for i in rows.indices {
            XCTAssertEqual(got[i].label, want[i].label, "row \(i)")
            XCTAssertEqual(got[i].partyID, want[i].partyID, "row \(i)")
            XCTAssertEqual(got[i].probabilities.hostile.bitPattern, want[i].probabilities.hostile.bitPattern, "row \(i)")
            XCTAssertEqual(got[i].probabilities.conciliatory.bitPattern, want[i].probabilities.conciliatory.bitPattern, "row \(i)")
            XCTAssertEqual(got[i].probabilities.neutral.bitPattern, want[i].probabilities.neutral.bitPattern, "row \(i)")
        }
        // One row at a time (one chunk) gives the same as the parallel batch.
        for i in stride(from: 0, to: rows.count, by: 97) {
            XCTAssertEqual(try Fixtures.model.classify([rows[i]]), [got[i]], "row \(i)")
        }
    }

    /// From `StanceModel.termIndexRows` rows on, `classify` looks terms up through a
    /// `TermIndex`: the same bits as the staged path (whose `transform` uses the table), with
    /// non-ASCII words, long words (past the index's 24 inline bytes) and varied targets.
    func test_classify_throughTheTermIndex_equalsStagedPath() throws {
        let extras = ["", " Naïve délégués met in Zürich.", " The antidisestablishmentarianism-minded-coalition spoke.",
                      " Officials said so again."]
        var rows: [LabeledRow] = []
        var k = 0
        while rows.count < StanceModel.termIndexRows + 500 {
            for r in Fixtures.rows {
                rows.append(LabeledRow(text: r.text + extras[k % extras.count] + (k % 3 == 0 ? " Day \(k % 50)." : ""),
                                       target: r.target, label: r.label))
            }
            k += 1
        }
        let got = try Fixtures.model.classify(rows)
        let want = try staged(Fixtures.model, rows)
        XCTAssertEqual(got.count, want.count)
        var different = 0
        for i in rows.indices where got[i] != want[i] || got[i].probabilities.hostile.bitPattern != want[i].probabilities.hostile.bitPattern {
            different += 1
        }
        XCTAssertEqual(different, 0)
    }

    func test_classify_withCalibration_equalsStagedPath() throws {
        let m = Fixtures.model
        let model = try StanceModel(labels: m.labels, features: m.features, vectorizer: m.vectorizer, regression: m.regression,
                                    gazetteer: m.gazetteer, lexicon: m.lexicon, metadata: m.metadata,
                                    calibration: Calibration(temperature: 1.7, offsets: [0.3, -0.2, 0.1]))
        let rows = manyRows
        XCTAssertEqual(try model.classify(rows), try staged(model, rows))
        XCTAssertNotEqual(try model.classify(rows), try Fixtures.model.classify(rows))
    }

    func test_classify_namesEveryRowWhoseTargetIsMissing() {
        var rows = manyRows
        rows[5] = LabeledRow(text: "Nothing about anyone here.", target: "Japan", label: .neutral, id: nil, source: nil, path: "t.jsonl", line: 6)
        rows[900] = LabeledRow(text: "Nor here either.", target: "Mars", label: .neutral, id: nil, source: nil, path: "t.jsonl", line: 901)
        XCTAssertThrowsError(try Fixtures.model.classify(rows)) { error in
            guard case StanceError.invalidRows(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.line), [6, 901])
            XCTAssertTrue(problems[1].message.contains("target \"Mars\" is not in its sentence"), problems[1].message)
        }
    }

    func test_calibrationOfOnePair_equalsTheRowFormula_bitForBit() {
        var generator = SplitMix64(seed: 3)
        func unit() -> Double { Double(generator.next() % 1_000_000) / 1_000_000 }
        for k in 0..<500 {
            let c = Calibration(temperature: 0.3 + 3 * unit(), offsets: [unit() - 0.5, unit() - 0.5, k % 7 == 0 ? 0 : unit() - 0.5])
            var a = unit(), b = unit() * (1 - a)
            if k % 11 == 0 { a = 0; b = 1 }  // a zero probability: the 1e-300 floor
            let p = StanceProbabilities(hostile: b, conciliatory: a, neutral: 1 - a - b)
            let q = c.apply(p), r = c.apply(row: [p.conciliatory, p.hostile, p.neutral])
            XCTAssertEqual([q.conciliatory, q.hostile, q.neutral].map(\.bitPattern), r.map(\.bitPattern), "\(c) \(p)")
        }
        let p = StanceProbabilities(hostile: 0.2, conciliatory: 0.3, neutral: 0.5)
        XCTAssertEqual(Calibration(temperature: 1, offsets: [0, -0.0, 0]).apply(p), p)
    }
}
