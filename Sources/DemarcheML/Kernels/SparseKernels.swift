/// Sparse × dense products over unsafe buffers: the hot loops of training and prediction.
///
/// `X` is CSR (`rowOffsets`, `columnIndices`, `values`), dense matrices are row-major `Double`.
/// Nothing here allocates, throws or checks more than the preconditions at entry; callers take the
/// buffers once per call (LIBLINEAR's `sparse_operator`, in four functions).
enum SparseKernels {
    /// `out[r, :] += Σ_j X[r, j] · B[j, :]` for the rows `rows` of `X`.
    ///
    /// - Parameters:
    ///   - rows: the rows of `X` to multiply; `out`'s first row corresponds to `rows.lowerBound`.
    ///   - dense: `B`, row-major with `denseColumns` columns and at least as many rows as `X` has columns.
    ///   - out: `rows.count × denseColumns`, row-major; accumulated into (fill it with the bias first).
    /// - Complexity: O(entries in `rows` · denseColumns).
    @inline(__always)
    static func multiplyAdd(rowOffsets: UnsafeBufferPointer<Int>, columnIndices: UnsafeBufferPointer<Int32>,
                            values: UnsafeBufferPointer<Float>, rows: Range<Int>,
                            dense: UnsafeBufferPointer<Double>, denseColumns k: Int,
                            out: UnsafeMutableBufferPointer<Double>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound < rowOffsets.count, "multiplyAdd: rows out of range")
        precondition(out.count >= rows.count * k, "multiplyAdd: output too small")
        let idx = columnIndices.baseAddress!, val = values.baseAddress!, b = dense.baseAddress!
        // `rows` is within `rowOffsets` (checked above), so `r + 1` cannot overflow; offsets of a CSR
        // matrix are non-decreasing and at most `Int.max`, so their difference cannot either.
        let ro = rowOffsets.baseAddress!
        var o = out.baseAddress!
        var r = rows.lowerBound
        if k == 3 {
            // Two rows side by side: six independent sums in flight instead of three, each still
            // added in its row's entry order, so the results are bit for bit those of one row at a
            // time. (Each sum waits ~4 cycles per addition; with three, the sparse products of the
            // 100k-row fit were bound by that latency, not by memory.)
            while r &+ 1 < rows.upperBound {
                let s0 = ro[r], s1 = ro[r &+ 1], e1 = ro[r &+ 2]
                multiplyAddRowPair(indices: idx, values: val, first: s0..<s1, second: s1..<e1, dense: b, out: o)
                o += 6
                r &+= 2
            }
        }
        while r < rows.upperBound {
            let start = ro[r]
            multiplyAddRow(indices: idx + start, values: val + start,
                           count: ro[r &+ 1] &- start, dense: b, denseColumns: k, out: o)
            o += k
            r &+= 1
        }
    }

    /// `out[r, :] += Σ_e values[e] · B[columnIndices[e], :]` over `e` in `starts[r] ..< ends[r]`, for each
    /// `r` in `rows`: `multiplyAdd(rowOffsets:…)` with each row's entries given by a start and an end
    /// (a slice of a longer row, e.g. one row tile of a column of `Xᵀ`), with the same sums.
    ///
    /// - Parameters:
    ///   - starts, ends: indexed by row (`rows` within both); every range within `columnIndices` and `values`.
    ///   - out: `rows.count × denseColumns`, row-major, first row for `rows.lowerBound`; accumulated into.
    /// - Complexity: O(entries in the ranges · denseColumns).
    @inline(__always)
    static func multiplyAdd(starts: UnsafePointer<Int>, ends: UnsafePointer<Int>, columnIndices: UnsafeBufferPointer<Int32>,
                            values: UnsafeBufferPointer<Float>, rows: Range<Int>,
                            dense: UnsafeBufferPointer<Double>, denseColumns k: Int,
                            out: UnsafeMutableBufferPointer<Double>) {
        precondition(rows.lowerBound >= 0 && out.count >= rows.count * k, "multiplyAdd: output too small")
        let idx = columnIndices.baseAddress!, val = values.baseAddress!, b = dense.baseAddress!
        var o = out.baseAddress!
        var r = rows.lowerBound
        if k == 3 {
            while r &+ 1 < rows.upperBound {
                multiplyAddRowPair(indices: idx, values: val, first: starts[r]..<ends[r], second: starts[r &+ 1]..<ends[r &+ 1],
                                   dense: b, out: o)
                o += 6
                r &+= 2
            }
        }
        while r < rows.upperBound {
            let start = starts[r]
            multiplyAddRow(indices: idx + start, values: val + start, count: ends[r] &- start, dense: b, denseColumns: k, out: o)
            o += k
            r &+= 1
        }
    }

    /// Two rows of `X` (entries `first` and `second`) times `B` with three columns, into `out[0..<3]`
    /// and `out[3..<6]`: the same sums as two `multiplyAddRow` calls, formed side by side.
    /// - Complexity: O(entries · 3).
    @inline(__always)
    static func multiplyAddRowPair(indices: UnsafePointer<Int32>, values: UnsafePointer<Float>, first: Range<Int>, second: Range<Int>,
                                   dense b: UnsafePointer<Double>, out o: UnsafeMutablePointer<Double>) {
        var a0 = o[0], a1 = o[1], a2 = o[2], c0 = o[3], c1 = o[4], c2 = o[5]
        let common = min(first.count, second.count)
        var e = first.lowerBound, f = second.lowerBound
        for _ in 0..<common {
            let x = Double(values[e]), w = b + Int(indices[e]) &* 3
            let y = Double(values[f]), v = b + Int(indices[f]) &* 3
            a0 += x * w[0]; a1 += x * w[1]; a2 += x * w[2]
            c0 += y * v[0]; c1 += y * v[1]; c2 += y * v[2]
            e &+= 1
            f &+= 1
        }
        while e < first.upperBound {
            let x = Double(values[e]), w = b + Int(indices[e]) &* 3
            a0 += x * w[0]; a1 += x * w[1]; a2 += x * w[2]
            e &+= 1
        }
        while f < second.upperBound {
            let y = Double(values[f]), v = b + Int(indices[f]) &* 3
            c0 += y * v[0]; c1 += y * v[1]; c2 += y * v[2]
            f &+= 1
        }
        o[0] = a0; o[1] = a1; o[2] = a2; o[3] = c0; o[4] = c1; o[5] = c2
    }

    /// `out[:] += Σ_e values[e] · B[indices[e], :]`: one sparse row times `B`.
    ///
    /// - Complexity: O(count · denseColumns).
    @inline(__always)
    static func multiplyAddRow(indices: UnsafePointer<Int32>, values: UnsafePointer<Float>, count: Int,
                               dense b: UnsafePointer<Double>, denseColumns k: Int, out o: UnsafeMutablePointer<Double>) {
        switch k {
        case 3:  // the stance model's case: three accumulators in registers
            var z0 = o[0], z1 = o[1], z2 = o[2]
            for e in 0..<count {
                let x = Double(values[e]), w = b + Int(indices[e]) &* 3
                z0 += x * w[0]; z1 += x * w[1]; z2 += x * w[2]
            }
            o[0] = z0; o[1] = z1; o[2] = z2
        default:
            for e in 0..<count {
                let x = Double(values[e]), w = b + Int(indices[e]) &* k
                for c in 0..<k { o[c] += x * w[c] }
            }
        }
    }

    /// `out[j, :] += Σ_r X[r, j] · R[r, :]` for the rows `rows` of `X`: `Xᵀ·R` scattered into `out`.
    ///
    /// - Parameters:
    ///   - rows: the rows of `X` to use; `residual`'s first row corresponds to `rows.lowerBound`.
    ///   - residual: `R`, `rows.count × denseColumns`, row-major.
    ///   - out: row-major with `denseColumns` columns and at least as many rows as `X` has columns.
    /// - Complexity: O(entries in `rows` · denseColumns).
    @inline(__always)
    static func transposedMultiplyAdd(rowOffsets: UnsafeBufferPointer<Int>, columnIndices: UnsafeBufferPointer<Int32>,
                                      values: UnsafeBufferPointer<Float>, rows: Range<Int>,
                                      residual: UnsafeBufferPointer<Double>, denseColumns k: Int,
                                      out: UnsafeMutableBufferPointer<Double>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound < rowOffsets.count, "transposedMultiplyAdd: rows out of range")
        precondition(residual.count >= rows.count * k, "transposedMultiplyAdd: residual too small")
        let idx = columnIndices.baseAddress!, val = values.baseAddress!, g = out.baseAddress!
        let ro = rowOffsets.baseAddress!
        var res = residual.baseAddress!
        for r in rows {
            let start = ro[r], end = ro[r &+ 1]  // `rows` is within `rowOffsets` (checked above)
            if k == 3 {
                let r0 = res[0], r1 = res[1], r2 = res[2]
                for e in start..<end {
                    let x = Double(val[e]), w = g + Int(idx[e]) &* 3
                    w[0] += x * r0; w[1] += x * r1; w[2] += x * r2
                }
            } else {
                for e in start..<end {
                    let x = Double(val[e]), w = g + Int(idx[e]) &* k
                    for c in 0..<k { w[c] += x * res[c] }
                }
            }
            res += k
        }
    }
}
