import DemarcheText

/// The stance toward one party in one sentence.
public struct MentionScore: Sendable, Codable, Equatable {
    /// The party's gazetteer id, rolled up: a leader in office, an organ or a capital counts for
    /// its state, a UN organ for the UN (``DemarcheText/Gazetteer/rollUp(_:on:)``).
    public let partyID: String
    /// Every mention of the party in the sentence (surface and offsets into the original text);
    /// each mention keeps the id it was matched as (a person, an organ), so the person-level view
    /// is one step away.
    public let mentions: [Mention]
    /// The most probable label.
    public let label: StanceLabel
    /// The three probabilities.
    public let probabilities: StanceProbabilities
    /// Who holds the attitude (issue 14): a party or none, for hostile and conciliatory pairs of a
    /// model with a source model; nil otherwise.
    public let source: SourceAttribution?

    /// Creates a score.
    public init(partyID: String, mentions: [Mention], label: StanceLabel, probabilities: StanceProbabilities,
                source: SourceAttribution? = nil) {
        self.partyID = partyID; self.mentions = mentions; self.label = label
        self.probabilities = probabilities; self.source = source
    }
}

/// A party by id and canonical name (a dyad's ends).
public struct PartyRef: Sendable, Codable, Equatable, Hashable {
    /// Gazetteer id.
    public let partyID: String
    /// Canonical name.
    public let name: String
}

/// Source → target over an article (issue 14): the pairs whose attitude the source holds toward
/// the target.
public struct Dyad: Sendable, Codable, Equatable {
    /// Who holds the attitude.
    public let source: PartyRef
    /// Whom it is toward.
    public let target: PartyRef
    /// Sentences in which the source is the most probable holder of an attitude toward the target.
    public let sentences: Int
    /// Of those, labeled hostile.
    public let hostile: Int
    /// Labeled conciliatory.
    public let conciliatory: Int
    /// Labeled neutral (0 while sources are given for hostile and conciliatory pairs only).
    public let neutral: Int
    /// Mean stance probabilities of those pairs.
    public let meanProbabilities: StanceProbabilities
    /// ``Verdict/rule(hostile:conciliatory:neutral:)`` on the label counts (as the summary).
    public let overall: Verdict
}

/// A party's stance as a source: what it expressed toward others over the article.
public struct ExpressedStance: Sendable, Codable, Equatable {
    /// Pairs in which the party holds the attitude.
    public let sentences: Int
    /// Of those, hostile.
    public let hostile: Int
    /// Conciliatory.
    public let conciliatory: Int
    /// The parties it was hostile or conciliatory toward, most pairs first.
    public let targets: [String]
    /// ``Verdict/rule(hostile:conciliatory:neutral:)`` on the label counts of those pairs.
    public let overall: Verdict
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
    public let kind: PartyKind
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
    /// The verdict: ``Verdict/rule(hostile:conciliatory:neutral:)`` applied to the sentence
    /// counts above, each sentence's label being the most probable of its calibrated
    /// probabilities: neutral unless at least a third of the sentences carry an attitude; then
    /// hostile or conciliatory when one side is at least twice the other; else mixed.
    public let overall: Verdict
    /// Mean P(conciliatory) − P(hostile), from −1 to +1.
    public let netTone: Double
    /// The party's own stance as a source (issue 14), beside the stance it receives (the fields
    /// above); nil when it holds no attitude in the article.
    public var expressed: ExpressedStance? = nil
}

/// A scored article: sentences, mentions with offsets, a stance per (sentence, party), and a
/// per-party summary.
public struct ArticleScore: Sendable, Codable, Equatable {
    /// The caller's identifier, if any (from JSON Lines input).
    public let id: String?
    /// The date that decided who was in office (given, found in the dateline, or `YYYY+` — that
    /// year or later — from the latest year the article names), if any.
    public let date: String?
    /// Every sentence, including those that name no party.
    public let sentences: [SentenceScore]
    /// One summary per party (rolled up), most-mentioned first.
    public let parties: [PartySummary]
    /// Source → target dyads (issue 14), most sentences first; empty without a source model.
    public let dyads: [Dyad]

    /// Creates a score (e.g. the same sentences with summaries of another ``SummaryUnit``).
    public init(id: String?, date: String?, sentences: [SentenceScore], parties: [PartySummary], dyads: [Dyad] = []) {
        self.id = id; self.date = date; self.sentences = sentences; self.parties = parties; self.dyads = dyads
    }
}

/// What a per-party summary counts as one party.
public enum SummaryUnit: String, Sendable, Codable, CaseIterable {
    /// States and organisations: leaders in office, organs and capitals count for them (default).
    case party
    /// Each party as matched: a leader or an organ on its own line.
    case mention
}
