/// A sparse matrix of `Float` values in compressed sparse row (CSR) form.
///
/// Row `i`'s entries are `columnIndices[rowOffsets[i]..<rowOffsets[i+1]]` and the matching
/// `values`. Matrices built by DemarcheML keep each row's column indices strictly increasing; the
/// public initializer only requires them to be in range.
public struct SparseMatrix: Sendable, Equatable {
    /// The number of rows.
    public let rowCount: Int
    /// The number of columns.
    public let columnCount: Int
    /// Where each row starts in `columnIndices`/`values`; `rowCount + 1` entries, from `0` to the entry count.
    public let rowOffsets: [Int]
    /// The column of each stored entry.
    public let columnIndices: [Int32]
    /// The value of each stored entry.
    public let values: [Float]

    /// The number of stored entries.
    public var nonzeroCount: Int { values.count }

    /// Creates a CSR matrix after checking that its arrays describe one.
    ///
    /// - Parameters:
    ///   - rowCount: the number of rows (≥ 0).
    ///   - columnCount: the number of columns (0 ≤ columnCount ≤ Int32.max).
    ///   - rowOffsets: `rowCount + 1` non-decreasing offsets from `0` to `values.count`.
    ///   - columnIndices: one column per entry, each in `0..<columnCount`.
    ///   - values: one finite value per entry.
    /// - Throws: `LearningError.invalidInput` naming the first broken rule.
    /// - Complexity: O(rowCount + entries).
    public init(rowCount: Int, columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) throws {
        func fail(_ problem: String) -> LearningError { .invalidInput(what: "sparse matrix", problem: problem) }
        guard rowCount >= 0, columnCount >= 0, columnCount <= Int(Int32.max) else {
            throw fail("dimensions must be non-negative (and columnCount ≤ \(Int32.max)), got \(rowCount)×\(columnCount)")
        }
        guard rowOffsets.count == rowCount + 1 else {
            throw fail("rowOffsets must have rowCount + 1 = \(rowCount + 1) entries, got \(rowOffsets.count)")
        }
        guard columnIndices.count == values.count else {
            throw fail("columnIndices has \(columnIndices.count) entries but values has \(values.count)")
        }
        guard rowOffsets[0] == 0, rowOffsets[rowCount] == values.count else {
            throw fail("rowOffsets must run from 0 to \(values.count), got \(rowOffsets[0])...\(rowOffsets[rowCount])")
        }
        for i in 0..<rowCount where rowOffsets[i] > rowOffsets[i + 1] {
            throw fail("rowOffsets must not decrease, but row \(i) starts at \(rowOffsets[i]) and ends at \(rowOffsets[i + 1])")
        }
        if let bad = columnIndices.firstIndex(where: { $0 < 0 || Int($0) >= columnCount }) {
            throw fail("column index \(columnIndices[bad]) at entry \(bad) is outside 0..<\(columnCount)")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw fail("value \(values[bad]) at entry \(bad) is not finite")
        }
        self.init(unchecked: rowCount, columnCount: columnCount, rowOffsets: rowOffsets,
                  columnIndices: columnIndices, values: values)
    }

    /// Creates a matrix whose arrays the caller guarantees to be consistent.
    init(unchecked rowCount: Int, columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Row `i`'s column indices and values.
    ///
    /// - Parameter i: a row index in `0..<rowCount`.
    /// - Returns: slices of `columnIndices` and `values` (no copy).
    /// - Complexity: O(1).
    public func row(_ i: Int) -> (indices: ArraySlice<Int32>, values: ArraySlice<Float>) {
        precondition(i >= 0 && i < rowCount, "row \(i) out of range 0..<\(rowCount)")
        let range = rowOffsets[i]..<rowOffsets[i + 1]
        return (columnIndices[range], values[range])
    }

    /// A new matrix made of the given rows, in the given order (repeats allowed).
    ///
    /// - Parameter rows: row indices in `0..<rowCount`.
    /// - Returns: a `rows.count × columnCount` matrix.
    /// - Complexity: O(rows.count + entries copied).
    public func selectingRows(_ rows: [Int]) -> SparseMatrix {
        var offsets = [Int](repeating: 0, count: rows.count + 1)
        for (k, r) in rows.enumerated() {
            precondition(r >= 0 && r < rowCount, "row \(r) out of range 0..<\(rowCount)")
            offsets[k + 1] = offsets[k] + rowOffsets[r + 1] - rowOffsets[r]
        }
        var indices = [Int32](), vals = [Float]()
        indices.reserveCapacity(offsets[rows.count])
        vals.reserveCapacity(offsets[rows.count])
        for r in rows {
            let range = rowOffsets[r]..<rowOffsets[r + 1]
            indices.append(contentsOf: columnIndices[range])
            vals.append(contentsOf: values[range])
        }
        return SparseMatrix(unchecked: rows.count, columnCount: columnCount, rowOffsets: offsets,
                            columnIndices: indices, values: vals)
    }
}
