import Foundation

/// Finds the parties named in sentences, using a ``Gazetteer``.
///
/// Matching is over tokens: at each token the longest alias starting there wins (leftmost first,
/// no overlaps); a non-party look-alike that wins suppresses the mention. Hyphenated words are
/// matched part by part as well (`US-drafted`, `US-South Korea`, `Trump-Kim`, `Saudi-U.S.`;
/// see `PartyMatcher+Matching.swift`), and a sentence written in capitals is matched ignoring
/// case (`NORTH KOREA FIRES MISSILE`; see `PartyMatcher+Capitals.swift`). Strong aliases, names
/// and demonyms match case-sensitively; weak aliases need context (see ``Gazetteer``). Two
/// heuristics guard ambiguous country names:
/// - `Georgia` is the US state, not the country, next to US cues: `Atlanta, Georgia`,
///   `Georgia Gov.`, `Georgia Republican`, `Alabama and Georgia`, `Georgia, USA`, `(R-Georgia)`.
/// - `Jordan`, `Chad` and `Georgia` are given names when followed by a capitalised word that is
///   not a party word or a usual follower of the country (`Jordan Peterson`, but not
///   `Jordan King Abdullah`), or preceded by a capitalised word that is not a party word,
///   a title or a sentence opener (`Michael Jordan`, but not `In Jordan`, `King of Jordan`).
public struct PartyMatcher: Sendable {
    /// The gazetteer matched against.
    public let gazetteer: Gazetteer
    let index: AliasIndex
    /// The upper-case forms of the aliases, for sentences written in capitals: built on first use
    /// (shared by copies of the matcher), since most texts have no such sentence and building it
    /// was as costly as building `index` — a tenth of scoring one article with the bundled model.
    private let capitals: CapitalsIndex
    /// Party index → index of its affiliation in the gazetteer (or -1).
    let affiliationIndex: [Int]

    /// Builds the matcher's alias table from `gazetteer`.
    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        self.index = AliasIndex(gazetteer: gazetteer)
        self.capitals = CapitalsIndex(gazetteer: gazetteer)
        self.affiliationIndex = gazetteer.parties.map { p in p.affiliation.flatMap { gazetteer.indexByID[$0] } ?? -1 }
    }

    /// The upper-case alias index (built by the first call, from any thread).
    var capitalsIndex: AliasIndex { capitals.index }

    /// The all-capitals alias index, built once on first use behind a lock.
    private final class CapitalsIndex: @unchecked Sendable {
        private let gazetteer: Gazetteer
        private let lock = NSLock()
        private var built: AliasIndex?

        init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

        var index: AliasIndex {
            lock.lock()
            defer { lock.unlock() }
            if let built { return built }
            let index = AliasIndex(gazetteer: gazetteer, capitals: true)
            built = index
            return index
        }
    }

    /// The mentions in one sentence's tokens.
    /// - Parameters:
    ///   - tokens: the sentence's tokens (from ``Tokenizer``).
    ///   - context: ids of parties already named (strongly) earlier in the article; they enable
    ///     weak aliases such as `Kim`.
    /// - Returns: mentions in text order; their `surface` is the tokens' surfaces (parts of a
    ///   hyphenated word joined by `-`). A mention inside a hyphenated word has the span of its
    ///   part, computed from the token's span and surface (see ``analyze(_:)`` for exact spans).
    public func mentions(in tokens: [Token], context: Set<String> = []) -> [Mention] {
        var flags = [Bool](repeating: false, count: gazetteer.parties.count)
        for id in context { if let k = gazetteer.indexByID[id] { flags[k] = true } }
        var scratch = MatchScratch()
        for (k, token) in tokens.enumerated() where token.hasHyphen { scratch.parts.append(partsOf: token, owner: k) }
        var mentions: [Mention] = []
        match(tokens, scratch: &scratch, context: &flags, joinSurfaces: true, into: &mentions)
        return mentions
    }

    /// Splits, tokenises and finds mentions in a whole article.
    ///
    /// Weak aliases are enabled by strong mentions anywhere earlier in the article or in the same
    /// sentence; a sentence whose weak alias found no such mention (a headline "Putin warns …"
    /// above the paragraph that names Russia) is read again with the whole article's strong
    /// mentions. A person named in full anywhere in the article is also found by bare surname
    /// (``surnameMentions(tokens:mentions:)``). Mention surfaces are exact slices of `text`.
    /// - Complexity: O(n) in the length of `text`.
    public func analyze(_ text: String) -> [AnalyzedSentence] {
        let normalized = Normalizer.normalize(text)
        return TextLayout.with(normalized) { layout in
            let ranges = SentenceSplitter.sentenceRanges(layout.bytes)
            var context = [Bool](repeating: false, count: gazetteer.parties.count)
            var scratch = MatchScratch()
            var buffer = TokenBuffer()
            var result: [AnalyzedSentence] = []
            var unresolved: [Int] = []
            result.reserveCapacity(ranges.count)
            for range in ranges {
                let sentence = layout.sentence(range)
                // Tokens are scanned into the reused buffer, then copied into an array of their
                // exact size: one allocation per sentence.
                buffer.removeAll()
                scratch.parts.removeAll()
                Tokenizer.scan(&layout, range: range.range, into: &buffer, parts: &scratch.parts, recordingParts: true)
                let tokens = buffer.array()
                // Mentions are found as plain records, then built into an array of the exact size
                // (none for the many sentences without mentions) with their surfaces sliced.
                scratch.unresolvedWeak = false
                findMentions(tokens, scratch: &scratch, context: &context)
                if scratch.unresolvedWeak { unresolved.append(result.count) }
                let mentions = scratch.found.map { mention($0, surface: layout.originalText($0.span, forMention: true)) }
                result.append(AnalyzedSentence(sentence: sentence, tokens: tokens, mentions: mentions))
            }
            // Weak aliases named before their party: a second look with the whole article's context.
            for i in unresolved {
                var whole = context
                let tokens = result[i].tokens
                scratch.parts.removeAll()
                for (k, token) in tokens.enumerated() where token.hasHyphen { scratch.parts.append(partsOf: token, owner: k) }
                findMentions(tokens, scratch: &scratch, context: &whole)
                let mentions = scratch.found.map { mention($0, surface: layout.originalText($0.span, forMention: true)) }
                result[i] = AnalyzedSentence(sentence: result[i].sentence, tokens: tokens, mentions: mentions)
            }
            // Bare surnames of persons named in full elsewhere in the article ("Carter said").
            let surnames = surnameMentions(tokens: result.map(\.tokens), mentions: result.map(\.mentions))
            for (i, added) in surnames.enumerated() where !added.isEmpty {
                let exact = added.map { Mention(partyID: $0.partyID, surface: layout.originalText($0.span, forMention: true),
                                                span: $0.span, tokenRange: $0.tokenRange, isDemonym: false) }
                result[i] = AnalyzedSentence(sentence: result[i].sentence, tokens: result[i].tokens,
                                             mentions: Self.merging(result[i].mentions, exact))
            }
            return result
        }
    }

    /// Token ranges where `target` occurs in `tokens`: case-insensitive, on token boundaries,
    /// leftmost first and non-overlapping. `target` is tokenised like the text, so quotes,
    /// dashes and possessives compare as normalised. Works for any phrase, in the gazetteer or not.
    public func literalMatches(of target: String, in tokens: [Token]) -> [Range<Int>] {
        let needle = Tokenizer().tokenize(target)
        guard !needle.isEmpty, needle.count <= tokens.count else { return [] }
        var result: [Range<Int>] = []
        var i = 0
        while i + needle.count <= tokens.count {
            var k = 0
            while k < needle.count && tokens[i + k].hasSameText(as: needle[k]) { k += 1 }
            if k == needle.count {
                result.append(i..<(i + k))
                i += k
            } else {
                i += 1
            }
        }
        return result
    }
}
