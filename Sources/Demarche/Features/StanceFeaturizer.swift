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
/// - `@quoted`, `@first`, `@alone`, `@possessive`, `@headline`: cues of the target's role;
/// - off by default (see `StructuredWords`): whom each cue word is aimed at (`att:hostile:T<`),
///   the target as speaker (`@subj:report`), its grammatical role toward a cue
///   (`@obj:hostile:on`), and whether a cue shares the target's clause (`cl:hostile:other`);
/// - off by default: each cue class present, by whether the target is the only party named
///   (`alone:hostile:near`, `others:conciliatory:neg:far`).
public struct StanceFeaturizer: Sendable {
    /// The switches this featurizer honours.
    public let configuration: FeatureConfiguration
    /// The cue lexicon (used when `configuration[.lexicon]` is on).
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

    /// Word categories the attribution, role and clause features read (bit flags).
    enum WordCategory {
        /// A verb reporting speech or a stance (`said`, `told`): its subject speaks; a clause
        /// ends after it.
        static let reporting: Int32 = 1
        /// Auxiliaries and adverbs skipped between a subject and its verb (`has`, `also`).
        static let filler: Int32 = 2
        /// Prepositions that tie a cue to the party after them (`on`, `against`, `with`).
        static let preposition: Int32 = 4
        /// Determiners and possessives skipped between a cue and its object (`the`, `its`).
        static let determiner: Int32 = 8
        /// Words that open a new clause (`while`, `but`, `that`, `which`).
        static let clauseOpener: Int32 = 16
        /// Passive auxiliaries (`was`, `been`): a cue verb after them is done to the subject.
        static let passive: Int32 = 32
    }

    /// The words of each `WordCategory` (a word may be in several).
    static let categoryWords: [(words: [String], category: Int32)] = [
        (["said", "says", "say", "told", "tells", "stated", "states", "announced", "announces",
          "claimed", "claims", "added", "adds", "noted", "notes", "argued", "argues", "insisted",
          "insists", "asserted", "asserts", "declared", "declares", "reported", "reports", "wrote",
          "writes", "tweeted", "replied", "responded", "confirmed", "confirms", "maintained",
          "maintains", "stressed", "stresses", "explained", "explains", "acknowledged",
          "acknowledges", "admitted", "admits", "believes", "believed", "thinks", "suggested",
          "suggests", "indicated", "indicates", "signalled", "signaled", "signals", "predicted",
          "according", "saying", "telling"], WordCategory.reporting),
        (["has", "have", "had", "also", "again", "already", "repeatedly", "previously", "recently",
          "now", "then", "later", "reportedly", "publicly", "officially", "formally", "openly",
          "sharply", "strongly", "swiftly", "quickly", "immediately", "firmly", "still", "will",
          "would", "could", "might", "may", "must", "should", "can", "did", "does", "do", "itself",
          "yesterday", "today", "monday", "tuesday", "wednesday", "thursday", "friday",
          "saturday", "sunday", "once", "long", "first", "even", "just", "never", "not", "n't"],
         WordCategory.filler),
        (["on", "against", "with", "to", "toward", "towards", "from", "by", "at", "over", "into",
          "upon", "for", "of", "about", "between", "among", "onto", "inside", "within"],
         WordCategory.preposition),
        (["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
          "both", "all", "'s"], WordCategory.determiner),
        (["but", "while", "whereas", "although", "though", "after", "before", "because", "since",
          "which", "who", "whom", "whose", "when", "where", "if", "unless", "that", "until",
          "despite", "however", "yet"], WordCategory.clauseOpener),
        (["was", "were", "is", "are", "be", "been", "being", "get", "got", "gets"], WordCategory.passive),
    ]

    /// The groups of `configuration` as stored flags: `Set.contains` hashes the group on every
    /// call, and `document` asks a dozen times per pair (4% of a scoring run's profile).
    struct EnabledGroups: Sendable {
        let aloneCues: Bool
        let clauseScope: Bool
        let contextWindow: Bool
        let cueAttribution: Bool
        let grammaticalRole: Bool
        let lexicon: Bool
        let marksTargets: Bool
        let negationScope: Bool
        let roleCues: Bool
        let sideOfTarget: Bool
        let speakerRole: Bool

        init(_ configuration: FeatureConfiguration) {
            aloneCues = configuration[.aloneCues]
            clauseScope = configuration[.clauseScope]
            contextWindow = configuration[.contextWindow]
            cueAttribution = configuration[.cueAttribution]
            grammaticalRole = configuration[.grammaticalRole]
            lexicon = configuration[.lexicon]
            marksTargets = configuration[.marksTargets]
            negationScope = configuration[.negationScope]
            roleCues = configuration[.roleCues]
            sideOfTarget = configuration[.sideOfTarget]
            speakerRole = configuration[.speakerRole]
        }
    }

    /// `configuration`'s switches, read without hashing.
    private let on: EnabledGroups

    /// `negationCues` by bytes (ASCII words; see `WordLookup`).
    private let cueLookup: WordLookup
    /// `categoryWords` by bytes → the OR of their categories.
    private let categoryLookup: WordLookup
    /// Each lexicon entry's class: 0 hostile, 1 conciliatory.
    private let entryClass: [UInt8]
    /// Lexicon words by bytes → entry number (ASCII words).
    private let lexiconLookup: WordLookup
    /// Lexicon words → entry number, for non-ASCII words.
    private let lexiconNumbers: [String: Int32]
    /// The lexicon terms of each entry, precomputed as bytes: entry `e`'s term of `kind`
    /// (0 strength, 1 side, 2 near, 3 mid), negated or not, left or right of the target, is
    /// `lexiconTerms[((e * 2 + negated) * 2 + right) * 4 + kind]`.
    private let lexiconTerms: [[UInt8]]

    /// Creates a featurizer with the given switches.
    public init(configuration: FeatureConfiguration = FeatureConfiguration(), lexicon: StanceLexicon = .empty) {
        self.configuration = configuration
        self.lexicon = lexicon
        on = EnabledGroups(configuration)
        cueLookup = WordLookup(Self.negationCues.map { ($0, 0) })
        var categories: [String: Int32] = [:]
        for (words, category) in Self.categoryWords { for w in words { categories[w, default: 0] |= category } }
        categoryLookup = WordLookup(categories.map { ($0.key, $0.value) })
        // Entries in sorted order, so the numbering does not depend on dictionary order.
        let words = lexicon.entries.keys.sorted()
        var numbers: [String: Int32] = [:]
        var terms: [[UInt8]] = []
        // An entry's 16 terms depend only on its class and strength: built once per kind and shared
        // (copy-on-write), not allocated again for each of the lexicon's ~1,400 words at every model load.
        var termsOfKind: [String: [[UInt8]]] = [:]
        for (e, word) in words.enumerated() {
            numbers[word] = Int32(e)
            let entry = lexicon.entries[word]!
            let strength = entry.weight == 2 ? entry.cls : entry.cls + "~"
            let kindTerms = termsOfKind[strength] ?? Self.lexiconTerms(cls: entry.cls, strength: strength)
            termsOfKind[strength] = kindTerms
            terms.append(contentsOf: kindTerms)
        }
        lexiconLookup = WordLookup(numbers.map { ($0.key, $0.value) })
        entryClass = words.map { lexicon.entries[$0]!.cls == "hostile" ? 0 : 1 }
        lexiconNumbers = numbers
        lexiconTerms = terms
    }

    /// The 16 terms of a lexicon entry of class `cls` and `strength` (`cls`, or `cls~` when weak), in
    /// `lexiconTerms` order: negated, then side, then kind.
    private static func lexiconTerms(cls: String, strength: String) -> [[UInt8]] {
        var terms: [[UInt8]] = []
        for neg in ["", ":neg"] {
            for side in ["l", "r"] {
                terms.append(Array(("lex:" + strength + neg).utf8))
                terms.append(Array(("lex" + side + ":" + cls + neg).utf8))
                terms.append(Array(("lexnear:" + cls + ":" + side + neg).utf8))
                terms.append(Array(("lexmid:" + cls + ":" + side + neg).utf8))
            }
        }
        return terms
    }

    /// `wordLexicon`'s mark of a token whose lexicon entry was not looked up with its word.
    private static let notLookedUp: Int32 = -2

    /// The lexicon entry number of the word `bytes`, or nil.
    @inline(__always)
    private func lexiconEntry(_ bytes: UnsafeRawBufferPointer) -> Int? {
        if WordLookup.isASCII(bytes) { return lexiconLookup.value(of: bytes).map(Int.init) }
        return lexiconNumbers[String(decoding: bytes, as: UTF8.self)].map(Int.init)
    }

    /// Builds the document for one pair.
    ///
    /// Terms are written as bytes straight into the document (see `Document`): each token's
    /// `text` is read once (it is built on every access), and every position-aware term is its
    /// prefix's bytes followed by a word's bytes, so no `String` is made per term.
    /// - Parameters:
    ///   - tokens: the sentence's tokens.
    ///   - targetRanges: token ranges of the target's mentions (may be empty: then it is a
    ///     plain bag of n-grams).
    ///   - otherRanges: token ranges of other parties' mentions.
    /// - Returns: tokens for n-grams and the extra position-aware terms.
    /// - Complexity: O(n) in the number of tokens.
    public func document(tokens: [Token], targetRanges: [Range<Int>], otherRanges: [Range<Int>]) -> Document {
        var document = Document()
        var scratch = Scratch()
        self.document(tokens: tokens, targetRanges: targetRanges, otherRanges: otherRanges, into: &document, scratch: &scratch)
        return document
    }

    /// The per-pair arrays `document` works in, kept by a caller that featurises one pair after
    /// another (a scoring worker), so that each pair reuses their storage instead of allocating
    /// and freeing about a dozen arrays.
    public struct Scratch {
        var owner: [UInt8] = [], wordNegated: [Bool] = [], targetPositions: [Int] = [], otherPositions: [Int] = []
        var wordCategory: [Int32] = [], wordClause: [Int32] = [], wordLexicon: [Int32] = [], wordEntries: [Int32] = []
        /// Other parties' token ranges (``PairBuilder``).
        var others: [Range<Int>] = []

        /// Empty scratch.
        public init() {}
    }

    /// `document(tokens:targetRanges:otherRanges:)` written into `document` (its contents are
    /// replaced, its storage kept), with the working arrays of `scratch`: the same document.
    public func document(tokens: [Token], targetRanges: [Range<Int>], otherRanges: [Range<Int>],
                         into document: inout Document, scratch: inout Scratch) {
        // The scratch arrays are moved into locals (no copy: the scratch gives up its reference)
        // and moved back on the way out.
        var owner = Self.take(&scratch.owner), wordNegated = Self.take(&scratch.wordNegated)
        var targetPositions = Self.take(&scratch.targetPositions), otherPositions = Self.take(&scratch.otherPositions)
        var wordCategory = Self.take(&scratch.wordCategory), wordClause = Self.take(&scratch.wordClause)
        var wordLexicon = Self.take(&scratch.wordLexicon), wordEntries = Self.take(&scratch.wordEntries)
        defer {
            scratch.owner = owner; scratch.wordNegated = wordNegated
            scratch.targetPositions = targetPositions; scratch.otherPositions = otherPositions
            scratch.wordCategory = wordCategory; scratch.wordClause = wordClause
            scratch.wordLexicon = wordLexicon; scratch.wordEntries = wordEntries
        }
        // 1. Label each token position: 0 plain, 1 target, 2 other party.
        owner.append(contentsOf: repeatElement(0, count: tokens.count))
        if on.marksTargets {
            for r in otherRanges { for i in r where i < owner.count { owner[i] = 2 } }
        }
        for r in targetRanges { for i in r where i < owner.count { owner[i] = 1 } }

        // 2. The word stream (punctuation dropped), remembering where the target stands, and the
        //    punctuation-aware cues computed on the way.
        document.removeAll()
        document.reserveCapacity(tokens: tokens.count, bytes: tokens.count * 8,
                                 extraTerms: tokens.count * 2 + 16, extraBytes: tokens.count * 24 + 64)
        wordNegated.reserveCapacity(tokens.count)
        // targetPositions: indices into the document's tokens
        // For the attribution, role and clause features: other parties' positions, each word's
        // `WordCategory` bits and clause number.
        let structural = on.cueAttribution || on.speakerRole || on.grammaticalRole
            || on.clauseScope
        var clause: Int32 = 0
        if structural {
            wordCategory.reserveCapacity(tokens.count)
            wordClause.reserveCapacity(tokens.count)
        }
        // Each word's lexicon entry (-1 none), found with its other lookups in the loop below;
        // `notLookedUp` for mention tokens, looked up in step 5.
        let lexiconOn = on.lexicon && !lexicon.entries.isEmpty
        if lexiconOn { wordLexicon.reserveCapacity(tokens.count) }
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
            if kind != 0 && (on.marksTargets || kind == 1) {
                // Collapse a whole mention into one token.
                var j = i
                while j < tokens.count && owner[j] == kind { j += 1 }
                if kind == 1 {
                    if targetPositions.isEmpty && !sawOtherParty { targetFirst = true }
                    if insideQuote { quotedTarget = true }
                    targetPositions.append(document.tokenCount)
                    if j < tokens.count && tokens[j].text == "'s" { possessive = true }
                    if on.marksTargets {
                        document.appendToken(Self.targetToken)
                    } else {
                        document.appendToken(token.text)
                    }
                    wordNegated.append(negated)
                    if structural { wordCategory.append(0); wordClause.append(clause) }
                    if !on.marksTargets {
                        for k in (i + 1)..<j where tokens[k].kind != .punctuation {
                            document.appendToken(tokens[k].text)
                            wordNegated.append(negated)
                            if structural { wordCategory.append(0); wordClause.append(clause) }
                        }
                    }
                } else {
                    sawOtherParty = true
                    if structural {
                        otherPositions.append(document.tokenCount)
                        wordCategory.append(0); wordClause.append(clause)
                    }
                    document.appendToken(Self.partyToken)
                    wordNegated.append(negated)
                }
                i = j
                continue
            }
            if token.kind == .punctuation {
                if token.withTextBytes({ $0.count == 1 && $0[0] == UInt8(ascii: "\"") }) { insideQuote.toggle() }
                negated = false
                clause += 1
                i += 1
                continue
            }
            token.withTextBytes { bytes in
                // One FNV hash of the word for the cue, lexicon and category tables (ASCII words;
                // others go through the String-keyed paths as before).
                let ascii = WordLookup.isASCII(bytes)
                let hash = ascii ? WordLookup.hash(bytes) : 0
                let isCue = ascii ? cueLookup.value(of: bytes, hash: hash) != nil
                    : Self.negationCues.contains(String(decoding: bytes, as: UTF8.self))
                if lexiconOn {
                    while wordLexicon.count < document.tokenCount { wordLexicon.append(Self.notLookedUp) }
                    wordLexicon.append(ascii ? (lexiconLookup.value(of: bytes, hash: hash) ?? -1)
                                             : (lexiconNumbers[String(decoding: bytes, as: UTF8.self)] ?? -1))
                }
                if on.negationScope {
                    if negated {
                        document.appendExtraBytes("neg:")
                        document.appendExtraBytes(bytes)
                        document.endExtraTerm()
                    }
                    if isCue { negated = true }
                }
                document.appendToken(bytes)
                wordNegated.append(negated && !isCue)
                if structural {
                    let category = ascii ? (categoryLookup.value(of: bytes, hash: hash) ?? 0) : 0
                    if category & WordCategory.clauseOpener != 0 { clause += 1 }
                    wordCategory.append(category)
                    wordClause.append(clause)
                    if category & WordCategory.reporting != 0 { clause += 1 }
                }
            }
            i += 1
        }

        guard !targetPositions.isEmpty else { return }
        let wordCount = document.tokenCount

        // 3. Context windows around each target mention, by distance.
        if on.contextWindow {
            let w = configuration.windowSize
            for p in targetPositions {
                for d in 1...w {
                    if p - d >= 0 { appendWindowTerm(UInt8(ascii: "L"), distance: d, word: p - d, to: &document) }
                    if p + d < wordCount { appendWindowTerm(UInt8(ascii: "R"), distance: d, word: p + d, to: &document) }
                }
            }
        }
        // 4. The side of the target each word stands on.
        if on.sideOfTarget {
            let first = targetPositions[0], last = targetPositions[targetPositions.count - 1]
            for k in 0..<wordCount where !Self.isTargetToken(document, k) {
                document.appendExtraTerm(k < first ? "l:" : (k > last ? "r:" : "m:"), token: k)
            }
        }
        // 5. Cue words: their class by side of and distance to the nearest target mention.
        //    (Each word's entry is kept for steps 7–9, which read cues only through this group;
        //    the (class, negated, near) combinations seen, for step 6b.)
        wordEntries.append(contentsOf: repeatElement(-1, count: structural ? wordCount : 0))
        var cueKinds: UInt8 = 0   // bit (class * 2 + negated) * 2 + near
        let aloneCues = on.aloneCues
        if on.lexicon && !lexicon.entries.isEmpty {
            for k in 0..<wordCount {
                // Words were looked up in step 2; mention tokens (`<target>`, `<party>`) here.
                let stored = k < wordLexicon.count ? wordLexicon[k] : Self.notLookedUp
                let found: Int?
                if stored == Self.notLookedUp {
                    let range = document.tokenRange(k)
                    found = document.tokenBytes.withUnsafeBytes { lexiconEntry(UnsafeRawBufferPointer(rebasing: $0[range])) }
                } else {
                    found = stored >= 0 ? Int(stored) : nil
                }
                guard let e = found else { continue }
                if structural { wordEntries[k] = Int32(e) }
                var nearest = Int.max
                for p in targetPositions where abs(p - k) < abs(nearest) { nearest = k - p }
                if aloneCues {
                    cueKinds |= 1 << ((Int(entryClass[e]) * 2 + (wordNegated[k] ? 1 : 0)) * 2 + (abs(nearest) <= 3 ? 1 : 0))
                }
                let base = ((e * 2 + (wordNegated[k] ? 1 : 0)) * 2 + (nearest < 0 ? 0 : 1)) * 4
                appendLexiconTerm(base, to: &document)
                appendLexiconTerm(base + 1, to: &document)
                if abs(nearest) <= 3 { appendLexiconTerm(base + 2, to: &document) }
                else if abs(nearest) <= 8 { appendLexiconTerm(base + 3, to: &document) }
            }
        }
        // Whether the target is the only party named (steps 6 and 6b).
        let targetAlone = !sawOtherParty && !otherRanges.contains(where: { !$0.isEmpty })
        // 6. Role cues.
        if on.roleCues {
            if quotedTarget { document.appendExtraTerm("@quoted") }
            if targetFirst { document.appendExtraTerm("@first") }
            if targetAlone { document.appendExtraTerm("@alone") }
            if possessive { document.appendExtraTerm("@possessive") }
            if targetPositions[0] == 0 { document.appendExtraTerm("@start") }
        }
        // 6b. Cue classes by whether the target is the only party named.
        if aloneCues && cueKinds != 0 {
            for kind in 0..<8 where cueKinds & (1 << kind) != 0 {
                Self.aloneCueTerms[(targetAlone ? 0 : 8) + kind].withUnsafeBytes { document.appendExtraBytes($0) }
                document.endExtraTerm()
            }
        }
        // 7–9. Who the cues are aimed at, and whether the target speaks.
        if structural {
            let words = StructuredWords(entries: wordEntries, entryClass: entryClass, negated: wordNegated,
                                        category: wordCategory, clause: wordClause,
                                        targets: targetPositions, others: otherPositions)
            if on.cueAttribution { words.appendAttributionTerms(to: &document) }
            if on.speakerRole || on.grammaticalRole {
                words.appendRoleTerms(to: &document, speaker: on.speakerRole, grammar: on.grammaticalRole)
            }
            if on.clauseScope { words.appendClauseTerms(to: &document) }
        }
    }

    /// The array in `slot`, emptied with its storage kept; `slot` is left empty (so the array
    /// returned is uniquely referenced and grows in place).
    @inline(__always)
    private static func take<T>(_ slot: inout [T]) -> [T] {
        var taken: [T] = []
        swap(&taken, &slot)
        taken.removeAll(keepingCapacity: true)
        return taken
    }

    /// Appends `L3=word` / `R1=word`: the side letter, the distance in decimal, `=`, the word.
    @inline(__always)
    private func appendWindowTerm(_ side: UInt8, distance: Int, word: Int, to document: inout Document) {
        document.appendExtraByte(side)
        if (0..<10).contains(distance) {
            document.appendExtraByte(UInt8(ascii: "0") + UInt8(distance))
        } else {
            for digit in String(distance).utf8 { document.appendExtraByte(digit) }
        }
        document.appendExtraByte(UInt8(ascii: "="))
        document.appendExtraBytes(ofToken: word)
        document.endExtraTerm()
    }

    @inline(__always)
    private func appendLexiconTerm(_ index: Int, to document: inout Document) {
        lexiconTerms[index].withUnsafeBytes { document.appendExtraBytes($0) }
        document.endExtraTerm()
    }

    /// Whether the document's token `k` is spelled `<target>`.
    @inline(__always)
    private static func isTargetToken(_ document: Document, _ k: Int) -> Bool {
        let range = document.tokenRange(k)
        guard range.count == targetBytes.count else { return false }
        return document.tokenBytes[range].elementsEqual(targetBytes)
    }

    private static let targetBytes = Array(targetToken.utf8)

    /// The terms of step 6b: `alone:` (the target is the only party named) or `others:`, the cue
    /// class, `:neg` when negated, `:near` (within 3 words of the target) or `:far`; index
    /// `(alone ? 0 : 8) + (class * 2 + negated) * 2 + near`, class 0 hostile, 1 conciliatory.
    static let aloneCueTerms: [[UInt8]] = {
        var terms: [[UInt8]] = []
        for who in ["alone:", "others:"] {
            for cls in ["hostile", "conciliatory"] {
                for neg in ["", ":neg"] {
                    for near in [":far", ":near"] { terms.append(Array((who + cls + neg + near).utf8)) }
                }
            }
        }
        return terms
    }()
}
