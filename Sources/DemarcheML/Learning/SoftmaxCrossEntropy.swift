import Foundation

/// The L2-regularised, sample-weighted multinomial cross-entropy of a linear softmax model, scaled
/// as scikit-learn's `lbfgs` solver scales it:
///
/// `F(W, b) = [Σ_i s_i · (lse(z_i) − z_i,y_i) + ‖W‖² / (2C)] / Σ_i s_i`, with scores `z_i = x_i·W + b`.
///
/// Gradient: `∇_W F = [Xᵀ·R + W / C] / Σ s`, `∇_b F = [Σ_i R_i] / Σ s`, with residuals
/// `R_i,c = s_i · (p_i,c − [c = y_i])`.
///
/// Parameters are `[W | b]`: `W` feature-major (`featureCount × classCount`), then `classCount`
/// intercepts when `fitIntercept`. Evaluation is parallel over fixed row ranges, one per worker:
/// each worker computes its rows' scores (sparse × dense kernel) and turns them into residuals in
/// place; partial losses are added in worker order. `Xᵀ·R` is then formed one of two ways, both
/// deterministic for a given thread count:
///
/// - `.rowScatter` (small `featureCount · classCount`): each worker scatters its rows' `Xᵀ·R` into its
///   own gradient buffer with the transposed kernel; the buffers are added in worker order.
/// - `.columnGather` (large vocabularies): with `Xᵀ` stored once in CSR form, each output row
///   `G[j, :] = Σ_i X[i, j]·R[i, :]` is gathered by the sparse × dense kernel over `Xᵀ`, in parallel
///   over fixed blocks of features. No per-worker buffers, no reduction pass, and sequential writes:
///   with hundreds of thousands of features, the scattered read-modify-writes of `.rowScatter` into
///   several megabytes of gradient were the measured bottleneck (cache misses), and zeroing and
///   adding one buffer per worker cost a pass over the whole gradient each. The result does not
///   even depend on the thread count.
///
/// Scores `X·W` are formed over *column tiles* of `X` when the vocabulary is large: the entries of
/// each row are regrouped (tile-major) by column ranges whose weights fit in a core's cache
/// (16k columns, then doubling ranges for the rarer columns, which come last in the frequency
/// order `fit` uses). Each worker walks its rows once per tile, so almost every read of `W` hits
/// cache; with 300k+ features the untiled pass missed cache on most entries and cost three times
/// the gradient. Each row's entries are added tile after tile, in their order within the row inside
/// a tile: with renumbered columns (`newColumn`) that order is not the renumbered column order, so the
/// tile bounds are part of the result's bits (changing them changes the model's last bits).
///
/// `Xᵀ·R` is gathered over *row tiles* for the frequent columns (`rowTiles(of:tileRows:threadCount:)`):
/// each block of features walks its cut columns one tile of 16,384 rows at a time, so that tile's
/// residuals (384 KB) stay in cache while every column of the block reads them. At 1M benchmark rows
/// the residuals are 24 MB and the untiled gather missed cache on most entries (58% of the fit's
/// samples). A column's entries are still added in increasing row order into its gradient row, so
/// the gradient is bit-for-bit that of one pass per column.
final class SoftmaxCrossEntropy: DifferentiableObjective {
    let rowCount: Int
    /// Column boundaries of the tiles: tile `t` holds the columns `tileBounds[t]..<tileBounds[t+1]`.
    let tileBounds: [Int]
    /// Row `r`'s entries of tile `t` are `tileIndices/tileValues[tileOffsets[t·(rows+1) + r] ..< tileOffsets[t·(rows+1) + r + 1]]`.
    private let tileOffsets: [Int]
    private let tileIndices: [Int32]
    private let tileValues: [Float]
    let labels: [Int32]
    /// Per-row weights, or empty when all are 1.
    let sampleWeights: [Double]
    let classCount: Int
    let fitIntercept: Bool
    /// `1 / C`.
    let l2Penalty: Double
    /// `1 / Σ s_i`.
    let scale: Double
    let workerCount: Int

    /// How `Xᵀ·R` is computed (see the type's documentation).
    enum GradientStrategy { case rowScatter, columnGather }
    let strategy: GradientStrategy
    /// `Xᵀ` in CSR form, for `.columnGather`.
    private let transposedFeatures: SparseMatrix?
    /// Feature blocks of about equal entry counts, for `.columnGather`.
    private let featureBlocks: [Range<Int>]
    /// `.columnGather` over *row tiles* (see `gatherGradient`): the first `rowTiledColumns` columns of
    /// `Xᵀ` (the most frequent) have their entries cut at every `rowTileSize` rows: column `j`'s entries
    /// of row tile `t` are `rowTileStarts[t·rowTiledColumns + j] ..< rowTileStarts[(t+1)·rowTiledColumns + j]`.
    let rowTileSize: Int
    let rowTiledColumns: Int
    private let rowTileStarts: [Int]

    let dimension: Int
    private let weightCount: Int
    /// Level-1 BLAS over the weights, block by block on every core.
    private let weightVectors: BlockedVectors
    /// `rows × classes` scores, then residuals.
    private var scores: [Double]
    /// Gradient buffers of workers 1…; worker 0 writes the output directly. Owned: freed in `deinit`.
    private let workerGradients: [UnsafeMutableBufferPointer<Double>]
    private var partialLosses: [Double]

    /// - Parameter newColumn: when given, the objective is over `features` with column `j` moved to
    ///   `newColumn[j]` (a permutation), without a permuted copy of `features`.
    convenience init(features: SparseMatrix, newColumn: [Int32]? = nil, labels: [Int], sampleWeights: [Double], classCount: Int, c: Double,
                     fitIntercept: Bool, threadCount: Int, strategy: GradientStrategy? = nil, rowTileRows: Int? = nil) {
        var copy = features
        self.init(taking: &copy, newColumn: newColumn, labels: labels, sampleWeights: sampleWeights, classCount: classCount, c: c,
                  fitIntercept: fitIntercept, threadCount: threadCount, strategy: strategy, rowTileRows: rowTileRows)
    }

    /// As `init(features:…)`, but `features` is replaced by an empty matrix once its entries are laid
    /// out: with `.columnGather`, `Xᵀ` is then built from the tiles, so a caller that hands over its
    /// only copy never holds the entries three times (matrix, tiles, transpose) — at 1M benchmark
    /// rows that was the training run's peak memory.
    init(taking features: inout SparseMatrix, newColumn: [Int32]? = nil, labels: [Int], sampleWeights: [Double], classCount: Int,
         c: Double, fitIntercept: Bool, threadCount: Int, strategy: GradientStrategy? = nil, rowTileRows: Int? = nil) {
        precondition(labels.count == features.rowCount && (sampleWeights.isEmpty || sampleWeights.count == labels.count))
        rowCount = features.rowCount
        self.labels = labels.map { Int32($0) }
        self.sampleWeights = sampleWeights
        self.classCount = classCount
        self.fitIntercept = fitIntercept
        l2Penalty = 1 / c
        scale = 1 / (sampleWeights.isEmpty ? Double(labels.count) : sampleWeights.reduce(0, +))
        weightCount = features.columnCount * classCount
        weightVectors = BlockedVectors(count: weightCount, threadCount: threadCount)
        let dimension = weightCount + (fitIntercept ? classCount : 0)
        self.dimension = dimension
        // Few rows per worker do not pay for a gradient buffer each.
        let workers = max(1, min(Parallel.workerCount(requested: threadCount), features.rowCount / 256))
        workerCount = workers
        scores = [Double](repeating: 0, count: features.rowCount * classCount)
        // Per-worker buffers pay off only while they are small next to the data (and stay in cache).
        let chosen = strategy ?? (features.columnCount * classCount * workers <= max(features.nonzeroCount / 8, 65_536)
            ? .rowScatter : .columnGather)
        self.strategy = chosen
        if chosen == .columnGather {
            var bounds = [0], width = 16_384
            while bounds.last! < features.columnCount {
                bounds.append(min(bounds.last! + width, features.columnCount))
                if bounds.count > 2 { width *= 2 }
            }
            tileBounds = bounds
            let tiled = Self.tiles(of: features, newColumn: newColumn, bounds: bounds, threadCount: threadCount)
            (tileOffsets, tileIndices, tileValues) = tiled
            let (rows, columns) = (features.rowCount, features.columnCount)
            features = SparseMatrix(unchecked: 0, columnCount: 0, rowOffsets: [0], columnIndices: [], values: [])  // release the entries
            // The same transpose as `features.transposed(newColumn:)`: every column lies in one tile,
            // whose rows are visited in increasing order.
            let transposed = Self.transposedTiles(offsets: tiled.offsets, indices: tiled.indices, values: tiled.values,
                                                  rows: rows, columns: columns, tileCount: bounds.count - 1,
                                                  threadCount: threadCount)
            transposedFeatures = transposed
            featureBlocks = Self.blocks(of: transposed, count: 8 * workers)
            // By default only when the residuals (`rows × k` doubles) outgrow half the last-level
            // cache: below that the tiles' extra passes over the cuts and gradient rows cost more
            // than the misses they save (`demarche benchmark-kernels --gather-rows N`: 0.91–0.97× at
            // 100k–500k synthetic rows, 1.0–1.7× at 1M depending on the other load).
            let tileRows = rowTileRows ?? (rows * classCount >= Self.rowTilingMinimumResiduals && Self.rowTilingEnabled
                ? Self.defaultRowTileRows : Int.max / 2)
            (rowTiledColumns, rowTileStarts) = Self.rowTiles(of: transposed, tileRows: tileRows, threadCount: threadCount)
            rowTileSize = tileRows
        } else {
            tileBounds = [0, features.columnCount]
            let permuted = newColumn.map { features.permutingColumns($0) } ?? features
            (tileOffsets, tileIndices, tileValues) = (permuted.rowOffsets, permuted.columnIndices, permuted.values)
            transposedFeatures = nil
            featureBlocks = []
            (rowTileSize, rowTiledColumns, rowTileStarts) = (0, 0, [])
        }
        workerGradients = (chosen == .columnGather ? 1..<1 : 1..<max(workers, 1)).map { _ in
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: dimension)
            buffer.initialize(repeating: 0)
            return buffer
        }
        partialLosses = [Double](repeating: 0, count: workers)
    }

    /// `m`'s entries (columns renumbered by `newColumn` when given) regrouped tile-major by the column
    /// ranges `bounds` (see the type's documentation); a row's entries keep their order within a tile.
    /// Counting and copying run in parallel over rows (each row's counts and destinations are its own).
    static func tiles(of m: SparseMatrix, newColumn: [Int32]?, bounds: [Int],
                              threadCount: Int) -> (offsets: [Int], indices: [Int32], values: [Float]) {
        let rows = m.rowCount, tileCount = bounds.count - 1, stride = rows + 1
        var offsets = [Int](repeating: 0, count: tileCount * stride)
        var indices = [Int32](repeating: 0, count: m.nonzeroCount)
        var values = [Float](repeating: 0, count: m.nonzeroCount)
        let identity = newColumn == nil
        (newColumn ?? []).withUnsafeBufferPointer { map in
        m.rowOffsets.withUnsafeBufferPointer { ro in
        m.columnIndices.withUnsafeBufferPointer { ci in
        m.values.withUnsafeBufferPointer { cv in
        offsets.withUnsafeMutableBufferPointer { off in
        indices.withUnsafeMutableBufferPointer { ti in
        values.withUnsafeMutableBufferPointer { tv in
            // Count each (tile, row), then prefix-sum tile-major, then copy each row's runs in order.
            func column(_ e: Int) -> Int32 { identity ? ci[e] : map[Int(ci[e])] }
            func tile(of column: Int32) -> Int {
                var t = 0
                while Int(column) >= bounds[t + 1] { t += 1 }
                return t
            }
            let workers = Parallel.workerCount(requested: threadCount)
            Parallel.forEachChunk(count: rows, chunkCount: m.nonzeroCount >= 1 << 16 ? workers : 1) { _, range in
                // Every index below is at most `tileCount · (rows + 1)`, the size of `off`: wrap-add.
                for r in range {
                    for e in ro[r]..<ro[r &+ 1] { off[tile(of: column(e)) &* stride &+ r &+ 1] &+= 1 }
                }
            }
            var total = 0
            for t in 0..<tileCount {
                off[t * stride] = total
                for r in 0..<rows {
                    total += off[t * stride + r + 1]
                    off[t * stride + r + 1] = total
                }
            }
            Parallel.forEachChunk(count: rows, chunkCount: m.nonzeroCount >= 1 << 16 ? workers : 1) { _, range in
                var next = [Int](repeating: 0, count: tileCount)
                for r in range {
                    for t in 0..<tileCount { next[t] = off[t * stride + r] }
                    for e in ro[r]..<ro[r + 1] {
                        let j = column(e), t = tile(of: j)
                        ti[next[t]] = j
                        tv[next[t]] = cv[e]
                        next[t] += 1
                    }
                }
            }
        }}}}}}}
        return (offsets, indices, values)
    }

    /// `Xᵀ` in CSR form from the tile-major layout of `tiles(of:newColumn:bounds:threadCount:)` (columns
    /// already renumbered): a counting sort in parallel over fixed row ranges, as
    /// `SparseMatrix.transposed(newColumn:threadCount:)` does. Each column lies in exactly one tile, so
    /// its entries come in increasing row order whatever the number of workers: the result equals
    /// `features.transposed(newColumn:)` entry for entry.
    /// - Complexity: O(rows · tiles + columns · workers + entries).
    static func transposedTiles(offsets: [Int], indices: [Int32], values: [Float], rows: Int, columns: Int, tileCount: Int,
                                threadCount: Int) -> SparseMatrix {
        precondition(rows <= Int(Int32.max), "too many rows to transpose into Int32 column indices")
        let entries = values.count, stride = rows + 1
        let workers = max(1, min(Parallel.workerCount(requested: threadCount), entries / max(4 * columns, 65_536)))
        var columnOffsets = [Int](repeating: 0, count: columns + 1)
        var rowsOf = [Int32](repeating: 0, count: entries)
        var transposedValues = [Float](repeating: 0, count: entries)
        var next = [Int](repeating: 0, count: workers * columns)
        offsets.withUnsafeBufferPointer { to in
        indices.withUnsafeBufferPointer { ti in
        values.withUnsafeBufferPointer { tv in
        columnOffsets.withUnsafeMutableBufferPointer { off in
        rowsOf.withUnsafeMutableBufferPointer { ro in
        transposedValues.withUnsafeMutableBufferPointer { rv in
        next.withUnsafeMutableBufferPointer { next in
            let (ro, rv, next) = (ro, rv, next)
            Parallel.forEachChunk(count: rows, chunkCount: workers) { w, range in
                let counts = next.baseAddress! + w * columns
                for t in 0..<tileCount {
                    let base = t * stride
                    for e in to[base + range.lowerBound]..<to[base + range.upperBound] { counts[Int(ti[e])] += 1 }
                }
            }
            SparseMatrix.startPositions(counts: next, offsets: off, columns: columns, workers: workers)
            Parallel.forEachChunk(count: rows, chunkCount: workers) { w, range in
                let position = next.baseAddress! + w * columns
                for t in 0..<tileCount {
                    let base = t * stride
                    for i in range {
                        for e in to[base + i]..<to[base + i + 1] {
                            let j = Int(ti[e])
                            ro[position[j]] = Int32(i)
                            rv[position[j]] = tv[e]
                            position[j] += 1
                        }
                    }
                }
            }
        }}}}}}}
        return SparseMatrix(unchecked: columns, columnCount: rows, rowOffsets: columnOffsets,
                            columnIndices: rowsOf, values: transposedValues)
    }

    /// Rows per row tile of the gradient gather: 16,384 rows of three double residuals are 384 KB,
    /// which stay in a core's L2 cache (1 MB here) next to the gradient rows being written.
    static let defaultRowTileRows = 16_384
    /// Residual values (`rows × classes`) from which the gather is row-tiled by default: 16 MB of doubles.
    static let rowTilingMinimumResiduals = 2 << 20
    /// `DEMARCHE_ROW_TILES=0` turns the default row tiling off (to measure it; the results are the same bits).
    static let rowTilingEnabled = ProcessInfo.processInfo.environment["DEMARCHE_ROW_TILES"] != "0"

    /// The row-tile cuts of `transposed` (`Xᵀ`, columns by decreasing entry count) for `gatherGradient`:
    /// the leading columns with at least 8 entries per row tile on average are cut, each at the first
    /// entry of every row tile (a binary search in its increasing row indices). Nothing is cut when
    /// the rows fit in one tile.
    /// - Returns: how many leading columns are cut, and their cuts (`(tiles + 1) · columns` positions, tile-major).
    /// - Complexity: O(columns cut · tiles · log(entries per column)).
    static func rowTiles(of transposed: SparseMatrix, tileRows: Int, threadCount: Int) -> (columns: Int, starts: [Int]) {
        precondition(tileRows > 0)
        let rows = transposed.columnCount, tiles = (rows + tileRows - 1) / tileRows
        guard tiles >= 2 else { return (0, []) }
        let offsets = transposed.rowOffsets, minimum = 8 * tiles
        var cut = 0
        while cut < transposed.rowCount && offsets[cut + 1] - offsets[cut] >= minimum { cut += 1 }
        guard cut > 0 else { return (0, []) }
        var starts = [Int](repeating: 0, count: (tiles + 1) * cut)
        offsets.withUnsafeBufferPointer { offsets in
        transposed.columnIndices.withUnsafeBufferPointer { rowsOf in
        starts.withUnsafeMutableBufferPointer { starts in
            let starts = starts
            Parallel.forEachChunk(count: cut, chunkCount: cut >= 4096 ? Parallel.workerCount(requested: threadCount) : 1) { _, columns in
                for j in columns {
                    var low = offsets[j]
                    starts[j] = low
                    for t in 1..<tiles {
                        // The first entry of column `j` at or after row `t · tileRows`.
                        let bound = Int32(t * tileRows)
                        var high = offsets[j + 1]
                        while low < high {
                            let mid = (low + high) / 2
                            if rowsOf[mid] < bound { low = mid + 1 } else { high = mid }
                        }
                        starts[t * cut + j] = low
                    }
                    starts[tiles * cut + j] = offsets[j + 1]
                }
            }
        }}}
        return (cut, starts)
    }

    /// Cuts the rows of `m` into at most `count` contiguous blocks of about equal entry counts
    /// (boundaries depend only on `m` and `count`).
    private static func blocks(of m: SparseMatrix, count: Int) -> [Range<Int>] {
        let total = m.nonzeroCount, rows = m.rowCount
        var result = [Range<Int>](), start = 0
        for b in 1...max(count, 1) {
            let target = total * b / max(count, 1)
            var end = start
            while end < rows && (m.rowOffsets[end + 1] <= target || b == count) { end += 1 }
            if end > start { result.append(start..<end) }
            start = end
        }
        if start < rows { result.append(start..<rows) }
        return result
    }

    deinit {
        for buffer in workerGradients { buffer.deallocate() }
    }

    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        precondition(x.count == dimension && gradient.count == dimension, "SoftmaxCrossEntropy: wrong parameter count")
        let k = classCount, rows = rowCount, workers = workerCount, tileCount = tileBounds.count - 1
        let weights = UnsafeBufferPointer(rebasing: x[0..<weightCount])
        let intercepts: UnsafeBufferPointer<Double>? = fitIntercept ? UnsafeBufferPointer(rebasing: x[weightCount...]) : nil
        let buffers = [gradient] + workerGradients
        let scatter = strategy == .rowScatter
        tileOffsets.withUnsafeBufferPointer { allOffsets in
        tileIndices.withUnsafeBufferPointer { indices in
        tileValues.withUnsafeBufferPointer { values in
        labels.withUnsafeBufferPointer { labels in
        sampleWeights.withUnsafeBufferPointer { sampleWeights in
        scores.withUnsafeMutableBufferPointer { scores in
        partialLosses.withUnsafeMutableBufferPointer { partialLosses in
            Parallel.forEachChunk(count: rows, chunkCount: workers) { w, range in
                let out = scatter ? buffers[w] : buffers[0]  // written only when scattering
                if scatter { out.update(repeating: 0) }
                let chunkScores = UnsafeMutableBufferPointer(rebasing: scores[(range.lowerBound * k)..<(range.upperBound * k)])
                if let b = intercepts {
                    var z = chunkScores.baseAddress!  // `range.count × k` values
                    for _ in 0..<range.count {
                        for c in 0..<k { z[c] = b[c] }
                        z += k
                    }
                } else {
                    chunkScores.update(repeating: 0)
                }
                for t in 0..<tileCount {
                    let offsets = UnsafeBufferPointer(rebasing: allOffsets[(t * (rows + 1))..<((t + 1) * (rows + 1))])
                    SparseKernels.multiplyAdd(rowOffsets: offsets, columnIndices: indices, values: values, rows: range,
                                              dense: weights, denseColumns: k, out: chunkScores)
                }
                var loss = 0.0
                let z = chunkScores.baseAddress!
                for r in 0..<range.count {
                    let row = range.lowerBound &+ r  // within `0..<rows`, as is `r · k` within the chunk's scores
                    let s = sampleWeights.isEmpty ? 1 : sampleWeights[row]
                    loss += SoftmaxKernels.crossEntropyResidual(z + r &* k, classes: k, label: Int(labels[row]), weight: s)
                }
                partialLosses[w] = loss
                guard scatter else { return }
                SparseKernels.transposedMultiplyAdd(rowOffsets: allOffsets, columnIndices: indices, values: values, rows: range,
                                                    residual: UnsafeBufferPointer(chunkScores), denseColumns: k,
                                                    out: UnsafeMutableBufferPointer(rebasing: out[0..<weightCount]))
                if fitIntercept && scatter {
                    let b = out.baseAddress! + weightCount
                    for r in 0..<range.count { for c in 0..<k { b[c] += z[r &* k &+ c] } }
                }
            }
            if !scatter { gatherGradient(residuals: UnsafeBufferPointer(scores), rowRanges: rows, into: gradient) }
        }}}}}}}
        // Reduce in worker order: deterministic for a fixed worker count.
        let g = gradient.baseAddress!
        for w in 1..<buffers.count {
            BLAS.axpy(1, UnsafePointer(buffers[w].baseAddress!), g, count: dimension)
        }
        let loss = partialLosses.reduce(0, +)
        let w = x.baseAddress!
        let squaredNorm = weightVectors.penalize(l2Penalty, w, g, beta: scale)
        BLAS.scale(scale, g + weightCount, count: dimension - weightCount)
        return scale * (loss + 0.5 * l2Penalty * squaredNorm)
    }

    /// The Hessian's diagonal at `W = 0` (every class probability `1/k`):
    /// `[κ·Σ_i s_i·x_ij² + 1/C] / Σ s` for each weight of feature `j`, `κ` for each intercept, with
    /// `κ = (1/k)(1 − 1/k)`. The softmax curvature `p(1 − p)` stays within a small factor of `κ` for most
    /// rows while training, but `Σ_i s_i·x_ij²` spans orders of magnitude between frequent and rare
    /// features; scaling L-BFGS's initial inverse Hessian by it removes most of that spread.
    /// - Complexity: O(entries + dimension).
    func hessianDiagonalEstimate() -> [Double]? {
        let k = classCount, rows = rowCount, tileCount = tileBounds.count - 1
        let kappa = (1 / Double(k)) * (1 - 1 / Double(k))
        var columnSums = [Double](repeating: 0, count: weightCount / max(k, 1))
        if let t = transposedFeatures {
            // Each column's entries in increasing row order, as the tiles visit them: the same sums,
            // computed in parallel over the feature blocks.
            t.rowOffsets.withUnsafeBufferPointer { offsets in
            t.columnIndices.withUnsafeBufferPointer { rowsOf in
            t.values.withUnsafeBufferPointer { values in
            sampleWeights.withUnsafeBufferPointer { weights in
            columnSums.withUnsafeMutableBufferPointer { sums in
                Parallel.forEachChunk(count: featureBlocks.count, chunkCount: workerCount) { _, blockRange in
                    for block in blockRange {
                        for j in featureBlocks[block] {
                            var sum = 0.0
                            for e in offsets[j]..<offsets[j + 1] {
                                let s = weights.isEmpty ? 1 : weights[Int(rowsOf[e])]
                                let v = Double(values[e])
                                sum += s * v * v
                            }
                            sums[j] = sum
                        }
                    }
                }
            }}}}}
        } else {
            tileOffsets.withUnsafeBufferPointer { offsets in
            tileValues.withUnsafeBufferPointer { values in
            tileIndices.withUnsafeBufferPointer { indices in
            columnSums.withUnsafeMutableBufferPointer { sums in
                for tile in 0..<tileCount {
                    let base = tile * (rows + 1)
                    for r in 0..<rows {
                        let s = sampleWeights.isEmpty ? 1 : sampleWeights[r]
                        for e in offsets[base + r]..<offsets[base + r + 1] {
                            let v = Double(values[e])
                            sums[Int(indices[e])] += s * v * v
                        }
                    }
                }
            }}}}
        }
        var diagonal = [Double](repeating: kappa, count: dimension)
        for j in 0..<columnSums.count {
            let value = scale * (kappa * columnSums[j] + l2Penalty)
            for c in 0..<k { diagonal[j * k + c] = value }
        }
        return diagonal
    }

    /// `.columnGather`: `G = Xᵀ·R` by feature blocks in parallel, then the intercept gradient `Σ_i R_i`
    /// summed over rows in order.
    private func gatherGradient(residuals: UnsafeBufferPointer<Double>, rowRanges rows: Int,
                                into gradient: UnsafeMutableBufferPointer<Double>) {
        let k = classCount, t = transposedFeatures!
        let weightGradient = UnsafeMutableBufferPointer(rebasing: gradient[0..<weightCount])
        t.rowOffsets.withUnsafeBufferPointer { offsets in
        t.columnIndices.withUnsafeBufferPointer { indices in
        t.values.withUnsafeBufferPointer { values in
        rowTileStarts.withUnsafeBufferPointer { cuts in
            let cut = rowTiledColumns, tiles = cut > 0 ? cuts.count / cut - 1 : 0
            // One job per block, handed to whichever worker is free (`concurrentPerform`): with row
            // tiles the frequent (cut) columns cost less per entry than the rare ones, so fixed halves
            // of the blocks left one core idle. Each block writes only its own gradient rows: the
            // result does not depend on which worker runs it.
            Parallel.forEachChunk(count: featureBlocks.count, chunkCount: workerCount > 1 ? featureBlocks.count : 1) { _, blockRange in
                for block in blockRange {
                    let features = featureBlocks[block]
                    // Each block zeroes its own gradient rows (the blocks cover every feature).
                    UnsafeMutableBufferPointer(rebasing: weightGradient[(features.lowerBound * k)..<(features.upperBound * k)])
                        .update(repeating: 0)
                    // The cut columns of the block row tile by row tile: each tile's residuals stay
                    // in cache while every column of the block reads them. A column's entries are
                    // still added in increasing row order into its gradient row, so the sums are bit
                    // for bit those of one pass.
                    let tiled = features.clamped(to: 0..<cut)
                    if !tiled.isEmpty {
                        let out = UnsafeMutableBufferPointer(rebasing: weightGradient[(tiled.lowerBound * k)...])
                        for t in 0..<tiles {
                            SparseKernels.multiplyAdd(starts: cuts.baseAddress! + t * cut, ends: cuts.baseAddress! + (t + 1) * cut,
                                                      columnIndices: indices, values: values, rows: tiled,
                                                      dense: residuals, denseColumns: k, out: out)
                        }
                    }
                    if features.upperBound > cut {
                        let rest = max(features.lowerBound, cut)..<features.upperBound
                        SparseKernels.multiplyAdd(rowOffsets: offsets, columnIndices: indices, values: values, rows: rest,
                                                  dense: residuals, denseColumns: k,
                                                  out: UnsafeMutableBufferPointer(rebasing: weightGradient[(rest.lowerBound * k)...]))
                    }
                }
            }
        }
        }}}
        if fitIntercept {
            // `residuals` holds `rows × k` values and `gradient` `weightCount + k` (checked at the
            // entry of `valueAndGradient`): the indices below stay in range, so they wrap-add.
            let b = gradient.baseAddress! + weightCount
            var z = residuals.baseAddress!
            for c in 0..<k { b[c] = 0 }
            for _ in 0..<rows {
                for c in 0..<k { b[c] += z[c] }
                z += k
            }
        }
    }
}
