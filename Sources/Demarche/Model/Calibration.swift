import Foundation

/// Post-hoc calibration of the regression's probabilities: a temperature and one offset per
/// class, fitted on held-out folds (`StanceTrainer`), so that a probability of 0.7 means right
/// about 70% of the time.
///
/// `p'_j ∝ exp(log(p_j) / temperature + offset_j)`. The identity (temperature 1, offsets 0)
/// leaves probabilities as they are; models written before calibration existed load with it.
public struct Calibration: Sendable, Codable, Equatable {
    /// Divides the log-probabilities (> 0; above 1 softens, below 1 sharpens).
    public var temperature: Double
    /// Added to the scaled log-probabilities, in `StanceLabel.all` order (conciliatory, hostile, neutral).
    public var offsets: [Double]

    /// No change.
    public static let identity = Calibration(temperature: 1, offsets: [0, 0, 0])

    /// Creates a calibration.
    public init(temperature: Double, offsets: [Double]) {
        self.temperature = temperature
        self.offsets = offsets
    }

    /// Whether the values are usable: a finite positive temperature and three finite offsets.
    public var isValid: Bool {
        temperature.isFinite && temperature > 0 && offsets.count == 3 && offsets.allSatisfy(\.isFinite)
    }

    /// Calibrated probabilities.
    ///
    /// Called once per scored pair: the arithmetic of `apply(row:)`, operation for operation (so
    /// the same bits), on three scalars instead of three arrays per call.
    public func apply(_ p: StanceProbabilities) -> StanceProbabilities {
        guard offsets.count == 3 else {
            let r = apply(row: [p.conciliatory, p.hostile, p.neutral])
            return StanceProbabilities(hostile: r[1], conciliatory: r[0], neutral: r[2])
        }
        let o0 = offsets[0], o1 = offsets[1], o2 = offsets[2]
        if temperature == 1 && o0 == 0 && o1 == 0 && o2 == 0 { return p }  // `self == .identity`
        var z0 = log(max(p.conciliatory, 1e-300)) / temperature + o0
        var z1 = log(max(p.hostile, 1e-300)) / temperature + o1
        var z2 = log(max(p.neutral, 1e-300)) / temperature + o2
        var m = z0  // `Sequence.max()`: a later element replaces the maximum only when greater
        if m < z1 { m = z1 }
        if m < z2 { m = z2 }
        var total = 0.0
        z0 = exp(z0 - m); total += z0
        z1 = exp(z1 - m); total += z1
        z2 = exp(z2 - m); total += z2
        return StanceProbabilities(hostile: z1 / total, conciliatory: z0 / total, neutral: z2 / total)
    }

    /// Calibrated probabilities of one row in `StanceLabel.all` order.
    func apply(row: [Double]) -> [Double] {
        var z = [Double](repeating: 0, count: row.count)
        for j in row.indices { z[j] = log(max(row[j], 1e-300)) / temperature + offsets[j] }
        let m = z.max() ?? 0
        var total = 0.0
        for j in z.indices { z[j] = exp(z[j] - m); total += z[j] }
        return z.map { $0 / total }
    }

    /// Fits the temperature and offsets by minimising the mean negative log-likelihood of
    /// held-out probabilities (rows of 3 in `StanceLabel.all` order) and their true classes.
    ///
    /// Four parameters, a smooth convex-in-offsets objective: Newton-free gradient descent with
    /// backtracking converges in a few hundred cheap steps. Deterministic.
    /// - Parameter weights: per-row weights (e.g. class-balancing), or nil for equal weights.
    public static func fit(probabilities: [Double], labels: [Int], weights: [Double]? = nil) -> Calibration {
        let n = labels.count
        precondition(probabilities.count == 3 * n, "three probabilities per labeled row")
        guard n > 0 else { return .identity }
        let logs = probabilities.map { log(max($0, 1e-300)) }
        let w = weights ?? [Double](repeating: 1, count: n)
        let wsum = w.reduce(0, +)
        // Parameters: u = log(temperature), b0, b1, b2 (b2 fixed at 0: offsets are defined up to a constant).
        func loss(_ u: Double, _ b: [Double]) -> (Double, [Double]) {
            let inv = exp(-u)
            var value = 0.0
            var g = [0.0, 0.0, 0.0, 0.0]
            for i in 0..<n {
                var z = [0.0, 0.0, 0.0]
                for j in 0..<3 { z[j] = logs[3 * i + j] * inv + b[j] }
                let m = max(z[0], z[1], z[2])
                let e = z.map { exp($0 - m) }
                let s = e[0] + e[1] + e[2]
                let y = labels[i]
                value += w[i] * (m + log(s) - z[y])
                for j in 0..<3 {
                    let q = e[j] / s - (j == y ? 1 : 0)
                    // dz_j/du = -logs * inv
                    g[0] += w[i] * q * (-logs[3 * i + j] * inv)
                    g[1 + j] += w[i] * q
                }
            }
            return (value / wsum, g.map { $0 / wsum })
        }
        var u = 0.0, b = [0.0, 0.0, 0.0]
        var (f, g) = loss(u, b)
        var step = 1.0
        for _ in 0..<500 {
            let norm = sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2])
            if norm < 1e-7 { break }
            var accepted = false
            while step > 1e-10 {
                let u2 = u - step * g[0]
                let b2 = [b[0] - step * g[1], b[1] - step * g[2], 0]
                let (f2, g2) = loss(u2, b2)
                if f2 <= f - 1e-4 * step * (g[0] * g[0] + g[1] * g[1] + g[2] * g[2]) {
                    u = u2; b = b2; f = f2; g = g2; accepted = true
                    step *= 2
                    break
                }
                step /= 2
            }
            if !accepted { break }
        }
        return Calibration(temperature: exp(u), offsets: b)
    }
}
