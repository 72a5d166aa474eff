import XCTest
@testable import Demarche

/// CSV as spreadsheets save it (issue 16, defect 10): a UTF-8 byte-order mark before the header,
/// old Mac line ends (CR only); and the optional `source` column.
final class CSVLineEndTests: XCTestCase {
    func test_byteOrderMarkBeforeTheHeader_isNotPartOfTheFirstName() {
        let (rows, problems) = RowReader.parse("\u{FEFF}text,target,label\nSeoul thanked Tokyo.,Tokyo,conciliatory\n", path: "a.csv")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows.map(\.target), ["Tokyo"])
    }

    func test_crOnlyLineEnds_separateRecords_andCountLines() {
        let text = "text,target,label\r\"Seoul\rthanked Tokyo.\",Tokyo,conciliatory\rSeoul accused Tokyo.,Tokyo,hostile\r"
        let (rows, problems) = RowReader.parse(text, path: "a.csv")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows.map(\.label), [.conciliatory, .hostile])
        XCTAssertEqual(rows.map(\.line), [2, 4])
        XCTAssertEqual(rows.first?.text, "Seoul\rthanked Tokyo.")
    }

    func test_sourceColumn_emptyIsUnknown() {
        let text = "text,target,label,source\nSeoul thanked Tokyo.,Tokyo,conciliatory,wire\nSeoul accused Tokyo.,Tokyo,hostile,\n"
        let (rows, problems) = RowReader.parse(text, path: "a.csv")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows.map(\.source), ["wire", nil])
    }
}
