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
        for r in rows {
            let start = ro[r]
            multiplyAddRow(indices: idx + start, values: val + start,
                           count: ro[r &+ 1] &- start, dense: b, denseColumns: k, out: o)
            o += k
        }
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
