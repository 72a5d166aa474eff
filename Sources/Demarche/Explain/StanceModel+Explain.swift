import DemarcheML
import DemarcheText

/// One feature's push on a prediction.
public struct FeatureContribution: Sendable, Codable, Equatable {
    /// The term (an n-gram such as `accused <target>`, or a role term such as `L1=accused`).
    public let term: String
    /// Its TF-IDF value in the sentence (0 for class-level explanations).
    public let value: Double
    /// The term's push toward the label: value × (weight for the label − mean weight over labels).
    public let contribution: Double
}

/// One candidate holder of an attitude as the source model sees it (issue 14).
public struct SourceCandidateExplanation: Sendable, Codable, Equatable {
    /// The party, or nil for none (not a party: the writer, analysts, …).
    public let source: SourceAttribution
    /// The candidate's features that carry a weight, sorted by absolute weight, largest first
    /// (`contribution` is the weight; `value` is 1: the features are binary).
    public let features: [FeatureContribution]
}

/// Why the model labeled a pair as it did.
public struct Explanation: Sendable, Codable, Equatable {
    /// The prediction explained.
    public let prediction: StancePrediction
    /// The label whose contributions are listed (the predicted one).
    public let label: StanceLabel
    /// Features sorted by absolute contribution, largest first.
    public let contributions: [FeatureContribution]
    /// The intercept's push toward the label.
    public let intercept: Double
    /// For a hostile or conciliatory label and a model with a source model: every candidate
    /// holder of the attitude, most probable first (the sentence alone, without an article's
    /// earlier sentences); empty otherwise.
    public var sources: [SourceCandidateExplanation] = []
}

extension StanceModel {
    /// Explains the prediction for one pair: each feature present in the sentence with its push
    /// toward the predicted label relative to the other labels.
    /// - Parameters:
    ///   - sentence: one sentence.
    ///   - target: the party as written, or a party id or name.
    ///   - top: how many features to keep.
    /// - Throws: `StanceError.invalidRows` when the target is not in the sentence.
    public func explain(_ sentence: String, target: String, top: Int = 15) throws -> Explanation {
        let prediction = try classify(sentence, target: target)
        let read = builder.read(sentence)
        guard let resolved = builder.resolve(target: target, in: read, text: sentence) else {
            throw StanceError.invalidRows([RowProblem(path: "<input>", line: 1, message: "target \"\(target)\" is not in the sentence")])
        }
        let row = vectorizer.transform([builder.document(for: resolved, in: read)])
        let k = prediction.label.classIndex
        var contributions: [FeatureContribution] = []
        for (j, v) in zip(row.columnIndices, row.values) {
            let push = Double(v) * relativeWeight(feature: Int(j), label: k)
            contributions.append(FeatureContribution(term: vectorizer.terms[Int(j)], value: Double(v), contribution: push))
        }
        contributions.sort { (abs($0.contribution), $1.term) > (abs($1.contribution), $0.term) }
        let meanIntercept = regression.intercepts.reduce(0, +) / Double(labels.count)
        var explanation = Explanation(prediction: prediction, label: prediction.label,
                                      contributions: Array(contributions.prefix(max(0, top))),
                                      intercept: regression.intercepts[k] - meanIntercept)
        if let sourceModel, prediction.label != .neutral {
            let candidates = builder.sourceCandidates(for: resolved, in: read, label: prediction.label, date: nil)
            let probabilities = sourceModel.probabilities(candidates)
            explanation.sources = zip(candidates, probabilities).map { candidate, p in
                let features = candidate.features.map { FeatureContribution(term: $0, value: 1, contribution: sourceModel.weight(of: $0)) }
                    .filter { $0.contribution != 0 }
                    .sorted { (abs($0.contribution), $1.term) > (abs($1.contribution), $0.term) }
                return SourceCandidateExplanation(source: attribution(candidate, probability: p),
                                                  features: Array(features.prefix(max(0, top))))
            }.sorted { $0.source.probability > $1.source.probability }
        }
        return explanation
    }

    /// The terms that push hardest toward a label anywhere: the largest weights for the label
    /// relative to the mean weight of the term over all labels.
    public func strongestFeatures(for label: StanceLabel, top: Int = 20) -> [FeatureContribution] {
        let k = label.classIndex
        let all = (0..<vectorizer.terms.count).map { j in
            FeatureContribution(term: vectorizer.terms[j], value: 0, contribution: relativeWeight(feature: j, label: k))
        }
        return Array(all.sorted { ($0.contribution, $1.term) > ($1.contribution, $0.term) }.prefix(max(0, top)))
    }

    func relativeWeight(feature j: Int, label k: Int) -> Double {
        let c = labels.count
        let row = regression.weights[(j * c)..<(j * c + c)]
        return row[j * c + k] - row.reduce(0, +) / Double(c)
    }
}
