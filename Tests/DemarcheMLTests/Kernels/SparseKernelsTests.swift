import CLinearAlgebra
import XCTest
@testable import DemarcheML

final class SparseKernelsTests: XCTestCase {
    /// `X·B` by dense BLAS dgemm, row-major.
    private func denseProduct(_ x: [Double], _ b: [Double], m: Int, k: Int, n: Int, transposeX: Bool = false) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        cblas_dgemm(CblasRowMajor, transposeX ? CblasTrans : CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, x, Int32(transposeX ? m : k), b, Int32(n), 0, &c, Int32(n))
        return c
    }

    func test_multiplyAdd_matchesDenseDgemm_forSeveralClassCounts() {
        for classes in [1, 2, 3, 5] {
            let x = randomSparse(rows: 37, columns: 23, density: 0.2, seed: UInt64(classes))
            var g = SplitMix64(seed: 99)
            let b = (0..<(23 * classes)).map { _ in Double.random(in: -2...2, using: &g) }
            let expected = denseProduct(dense(x), b, m: 37, k: 23, n: classes)
            var out = [Double](repeating: 0, count: 37 * classes)
            x.rowOffsets.withUnsafeBufferPointer { o in x.columnIndices.withUnsafeBufferPointer { i in
                x.values.withUnsafeBufferPointer { v in b.withUnsafeBufferPointer { bp in out.withUnsafeMutableBufferPointer { op in
                    // Two row ranges, to check the output offset of the second.
                    SparseKernels.multiplyAdd(rowOffsets: o, columnIndices: i, values: v, rows: 0..<20, dense: bp,
                                              denseColumns: classes, out: op)
                    SparseKernels.multiplyAdd(rowOffsets: o, columnIndices: i, values: v, rows: 20..<37, dense: bp,
                                              denseColumns: classes, out: UnsafeMutableBufferPointer(rebasing: op[(20 * classes)...]))
                }}}}}
            for (a, e) in zip(out, expected) { assertClose(a, e, relative: 1e-12, absolute: 1e-12, "classes \(classes)") }
        }
    }

    /// `multiplyAdd(starts:ends:…)` over each row cut in two at an arbitrary entry, first parts then
    /// second parts (as the row-tiled gather walks them), gives the bits of one pass over whole rows,
    /// and matches the dense `dgemm` product, for several class counts (the paired three-class path included).
    func test_multiplyAddOverStartsAndEnds_twoPartsEqualOnePass_andMatchDgemm() {
        for classes in [1, 3, 5] {
            for (rows, seed) in [(1, UInt64(7)), (2, 8), (37, 9), (64, 10)] {
                let x = randomSparse(rows: rows, columns: 29, density: 0.3, seed: seed + UInt64(classes))
                var g = SplitMix64(seed: seed)
                let b = (0..<(29 * classes)).map { _ in Double.random(in: -2...2, using: &g) }
                let cuts = (0..<rows).map { r in Int.random(in: x.rowOffsets[r]...x.rowOffsets[r + 1], using: &g) }
                let starts = Array(x.rowOffsets.dropLast()), ends = Array(x.rowOffsets.dropFirst())
                var whole = [Double](repeating: 0, count: rows * classes), parts = whole
                for range in [0..<rows, (rows / 2)..<rows] where !range.isEmpty {
                    whole = [Double](repeating: 0, count: rows * classes)
                    parts = whole
                    x.columnIndices.withUnsafeBufferPointer { i in x.values.withUnsafeBufferPointer { v in b.withUnsafeBufferPointer { bp in
                    x.rowOffsets.withUnsafeBufferPointer { o in
                        whole.withUnsafeMutableBufferPointer { op in
                            SparseKernels.multiplyAdd(rowOffsets: o, columnIndices: i, values: v, rows: range, dense: bp,
                                                      denseColumns: classes, out: op)
                        }
                    }
                    starts.withUnsafeBufferPointer { st in ends.withUnsafeBufferPointer { en in cuts.withUnsafeBufferPointer { cu in
                        parts.withUnsafeMutableBufferPointer { op in
                            SparseKernels.multiplyAdd(starts: st.baseAddress!, ends: cu.baseAddress!, columnIndices: i, values: v,
                                                      rows: range, dense: bp, denseColumns: classes, out: op)
                            SparseKernels.multiplyAdd(starts: cu.baseAddress!, ends: en.baseAddress!, columnIndices: i, values: v,
                                                      rows: range, dense: bp, denseColumns: classes, out: op)
                        }
                    }}}
                    }}}
                    XCTAssertEqual(parts.map(\.bitPattern), whole.map(\.bitPattern), "classes \(classes), rows \(rows), range \(range)")
                }
                let expected = denseProduct(dense(x), b, m: rows, k: 29, n: classes)
                let lastRange = (rows / 2)..<rows
                for (n, r) in lastRange.enumerated() {
                    for c in 0..<classes {
                        assertClose(parts[n * classes + c], expected[r * classes + c], relative: 1e-12, absolute: 1e-12, "classes \(classes)")
                    }
                }
            }
        }
    }

    /// The three-class path forms two rows side by side: the same bits as one row at a time
    /// (rows of unequal lengths, empty rows, odd and even ranges, a non-zero starting output).
    func test_multiplyAdd_threeClasses_pairedRowsGiveTheSameBitsAsOneRowAtATime() {
        for (rows, density, seed) in [(1, 0.3, UInt64(1)), (2, 0.5, 2), (37, 0.2, 3), (64, 0.05, 4), (101, 0.4, 5)] {
            let x = randomSparse(rows: rows, columns: 53, density: density, seed: seed)
            var g = SplitMix64(seed: seed + 100)
            let b = (0..<(53 * 3)).map { _ in Double.random(in: -3...3, using: &g) }
            let start = (0..<(rows * 3)).map { _ in Double.random(in: -1...1, using: &g) }
            for range in [0..<rows, (rows / 3)..<rows] {
                var paired = start, single = start
                x.rowOffsets.withUnsafeBufferPointer { o in x.columnIndices.withUnsafeBufferPointer { i in
                    x.values.withUnsafeBufferPointer { v in b.withUnsafeBufferPointer { bp in
                        paired.withUnsafeMutableBufferPointer { op in
                            SparseKernels.multiplyAdd(rowOffsets: o, columnIndices: i, values: v, rows: range, dense: bp,
                                                      denseColumns: 3, out: op)
                        }
                        single.withUnsafeMutableBufferPointer { op in
                            for (n, r) in range.enumerated() {
                                SparseKernels.multiplyAddRow(indices: i.baseAddress! + o[r], values: v.baseAddress! + o[r],
                                                             count: o[r + 1] - o[r], dense: bp.baseAddress!, denseColumns: 3,
                                                             out: op.baseAddress! + 3 * n)
                            }
                        }
                    }}}}
                XCTAssertEqual(paired.map(\.bitPattern), single.map(\.bitPattern), "rows \(rows), range \(range)")
            }
        }
    }

    func test_transposedMultiplyAdd_matchesDenseDgemmOfTranspose() {
        for classes in [2, 3, 4] {
            let x = randomSparse(rows: 41, columns: 17, density: 0.25, seed: 7 + UInt64(classes))
            var g = SplitMix64(seed: 5)
            let r = (0..<(41 * classes)).map { _ in Double.random(in: -1...1, using: &g) }
            let expected = denseProduct(dense(x), r, m: 17, k: 41, n: classes, transposeX: true)
            var out = [Double](repeating: 0, count: 17 * classes)
            x.rowOffsets.withUnsafeBufferPointer { o in x.columnIndices.withUnsafeBufferPointer { i in
                x.values.withUnsafeBufferPointer { v in r.withUnsafeBufferPointer { rp in out.withUnsafeMutableBufferPointer { op in
                    SparseKernels.transposedMultiplyAdd(rowOffsets: o, columnIndices: i, values: v, rows: 0..<30, residual: rp,
                                                        denseColumns: classes, out: op)
                    SparseKernels.transposedMultiplyAdd(rowOffsets: o, columnIndices: i, values: v, rows: 30..<41,
                                                        residual: UnsafeBufferPointer(rebasing: rp[(30 * classes)...]),
                                                        denseColumns: classes, out: op)
                }}}}}
            for (a, e) in zip(out, expected) { assertClose(a, e, relative: 1e-12, absolute: 1e-12, "classes \(classes)") }
        }
    }

    func test_softmax_isStableForHugeScores() {
        var z: [Double] = [1000, 1001, -1e6]
        z.withUnsafeMutableBufferPointer { SoftmaxKernels.softmax($0.baseAddress!, classes: 3) }
        assertClose(z[0], 1 / (1 + exp(1)), relative: 1e-12)
        assertClose(z[1], exp(1) / (1 + exp(1)), relative: 1e-12)
        XCTAssertEqual(z[2], 0)
        var w: [Double] = [-800, 800, 0]
        let loss = w.withUnsafeMutableBufferPointer {
            SoftmaxKernels.crossEntropyResidual($0.baseAddress!, classes: 3, label: 0, weight: 2)
        }
        assertClose(loss, 2 * 1600, relative: 1e-12)
        XCTAssertEqual(w[0], -2)
        assertClose(w[1], 2, relative: 1e-12)
    }
}
