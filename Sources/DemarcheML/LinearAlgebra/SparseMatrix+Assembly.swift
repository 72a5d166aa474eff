extension SparseMatrix {
    /// Stacks CSR pieces vertically: the rows of `pieces[0]`, then of `pieces[1]`, and so on.
    ///
    /// Each piece is `(rowOffsets, columnIndices, values)` with offsets starting at `0`.
    /// - Complexity: O(rows + entries).
    static func concatenating(_ pieces: [(offsets: [Int], indices: [Int32], values: [Float])], columnCount: Int) -> SparseMatrix {
        var owned = pieces.map { TfidfWeighting.Piece(offsets: $0.offsets, indices: $0.indices, values: $0.values) }
        return concatenating(consuming: &owned, columnCount: columnCount)
    }

    /// Stacks the pieces as `concatenating(_:columnCount:)` does, emptying each piece as soon as it
    /// is copied, so the entries are held about once, not twice, at the end of the copy.
    /// - Complexity: O(rows + entries).
    static func concatenating(consuming pieces: inout [TfidfWeighting.Piece], columnCount: Int) -> SparseMatrix {
        let rowCount = pieces.reduce(0) { $0 + $1.offsets.count - 1 }
        let entryCount = pieces.reduce(0) { $0 + $1.values.count }
        var offsets = [Int](), indices = [Int32](), values = [Float]()
        offsets.reserveCapacity(rowCount + 1)
        indices.reserveCapacity(entryCount)
        values.reserveCapacity(entryCount)
        offsets.append(0)
        for p in pieces.indices {
            let piece = pieces[p]
            pieces[p] = TfidfWeighting.Piece()
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
    ///
    /// Built in parallel over contiguous row ranges (a counting sort per range: each range counts its
    /// entries per column, the ranges' write positions follow from the counts in range order, then each
    /// range writes its rows in order), so every column's entries still come in increasing row order
    /// and the result does not depend on the number of workers.
    func transposed(newColumn: [Int32]?, threadCount: Int = 0) -> SparseMatrix {
        precondition(rowCount <= Int(Int32.max), "too many rows to transpose into Int32 column indices")
        precondition(newColumn == nil || newColumn!.count == columnCount, "transposed: need one new index per column")
        let columns = columnCount, rows = rowCount
        // One range per worker, but not for tiny matrices (each range costs a count array of `columns`).
        let workers = max(1, min(Parallel.workerCount(requested: threadCount), nonzeroCount / max(4 * columns, 65_536)))
        var offsets = [Int](repeating: 0, count: columns + 1)
        var indices = [Int32](repeating: 0, count: values.count)
        var vals = [Float](repeating: 0, count: values.count)
        // next[w * columns + j]: where range w writes its next entry of column j.
        var next = [Int](repeating: 0, count: workers * columns)
        let map = newColumn ?? []
        let identity = newColumn == nil
        map.withUnsafeBufferPointer { map in
        rowOffsets.withUnsafeBufferPointer { ro in
        columnIndices.withUnsafeBufferPointer { ci in
        values.withUnsafeBufferPointer { cv in
        offsets.withUnsafeMutableBufferPointer { off in
        indices.withUnsafeMutableBufferPointer { ti in
        vals.withUnsafeMutableBufferPointer { tv in
        next.withUnsafeMutableBufferPointer { next in
            @inline(__always) func column(_ k: Int) -> Int { identity ? Int(ci[k]) : Int(map[Int(ci[k])]) }
            Parallel.forEachChunk(count: rows, chunkCount: workers) { w, range in
                let counts = next.baseAddress! + w * columns
                for k in ro[range.lowerBound]..<ro[range.upperBound] { counts[column(k)] += 1 }
            }
            SparseMatrix.startPositions(counts: next, offsets: off, columns: columns, workers: workers)
            Parallel.forEachChunk(count: rows, chunkCount: workers) { w, range in
                let position = next.baseAddress! + w * columns
                for i in range {
                    for k in ro[i]..<ro[i + 1] {
                        let j = column(k)
                        ti[position[j]] = Int32(i)
                        tv[position[j]] = cv[k]
                        position[j] += 1
                    }
                }
            }
        }}}}}}}}
        return SparseMatrix(unchecked: columns, columnCount: rows, rowOffsets: offsets,
                            columnIndices: indices, values: vals)
    }
}

extension SparseMatrix {
    /// The middle step of a parallel counting-sort transpose: `counts[w * columns + j]` (entries of
    /// column `j` in worker `w`'s rows) become the positions where worker `w` writes its first entry
    /// of column `j`, columns in order and workers in order within a column; `offsets[j]` gets the
    /// start of column `j` and `offsets[columns]` the total.
    static func startPositions(counts next: UnsafeMutableBufferPointer<Int>, offsets off: UnsafeMutableBufferPointer<Int>,
                               columns: Int, workers: Int) {
        var total = 0
        for j in 0..<columns {
            off[j] = total
            for w in 0..<workers {
                let c = next[w * columns + j]
                next[w * columns + j] = total
                total += c
            }
        }
        off[columns] = total
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
        let columns = columnCount
        // Counts per worker over fixed entry ranges, added in worker order (integers: exact).
        let workers = max(1, min(Parallel.workerCount(requested: 0), nonzeroCount / max(4 * columns, 1 << 20)))
        var partial = [Int](repeating: 0, count: workers * columns)
        partial.withUnsafeMutableBufferPointer { partial in
            columnIndices.withUnsafeBufferPointer { ci in
                let partial = partial
                Parallel.forEachChunk(count: ci.count, chunkCount: workers) { w, range in
                    let counts = partial.baseAddress! + w * columns
                    for e in range { counts[Int(ci[e])] += 1 }
                }
            }
        }
        var counts = Array(partial[0..<columns])
        for w in 1..<workers { for j in 0..<columns { counts[j] += partial[w * columns + j] } }
        partial = []
        // A counting sort by decreasing count, stable (ties by index): the order of sorting by
        // (count descending, index ascending), in O(entries + columns) instead of O(columns log columns)
        // comparisons on one core (0.9 s of the fit's set-up at 1M benchmark rows, 1.8M columns).
        let maxCount = counts.max() ?? 0
        var firstOfCount = [Int](repeating: 0, count: maxCount + 2)
        for c in counts { firstOfCount[maxCount - c + 1] += 1 }
        for k in 1..<firstOfCount.count { firstOfCount[k] += firstOfCount[k - 1] }
        var newColumn = [Int32](repeating: 0, count: columns)
        for j in 0..<columns {
            let slot = maxCount - counts[j]
            newColumn[j] = Int32(firstOfCount[slot])
            firstOfCount[slot] += 1
        }
        return newColumn
    }
}
