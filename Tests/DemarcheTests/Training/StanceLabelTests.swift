import XCTest
@testable import Demarche

final class StanceLabelTests: XCTestCase {
    func test_classIndices_followTheModelsSortedColumnOrder() {
        XCTAssertEqual(StanceLabel.all, [.conciliatory, .hostile, .neutral])
        XCTAssertEqual(StanceLabel.all.map(\.classIndex), [0, 1, 2])
        XCTAssertEqual(StanceLabel.names, StanceLabel.names.sorted())
        for label in StanceLabel.all { XCTAssertEqual(StanceLabel(classIndex: label.classIndex), label) }
        XCTAssertNil(StanceLabel(classIndex: 3))
        XCTAssertNil(StanceLabel(classIndex: -1))
    }

    func test_codable_isTheNameAlsoAsADictionaryKey() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode([StanceLabel.hostile: [StanceLabel.neutral]])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"hostile":["neutral"]}"#)
        XCTAssertEqual(try JSONDecoder().decode([StanceLabel].self, from: Data(#"["conciliatory"]"#.utf8)), [.conciliatory])
    }

    func test_unknownName_isADecodingError_neverNeutral() {
        XCTAssertNil(StanceLabel(rawValue: "angry"))
        XCTAssertThrowsError(try JSONDecoder().decode([StanceLabel].self, from: Data(#"["angry"]"#.utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode(LabeledRow.self, from: Data(
            #"{"text":"a","target":"a","label":"angry","path":"","line":0}"#.utf8)))
    }

    func test_probabilities_labelAndSubscriptAgree() {
        let p = StanceProbabilities(hostile: 0.5, conciliatory: 0.3, neutral: 0.2)
        XCTAssertEqual(p.label, .hostile)
        XCTAssertEqual(p[.hostile], 0.5)
        XCTAssertEqual(p[.conciliatory], 0.3)
        XCTAssertEqual(p[.neutral], 0.2)
    }
}
