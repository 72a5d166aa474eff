extension PartyMatcher {
    /// The bare surnames of the persons an article names in full ("Defense Secretary Ash Carter"
    /// … "Carter said"), as mentions of those persons wherever else the article writes them.
    ///
    /// A surname that the gazetteer keeps from being a weak alias because it is shared ("Carter":
    /// Jimmy and Ash; "Johnson") is unambiguous inside one article that names one of its bearers in
    /// full: news names a person in full first, then by surname (a headline may come before). The
    /// surname is the last word of the full mention (the part after its last hyphen too:
    /// "al-Abadi" gives "Abadi"); it counts only capitalised, as a word of its own outside every
    /// other mention, not as a month ("in May"), and not when two persons of the article share it.
    /// - Parameters:
    ///   - tokens: the article's sentences' tokens.
    ///   - mentions: their mentions so far (same order).
    /// - Returns: per sentence, the surname mentions to add (token order), surfaces as written.
    public func surnameMentions(tokens: [[Token]], mentions: [[Mention]]) -> [[Mention]] {
        // Surname (lowercased text) -> the persons whose full mention ends with it.
        var bearers: [String: Set<String>] = [:]
        for (s, sentence) in mentions.enumerated() {
            for m in sentence where m.tokenRange.count >= 2 && gazetteer.party(id: m.partyID)?.kind == .person {
                let last = tokens[s][m.tokenRange.upperBound - 1]
                for name in Self.surnames(of: last.text) { bearers[name, default: []].insert(m.partyID) }
            }
        }
        let surnames = bearers.compactMapValues { $0.count == 1 ? $0.first! : nil }
        guard !surnames.isEmpty else { return tokens.map { _ in [] } }
        return tokens.indices.map { s in
            let covered = Set(mentions[s].flatMap { Array($0.tokenRange) })
            var added: [Mention] = []
            for (k, token) in tokens[s].enumerated() where !covered.contains(k) {
                guard let person = surnames[token.text], token.surface.first?.isUppercase == true else { continue }
                // "in May", "May 3": the month, not Theresa May.
                if tokens[s].withUnsafeBufferPointer({ isMonth($0, k..<(k + 1)) }) { continue }
                added.append(Mention(partyID: person, surface: token.surface, span: token.span, tokenRange: k..<(k + 1),
                                     isDemonym: false))
            }
            return added
        }
    }

    /// The surnames a full mention's last token gives: the word itself, and for "al-Abadi" also
    /// "abadi"; words of fewer than three letters and words with digits give none.
    static func surnames(of word: String) -> [String] {
        guard word.count >= 3, word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" }) else { return [] }
        var result = [word]
        if let dash = word.lastIndex(of: "-") {
            let part = String(word[word.index(after: dash)...])
            if part.count >= 3 { result.append(part) }
        }
        return result
    }

    /// `mentions` with `added` merged in text order.
    public static func merging(_ mentions: [Mention], _ added: [Mention]) -> [Mention] {
        guard !added.isEmpty else { return mentions }
        return (mentions + added).sorted { ($0.tokenRange.lowerBound, $0.span.start) < ($1.tokenRange.lowerBound, $1.span.start) }
    }
}
