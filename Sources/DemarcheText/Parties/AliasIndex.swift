/// The matcher's lookup structure: every surface form of every party, tokenised, in an
/// open-addressing table keyed by the hash of its first token's surface (one-token aliases) or of
/// its first two tokens' surfaces (longer aliases), so that a common first word such as `the`
/// does not scan every `the …` alias.
///
/// A token that starts no alias costs two probes. Candidates in a bucket are sorted longest
/// first, then strong before weak, then in gazetteer order.
struct AliasIndex: Sendable {
    struct Entry: Sendable {
        /// Index of the party in the gazetteer.
        let party: Int
        /// The alias's tokens (compared by surface).
        let tokens: [Token]
        let isWeak: Bool
        let isDemonym: Bool
        let isNonParty: Bool
        /// The capitalised variant of a lower-case-initial alias: valid only at sentence start.
        let atSentenceStartOnly: Bool
        var count: Int { tokens.count }
    }

    /// Candidate lists; `slots` point into it.
    private(set) var buckets: [[Entry]] = []
    private var slotKeys: [UInt64]
    private var slotBuckets: [Int32]
    private let mask: Int

    init(gazetteer: Gazetteer) {
        let tokenizer = Tokenizer()
        var byKey: [UInt64: [Entry]] = [:]
        for (k, party) in gazetteer.parties.enumerated() {
            var forms: [(String, weak: Bool, demonym: Bool)] = []
            forms.append((party.name, false, false))
            forms += party.aliases.map { ($0, false, false) }
            forms += party.weakAliases.map { ($0, true, false) }
            forms += party.demonyms.map { ($0, false, true) }
            var seen = Set<String>()
            for (form, weak, demonym) in forms {
                for (variant, startOnly) in AliasIndex.variants(of: form) {
                    guard seen.insert(variant + (weak ? "\u{1}" : "")).inserted else { continue }
                    let tokens = tokenizer.tokenize(variant)
                    guard let first = tokens.first else { continue }
                    let key = tokens.count == 1 ? first.key : AliasIndex.pairKey(first.key, tokens[1].key)
                    byKey[key, default: []].append(Entry(
                        party: k, tokens: tokens, isWeak: weak,
                        isDemonym: demonym, isNonParty: party.kind == .nonParty, atSentenceStartOnly: startOnly))
                }
            }
        }
        var size = 16
        while size < byKey.count * 2 { size <<= 1 }
        mask = size - 1
        slotKeys = Array(repeating: 0, count: size)
        slotBuckets = Array(repeating: -1, count: size)
        for (key, entries) in byKey.sorted(by: { $0.key < $1.key }) {
            let sorted = entries.enumerated().sorted { a, b in
                if a.element.count != b.element.count { return a.element.count > b.element.count }
                if a.element.isWeak != b.element.isWeak { return !a.element.isWeak }
                if a.element.party != b.element.party { return a.element.party < b.element.party }
                return a.offset < b.offset
            }.map(\.element)
            var slot = Int(truncatingIfNeeded: key) & mask
            while slotBuckets[slot] >= 0 { slot = (slot + 1) & mask }
            slotKeys[slot] = key
            slotBuckets[slot] = Int32(buckets.count)
            buckets.append(sorted)
        }
    }

    /// Index into `buckets` of the candidates whose first token has hash `key`, or nil.
    @inline(__always)
    func bucket(for key: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let b = slotBuckets[slot]
            if b < 0 { return nil }
            if slotKeys[slot] == key { return Int(b) }
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
    func startsAlias(_ key: UInt64) -> Bool { bucket(for: key) != nil }

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
