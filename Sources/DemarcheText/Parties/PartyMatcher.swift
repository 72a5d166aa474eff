/// Finds the parties named in sentences, using a ``Gazetteer``.
///
/// Matching is over tokens: at each token the longest alias starting there wins (leftmost first,
/// no overlaps); a non-party look-alike that wins suppresses the mention. Strong aliases, names
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
    /// Party index → index of its affiliation in the gazetteer (or -1).
    private let affiliationIndex: [Int]

    /// Builds the matcher's alias table from `gazetteer`.
    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        self.index = AliasIndex(gazetteer: gazetteer)
        self.affiliationIndex = gazetteer.parties.map { p in p.affiliation.flatMap { gazetteer.indexByID[$0] } ?? -1 }
    }

    /// The mentions in one sentence's tokens.
    /// - Parameters:
    ///   - tokens: the sentence's tokens (from ``Tokenizer``).
    ///   - context: ids of parties already named (strongly) earlier in the article; they enable
    ///     weak aliases such as `Kim`.
    /// - Returns: mentions in token order; their `surface` is the tokens' surfaces.
    public func mentions(in tokens: [Token], context: Set<String> = []) -> [Mention] {
        var flags = [Bool](repeating: false, count: gazetteer.parties.count)
        for id in context { if let k = gazetteer.indexByID[id] { flags[k] = true } }
        return match(tokens, context: &flags, joinSurfaces: true)
    }

    /// Splits, tokenises and finds mentions in a whole article.
    ///
    /// Weak aliases are enabled by strong mentions anywhere earlier in the article or in the same
    /// sentence. Mention surfaces are exact slices of `text`.
    /// - Complexity: O(n) in the length of `text`.
    public func analyze(_ text: String) -> [AnalyzedSentence] {
        let normalized = Normalizer.normalize(text)
        return TextLayout.with(normalized) { layout in
            let ranges = SentenceSplitter.sentenceRanges(layout.bytes)
            var context = [Bool](repeating: false, count: gazetteer.parties.count)
            var result: [AnalyzedSentence] = []
            result.reserveCapacity(ranges.count)
            for range in ranges {
                let sentence = layout.sentence(range)
                var tokens: [Token] = []
                Tokenizer.scan(&layout, range: range.range, into: &tokens)
                var mentions = match(tokens, context: &context, joinSurfaces: false)
                for k in mentions.indices {
                    let m = mentions[k]
                    mentions[k] = Mention(partyID: m.partyID, surface: layout.originalText(m.span, forMention: true), span: m.span,
                                          tokenRange: m.tokenRange, isDemonym: m.isDemonym)
                }
                result.append(AnalyzedSentence(sentence: sentence, tokens: tokens, mentions: mentions))
            }
            return result
        }
    }

    /// Token ranges where `target` occurs in `tokens`: case-insensitive, on token boundaries,
    /// leftmost first and non-overlapping. `target` is tokenised like the text, so quotes,
    /// dashes and possessives compare as normalised. Works for any phrase, in the gazetteer or not.
    public func literalMatches(of target: String, in tokens: [Token]) -> [Range<Int>] {
        let needle = Tokenizer().tokenize(target).map(\.text)
        guard !needle.isEmpty, needle.count <= tokens.count else { return [] }
        var result: [Range<Int>] = []
        var i = 0
        while i + needle.count <= tokens.count {
            var k = 0
            while k < needle.count && tokens[i + k].text == needle[k] { k += 1 }
            if k == needle.count {
                result.append(i..<(i + k))
                i += k
            } else {
                i += 1
            }
        }
        return result
    }

    // MARK: Matching

    /// Longest-match scan of one sentence. `context` flags parties named so far and is updated
    /// with this sentence's strong mentions. Surfaces are the joined token surfaces if
    /// `joinSurfaces`, else empty (for the caller to slice from the original).
    func match(_ tokens: [Token], context: inout [Bool], joinSurfaces: Bool) -> [Mention] {
        var mentions: [Mention] = []
        // Weak matches wait for the end of the sentence (a strong mention after them counts),
        // with the best strong alias starting at the same token as a fallback.
        var weak: [(range: Range<Int>, candidates: [AliasIndex.Entry], fallback: AliasIndex.Entry?)] = []
        let n = tokens.count
        var i = 0
        while i < n {
            let key = tokens[i].key
            let pairBucket = i + 1 < n ? index.bucket(for: AliasIndex.pairKey(key, tokens[i + 1].key)) : nil
            let singleBucket = index.bucket(for: key)
            if pairBucket == nil && singleBucket == nil { i += 1; continue }
            var chosen: AliasIndex.Entry?
            var weakCandidates: [AliasIndex.Entry] = []
            var fallback: AliasIndex.Entry?
            // Longer aliases (pair bucket) come before one-token aliases.
            scan: for pass in 0..<2 {
                guard let b = pass == 0 ? pairBucket : singleBucket else { continue }
                for entry in index.buckets[b] {
                    if let c = chosen, entry.count < c.count { break scan }
                    if fallback != nil { break scan }
                    if let w = weakCandidates.first, entry.count < w.count, entry.isWeak { continue }
                    guard matches(entry, tokens, at: i) else { continue }
                    if entry.atSentenceStartOnly && !isSentenceStart(tokens, i) { continue }
                    if entry.isWeak {
                        if chosen == nil && (weakCandidates.first.map { $0.count == entry.count } ?? true) {
                            weakCandidates.append(entry)
                        }
                    } else if weakCandidates.isEmpty {
                        chosen = entry
                    } else {
                        fallback = entry
                    }
                }
            }
            if let entry = chosen {
                let range = i..<(i + entry.count)
                i = range.upperBound
                if entry.isNonParty || isFalseCountry(tokens, range) { continue }
                context[entry.party] = true
                mentions.append(mention(entry, range, tokens, joinSurfaces))
            } else if !weakCandidates.isEmpty {
                let range = i..<(i + weakCandidates[0].count)
                weak.append((range, weakCandidates, fallback))
                i = range.upperBound
            } else {
                i += 1
            }
        }
        if !weak.isEmpty {
            for (range, candidates, fallback) in weak {
                let own = candidates.first { context[$0.party] }
                let affiliated = candidates.first { affiliationIndex[$0.party] >= 0 && context[affiliationIndex[$0.party]] }
                if let entry = own ?? affiliated {
                    if !entry.isNonParty { mentions.append(mention(entry, range, tokens, joinSurfaces)) }
                } else if let entry = fallback {
                    let shorter = range.lowerBound..<(range.lowerBound + entry.count)
                    if entry.isNonParty || isFalseCountry(tokens, shorter) { continue }
                    context[entry.party] = true
                    mentions.append(mention(entry, shorter, tokens, joinSurfaces))
                }
            }
            mentions.sort { $0.tokenRange.lowerBound < $1.tokenRange.lowerBound }
        }
        return mentions
    }

    @inline(__always)
    private func matches(_ entry: AliasIndex.Entry, _ tokens: [Token], at i: Int) -> Bool {
        guard i + entry.count <= tokens.count else { return false }
        for k in 0..<entry.count where !tokens[i + k].hasSameSurface(as: entry.tokens[k]) {
            return false
        }
        return true
    }

    private func mention(_ entry: AliasIndex.Entry, _ range: Range<Int>, _ tokens: [Token], _ joinSurfaces: Bool) -> Mention {
        let span = TextSpan(start: tokens[range.lowerBound].span.start, end: tokens[range.upperBound - 1].span.end)
        let surface: String
        if !joinSurfaces {
            surface = ""
        } else {
            var s = tokens[range.lowerBound].surface
            for k in range.dropFirst() {
                if tokens[k].span.start > tokens[k - 1].span.end { s += " " }
                s += tokens[k].surface
            }
            surface = s
        }
        return Mention(partyID: gazetteer.parties[entry.party].id, surface: surface, span: span, tokenRange: range,
                       isDemonym: entry.isDemonym)
    }

    /// Whether token `i` opens the sentence (only opening quotes or brackets before it).
    private func isSentenceStart(_ tokens: [Token], _ i: Int) -> Bool {
        var k = 0
        while k < i {
            let s = tokens[k].surface
            guard tokens[k].kind == .punctuation, s == "\"" || s == "'" || s == "(" || s == "[" || s == "-" else { return false }
            k += 1
        }
        return true
    }
}
