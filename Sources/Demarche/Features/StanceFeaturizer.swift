import DemarcheML
import DemarcheText

/// Turns one (sentence, target) pair into the document the TF-IDF vectorizer reads.
///
/// The one place features are built, for training and for scoring alike. The word stream is the
/// sentence's lower-cased tokens with punctuation dropped, the target's mentions replaced by
/// `<target>` and other parties' by `<party>`, so n-grams such as `accused <target>` carry the
/// target's role. On top of the n-grams it adds position-aware terms (see `FeatureConfiguration`):
///
/// - `L1=accused`, `R2=of`: the words at each distance left and right of each target mention;
/// - `l:word` / `r:word` / `m:word`: every word tagged with its side of the target, so
///   "China accused Japan" and "Japan accused China" differ for either target;
/// - `neg:word`: words inside a negation's scope (from the cue to the next punctuation);
/// - `@quoted`, `@first`, `@alone`, `@possessive`, `@headline`: cues of the target's role.
public struct StanceFeaturizer: Sendable {
    /// The switches this featurizer honours.
    public let configuration: FeatureConfiguration
    /// The cue lexicon (used when `configuration.lexicon` is on).
    public let lexicon: StanceLexicon

    /// Token spelling that stands for the target's mentions.
    public static let targetToken = "<target>"
    /// Token spelling that stands for another party's mentions.
    public static let partyToken = "<party>"

    /// Words that open a negation scope (after tokenisation: `n't` may stand alone).
    static let negationCues: Set<String> = [
        "not", "no", "never", "n't", "without", "nor", "neither", "none", "nobody", "nothing",
        "cannot", "can't", "won't", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't",
        "weren't", "hasn't", "haven't", "hadn't", "wouldn't", "shouldn't", "couldn't", "refused",
        "denied",
    ]

    /// Creates a featurizer with the given switches.
    public init(configuration: FeatureConfiguration = FeatureConfiguration(), lexicon: StanceLexicon = .empty) {
        self.configuration = configuration
        self.lexicon = lexicon
    }

    /// Builds the document for one pair.
    /// - Parameters:
    ///   - tokens: the sentence's tokens.
    ///   - targetRanges: token ranges of the target's mentions (may be empty: then it is a
    ///     plain bag of n-grams).
    ///   - otherRanges: token ranges of other parties' mentions.
    /// - Returns: tokens for n-grams and the extra position-aware terms.
    /// - Complexity: O(n) in the number of tokens.
    public func document(tokens: [Token], targetRanges: [Range<Int>], otherRanges: [Range<Int>]) -> Document {
        // 1. Label each token position: 0 plain, 1 target, 2 other party.
        var owner = [UInt8](repeating: 0, count: tokens.count)
        if configuration.marksTargets {
            for r in otherRanges { for i in r where i < owner.count { owner[i] = 2 } }
        }
        for r in targetRanges { for i in r where i < owner.count { owner[i] = 1 } }

        // 2. The word stream (punctuation dropped), remembering where the target stands, and the
        //    punctuation-aware cues computed on the way.
        var words: [String] = []
        words.reserveCapacity(tokens.count)
        var wordNegated: [Bool] = []
        var targetPositions: [Int] = []         // indices into `words`
        var extra: [String] = []
        var negated = false
        var insideQuote = false
        var quotedTarget = false
        var sawOtherParty = false
        var targetFirst = false
        var possessive = false
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            let kind = owner[i]
            if kind != 0 && (configuration.marksTargets || kind == 1) {
                // Collapse a whole mention into one token.
                var j = i
                while j < tokens.count && owner[j] == kind { j += 1 }
                if kind == 1 {
                    if targetPositions.isEmpty && !sawOtherParty { targetFirst = true }
                    if insideQuote { quotedTarget = true }
                    targetPositions.append(words.count)
                    if j < tokens.count && tokens[j].text == "'s" { possessive = true }
                    words.append(configuration.marksTargets ? Self.targetToken : token.text)
                    wordNegated.append(negated)
                    if !configuration.marksTargets {
                        for k in (i + 1)..<j where tokens[k].kind != .punctuation { words.append(tokens[k].text); wordNegated.append(negated) }
                    }
                } else {
                    sawOtherParty = true
                    words.append(Self.partyToken)
                    wordNegated.append(negated)
                }
                i = j
                continue
            }
            if token.kind == .punctuation {
                if token.text == "\"" { insideQuote.toggle() }
                negated = false
                i += 1
                continue
            }
            let text = token.text
            if configuration.negationScope {
                if negated { extra.append("neg:" + text) }
                if Self.negationCues.contains(text) { negated = true }
            }
            words.append(text)
            wordNegated.append(negated && !Self.negationCues.contains(text))
            i += 1
        }

        guard !targetPositions.isEmpty else {
            return Document(tokens: words, extraTerms: extra)
        }

        // 3. Context windows around each target mention, by distance.
        if configuration.contextWindow {
            let w = configuration.windowSize
            for p in targetPositions {
                for d in 1...w {
                    if p - d >= 0 { extra.append("L\(d)=" + words[p - d]) }
                    if p + d < words.count { extra.append("R\(d)=" + words[p + d]) }
                }
            }
        }
        // 4. The side of the target each word stands on.
        if configuration.sideOfTarget {
            let first = targetPositions[0], last = targetPositions[targetPositions.count - 1]
            for (k, word) in words.enumerated() where word != Self.targetToken {
                let side = k < first ? "l:" : (k > last ? "r:" : "m:")
                extra.append(side + word)
            }
        }
        // 5. Cue words: their class by side of and distance to the nearest target mention.
        if configuration.lexicon && !lexicon.entries.isEmpty {
            for (k, word) in words.enumerated() {
                guard let entry = lexicon.entries[word] else { continue }
                var nearest = Int.max
                for p in targetPositions where abs(p - k) < abs(nearest) { nearest = k - p }
                let side = nearest < 0 ? "l" : "r"
                let neg = wordNegated[k] ? ":neg" : ""
                let strength = entry.weight == 2 ? entry.cls : entry.cls + "~"
                extra.append("lex:" + strength + neg)
                extra.append("lex" + side + ":" + entry.cls + neg)
                if abs(nearest) <= 3 { extra.append("lexnear:" + entry.cls + ":" + side + neg) }
                else if abs(nearest) <= 8 { extra.append("lexmid:" + entry.cls + ":" + side + neg) }
            }
        }
        // 6. Role cues.
        if configuration.roleCues {
            if quotedTarget { extra.append("@quoted") }
            if targetFirst { extra.append("@first") }
            if !sawOtherParty && !otherRanges.contains(where: { !$0.isEmpty }) { extra.append("@alone") }
            if possessive { extra.append("@possessive") }
            if targetPositions[0] == 0 { extra.append("@start") }
        }
        return Document(tokens: words, extraTerms: extra)
    }
}
