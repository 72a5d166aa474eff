import DemarcheText

/// The stance toward one party in one sentence.
public struct MentionScore: Sendable, Codable, Equatable {
    /// The party's gazetteer id.
    public let partyID: String
    /// Every mention of the party in the sentence (surface and offsets into the original text).
    public let mentions: [Mention]
    /// The most probable label.
    public let label: String
    /// The three probabilities.
    public let probabilities: StanceProbabilities
}

/// One sentence of an article with the stance toward each party it names.
public struct SentenceScore: Sendable, Codable, Equatable {
    /// The sentence, with its offsets (Unicode scalars) into the original text.
    public let sentence: Sentence
    /// One entry per party named in the sentence, in order of first mention.
    public let parties: [MentionScore]
}

/// The stance toward one party over a whole article.
public struct PartySummary: Sendable, Codable, Equatable {
    /// Gazetteer id.
    public let partyID: String
    /// Canonical name.
    public let name: String
    /// Kind of party (state, organisation, person, group).
    public let kind: String
    /// Sentences that name the party.
    public let sentences: Int
    /// Mentions in all.
    public let mentions: Int
    /// Mean probabilities over those sentences.
    public let meanProbabilities: StanceProbabilities
    /// How many of those sentences were labeled each way.
    public let hostileSentences: Int
    /// Sentences labeled conciliatory.
    public let conciliatorySentences: Int
    /// Sentences labeled neutral.
    public let neutralSentences: Int
    /// The overall stance: the more frequent of `hostile` and `conciliatory` among the sentence
    /// labels; `neutral` when neither occurs or they tie.
    public let overall: String
    /// Mean P(conciliatory) − P(hostile), from −1 to +1.
    public let netTone: Double
}

/// A scored article: sentences, mentions with offsets, a stance per (sentence, party), and a
/// per-party summary.
public struct ArticleScore: Sendable, Codable, Equatable {
    /// The caller's identifier, if any (from JSON Lines input).
    public let id: String?
    /// Every sentence, including those that name no party.
    public let sentences: [SentenceScore]
    /// One summary per party, most-mentioned first.
    public let parties: [PartySummary]
}
