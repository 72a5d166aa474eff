/// The three stance probabilities of one (sentence, target) pair; they sum to 1.
public struct StanceProbabilities: Sendable, Codable, Equatable {
    /// P(hostile).
    public var hostile: Double
    /// P(conciliatory).
    public var conciliatory: Double
    /// P(neutral).
    public var neutral: Double

    /// Creates the triple.
    public init(hostile: Double, conciliatory: Double, neutral: Double) {
        self.hostile = hostile; self.conciliatory = conciliatory; self.neutral = neutral
    }

    /// From a model's row of probabilities in `StanceLabel.all` order (conciliatory, hostile, neutral).
    init(row: ArraySlice<Double>) {
        let b = row.startIndex
        self.init(hostile: row[b + 1], conciliatory: row[b], neutral: row[b + 2])
    }

    /// The most probable label (ties: neutral, then conciliatory, as the safest reading).
    public var label: StanceLabel {
        if neutral >= hostile && neutral >= conciliatory { return .neutral }
        return conciliatory >= hostile ? .conciliatory : .hostile
    }

    /// P(conciliatory) − P(hostile): from −1 (surely hostile) to +1 (surely conciliatory).
    public var netTone: Double { conciliatory - hostile }

    /// The probability of a label.
    public subscript(label: StanceLabel) -> Double {
        switch label {
        case .hostile: return hostile
        case .conciliatory: return conciliatory
        case .neutral: return neutral
        }
    }
}

/// A model's answer for one (sentence, target) pair.
public struct StancePrediction: Sendable, Codable, Equatable {
    /// The most probable label.
    public let label: StanceLabel
    /// All three probabilities.
    public let probabilities: StanceProbabilities
    /// The gazetteer party the target was resolved to, if any.
    public let partyID: String?
}
