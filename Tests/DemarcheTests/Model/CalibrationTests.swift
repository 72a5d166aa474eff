import XCTest
@testable import Demarche
import DemarcheML

final class CalibrationTests: XCTestCase {
    func test_identity_leavesProbabilitiesAlone() {
        let p = StanceProbabilities(hostile: 0.2, conciliatory: 0.3, neutral: 0.5)
        XCTAssertEqual(Calibration.identity.apply(p), p)
    }

    func test_apply_matchesTheFormula() {
        let c = Calibration(temperature: 2, offsets: [0.1, -0.2, 0.3])
        let p = StanceProbabilities(hostile: 0.6, conciliatory: 0.3, neutral: 0.1)
        let z = [log(0.3) / 2 + 0.1, log(0.6) / 2 - 0.2, log(0.1) / 2 + 0.3]
        let e = z.map(exp), s = e.reduce(0, +)
        let q = c.apply(p)
        XCTAssertEqual(q.conciliatory, e[0] / s, accuracy: 1e-12)
        XCTAssertEqual(q.hostile, e[1] / s, accuracy: 1e-12)
        XCTAssertEqual(q.neutral, e[2] / s, accuracy: 1e-12)
    }

    /// Overconfident probabilities (the right class at 0.9 only 60% of the time) are softened:
    /// the fitted temperature is above 1 and the calibrated confidence near 0.6.
    func test_fit_softensOverconfidentProbabilities() {
        var probabilities: [Double] = [], labels: [Int] = []
        var rng = SplitMix64(seed: 7)
        for i in 0..<3000 {
            let predicted = i % 3
            probabilities += (0..<3).map { $0 == predicted ? 0.9 : 0.05 }
            let right = Double(rng.next() % 1000) / 1000 < 0.6
            labels.append(right ? predicted : (predicted + 1 + Int(rng.next() % 2)) % 3)
        }
        let c = Calibration.fit(probabilities: probabilities, labels: labels)
        XCTAssertGreaterThan(c.temperature, 1.5)
        let q = c.apply(StanceProbabilities(hostile: 0.9, conciliatory: 0.05, neutral: 0.05))
        XCTAssertEqual(q.hostile, 0.6, accuracy: 0.03)
    }

    func test_fit_learnsAClassPrior() {
        // Uninformative probabilities, labels 70% neutral: the offsets carry the prior.
        let n = 1000
        let probabilities = [Double](repeating: 1.0 / 3, count: 3 * n)
        let labels = (0..<n).map { $0 % 10 < 7 ? 2 : $0 % 2 }
        let c = Calibration.fit(probabilities: probabilities, labels: labels)
        let q = c.apply(StanceProbabilities(hostile: 1.0 / 3, conciliatory: 1.0 / 3, neutral: 1.0 / 3))
        XCTAssertEqual(q.neutral, 0.7, accuracy: 0.01)
    }

    func test_modelFile_keepsTheCalibration() throws {
        var config = TrainingConfiguration()
        config.tfidf.minDocumentFrequency = 1
        config.folds = 2
        config.neutralOffset = 0.25
        let (model, report) = try StanceTrainer.train(rows: Fixtures.rows, gazetteer: Fixtures.gazetteer, configuration: config)
        XCTAssertNotEqual(model.calibration, .identity)
        XCTAssertEqual(report.calibration, model.calibration)
        let loaded = try StanceModel(serialized: try model.serialized())
        XCTAssertEqual(loaded.calibration, model.calibration)
        let a = try model.classify("Seoul condemned Pyongyang.", target: "Pyongyang")
        let b = try loaded.classify("Seoul condemned Pyongyang.", target: "Pyongyang")
        XCTAssertEqual(a, b)
    }

    func test_invalidCalibration_isRefused() {
        XCTAssertFalse(Calibration(temperature: 0, offsets: [0, 0, 0]).isValid)
        XCTAssertFalse(Calibration(temperature: 1, offsets: [0, .nan, 0]).isValid)
        XCTAssertFalse(Calibration(temperature: 1, offsets: [0, 0]).isValid)
    }
}

final class FoldRefitTests: XCTestCase {
    /// Cross-validation with features refitted per fold: a term seen only in a test fold is not in
    /// that fold's vocabulary, so the fold's matrices differ from slices of one global matrix.
    func test_selectC_callsBackWithDisjointFolds_andReturnsOutOfFoldProbabilities() throws {
        let labels = (0..<30).map { $0 % 3 }
        var calls: [(train: [Int], test: [Int])] = []
        let (_, results, outOfFold) = try CrossValidation.selectC(
            labels: labels, classCount: 3, cGrid: [1, 2], folds: 3, seed: 1,
            configuration: LogisticRegressionConfiguration()) { train, test in
                calls.append((train, test))
                func matrix(_ rows: [Int]) throws -> SparseMatrix {
                    try SparseMatrix(rowCount: rows.count, columnCount: 3, rowOffsets: Array(0...rows.count),
                                     columnIndices: rows.map { Int32(labels[$0]) }, values: rows.map { _ in 1 })
                }
                return (try matrix(train), try matrix(test))
            }
        XCTAssertEqual(calls.count, 3)
        XCTAssertEqual(Set(calls.flatMap(\.test)), Set(0..<30), "every row is tested once")
        for call in calls { XCTAssertTrue(Set(call.train).isDisjoint(with: call.test)) }
        XCTAssertEqual(results.map(\.c), [1, 2])
        XCTAssertEqual(outOfFold.count, 2)
        for row in 0..<30 {
            let p = outOfFold[0][(row * 3)..<(row * 3 + 3)]
            XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-9)
            XCTAssertEqual(p.firstIndex(of: p.max()!)! - row * 3, labels[row], "a separable feature is learned")
        }
    }
}
