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
/// each worker computes its rows' scores (sparse × dense kernel), turns them into residuals in place,
/// and scatters `Xᵀ·R` into its own gradient buffer (the transposed kernel); the buffers and partial
/// losses are then added in worker order, so results are deterministic for a given thread count.
final class SoftmaxCrossEntropy: DifferentiableObjective {
    let features: SparseMatrix
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

    let dimension: Int
    private let weightCount: Int
    /// `rows × classes` scores, then residuals.
    private var scores: [Double]
    /// Gradient buffers of workers 1…; worker 0 writes the output directly. Owned: freed in `deinit`.
    private let workerGradients: [UnsafeMutableBufferPointer<Double>]
    private var partialLosses: [Double]

    init(features: SparseMatrix, labels: [Int], sampleWeights: [Double], classCount: Int, c: Double,
         fitIntercept: Bool, threadCount: Int) {
        precondition(labels.count == features.rowCount && (sampleWeights.isEmpty || sampleWeights.count == labels.count))
        self.features = features
        self.labels = labels.map { Int32($0) }
        self.sampleWeights = sampleWeights
        self.classCount = classCount
        self.fitIntercept = fitIntercept
        l2Penalty = 1 / c
        scale = 1 / (sampleWeights.isEmpty ? Double(labels.count) : sampleWeights.reduce(0, +))
        weightCount = features.columnCount * classCount
        let dimension = weightCount + (fitIntercept ? classCount : 0)
        self.dimension = dimension
        // Few rows per worker do not pay for a gradient buffer each.
        workerCount = max(1, min(Parallel.workerCount(requested: threadCount), features.rowCount / 256))
        scores = [Double](repeating: 0, count: features.rowCount * classCount)
        workerGradients = (1..<max(workerCount, 1)).map { _ in
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: dimension)
            buffer.initialize(repeating: 0)
            return buffer
        }
        partialLosses = [Double](repeating: 0, count: workerCount)
    }

    deinit {
        for buffer in workerGradients { buffer.deallocate() }
    }

    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        precondition(x.count == dimension && gradient.count == dimension, "SoftmaxCrossEntropy: wrong parameter count")
        let k = classCount, rows = features.rowCount, workers = workerCount
        let weights = UnsafeBufferPointer(rebasing: x[0..<weightCount])
        let intercepts: UnsafeBufferPointer<Double>? = fitIntercept ? UnsafeBufferPointer(rebasing: x[weightCount...]) : nil
        let buffers = [gradient] + workerGradients
        features.rowOffsets.withUnsafeBufferPointer { offsets in
        features.columnIndices.withUnsafeBufferPointer { indices in
        features.values.withUnsafeBufferPointer { values in
        labels.withUnsafeBufferPointer { labels in
        sampleWeights.withUnsafeBufferPointer { sampleWeights in
        scores.withUnsafeMutableBufferPointer { scores in
        partialLosses.withUnsafeMutableBufferPointer { partialLosses in
            Parallel.forEachChunk(count: rows, chunkCount: workers) { w, range in
                let out = buffers[w]
                out.update(repeating: 0)
                let chunkScores = UnsafeMutableBufferPointer(rebasing: scores[(range.lowerBound * k)..<(range.upperBound * k)])
                if let b = intercepts {
                    for r in 0..<range.count { for c in 0..<k { chunkScores[r * k + c] = b[c] } }
                } else {
                    chunkScores.update(repeating: 0)
                }
                SparseKernels.multiplyAdd(rowOffsets: offsets, columnIndices: indices, values: values, rows: range,
                                          dense: weights, denseColumns: k, out: chunkScores)
                var loss = 0.0
                let z = chunkScores.baseAddress!
                for r in 0..<range.count {
                    let row = range.lowerBound + r
                    let s = sampleWeights.isEmpty ? 1 : sampleWeights[row]
                    loss += SoftmaxKernels.crossEntropyResidual(z + r * k, classes: k, label: Int(labels[row]), weight: s)
                }
                partialLosses[w] = loss
                SparseKernels.transposedMultiplyAdd(rowOffsets: offsets, columnIndices: indices, values: values, rows: range,
                                                    residual: UnsafeBufferPointer(chunkScores), denseColumns: k,
                                                    out: UnsafeMutableBufferPointer(rebasing: out[0..<weightCount]))
                if fitIntercept {
                    for r in 0..<range.count { for c in 0..<k { out[weightCount + c] += z[r * k + c] } }
                }
            }
        }}}}}}}
        // Reduce in worker order: deterministic for a fixed worker count.
        let g = gradient.baseAddress!
        for w in 1..<max(workers, 1) {
            BLAS.axpy(1, UnsafePointer(buffers[w].baseAddress!), g, count: dimension)
        }
        let loss = partialLosses.reduce(0, +)
        let w = x.baseAddress!
        let squaredNorm = BLAS.dot(w, w, count: weightCount)
        BLAS.axpy(l2Penalty, w, g, count: weightCount)
        BLAS.scale(scale, g, count: dimension)
        return scale * (loss + 0.5 * l2Penalty * squaredNorm)
    }
}
