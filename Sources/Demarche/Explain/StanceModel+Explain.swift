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
        return Explanation(prediction: prediction, label: prediction.label, contributions: Array(contributions.prefix(max(0, top))),
                           intercept: regression.intercepts[k] - meanIntercept)
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
