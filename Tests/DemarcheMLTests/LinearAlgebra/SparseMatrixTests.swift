import XCTest
@testable import DemarcheML

final class SparseMatrixTests: XCTestCase {
    func test_selectingRows_copiesRowsInGivenOrder() throws {
        let m = try SparseMatrix(rowCount: 3, columnCount: 4, rowOffsets: [0, 2, 2, 3], columnIndices: [0, 3, 1],
                                 values: [1, 2, 3])
        let s = m.selectingRows([2, 0, 2])
        XCTAssertEqual(s.rowCount, 3)
        XCTAssertEqual(s.rowOffsets, [0, 1, 3, 4])
        XCTAssertEqual(s.columnIndices, [1, 0, 3, 1])
        XCTAssertEqual(s.values, [3, 1, 2, 3])
        XCTAssertEqual(Array(m.row(0).indices), [0, 3])
        XCTAssertEqual(Array(m.row(1).values), [])
    }

    func test_transposed_matchesDenseTranspose() {
        let m = randomSparse(rows: 9, columns: 6, density: 0.3, seed: 3)
        let t = m.transposed()
        let d = dense(m), dt = dense(t)
        for i in 0..<9 { for j in 0..<6 { XCTAssertEqual(d[i * 6 + j], dt[j * 9 + i]) } }
        XCTAssertEqual(t.transposed(), m)
    }

    func test_transposedWithColumnMap_equalsTransposeOfPermutedCopy() {
        let m = randomSparse(rows: 12, columns: 7, density: 0.4, seed: 8)
        let newColumn: [Int32] = [3, 6, 0, 5, 1, 4, 2]
        let t = m.transposed(newColumn: newColumn)
        XCTAssertEqual(t, m.permutingColumns(newColumn).transposed())
        let d = dense(m), dt = dense(t)
        for i in 0..<12 { for j in 0..<7 { XCTAssertEqual(d[i * 7 + j], dt[Int(newColumn[j]) * 12 + i]) } }
        XCTAssertEqual(m.transposed(newColumn: nil), m.transposed())
    }

    func test_transposed_inParallel_equalsOneWorker_andTheDenseTranspose() {
        // Enough entries per column for several row ranges (see `transposed(newColumn:threadCount:)`).
        let m = randomSparse(rows: 3000, columns: 400, density: 0.12, seed: 31)
        XCTAssertGreaterThan(m.nonzeroCount, 2 * 65_536)
        let newColumn = m.columnsByDecreasingFrequency()
        let one = m.transposed(newColumn: newColumn, threadCount: 1)
        for threads in [2, 3] { XCTAssertEqual(m.transposed(newColumn: newColumn, threadCount: threads), one, "\(threads) workers") }
        XCTAssertEqual(one, m.permutingColumns(newColumn).transposed())
        let d = dense(m), dt = dense(one)
        for i in 0..<3000 { for j in 0..<400 { XCTAssertEqual(d[i * 400 + j], dt[Int(newColumn[j]) * 3000 + i]) } }
    }

    func test_init_rejectsInconsistentArrays_withMessages() {
        assertThrowsMessage("Invalid sparse matrix: rowOffsets must have rowCount + 1 = 3 entries, got 2") {
            try SparseMatrix(rowCount: 2, columnCount: 2, rowOffsets: [0, 1], columnIndices: [0], values: [1])
        }
        assertThrowsMessage("Invalid sparse matrix: column index 5 at entry 0 is outside 0..<2") {
            try SparseMatrix(rowCount: 1, columnCount: 2, rowOffsets: [0, 1], columnIndices: [5], values: [1])
        }
        assertThrowsMessage("Invalid sparse matrix: value nan at entry 0 is not finite") {
            try SparseMatrix(rowCount: 1, columnCount: 2, rowOffsets: [0, 1], columnIndices: [0], values: [.nan])
        }
        assertThrowsMessage("Invalid sparse matrix: rowOffsets must not decrease, but row 1 starts at 1 and ends at 0") {
            try SparseMatrix(rowCount: 2, columnCount: 2, rowOffsets: [0, 1, 0], columnIndices: [], values: [])
        }
    }

    /// The objective's transpose built from its column tiles equals the transpose of the matrix with
    /// its columns renumbered, entry for entry, for any worker count (several tiles: > 16,384 columns).
    func test_transposeOfTiles_equalsTransposeOfMatrix() {
        let columns = 40_000
        let m = randomSparse(rows: 3000, columns: columns, density: 0.003, seed: 77)  // 360k entries: two workers
        var g = SplitMix64(seed: 78)
        var order = Array(0..<columns)
        order.shuffle(using: &g)
        let newColumn = order.map { Int32($0) }
        let expected = m.transposed(newColumn: newColumn)
        let bounds = [0, 16_384, 32_768, columns]
        for threads in [1, 2, 3] {
            let tiled = SoftmaxCrossEntropy.tiles(of: m, newColumn: newColumn, bounds: bounds, threadCount: threads)
            let t = SoftmaxCrossEntropy.transposedTiles(offsets: tiled.offsets, indices: tiled.indices, values: tiled.values,
                                                        rows: m.rowCount, columns: columns, tileCount: bounds.count - 1,
                                                        threadCount: threads)
            XCTAssertEqual(t, expected, "threads \(threads)")
        }
    }

    /// The counting sort gives the order of sorting by (count descending, index ascending), with
    /// several workers counting (> 2^20 entries) and with one.
    func test_columnsByDecreasingFrequency_isTheSortedOrder() {
        for (rows, columns, density) in [(50, 30, 0.2), (3000, 800, 0.9)] {
            let m = randomSparse(rows: rows, columns: columns, density: density, seed: 5)
            var counts = [Int](repeating: 0, count: columns)
            for j in m.columnIndices { counts[Int(j)] += 1 }
            let order = (0..<columns).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            var expected = [Int32](repeating: 0, count: columns)
            for (position, column) in order.enumerated() { expected[column] = Int32(position) }
            XCTAssertEqual(m.columnsByDecreasingFrequency(), expected, "\(rows)×\(columns)")
        }
    }
}
