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
    public func apply(_ p: StanceProbabilities) -> StanceProbabilities {
        if self == .identity { return p }
        let r = apply(row: [p.conciliatory, p.hostile, p.neutral])
        return StanceProbabilities(hostile: r[1], conciliatory: r[0], neutral: r[2])
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
