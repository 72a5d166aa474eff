import Foundation
import DemarcheML
import DemarcheText

/// Who holds an attitude: a party (rolled up) or none, with the model's probability.
public struct SourceAttribution: Sendable, Equatable, Codable {
    /// The party's gazetteer id, or nil for none (not a party: the writer, analysts, …).
    public let partyID: String?
    /// Its canonical name, or nil for none.
    public let name: String?
    /// The probability the source model gives this answer.
    public let probability: Double

    /// Creates an attribution.
    public init(partyID: String?, name: String?, probability: Double) {
        self.partyID = partyID; self.name = name; self.probability = probability
    }

    enum CodingKeys: String, CodingKey { case partyID, name, probability }

    /// Encodes `partyID` and `name` as `null` for none (not left out).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(partyID, forKey: .partyID)
        try c.encode(probability, forKey: .probability)
    }
}

/// A conditional logit over a pair's source candidates (``SourceFeatures``): each candidate
/// scores `Σ weights[feature]`, and a softmax over the candidates (none included) gives their
/// probabilities. Fitted by L-BFGS on L2-penalised log-likelihood; deterministic.
public struct SourceModel: Sendable, Equatable, Codable {
    /// Feature names, sorted.
    public let featureNames: [String]
    /// One weight per feature.
    public let weights: [Double]
    /// Index of each feature.
    private let index: [String: Int]

    enum CodingKeys: String, CodingKey { case featureNames, weights }

    /// Creates a model from its weights.
    /// - Throws: `StanceError.unusableData` when the counts differ or a weight is not finite.
    public init(featureNames: [String], weights: [Double]) throws {
        guard featureNames.count == weights.count, weights.allSatisfy(\.isFinite),
              Set(featureNames).count == featureNames.count else {
            throw StanceError.unusableData(message: "source model: \(featureNames.count) distinct feature names and \(weights.count) finite weights expected to match")
        }
        self.featureNames = featureNames; self.weights = weights
        index = Dictionary(uniqueKeysWithValues: featureNames.enumerated().map { ($1, $0) })
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(featureNames: c.decode([String].self, forKey: .featureNames),
                      weights: c.decode([Double].self, forKey: .weights))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(featureNames, forKey: .featureNames)
        try c.encode(weights, forKey: .weights)
    }

    public static func == (a: SourceModel, b: SourceModel) -> Bool {
        a.featureNames == b.featureNames && a.weights == b.weights
    }

    /// The probability of each candidate, in the candidates' order (they sum to 1).
    public func probabilities(_ candidates: [SourceCandidate]) -> [Double] {
        let scores = candidates.map { c in c.features.reduce(0.0) { $0 + (index[$1].map { weights[$0] } ?? 0) } }
        guard let top = scores.max() else { return [] }
        let e = scores.map { exp($0 - top) }
        let z = e.reduce(0, +)
        return e.map { $0 / z }
    }

    /// The most probable candidate and its probability.
    public func best(_ candidates: [SourceCandidate]) -> (candidate: SourceCandidate, probability: Double)? {
        let p = probabilities(candidates)
        guard let i = p.indices.max(by: { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) }) else { return nil }
        return (candidates[i], p[i])
    }

    /// Fits the model.
    /// - Parameters:
    ///   - examples: each pair's candidates and the index of the right one.
    ///   - l2: the penalty on the squared weights.
    ///   - minimumCount: features seen in fewer candidates are dropped.
    public static func fit(examples: [(candidates: [SourceCandidate], answer: Int)], l2: Double = 1.0,
                           minimumCount: Int = 2) throws -> SourceModel {
        var counts: [String: Int] = [:]
        for e in examples { for c in e.candidates { for f in c.features { counts[f, default: 0] += 1 } } }
        let names = counts.filter { $0.value >= minimumCount }.map(\.key).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let encoded = examples.map { e in (e.candidates.map { $0.features.compactMap { index[$0] } }, e.answer) }
        let objective = ConditionalLogit(examples: encoded, dimension: names.count, l2: l2)
        let minimizer = LBFGSMinimizer(maxIterations: 1000, gradientTolerance: 1e-6, threadCount: 1)
        let (solution, _) = try minimizer.minimize(objective, from: [Double](repeating: 0, count: names.count))
        return try SourceModel(featureNames: names, weights: solution)
    }
}

/// Negative log-likelihood of the right candidates plus `l2/2 · ‖w‖²`.
struct ConditionalLogit: DifferentiableObjective {
    let examples: [([[Int]], Int)]
    let dimension: Int
    let l2: Double

    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        var value = 0.0
        for i in 0..<dimension { gradient[i] = l2 * x[i]; value += 0.5 * l2 * x[i] * x[i] }
        for (candidates, answer) in examples {
            let scores = candidates.map { $0.reduce(0.0) { $0 + x[$1] } }
            let top = scores.max()!
            let e = scores.map { exp($0 - top) }
            let z = e.reduce(0, +)
            value -= scores[answer] - top - log(z)
            for (k, features) in candidates.enumerated() {
                let p = e[k] / z - (k == answer ? 1 : 0)
                for f in features { gradient[f] += p }
            }
        }
        return value
    }
}
