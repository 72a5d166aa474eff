extension SparseMatrix {
    /// Stacks CSR pieces vertically: the rows of `pieces[0]`, then of `pieces[1]`, and so on.
    ///
    /// Each piece is `(rowOffsets, columnIndices, values)` with offsets starting at `0`.
    /// - Complexity: O(rows + entries).
    static func concatenating(_ pieces: [(offsets: [Int], indices: [Int32], values: [Float])], columnCount: Int) -> SparseMatrix {
        let rowCount = pieces.reduce(0) { $0 + $1.offsets.count - 1 }
        let entryCount = pieces.reduce(0) { $0 + $1.values.count }
        var offsets = [Int](), indices = [Int32](), values = [Float]()
        offsets.reserveCapacity(rowCount + 1)
        indices.reserveCapacity(entryCount)
        values.reserveCapacity(entryCount)
        offsets.append(0)
        for piece in pieces {
            let base = indices.count
            for k in 1..<piece.offsets.count { offsets.append(base + piece.offsets[k]) }
            indices.append(contentsOf: piece.indices)
            values.append(contentsOf: piece.values)
        }
        return SparseMatrix(unchecked: rowCount, columnCount: columnCount, rowOffsets: offsets,
                            columnIndices: indices, values: values)
    }

    /// The transpose, also in CSR form (that is, this matrix in compressed sparse column form).
    ///
    /// Within each row of the result the column indices increase, whatever the order here.
    /// - Returns: a `columnCount × rowCount` matrix.
    /// - Complexity: O(rows + columns + entries).
    public func transposed() -> SparseMatrix { transposed(newColumn: nil) }

    /// The transpose of this matrix with column `j` moved to `newColumn[j]` (a permutation), that is
    /// `permutingColumns(newColumn).transposed()` without the permuted copy; `nil` for none.
    func transposed(newColumn: [Int32]?) -> SparseMatrix {
        precondition(rowCount <= Int(Int32.max), "too many rows to transpose into Int32 column indices")
        precondition(newColumn == nil || newColumn!.count == columnCount, "transposed: need one new index per column")
        let map = newColumn ?? []
        func column(_ k: Int) -> Int { newColumn == nil ? Int(columnIndices[k]) : Int(map[Int(columnIndices[k])]) }
        var offsets = [Int](repeating: 0, count: columnCount + 1)
        for k in columnIndices.indices { offsets[column(k) + 1] += 1 }
        for j in 0..<columnCount { offsets[j + 1] += offsets[j] }
        var next = offsets
        var indices = [Int32](repeating: 0, count: values.count)
        var vals = [Float](repeating: 0, count: values.count)
        for i in 0..<rowCount {
            for k in rowOffsets[i]..<rowOffsets[i + 1] {
                let j = column(k)
                indices[next[j]] = Int32(i)
                vals[next[j]] = values[k]
                next[j] += 1
            }
        }
        return SparseMatrix(unchecked: columnCount, columnCount: rowCount, rowOffsets: offsets,
                            columnIndices: indices, values: vals)
    }
}

extension SparseMatrix {
    /// The same matrix with column `j` moved to `newColumn[j]` (a permutation of `0..<columnCount`).
    ///
    /// Row order and each row's entry order are kept, so column indices within a row may no longer increase.
    /// - Complexity: O(rows + entries).
    func permutingColumns(_ newColumn: [Int32]) -> SparseMatrix {
        precondition(newColumn.count == columnCount, "permutingColumns: need one new index per column")
        let indices = newColumn.withUnsafeBufferPointer { map in columnIndices.map { map[Int($0)] } }
        return SparseMatrix(unchecked: rowCount, columnCount: columnCount, rowOffsets: rowOffsets,
                            columnIndices: indices, values: values)
    }

    /// A column permutation putting the columns with the most entries first (ties by index):
    /// `newColumn[j]` is column `j`'s new position.
    ///
    /// Weight rows of frequent features then share a small, cache-resident block, which is most of
    /// what the sparse kernels touch on Zipf-distributed text.
    /// - Complexity: O(entries + columns log columns).
    func columnsByDecreasingFrequency() -> [Int32] {
        var counts = [Int](repeating: 0, count: columnCount)
        for j in columnIndices { counts[Int(j)] += 1 }
        let order = (0..<columnCount).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var newColumn = [Int32](repeating: 0, count: columnCount)
        for (position, column) in order.enumerated() { newColumn[column] = Int32(position) }
        return newColumn
    }
}
