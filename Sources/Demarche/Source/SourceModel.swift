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
    /// Index of each feature (by its UTF-8 bytes: feature names come from normalized tokens).
    private let index: NameIndex

    enum CodingKeys: String, CodingKey { case featureNames, weights }

    /// Creates a model from its weights.
    /// - Throws: `StanceError.unusableData` when the counts differ or a weight is not finite.
    public init(featureNames: [String], weights: [Double]) throws {
        guard featureNames.count == weights.count, weights.allSatisfy(\.isFinite),
              Set(featureNames).count == featureNames.count else {
            throw StanceError.unusableData(message: "source model: \(featureNames.count) distinct feature names and \(weights.count) finite weights expected to match")
        }
        self.featureNames = featureNames; self.weights = weights
        index = NameIndex(featureNames)
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
        let scores = candidates.map { score($0.features) }
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

    /// Whether a feature describes the article's earlier sentences (``SourceFeatures``: the
    /// candidates named only earlier, and how a party named in the sentence relates to them).
    public static func isContextual(_ feature: String) -> Bool {
        feature.hasPrefix("ctx") || feature.contains("withCtx") || feature.contains("ctxSpeaker") || feature.contains("inContext")
    }

    /// Fits the model in two stages, so that the few rows of whole articles do not move what the
    /// many stand-alone rows teach: first the features of the sentence alone, on every row without
    /// the candidates named only earlier (rows whose source is one of those are left out); then,
    /// with those weights fixed, the contextual features (``isContextual(_:)``) on the rows that
    /// have an earlier sentence.
    /// - Parameters:
    ///   - examples: each pair's candidates and the index of the right one.
    ///   - l2: the penalty on the squared weights.
    ///   - minimumCount: features seen in fewer candidates are dropped.
    public static func fit(examples: [(candidates: [SourceCandidate], answer: Int)], l2: Double = 1.0,
                           minimumCount: Int = 2) throws -> SourceModel {
        // Stage 1: the sentence alone.
        var sentenceExamples: [(candidates: [[String]], answer: Int)] = []
        var contextExamples: [(candidates: [SourceCandidate], answer: Int)] = []
        for e in examples {
            let hasContext = e.candidates.contains { $0.isContext || $0.features.contains(where: isContextual) }
            if hasContext { contextExamples.append(e) }
            guard !e.candidates[e.answer].isContext else { continue }
            let kept = e.candidates.filter { !$0.isContext }
            let answer = kept.firstIndex { $0 == e.candidates[e.answer] }!
            sentenceExamples.append((kept.map { $0.features.filter { !isContextual($0) } }, answer))
        }
        let (names, weights) = try fitLogit(sentenceExamples, offsets: nil, l2: l2, minimumCount: minimumCount)
        let base = try SourceModel(featureNames: names, weights: weights)
        guard !contextExamples.isEmpty else { return base }
        // Stage 2: the contextual features, the sentence's weights as fixed offsets.
        let offsets = contextExamples.map { e in e.candidates.map { base.score($0.features) } }
        let (contextNames, contextWeights) = try fitLogit(
            contextExamples.map { e in (e.candidates.map { $0.features.filter(isContextual) }, e.answer) },
            offsets: offsets, l2: l2, minimumCount: minimumCount)
        let merged: [(name: String, weight: Double)] = (Array(zip(names, weights)) + Array(zip(contextNames, contextWeights)))
            .map { (name: $0.0, weight: $0.1) }.sorted { $0.name < $1.name }
        return try SourceModel(featureNames: merged.map { $0.name }, weights: merged.map { $0.weight })
    }

    /// The weight of one feature (0 when the model does not know it).
    public func weight(of feature: String) -> Double {
        index.position(of: feature).map { weights[$0] } ?? 0
    }

    /// The summed weight of a candidate's features.
    func score(_ features: [String]) -> Double {
        features.reduce(0.0) { $0 + (index.position(of: $1).map { weights[$0] } ?? 0) }
    }

    /// One L-BFGS fit of a conditional logit over named features (those seen in at least
    /// `minimumCount` candidates), with optional fixed per-candidate offsets.
    static func fitLogit(_ examples: [(candidates: [[String]], answer: Int)], offsets: [[Double]]?, l2: Double,
                         minimumCount: Int) throws -> (names: [String], weights: [Double]) {
        var counts: [String: Int] = [:]
        for e in examples { for c in e.candidates { for f in c { counts[f, default: 0] += 1 } } }
        let names = counts.filter { $0.value >= minimumCount }.map(\.key).sorted()
        guard !names.isEmpty else { return ([], []) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let encoded = examples.map { e in (e.candidates.map { $0.compactMap { index[$0] } }, e.answer) }
        let objective = ConditionalLogit(examples: encoded, offsets: offsets, dimension: names.count, l2: l2)
        let minimizer = LBFGSMinimizer(maxIterations: 1000, gradientTolerance: 1e-6, threadCount: 1)
        let (solution, _) = try minimizer.minimize(objective, from: [Double](repeating: 0, count: names.count))
        return (names, solution)
    }
}

/// Negative log-likelihood of the right candidates plus `l2/2 · ‖w‖²`.
struct ConditionalLogit: DifferentiableObjective {
    let examples: [([[Int]], Int)]
    /// Fixed scores added to each candidate's (nil: none).
    var offsets: [[Double]]? = nil
    let dimension: Int
    let l2: Double

    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        var value = 0.0
        for i in 0..<dimension { gradient[i] = l2 * x[i]; value += 0.5 * l2 * x[i] * x[i] }
        for (i, (candidates, answer)) in examples.enumerated() {
            var scores = candidates.map { $0.reduce(0.0) { $0 + x[$1] } }
            if let offsets { for k in scores.indices { scores[k] += offsets[i][k] } }
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
