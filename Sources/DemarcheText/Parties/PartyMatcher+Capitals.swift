/// Matching in sentences written in capitals (`NORTH KOREA FIRES MISSILE`).
///
/// When a sentence's letters are all upper case, case carries no information, so aliases are
/// matched through a second index of their upper-case forms (``AliasIndex/init(gazetteer:capitals:)``).
/// Alias forms that are also common English words (`WHO`, `MAY`) are left out of it, and `US`
/// is not taken for the country after a word that takes the pronoun `us` (`LET US`, `TELLS US`,
/// `ALL OF US`). Everywhere else matching stays case-sensitive: `us` is never the United States.
extension PartyMatcher {
    /// Words after which `US` in capitals is the pronoun.
    static let pronounCues: Set<String> = [
        "LET", "TELL", "TELLS", "TOLD", "GIVE", "GIVES", "GAVE", "HELP", "HELPS", "JOIN", "JOINS", "SHOW", "SHOWS",
        "ASK", "ASKS", "ASKED", "SEND", "SENDS", "BRING", "BRINGS", "THANK", "THANKS", "HEAR", "FOLLOW", "EXCUSE",
        "MAKE", "MAKES", "MADE", "LEAVE", "LEAVES", "MISS", "MISSES", "KEEP", "KEEPS", "TAKE", "TAKES", "LIKE",
        "WITH", "FOR", "ABOUT", "BEHIND", "BETWEEN", "AMONG", "BEFORE",
    ]

    /// Quantifiers that make `… OF US` the pronoun.
    static let pronounQuantifiers: Set<String> = [
        "ALL", "ONE", "SOME", "MANY", "MOST", "NONE", "BOTH", "EACH", "EITHER", "NEITHER", "FEW", "ANY", "TWO", "THREE",
    ]

    /// Whether the letters of the sentence are all upper case (at least four of them, so that an
    /// acronym alone is not a headline in capitals).
    func isWrittenInCapitals(_ s: UnsafeBufferPointer<Token>) -> Bool {
        var upperBytes = 0
        for k in s.indices {
            let flags = s[k].flags
            if flags.contains(.hasLower) { return false }
            if flags.contains(.nonASCII) {
                if s[k].surface.unicodeScalars.contains(where: { $0.properties.isLowercase }) { return false }
                upperBytes += Int(s[k].count)
            } else if flags.contains(.hasUpper) {
                upperBytes += Int(s[k].count)
            }
        }
        return upperBytes >= 4
    }

    /// Whether `US` at `i` (in capitals) is the pronoun: after a cue (`TELLS US`) or in `ALL OF US`.
    func isPronounUS(_ s: UnsafeBufferPointer<Token>, _ i: Int) -> Bool {
        guard i > 0 else { return false }
        let previous = s[i - 1].surface
        if PartyMatcher.pronounCues.contains(previous) { return true }
        if previous == "OF", i > 1, PartyMatcher.pronounQuantifiers.contains(s[i - 2].surface) { return true }
        return false
    }
}
