import XCTest
@testable import Demarche

final class StanceTrainerTests: XCTestCase {
    func test_training_isDeterministic() throws {
        var config = TrainingConfiguration()
        config.tfidf.minDocumentFrequency = 1
        config.folds = 0
        let a = try StanceTrainer.train(rows: Fixtures.rows, gazetteer: Fixtures.gazetteer, configuration: config).0
        let b = try StanceTrainer.train(rows: Fixtures.rows, gazetteer: Fixtures.gazetteer, configuration: config).0
        XCTAssertEqual(try a.serialized(), try b.serialized())
    }

    func test_trainedModel_fitsItsTrainingRows() throws {
        let predictions = try Fixtures.model.classify(Fixtures.rows)
        let right = zip(predictions, Fixtures.rows).filter { $0.label == $1.label }.count
        XCTAssertGreaterThan(Double(right) / Double(Fixtures.rows.count), 0.9)
    }

    func test_missingTarget_namesTheRow() {
        var rows = Fixtures.rows
        rows.append(LabeledRow(text: "Seoul spoke.", target: "Tokyo", label: .neutral, path: "t.jsonl", line: 7))
        var config = TrainingConfiguration()
        config.folds = 0
        XCTAssertThrowsError(try StanceTrainer.train(rows: rows, gazetteer: Fixtures.gazetteer, configuration: config)) { error in
            XCTAssertEqual(error.localizedDescription, "t.jsonl:7: target \"Tokyo\" is not in its sentence; expected a substring of the text (on word boundaries) or a party id or name from the gazetteer")
        }
    }

    func test_singleLabel_isRefused() {
        let rows = Fixtures.rows.filter { $0.label == .neutral }
        var config = TrainingConfiguration()
        config.folds = 0
        XCTAssertThrowsError(try StanceTrainer.train(rows: rows, gazetteer: Fixtures.gazetteer, configuration: config)) { error in
            XCTAssertEqual(error.localizedDescription, "training rows carry only one label (neutral); give rows of at least two labels")
        }
    }

    func test_badFolds_isAConfigurationError() {
        var config = TrainingConfiguration()
        config.folds = 1
        XCTAssertThrowsError(try config.validate()) { error in
            XCTAssertEqual(error.localizedDescription, "folds must be 0 (none) or in 2...50, got 1; use 5 folds")
        }
    }

    func test_cGrid_crossValidatesEachValue() throws {
        var config = TrainingConfiguration()
        config.tfidf.minDocumentFrequency = 1
        config.cGrid = [0.5, 2]
        config.folds = 2
        let (model, report) = try StanceTrainer.train(rows: Fixtures.rows, gazetteer: Fixtures.gazetteer, configuration: config)
        XCTAssertEqual(report.crossValidation.map(\.c), [0.5, 2])
        XCTAssertTrue([0.5, 2].contains(model.metadata.c))
        XCTAssertNotNil(model.metadata.crossValidatedMacroF1)
    }
}
