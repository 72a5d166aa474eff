/// The longest-match scan over one sentence.
///
/// The scan runs over the sentence's *matching sequence*: its tokens, except that each
/// hyphenated word is replaced by its parts (`US-South Korea` → `US`, `South`, `Korea`). Aliases
/// are stored the same way, so `Kim Jong-un` and `Guinea-Bissau` still match whole, while `US`
/// in `US-drafted`, `South Korea` across `US-South Korea` and `Saudi Arabia` in
/// `Saudi Arabia-backed` are found too. An alias's inner hyphens must be inner hyphens of the
/// text (`Jong-un` does not match `Jong un`); its first part may follow, and its last part may
/// precede, a hyphen of the text.
extension PartyMatcher {
    /// Buffers reused from one sentence to the next.
    struct MatchScratch {
        /// Parts of the sentence's hyphenated words (filled by the tokenizer or from surfaces).
        var parts = HyphenParts()
        /// The matching sequence, when the sentence has hyphenated words.
        var sequence: [Token] = []
        /// For each token of `sequence`, the index of its token in the sentence.
        var owners: [Int32] = []
        /// Weak matches waiting for the end of the sentence.
        var weak: [WeakMatch] = []
        /// Candidate entries of the weak matches.
        var candidates: [Int32] = []
        /// The sentence's mentions, in text order, before their `Mention`s are built.
        var found: [Found] = []
        /// Set when a weak alias of the sentence found no context (its party not yet named).
        var unresolvedWeak = false
    }

    /// A mention found in the matching sequence. Plain data, so that the per-sentence buffer
    /// holds no references: building the `Mention` (party id, surface) is left to the caller.
    struct Found {
        /// Index of the party in the gazetteer.
        var party: Int32
        var isDemonym: Bool
        var span: TextSpan
        /// The mention's tokens in the sentence's token array.
        var tokenRange: Range<Int>
        /// The mention's tokens in the matching sequence.
        var sequenceRange: Range<Int>
    }

    /// A weak alias match: `sequence[start..<end]`, candidates `candidates[from..<to]`, and the
    /// best strong entry starting at the same token (or -1).
    struct WeakMatch {
        var start: Int32, end: Int32
        var from: Int32, to: Int32
        var fallback: Int32
    }

    /// Appends the mentions of `tokens` to `mentions`, in text order. `scratch.parts` holds the
    /// parts of the hyphenated words. `context` flags parties named so far and is updated with
    /// this sentence's strong mentions. Surfaces are the joined token surfaces if `joinSurfaces`,
    /// else empty (for the caller to slice from the original).
    func match(_ tokens: [Token], scratch: inout MatchScratch, context: inout [Bool], joinSurfaces: Bool,
               into mentions: inout [Mention]) {
        findMentions(tokens, scratch: &scratch, context: &context)
        guard !scratch.found.isEmpty else { return }
        // The matching sequence is `tokens`, or `scratch.sequence` when there are parts.
        let sequence = scratch.parts.isEmpty ? tokens : scratch.sequence
        for f in scratch.found {
            var surface = ""
            if joinSurfaces {
                let range = f.sequenceRange
                surface = sequence[range.lowerBound].surface
                for k in range.dropFirst() {
                    if sequence[k - 1].flags.contains(.joinsNext) {
                        surface += "-"
                    } else if sequence[k].span.start > sequence[k - 1].span.end {
                        surface += " "
                    }
                    surface += sequence[k].surface
                }
            }
            mentions.append(mention(f, surface: surface))
        }
    }

    /// The `Mention` of `found`, with `surface`.
    @inline(__always)
    func mention(_ found: Found, surface: String) -> Mention {
        Mention(partyID: gazetteer.parties[Int(found.party)].id, surface: surface, span: found.span,
                tokenRange: found.tokenRange, isDemonym: found.isDemonym)
    }

    /// Finds the mentions of `tokens` into `scratch.found` (emptied first), in text order; see
    /// ``match(_:scratch:context:joinSurfaces:into:)``. When there are parts, the matching
    /// sequence is left in `scratch.sequence`.
    func findMentions(_ tokens: [Token], scratch: inout MatchScratch, context: inout [Bool]) {
        scratch.found.removeAllKeepingCapacity()
        if scratch.parts.isEmpty {
            tokens.withUnsafeBufferPointer { sequence in
                match(sequence, owners: nil, scratch: &scratch, context: &context)
            }
            return
        }
        // Build the matching sequence: each hyphenated word's parts in its place. The buffers are
        // moved out of `scratch` (not copied) so that they stay uniquely referenced: a copy would
        // make `removeAll(keepingCapacity:)` and `append` reallocate for every sentence.
        var sequence: [Token] = [], owners: [Int32] = []
        swap(&sequence, &scratch.sequence)
        swap(&owners, &scratch.owners)
        sequence.removeAllKeepingCapacity()
        owners.removeAllKeepingCapacity()
        let parts = scratch.parts.tokens, partOwners = scratch.parts.owners
        sequence.reserveCapacity(tokens.count + parts.count)
        owners.reserveCapacity(tokens.count + parts.count)
        var p = 0, k = 0
        while k < tokens.count {
            if p < parts.count && partOwners[p] == Int32(k) {
                while p < parts.count && partOwners[p] == Int32(k) {
                    sequence.append(parts[p])
                    owners.append(Int32(k))
                    p += 1
                }
                k += 1
            } else {
                // The tokens up to the next hyphenated word are copied in one go.
                let next = p < parts.count && Int(partOwners[p]) > k ? Int(partOwners[p]) : tokens.count
                sequence.append(contentsOf: tokens[k..<next])
                owners.append(contentsOf: (Int32(k)..<Int32(next)))
                k = next
            }
        }
        sequence.withUnsafeBufferPointer { s in
            owners.withUnsafeBufferPointer { o in
                match(s, owners: o, scratch: &scratch, context: &context)
            }
        }
        swap(&sequence, &scratch.sequence)
        swap(&owners, &scratch.owners)
    }

    /// The scan proper over the matching sequence `s`; `owners` maps it to token indices (nil:
    /// the identity).
    private func match(_ s: UnsafeBufferPointer<Token>, owners: UnsafeBufferPointer<Int32>?, scratch: inout MatchScratch,
                       context: inout [Bool]) {
        if isWrittenInCapitals(s) {
            match(s, owners: owners, index: capitalsIndex, scratch: &scratch, context: &context)
        } else {
            match(s, owners: owners, index: index, scratch: &scratch, context: &context)
        }
    }

    /// The scan with one alias index (`index` or `capitalsIndex`).
    private func match(_ s: UnsafeBufferPointer<Token>, owners: UnsafeBufferPointer<Int32>?, index: AliasIndex,
                       scratch: inout MatchScratch, context: inout [Bool]) {
        let first = scratch.found.count
        scratch.weak.removeAllKeepingCapacity()
        scratch.candidates.removeAllKeepingCapacity()
        let n = s.count
        // Number of opening quotes and brackets that start the sentence (-1: not counted yet); a
        // token is at the sentence start when only those precede it.
        var leadingOpeners = -1
        var i = 0
        while i < n {
            guard index.mayStartAlias(withPrefixOf: s[i]) else { i += 1; continue }
            let key = s[i].key
            let start = index.mayStart(s[i], key: key)
            guard start.any else { i += 1; continue }
            let pairBucket = start.longer && i + 1 < n ? index.pairBucket(key, s[i + 1].key) : 0..<0
            let singleBucket = start.single ? index.bucket(for: key) : 0..<0
            if pairBucket.isEmpty && singleBucket.isEmpty { i += 1; continue }
            // Longer aliases (pair bucket) come before one-token aliases. Among strong aliases of
            // the same length the last one in gazetteer order wins.
            var chosen = -1, fallback = -1
            let weakFrom = scratch.candidates.count
            var weakLength = 0
            scan: for pass in 0..<2 {
                for e in pass == 0 ? pairBucket : singleBucket {
                    let entry = index.entries[e]
                    let count = Int(entry.count)
                    if chosen >= 0 && count < Int(index.entries[chosen].count) { break scan }
                    if fallback >= 0 { break scan }
                    if weakLength > 0 && count < weakLength && entry.isWeak { continue }
                    guard matches(entry, in: index, s, at: i) else { continue }
                    if entry.atSentenceStartOnly {
                        if leadingOpeners < 0 { leadingOpeners = countLeadingOpeners(s) }
                        if i > leadingOpeners { continue }
                    }
                    if entry.mayBePronoun && isPronounUS(s, i) { continue }
                    if entry.isWeak {
                        if chosen < 0 && (weakLength == 0 || weakLength == count) {
                            scratch.candidates.append(Int32(e))
                            weakLength = count
                        }
                    } else if weakLength == 0 {
                        chosen = e
                    } else {
                        fallback = e
                    }
                }
            }
            if chosen >= 0 {
                let entry = index.entries[chosen]
                let range = i..<(i + Int(entry.count))
                i = range.upperBound
                if entry.isNonParty || entry.mayBeFalseCountry && isFalseCountry(s, range) { continue }
                context[Int(entry.party)] = true
                scratch.found.append(found(entry, range, s, owners))
            } else if weakLength > 0 {
                scratch.weak.append(WeakMatch(start: Int32(i), end: Int32(i + weakLength), from: Int32(weakFrom),
                                              to: Int32(scratch.candidates.count), fallback: Int32(fallback)))
                i += weakLength
            } else {
                i += 1
            }
        }
        guard !scratch.weak.isEmpty else { return }
        for w in scratch.weak {
            // "in May", "May 2019": the month, not Theresa May (a weak alias of a person).
            if isMonth(s, Int(w.start)..<Int(w.end)) { continue }
            let candidates = scratch.candidates[Int(w.from)..<Int(w.to)].lazy.map { index.entries[Int($0)] }
            let own = candidates.first { context[Int($0.party)] }
            let affiliated = candidates.first { affiliationIndex[Int($0.party)] >= 0 && context[affiliationIndex[Int($0.party)]] }
            let range = Int(w.start)..<Int(w.end)
            if own == nil && affiliated == nil { scratch.unresolvedWeak = true }
            if let entry = own ?? affiliated {
                if !entry.isNonParty { scratch.found.append(found(entry, range, s, owners)) }
            } else if w.fallback >= 0 {
                let entry = index.entries[Int(w.fallback)]
                let shorter = range.lowerBound..<(range.lowerBound + Int(entry.count))
                if entry.isNonParty || entry.mayBeFalseCountry && isFalseCountry(s, shorter) { continue }
                context[Int(entry.party)] = true
                scratch.found.append(found(entry, shorter, s, owners))
            }
        }
        scratch.found[first...].sort { $0.span.start < $1.span.start }
    }

    /// Whether `entry`'s tokens are at `s[i...]`: same surfaces, and the same inner hyphens (an
    /// alias part joined to the next must be joined in the text, and the reverse; the last
    /// token may be joined to a word after the alias).
    @inline(__always)
    private func matches(_ entry: AliasIndex.Entry, in index: AliasIndex, _ s: UnsafeBufferPointer<Token>, at i: Int) -> Bool {
        let count = Int(entry.count)
        guard i + count <= s.count else { return false }
        return index.tokens.withUnsafeBufferPointer { alias in
            let first = Int(entry.first)
            for k in 0..<count {
                guard s[i + k].hasSameSurface(as: alias[first + k]) else { return false }
                if k < count - 1 && alias[first + k].flags.contains(.joinsNext) != s[i + k].flags.contains(.joinsNext) {
                    return false
                }
            }
            return true
        }
    }

    /// The mention of `entry` at the matching sequence's tokens `range`.
    private func found(_ entry: AliasIndex.Entry, _ range: Range<Int>, _ s: UnsafeBufferPointer<Token>,
                       _ owners: UnsafeBufferPointer<Int32>?) -> Found {
        let span = TextSpan(start: s[range.lowerBound].span.start, end: s[range.upperBound - 1].span.end)
        let tokenRange = owners.map { Int($0[range.lowerBound])..<(Int($0[range.upperBound - 1]) + 1) } ?? range
        return Found(party: entry.party, isDemonym: entry.isDemonym, span: span, tokenRange: tokenRange, sequenceRange: range)
    }

    /// The number of tokens at the start of `s` that are opening quotes, brackets or dashes.
    private func countLeadingOpeners(_ s: UnsafeBufferPointer<Token>) -> Int {
        var k = 0
        while k < s.count {
            let t = s[k]
            guard t.kind == .punctuation, t.count == 1 else { break }
            let b = UInt8(truncatingIfNeeded: t.low)
            guard b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "(") || b == UInt8(ascii: "[")
                    || b == UInt8(ascii: "-") else { break }
            k += 1
        }
        return k
    }
}
