import Foundation
import XCTest
@testable import DemarcheML

/// Loads a committed fixture made by `Fixtures/make_fixtures.py`.
func loadFixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
                            "missing fixture \(name).json")
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// `|actual − expected| ≤ absolute + relative·|expected|`, printing both on failure.
func assertClose(_ actual: Double, _ expected: Double, relative: Double = 0, absolute: Double = 0,
                 _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    let tolerance = absolute + relative * abs(expected)
    if !(abs(actual - expected) <= tolerance) {
        XCTFail("\(actual) is not within \(tolerance) of \(expected) \(message())", file: file, line: line)
    }
}

/// A CSR matrix as the fixtures store it.
struct FixtureCSR: Decodable {
    let rowOffsets: [Int]
    let columnIndices: [Int]
    let values: [Double]

    func matrix(columns: Int) throws -> SparseMatrix {
        try SparseMatrix(rowCount: rowOffsets.count - 1, columnCount: columns, rowOffsets: rowOffsets,
                         columnIndices: columnIndices.map { Int32($0) }, values: values.map { Float($0) })
    }
}

/// The dense form of a sparse matrix, row-major.
func dense(_ m: SparseMatrix) -> [Double] {
    var out = [Double](repeating: 0, count: m.rowCount * m.columnCount)
    for i in 0..<m.rowCount {
        for k in m.rowOffsets[i]..<m.rowOffsets[i + 1] {
            out[i * m.columnCount + Int(m.columnIndices[k])] += Double(m.values[k])
        }
    }
    return out
}

/// A random sparse matrix with about `density` of its entries set, deterministic by seed.
func randomSparse(rows: Int, columns: Int, density: Double, seed: UInt64) -> SparseMatrix {
    var g = SplitMix64(seed: seed)
    var offsets = [0], indices = [Int32](), values = [Float]()
    for _ in 0..<rows {
        for j in 0..<columns where Double.random(in: 0..<1, using: &g) < density {
            indices.append(Int32(j))
            values.append(Float.random(in: -1...1, using: &g))
        }
        offsets.append(indices.count)
    }
    return try! SparseMatrix(rowCount: rows, columnCount: columns, rowOffsets: offsets, columnIndices: indices, values: values)
}

/// The message users see for an error.
func message(of error: Error) -> String {
    (error as? LocalizedError)?.errorDescription ?? "\(error)"
}

/// Asserts that `body` throws a `LearningError` with exactly `expected` as its message.
func assertThrowsMessage<T>(_ expected: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertTrue(error is LearningError, "not a LearningError: \(error)", file: file, line: line)
        XCTAssertEqual(message(of: error), expected, file: file, line: line)
    }
}
