import DemarcheML
import DemarcheText

/// A sentence read once: its tokens and the party mentions found in it.
public struct ReadSentence: Sendable {
    /// The sentence's tokens (spans into the text the sentence came from).
    public let tokens: [Token]
    /// Every party mention, in order.
    public let mentions: [Mention]
}

/// Where a target stands in a sentence.
public struct ResolvedTarget: Sendable, Equatable {
    /// The gazetteer party the target is, or nil for a literal target the gazetteer lacks.
    public let partyID: String?
    /// Token ranges of all the target's mentions (rule 7: several aliases are one target).
    public let ranges: [Range<Int>]
}

/// Reads sentences and turns (sentence, target) pairs into feature documents: the single path
/// shared by training, evaluation and scoring.
public struct PairBuilder: Sendable {
    /// The gazetteer mentions are looked up in.
    public let gazetteer: Gazetteer
    /// The matcher over `gazetteer`.
    public let matcher: PartyMatcher
    /// The featurizer documents are built with.
    public let featurizer: StanceFeaturizer
    private let tokenizer = Tokenizer()

    /// Creates a builder.
    public init(gazetteer: Gazetteer, features: FeatureConfiguration, lexicon: StanceLexicon = .empty) {
        self.init(matcher: PartyMatcher(gazetteer: gazetteer), features: features, lexicon: lexicon)
    }

    /// Creates a builder around an existing matcher (and its gazetteer).
    public init(matcher: PartyMatcher, features: FeatureConfiguration, lexicon: StanceLexicon = .empty) {
        self.gazetteer = matcher.gazetteer
        self.matcher = matcher
        self.featurizer = StanceFeaturizer(configuration: features, lexicon: lexicon)
    }

    /// Tokenises one stand-alone sentence and finds its mentions.
    public func read(_ sentence: String) -> ReadSentence {
        let tokens = tokenizer.tokenize(sentence)
        return ReadSentence(tokens: tokens, mentions: matcher.mentions(in: tokens))
    }

    /// Finds the target in a read sentence.
    ///
    /// The target's party is rolled up (``Gazetteer/rollUp(_:on:)``, by the most recent office):
    /// "Kim Jong Un" as a target is North Korea, and every mention of North Korea, its capital and
    /// its leader in the sentence is the target (LABELING.md rules 7 and 8).
    ///
    /// The target is first looked for as a literal substring on token boundaries (any text, in
    /// the gazetteer or not); when it overlaps a gazetteer mention, the target becomes that party
    /// and every mention of it counts. Otherwise it may name a party by id, name or alias.
    /// - Returns: nil when the target is nowhere in the sentence.
    public func resolve(target: String, in sentence: ReadSentence, text: String = "") -> ResolvedTarget? {
        resolve(target: target, in: sentence, text: text, counted: counted(in: sentence))
    }

    /// The counted party (``countedParty(of:in:date:)``, without a date) of each mention of `sentence`.
    func counted(in sentence: ReadSentence) -> [String] {
        sentence.mentions.map { countedParty(of: $0, in: sentence.tokens) }
    }

    /// What ``countedParty(of:in:date:)`` needs of a party id without a date, kept per worker:
    /// whether it is a person, and its roll-up (both fixed by the gazetteer).
    typealias PartyFacts = (isPerson: Bool, rolledUp: String)

    /// `counted(in:)` with each id's `PartyFacts` looked up once per worker in `cache` (the
    /// gazetteer's lookups copy a `Party` and the roll-up allocates a set: 4k instructions a row).
    func counted(in sentence: ReadSentence, cache: inout [String: PartyFacts]) -> [String] {
        sentence.mentions.map { mention in
            let id = mention.partyID
            let facts: PartyFacts
            if let known = cache[id] {
                facts = known
            } else {
                facts = (gazetteer.party(id: id)?.kind == .person, gazetteer.rollUp(id))
                cache[id] = facts
            }
            // As countedParty(of:in:date: nil): a person named as former counts for itself.
            return facts.isPerson && Self.isNamedAsFormer(mention, in: sentence.tokens) ? id : facts.rolledUp
        }
    }

    /// `resolve(target:in:text:)` with each mention's counted party already known (`counted`,
    /// one per mention, as ``counted(in:)`` gives): evaluation works them out once per row for
    /// resolving and featurising alike.
    func resolve(target: String, in sentence: ReadSentence, text: String, counted: [String]) -> ResolvedTarget? {
        let literal = matcher.literalMatches(of: target, in: sentence.tokens)
        if !literal.isEmpty {
            let hit = sentence.mentions.firstIndex { m in literal.contains { $0.overlaps(m.tokenRange) } }
            guard let hit else {
                return ResolvedTarget(partyID: nil, ranges: literal)
            }
            let partyID = counted[hit]
            var ranges = mentions(of: partyID, in: sentence, counted: counted)
            for r in literal where !ranges.contains(where: { $0.overlaps(r) }) { ranges.append(r) }
            return ResolvedTarget(partyID: partyID, ranges: ranges.sorted { $0.lowerBound < $1.lowerBound })
        }
        // A target inside a compound ("a US-drafted resolution", "US-South Korea drills"): the
        // tokens overlapping the literal text stand for the target.
        let overlapping = Self.tokenRanges(overlapping: target, in: text, tokens: sentence.tokens)
        if !overlapping.isEmpty {
            // Two parties in one token ("U.S.-China"): the one whose words the target gives.
            let hits = sentence.mentions.indices.filter { i in overlapping.contains { $0.overlaps(sentence.mentions[i].tokenRange) } }
            let hit = hits.first { sentence.mentions[$0].surface.lowercased() == target.lowercased() } ?? hits.first
            return ResolvedTarget(partyID: hit.map { counted[$0] }, ranges: overlapping)
        }
        let wanted = target.lowercased()
        let party = gazetteer.party(id: target) ?? gazetteer.parties.first {
            $0.name.lowercased() == wanted || $0.aliases.contains(target)
        }
        guard let named = party?.id else { return nil }
        let id = gazetteer.rollUp(named)
        let ranges = mentions(of: id, in: sentence, counted: counted)
        return ranges.isEmpty ? nil : ResolvedTarget(partyID: id, ranges: ranges)
    }

    /// The targets of a sentence of an article: one per party its mentions count for
    /// (``countedParty(of:in:date:)``), in order of first mention, each with all its mentions
    /// (rule 7), and the counted party of every mention (for
    /// ``document(for:in:countedParties:)``). Scoring and its explanations pair sentences this way.
    func targets(in sentence: ReadSentence, date: String?) -> (targets: [(party: String, mentions: [Mention])], counted: [String]) {
        let counted = sentence.mentions.map { countedParty(of: $0, in: sentence.tokens, date: date) }
        var order: [String] = []
        var byParty: [String: [Mention]] = [:]
        for (m, party) in zip(sentence.mentions, counted) {
            if byParty[party] == nil { order.append(party) }
            byParty[party, default: []].append(m)
        }
        return (order.map { ($0, byParty[$0]!) }, counted)
    }

    /// Token ranges of the mentions that count for `party` in `sentence` (`counted`: each mention's
    /// counted party).
    private func mentions(of party: String, in sentence: ReadSentence, counted: [String]) -> [Range<Int>] {
        sentence.mentions.indices.filter { counted[$0] == party }.map { sentence.mentions[$0].tokenRange }
    }

    /// The party a mention counts for in its sentence: its own party rolled up
    /// (``Gazetteer/rollUp(_:on:)``), except a person named as out of office ("former President
    /// X", "ex-minister X", "the late X"), who speaks for no state (LABELING.md rule 8).
    public func countedParty(of mention: Mention, in tokens: [Token], date: String? = nil) -> String {
        if gazetteer.party(id: mention.partyID)?.kind == .person, Self.isNamedAsFormer(mention, in: tokens) {
            return mention.partyID
        }
        return gazetteer.rollUp(mention.partyID, on: date)
    }

    /// Whether one of the (up to four) words just before a mention, within its clause, is
    /// `former`, `ex`/`ex-…` or `late`.
    static func isNamedAsFormer(_ mention: Mention, in tokens: [Token]) -> Bool {
        var i = min(mention.tokenRange.lowerBound, tokens.count) - 1
        var words = 0
        while i >= 0 && words < 4 {
            let t = tokens[i]
            if t.kind == .punctuation {
                if t.surface == "-" { i -= 1; continue }
                return false
            }
            let text = t.text
            if text == "former" || text == "ex" || text == "late" || text.hasPrefix("ex-") || text.hasPrefix("former-") { return true }
            words += 1
            i -= 1
        }
        return false
    }

    /// Token ranges covering each occurrence of `target` in `text` (scalar offsets), for targets
    /// that do not fall on token boundaries.
    static func tokenRanges(overlapping target: String, in text: String, tokens: [Token]) -> [Range<Int>] {
        guard !target.isEmpty, !text.isEmpty else { return [] }
        let hay = Array(text.unicodeScalars), needle = Array(target.unicodeScalars)
        guard needle.count <= hay.count else { return [] }
        var ranges: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
                let span = i..<(i + needle.count)
                let covered = tokens.indices.filter { tokens[$0].span.start < span.upperBound && tokens[$0].span.end > span.lowerBound }
                if let first = covered.first, let last = covered.last { ranges.append(first..<(last + 1)) }
                i += needle.count
            } else {
                i += 1
            }
        }
        return ranges
    }

    /// The feature document for a resolved target in a read sentence.
    ///
    /// The target's party is the rolled-up one (``Gazetteer/rollUp(_:on:)``): a leader's or an
    /// organ's mentions are the target when their state is, never "another party".
    /// - Parameter date: the article's date, for who is in office (nil: by the most recent office).
    public func document(for target: ResolvedTarget, in sentence: ReadSentence, date: String? = nil) -> Document {
        document(for: target, in: sentence,
                 countedParties: sentence.mentions.map { countedParty(of: $0, in: sentence.tokens, date: date) })
    }

    /// The feature document, with each mention's counted party already known (one entry per
    /// mention of `sentence`, as ``countedParty(of:in:date:)`` gives): scoring works them out
    /// once per sentence, not once per target.
    func document(for target: ResolvedTarget, in sentence: ReadSentence, countedParties: [String]) -> Document {
        let others = zip(sentence.mentions, countedParties)
            .filter { m, party in party != target.partyID && !target.ranges.contains { $0.overlaps(m.tokenRange) } }
            .map(\.0.tokenRange)
        return featurizer.document(tokens: sentence.tokens, targetRanges: target.ranges, otherRanges: others)
    }

    /// `document(for:in:countedParties:)` written into `document` with a worker's `scratch`
    /// (see ``StanceFeaturizer/Scratch``): the same document, no arrays allocated per pair.
    func document(for target: ResolvedTarget, in sentence: ReadSentence, countedParties: [String],
                  into document: inout Document, scratch: inout StanceFeaturizer.Scratch) {
        var others: [Range<Int>] = []
        swap(&others, &scratch.others)
        others.removeAll(keepingCapacity: true)
        for (m, party) in zip(sentence.mentions, countedParties)
        where party != target.partyID && !target.ranges.contains(where: { $0.overlaps(m.tokenRange) }) {
            others.append(m.tokenRange)
        }
        featurizer.document(tokens: sentence.tokens, targetRanges: target.ranges, otherRanges: others,
                            into: &document, scratch: &scratch)
        swap(&others, &scratch.others)
    }
}
