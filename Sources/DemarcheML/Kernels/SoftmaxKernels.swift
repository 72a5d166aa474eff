import Foundation

/// Row-wise softmax over small dense score rows, in the stable log-sum-exp form.
///
/// `log Σ_k exp(z_k)` is computed as `m + log Σ_k exp(z_k − m)` with `m = max_k z_k`, so the largest
/// exponent is `exp(0) = 1`: nothing overflows, and at least one term keeps the sum ≥ 1 (no log 0).
enum SoftmaxKernels {
    /// Replaces `z[0..<k]` by `exp(z_c − m)` with `m = max_c z_c`, and returns `m` and the sum
    /// of the new values (≥ 1: the largest term is exp 0).
    /// - Complexity: O(k).
    @inline(__always)
    private static func exponentiateShifted(_ z: UnsafeMutablePointer<Double>, classes k: Int) -> (max: Double, sum: Double) {
        var m = z[0]
        for c in 1..<k where z[c] > m { m = z[c] }
        var sum = 0.0
        for c in 0..<k {
            let e = exp(z[c] - m)
            z[c] = e
            sum += e
        }
        return (m, sum)
    }

    /// Replaces the scores `z[0..<k]` by probabilities `exp(z_c − lse(z))`.
    /// - Complexity: O(k).
    @inline(__always)
    static func softmax(_ z: UnsafeMutablePointer<Double>, classes k: Int) {
        let (_, sum) = exponentiateShifted(z, classes: k)
        let inverse = 1 / sum
        for c in 0..<k { z[c] *= inverse }
    }

    /// Replaces the scores `z[0..<k]` of a row labelled `label` by the gradient of its weighted
    /// cross-entropy with respect to the scores, `weight · (p_c − [c = label])`, and returns the
    /// weighted cross-entropy `weight · (lse(z) − z_label)`.
    /// - Complexity: O(k).
    @inline(__always)
    static func crossEntropyResidual(_ z: UnsafeMutablePointer<Double>, classes k: Int, label: Int, weight: Double) -> Double {
        let labelScore = z[label]
        let (m, sum) = exponentiateShifted(z, classes: k)
        // sum ≥ 1 (the max term is exp 0), so the log is finite; lse ≥ z_label, so loss ≥ 0.
        let loss = (m - labelScore) + log(sum)
        let scale = weight / sum
        for c in 0..<k { z[c] *= scale }
        z[label] -= weight
        return weight * loss
    }
}
