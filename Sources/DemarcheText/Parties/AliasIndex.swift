/// The matcher's lookup structure: every surface form of every party, tokenised, in an
/// open-addressing table keyed by the hash of its first token's surface (one-token aliases) or of
/// its first two tokens' surfaces (longer aliases), so that a common first word such as `the`
/// does not scan every `the …` alias.
///
/// Hyphenated words of an alias are stored as their parts (`Kim Jong-un` → `Kim`, `Jong`, `un`,
/// with `Jong` joined to `un`), the form in which the matcher sees a sentence that has hyphenated
/// words. Bit filters answer "starts no alias" for most tokens in one load, and tell apart first
/// tokens of one-token aliases, first tokens of longer aliases and first-two-token pairs, so that
/// the table itself is probed only when an entry is likely; a probe touches one cache line per slot.
/// Candidates in a bucket are sorted longest first, then strong before weak, then in gazetteer
/// order. Nothing here holds a reference per entry: entries and alias tokens are flat arrays.
struct AliasIndex: Sendable {
    struct Entry: Sendable {
        /// Index of the party in the gazetteer.
        let party: Int32
        /// The alias's tokens are `tokens[first..<first + count]` (compared by surface).
        let first: Int32
        let count: Int32
        let flags: Flags

        var isWeak: Bool { flags.contains(.weak) }
        var isDemonym: Bool { flags.contains(.demonym) }
        var isNonParty: Bool { flags.contains(.nonParty) }
        /// The capitalised variant of a lower-case-initial alias: valid only at sentence start.
        var atSentenceStartOnly: Bool { flags.contains(.sentenceStartOnly) }
        /// `US` in an all-capitals index: it may be the pronoun `us`.
        var mayBePronoun: Bool { flags.contains(.mayBePronoun) }
        /// A country name that is also a US state or a given name (`Georgia`, `Jordan`): the
        /// matcher's heuristics decide.
        var mayBeFalseCountry: Bool { flags.contains(.mayBeFalseCountry) }
    }

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let weak = Flags(rawValue: 1)
        static let demonym = Flags(rawValue: 2)
        static let nonParty = Flags(rawValue: 4)
        static let sentenceStartOnly = Flags(rawValue: 8)
        static let mayBePronoun = Flags(rawValue: 16)
        static let mayBeFalseCountry = Flags(rawValue: 32)
    }

    /// Alias forms that are also common English words and are not matched in all-capitals text,
    /// where case cannot tell them apart (`WHO` the organisation, `MAY` the British prime minister).
    /// `US` is matched there unless a pronoun cue precedes it (see ``PartyMatcher``).
    static let ambiguousInCapitals: Set<String> = ["WHO", "MAY", "MOON", "RICE", "BROWN", "BUSH", "PARK", "IS", "IT"]

    /// All alias tokens; entries point into it.
    private(set) var tokens: [Token] = []
    /// All entries, grouped by bucket.
    private(set) var entries: [Entry] = []
    /// One slot of the open-addressing table: a key and its bucket `entries[start..<end]`.
    struct Slot: Sendable {
        var key: UInt64
        /// -1 for an empty slot.
        var start: Int32
        var end: Int32
    }
    private(set) var slots: [Slot]
    let mask: Int
    /// First-token filter bits, two 64-bit words per filter word (interleaved so that both words
    /// of a token share a cache line): word `2w` has the bits of the keys of one-token aliases,
    /// word `2w + 1` those of the first tokens of longer aliases. Nearly every alias starts with a
    /// capital letter, while most tokens of a text do not: tokens that do not start with an ASCII
    /// capital (lower-case words, punctuation, numbers, long tokens) get a small filter of their
    /// own after the large one, which stays in the L1 cache.
    private(set) var firstTokens: [UInt64]
    /// One bit per two-byte prefix (``Token/prefix``) of the first tokens of aliases: a table
    /// that stays in the L1 cache and rejects most tokens before their key is even computed.
    private(set) var prefixes: [UInt64]
    /// One bit per `filterBit(pairKey)` of the first two tokens of the longer aliases.
    private(set) var pairs: [UInt64]
    /// 64-bit words of the filter of capitalised first tokens, and of the pair filter.
    static let filterWords = 1 << 12
    /// 64-bit words of the filter of the other first tokens.
    static let otherFilterWords = 1 << 6

    /// Builds the index of `gazetteer`'s names, aliases, weak aliases and demonyms; with
    /// `capitals`, of their upper-case forms (for sentences written in capitals).
    ///
    /// Built in one pass over the forms into flat arrays, then one sort: every form is one
    /// `Pending` record (its bucket key, entry and gazetteer order), sorted by key and, within a
    /// key, in bucket order; the slots are then filled in key order. Loading the bundled model
    /// builds this index, so the pass avoids a `String` or an array per form where it can (the
    /// variants of ASCII forms are cut from their bytes; forms already seen for a party are
    /// found by a scan of that party's few forms instead of a set of concatenated strings).
    /// - Complexity: O(f log f) for f forms.
    init(gazetteer: Gazetteer, capitals: Bool = false) {
        var builder = Builder(capitals: capitals)
        for (k, party) in gazetteer.parties.enumerated() {
            builder.add(party, index: k)
        }
        tokens = builder.tokens
        firstTokens = builder.firstTokens
        prefixes = builder.prefixes
        pairs = builder.pairs
        var pending = builder.pending
        pending.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            if a.entry.count != b.entry.count { return a.entry.count > b.entry.count }
            if a.entry.isWeak != b.entry.isWeak { return !a.entry.isWeak }
            if a.entry.party != b.entry.party { return a.entry.party < b.entry.party }
            return a.order < b.order
        }
        var keyCount = 0
        for i in pending.indices where i == 0 || pending[i].key != pending[i - 1].key { keyCount += 1 }
        var size = 16
        while size < keyCount * 2 { size <<= 1 }
        mask = size - 1
        var slots = Array(repeating: Slot(key: 0, start: -1, end: -1), count: size)
        var entries: [Entry] = []
        entries.reserveCapacity(pending.count)
        var i = 0
        while i < pending.count {
            let key = pending[i].key
            let start = Int32(i)
            while i < pending.count && pending[i].key == key {
                entries.append(pending[i].entry)
                i += 1
            }
            var slot = Int(truncatingIfNeeded: key) & mask
            while slots[slot].start >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, start: start, end: Int32(i))
        }
        self.slots = slots
        self.entries = entries
    }

    /// The state of one build: the forms added so far, as flat arrays.
    private struct Builder {
        /// One form: the key of its bucket, its entry and its place in gazetteer order.
        struct Pending {
            var key: UInt64
            var entry: Entry
            var order: Int32
        }

        let capitals: Bool
        let tokenizer = Tokenizer()
        var tokens: [Token] = []
        var pending: [Pending] = []
        var firstTokens: [UInt64] = Array(repeating: 0, count: 2 * (AliasIndex.filterWords + AliasIndex.otherFilterWords))
        var prefixes: [UInt64] = Array(repeating: 0, count: (1 << 16) / 64)
        var pairs: [UInt64] = Array(repeating: 0, count: AliasIndex.filterWords)
        /// The forms of the current party already indexed, with their weak flags.
        var seen: [(text: String, weak: Bool)] = []
        var parts = HyphenParts()

        init(capitals: Bool) { self.capitals = capitals }

        /// Adds the name, aliases, weak aliases and demonyms of `party`, in that order.
        mutating func add(_ party: Party, index k: Int) {
            seen.removeAll(keepingCapacity: true)
            let nonParty = party.kind == .nonParty
            add(party.name, party: k, weak: false, demonym: false, nonParty: nonParty)
            for form in party.aliases { add(form, party: k, weak: false, demonym: false, nonParty: nonParty) }
            for form in party.weakAliases { add(form, party: k, weak: true, demonym: false, nonParty: nonParty) }
            for form in party.demonyms { add(form, party: k, weak: false, demonym: true, nonParty: nonParty) }
        }

        private mutating func add(_ form: String, party k: Int, weak: Bool, demonym: Bool, nonParty: Bool) {
            AliasIndex.forEachVariant(of: form) { variant, startOnly in
                add(variant: variant, startOnly: startOnly, party: k, weak: weak, demonym: demonym, nonParty: nonParty)
            }
        }

        /// Whether `text` (weak or not) was not yet indexed for the current party; records it.
        /// Two forms are the same when `text + (weak ? "\u{1}" : "")` are equal strings.
        private mutating func insertSeen(_ text: String, weak: Bool) -> Bool {
            for (other, otherWeak) in seen {
                if otherWeak == weak {
                    if other == text { return false }
                } else if otherWeak {
                    // other + "\u{1}" == text: text must end with U+0001 (a starter that nothing composes with).
                    if text.utf8.last == 1 && other + "\u{1}" == text { return false }
                } else if other.utf8.last == 1 && text + "\u{1}" == other {
                    return false
                }
            }
            seen.append((text, weak))
            return true
        }

        private mutating func add(variant: String, startOnly: Bool, party k: Int, weak: Bool, demonym: Bool, nonParty: Bool) {
            let text = capitals ? variant.uppercased() : variant
            if capitals && AliasIndex.ambiguousInCapitals.contains(text) { return }
            // In capitals every variant matches anywhere; the first one seen is kept.
            let sentenceStartOnly = startOnly && !capitals
            guard insertSeen(text, weak: weak) else { return }
            parts.removeAll()
            if !AliasIndex.appendPlainWords(of: text, to: &parts) {
                for (j, token) in tokenizer.tokenize(text).enumerated() {
                    if token.hasHyphen { parts.append(partsOf: token, owner: j) } else { parts.appendWhole(token, owner: j) }
                }
            }
            guard let first = parts.tokens.first else { return }
            let count = parts.tokens.count
            let key = count == 1 ? first.key : AliasIndex.pairKey(first.key, parts.tokens[1].key)
            var flags: Flags = []
            if weak { flags.insert(.weak) }
            if demonym { flags.insert(.demonym) }
            if nonParty { flags.insert(.nonParty) }
            if sentenceStartOnly { flags.insert(.sentenceStartOnly) }
            if capitals && text == "US" { flags.insert(.mayBePronoun) }
            // Only `Jordan`, `Chad` and `Georgia` are in the set: skip the lookup for other initials.
            if let b = text.utf8.first, b == UInt8(ascii: "J") || b == UInt8(ascii: "C") || b == UInt8(ascii: "G"),
               PartyMatcher.givenNameCountries.contains(text) {
                flags.insert(.mayBeFalseCountry)
            }
            let entry = Entry(party: Int32(k), first: Int32(tokens.count), count: Int32(count), flags: flags)
            tokens.append(contentsOf: parts.tokens)
            pending.append(Pending(key: key, entry: entry, order: Int32(pending.count)))
            prefixes[first.prefix >> 6] |= 1 << UInt64(first.prefix & 63)
            let (word, bit) = AliasIndex.firstTokenFilterBit(first)
            if count == 1 {
                firstTokens[word] |= bit
            } else {
                firstTokens[word + 1] |= bit
                let pairBit = AliasIndex.filterBit(key)
                pairs[pairBit >> 6] |= 1 << UInt64(pairBit & 63)
            }
        }
    }

    @inline(__always)
    static func filterBit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: key >> 40) & (filterWords * 64 - 1)
    }

    /// What the filters say about a token: whether it may be a one-token alias, and whether it
    /// may start a longer one (false: certainly not).
    struct Start {
        var single: Bool
        var longer: Bool
        var any: Bool { single || longer }
    }

    /// The index in `firstTokens` of the one-token-alias word of `token` (the next word is its
    /// longer-alias word), and its bit in both words.
    @inline(__always)
    static func firstTokenFilterBit(_ token: Token) -> (word: Int, bit: UInt64) {
        let b = filterBit(token.key)
        if ByteClass.isUpper(token.firstByte) {
            return (2 * (b >> 6 & (filterWords - 1)), 1 << UInt64(b & 63))
        }
        return (2 * (filterWords + (b >> 6 & (otherFilterWords - 1))), 1 << UInt64(b & 63))
    }

    /// Whether some alias may start with a token with the two-byte prefix of `token` (false:
    /// certainly none does).
    @inline(__always)
    func mayStartAlias(withPrefixOf token: Token) -> Bool {
        let p = token.prefix
        return prefixes.withUnsafeBufferPointer { $0[p >> 6] } & (1 << UInt64(p & 63)) != 0
    }

    /// Whether some alias may start with `token` (of key `key`), by alias length.
    @inline(__always)
    func mayStart(_ token: Token, key: UInt64) -> Start {
        let b = AliasIndex.filterBit(key)
        let bit = UInt64(1) << UInt64(b & 63)
        let word = ByteClass.isUpper(token.firstByte)
            ? 2 * (b >> 6 & (AliasIndex.filterWords - 1))
            : 2 * (AliasIndex.filterWords + (b >> 6 & (AliasIndex.otherFilterWords - 1)))
        return firstTokens.withUnsafeBufferPointer { words in
            Start(single: words[word] & bit != 0, longer: words[word + 1] & bit != 0)
        }
    }

    /// The entries of the aliases of two or more tokens whose first two tokens have keys `a`, `b`
    /// (the pair filter is checked first); empty if none.
    @inline(__always)
    func pairBucket(_ a: UInt64, _ b: UInt64) -> Range<Int> {
        let key = AliasIndex.pairKey(a, b)
        let bit = AliasIndex.filterBit(key)
        guard pairs.withUnsafeBufferPointer({ $0[bit >> 6] }) & (1 << UInt64(bit & 63)) != 0 else { return 0..<0 }
        return bucket(for: key)
    }

    /// The entries whose first token (one-token aliases) or first two tokens have key `key`;
    /// empty if none.
    @inline(__always)
    func bucket(for key: UInt64) -> Range<Int> {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let s = slots[slot]
                if s.start < 0 { return 0..<0 }
                if s.key == key { return Int(s.start)..<Int(s.end) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The key of aliases of two or more tokens starting with tokens of keys `a`, `b`.
    @inline(__always)
    static func pairKey(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let h = (a ^ (b &* 0x9E37_79B9_7F4A_7C15)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 31)
    }

    /// Whether some one-token alias is `token`.
    func startsAlias(_ token: Token) -> Bool {
        let key = token.key
        return mayStart(token, key: key).single && !bucket(for: key).isEmpty
    }

    /// Appends the tokens of `text` if it is plain words — ASCII letters only, one space between
    /// words, none around — and returns true; otherwise appends nothing and returns false.
    ///
    /// Most aliases are plain words, and for them the tokenizer's work is known: the normaliser
    /// leaves such text as it is, and each word becomes one `.word` token spanning its offsets,
    /// flagged `hasUpper`/`hasLower` by its letters (no digits, dots, hyphens or apostrophes to
    /// decide about). Building those tokens directly skips the per-call set-up of normalising and
    /// scanning a text, which was most of the cost of building the index.
    static func appendPlainWords(of text: String, to parts: inout HyphenParts) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let space = UInt8(ascii: " ")
            guard let first = bytes.first, let last = bytes.last, first != space, last != space else { return false }
            var previous: UInt8 = 0
            for b in bytes {
                if b == space {
                    if previous == space { return false }
                } else if !ByteClass.isLetter(b) {
                    return false
                }
                previous = b
            }
            var start = 0, owner = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == space {
                var flags: Token.Flags = []
                for b in bytes[start..<i] { flags.insert(ByteClass.isUpper(b) ? .hasUpper : .hasLower) }
                parts.appendWhole(Token(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i]), span: TextSpan(start: start, end: i),
                                        kind: .word, flags: flags), owner: owner)
                owner += 1
                start = i + 1
            }
            return true
        }
    }

    /// Calls `body` with each of ``variants(of:)``, in the same order; an ASCII alias's variants
    /// are cut from its bytes (for ASCII, "lower-case" is `a`–`z`, its title case `A`–`Z`, and a
    /// dotted abbreviation's letters are `A`–`Z`, `a`–`z`), others go through `variants(of:)`.
    static func forEachVariant(of alias: String, _ body: (String, Bool) -> Void) {
        var utf8 = alias
        let done: Bool = utf8.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            let n = bytes.count
            body(alias, false)
            let first = bytes[0]
            if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
                body(String(unsafeUninitializedCapacity: n) { out in
                    _ = out.initialize(from: bytes)
                    out[0] = first - 32
                    return n
                }, true)
            }
            var isDotted = n >= 4 && n % 2 == 0
            var k = 0
            while isDotted && k < n {
                let b = bytes[k]
                isDotted = k % 2 == 0 ? ByteClass.isLetter(b) : b == UInt8(ascii: ".")
                k += 1
            }
            if isDotted {
                body(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<(n - 1)]), as: UTF8.self), false)
                // `U.S.` → `U. S.`: a space after every dot but the last.
                body(String(unsafeUninitializedCapacity: n + n / 2 - 1) { out in
                    var j = 0
                    for (k, b) in bytes.enumerated() {
                        out[j] = b; j += 1
                        if k % 2 == 1 && k < n - 1 { out[j] = UInt8(ascii: " "); j += 1 }
                    }
                    return j
                }, false)
            }
            return true
        }
        if done { return }
        for (variant, startOnly) in variants(of: alias) { body(variant, startOnly) }
    }

    /// The forms under which `alias` is matched, with "only at sentence start" flags:
    /// the alias itself; its capitalised form at sentence start if it begins with a lower-case
    /// letter; `U.S` and `U. S.` for a dotted abbreviation `U.S.`.
    static func variants(of alias: String) -> [(String, Bool)] {
        var result = [(alias, false)]
        if let first = alias.unicodeScalars.first, first.properties.isLowercase {
            result.append((first.properties.titlecaseMapping + String(alias.unicodeScalars.dropFirst()), true))
        }
        let scalars = Array(alias.unicodeScalars)
        let isDotted = scalars.count >= 4 && scalars.count % 2 == 0 && scalars.enumerated().allSatisfy { k, s in
            k % 2 == 0 ? s.properties.isAlphabetic && s.isASCII : s == "."
        }
        if isDotted {
            result.append((String(alias.dropLast()), false))
            result.append((scalars.enumerated().map { k, s in k % 2 == 1 && k < scalars.count - 1 ? ". " : String(s) }.joined(), false))
        }
        return result
    }
}
