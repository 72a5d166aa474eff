/// The matcher's lookup structure: every surface form of every party, tokenised, in an
/// open-addressing table keyed by the hash of its first token's surface (one-token aliases) or of
/// its first two tokens' surfaces (longer aliases), so that a common first word such as `the`
/// does not scan every `the …` alias.
///
/// Hyphenated words of an alias are stored as their parts (`Kim Jong-un` → `Kim`, `Jong`, `un`,
/// with `Jong` joined to `un`), the form in which the matcher sees a sentence that has hyphenated
/// words. A bit filter over first tokens answers "starts no alias" for most tokens in one load.
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
    private var slotKeys: [UInt64]
    /// Bucket of each slot: `entries[slotStarts[slot]..<slotEnds[slot]]`; -1 for an empty slot.
    private var slotStarts: [Int32]
    private var slotEnds: [Int32]
    private let mask: Int
    /// One bit per `firstTokenBit(key)` of the first token of some alias.
    private var firstTokens: [UInt64] = Array(repeating: 0, count: AliasIndex.filterWords)
    private static let filterWords = 1 << 12

    /// Builds the index of `gazetteer`'s names, aliases, weak aliases and demonyms; with
    /// `capitals`, of their upper-case forms (for sentences written in capitals).
    init(gazetteer: Gazetteer, capitals: Bool = false) {
        let tokenizer = Tokenizer()
        var byKey: [UInt64: [(entry: Entry, order: Int)]] = [:]
        var order = 0
        for (k, party) in gazetteer.parties.enumerated() {
            var forms: [(String, weak: Bool, demonym: Bool)] = []
            forms.append((party.name, false, false))
            forms += party.aliases.map { ($0, false, false) }
            forms += party.weakAliases.map { ($0, true, false) }
            forms += party.demonyms.map { ($0, false, true) }
            var seen = Set<String>()
            for (form, weak, demonym) in forms {
                for (variant, startOnly) in AliasIndex.variants(of: form) {
                    let text = capitals ? variant.uppercased() : variant
                    if capitals && AliasIndex.ambiguousInCapitals.contains(text) { continue }
                    // In capitals every variant matches anywhere; the first one seen is kept.
                    let sentenceStartOnly = startOnly && !capitals
                    guard seen.insert(text + (weak ? "\u{1}" : "")).inserted else { continue }
                    var parts = HyphenParts()
                    for (j, token) in tokenizer.tokenize(text).enumerated() {
                        if token.hasHyphen { parts.append(partsOf: token, owner: j) } else { parts.appendWhole(token, owner: j) }
                    }
                    guard let first = parts.tokens.first else { continue }
                    let key = parts.tokens.count == 1 ? first.key : AliasIndex.pairKey(first.key, parts.tokens[1].key)
                    var flags: Flags = []
                    if weak { flags.insert(.weak) }
                    if demonym { flags.insert(.demonym) }
                    if party.kind == .nonParty { flags.insert(.nonParty) }
                    if sentenceStartOnly { flags.insert(.sentenceStartOnly) }
                    if capitals && text == "US" { flags.insert(.mayBePronoun) }
                    if PartyMatcher.givenNameCountries.contains(text) { flags.insert(.mayBeFalseCountry) }
                    let entry = Entry(party: Int32(k), first: Int32(tokens.count), count: Int32(parts.tokens.count), flags: flags)
                    tokens += parts.tokens
                    byKey[key, default: []].append((entry, order))
                    order += 1
                    let bit = AliasIndex.firstTokenBit(first.key)
                    firstTokens[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        var size = 16
        while size < byKey.count * 2 { size <<= 1 }
        mask = size - 1
        slotKeys = Array(repeating: 0, count: size)
        slotStarts = Array(repeating: -1, count: size)
        slotEnds = Array(repeating: -1, count: size)
        for (key, bucket) in byKey.sorted(by: { $0.key < $1.key }) {
            let sorted = bucket.sorted { a, b in
                if a.entry.count != b.entry.count { return a.entry.count > b.entry.count }
                if a.entry.isWeak != b.entry.isWeak { return !a.entry.isWeak }
                if a.entry.party != b.entry.party { return a.entry.party < b.entry.party }
                return a.order < b.order
            }.map(\.entry)
            var slot = Int(truncatingIfNeeded: key) & mask
            while slotStarts[slot] >= 0 { slot = (slot + 1) & mask }
            slotKeys[slot] = key
            slotStarts[slot] = Int32(entries.count)
            entries += sorted
            slotEnds[slot] = Int32(entries.count)
        }
    }

    @inline(__always)
    private static func firstTokenBit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: key >> 40) & (filterWords * 64 - 1)
    }

    /// Whether some alias may start with the token with key `key` (false: certainly none does).
    @inline(__always)
    func mayStartAlias(_ key: UInt64) -> Bool {
        let bit = AliasIndex.firstTokenBit(key)
        return firstTokens.withUnsafeBufferPointer { $0[bit >> 6] } & (1 << UInt64(bit & 63)) != 0
    }

    /// The entries whose first token (one-token aliases) or first two tokens have key `key`;
    /// empty if none.
    @inline(__always)
    func bucket(for key: UInt64) -> Range<Int> {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let start = slotStarts[slot]
            if start < 0 { return 0..<0 }
            if slotKeys[slot] == key { return Int(start)..<Int(slotEnds[slot]) }
            slot = (slot + 1) & mask
        }
    }

    /// The key of aliases of two or more tokens starting with tokens of keys `a`, `b`.
    @inline(__always)
    static func pairKey(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let h = (a ^ (b &* 0x9E37_79B9_7F4A_7C15)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 31)
    }

    /// Whether some one-token alias is the token with key `key`.
    func startsAlias(_ key: UInt64) -> Bool { !bucket(for: key).isEmpty }

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
