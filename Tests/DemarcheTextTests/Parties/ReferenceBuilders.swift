@testable import DemarcheText

/// The alias index and gazetteer parser as they were before the start-up work (issue 18), kept
/// verbatim as references: the faster builders must give the same tables and the same parties.
enum Reference {
    struct AliasTables {
        var tokens: [Token] = []
        var entries: [AliasIndex.Entry] = []
        var slots: [AliasIndex.Slot]
        var mask: Int
        var firstTokens: [UInt64]
        var prefixes: [UInt64]
        var pairs: [UInt64]
    }

    /// The pre-issue-18 `AliasIndex.init(gazetteer:capitals:)`, returning its tables.
    static func aliasTables(gazetteer: Gazetteer, capitals: Bool = false) -> AliasTables {
        typealias Entry = AliasIndex.Entry
        typealias Flags = AliasIndex.Flags
        var tokens: [Token] = []
        var entries: [Entry] = []
        var firstTokens = [UInt64](repeating: 0, count: 2 * (AliasIndex.filterWords + AliasIndex.otherFilterWords))
        var prefixes = [UInt64](repeating: 0, count: (1 << 16) / 64)
        var pairs = [UInt64](repeating: 0, count: AliasIndex.filterWords)
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
                    prefixes[first.prefix >> 6] |= 1 << UInt64(first.prefix & 63)
                    let (word, bit) = AliasIndex.firstTokenFilterBit(first)
                    if parts.tokens.count == 1 {
                        firstTokens[word] |= bit
                    } else {
                        firstTokens[word + 1] |= bit
                        let pairBit = AliasIndex.filterBit(key)
                        pairs[pairBit >> 6] |= 1 << UInt64(pairBit & 63)
                    }
                }
            }
        }
        var size = 16
        while size < byKey.count * 2 { size <<= 1 }
        let mask = size - 1
        var slots = Array(repeating: AliasIndex.Slot(key: 0, start: -1, end: -1), count: size)
        for (key, bucket) in byKey.sorted(by: { $0.key < $1.key }) {
            let sorted = bucket.sorted { a, b in
                if a.entry.count != b.entry.count { return a.entry.count > b.entry.count }
                if a.entry.isWeak != b.entry.isWeak { return !a.entry.isWeak }
                if a.entry.party != b.entry.party { return a.entry.party < b.entry.party }
                return a.order < b.order
            }.map(\.entry)
            var slot = Int(truncatingIfNeeded: key) & mask
            while slots[slot].start >= 0 { slot = (slot + 1) & mask }
            let start = Int32(entries.count)
            entries += sorted
            slots[slot] = AliasIndex.Slot(key: key, start: start, end: Int32(entries.count))
        }
        return AliasTables(tokens: tokens, entries: entries, slots: slots, mask: mask, firstTokens: firstTokens,
                           prefixes: prefixes, pairs: pairs)
    }

    /// The pre-issue-18 `Gazetteer.init(tsv:source:)` up to the parties and their lines.
    static func gazetteerRows(tsv: String, source: String) throws -> ([Party], [Int]) {
        var parties: [Party] = []
        var lines: [Int] = []
        var lineNumber = 0
        var sawRow = false
        for rawLine in tsv.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
            if lineNumber == 1 && line.first == "\u{FEFF}" { line.removeFirst() }
            if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) || line.utf8.first == UInt8(ascii: "#") { continue }
            let fields = line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(Substring($0)).trimmingSpaces }
            if !sawRow {
                sawRow = true
                if fields.count >= 2 && fields[0].lowercased() == "id" && fields[1].lowercased() == "kind" { continue }
            }
            guard fields.count >= 3, fields.count <= 10 else {
                throw TextError.malformedGazetteerRow(
                    path: source, line: lineNumber,
                    expected: "3 to 10 tab-separated columns (\(Gazetteer.columns.joined(separator: ", "))), got \(fields.count)")
            }
            func field(_ k: Int) -> String { k < fields.count ? fields[k] : "" }
            let id = field(0)
            guard Gazetteer.isValidID(id) else {
                throw TextError.malformedGazetteerRow(path: source, line: lineNumber,
                                                      expected: "an id made of letters, digits and _ . : - (got '\(id)')")
            }
            guard let kind = PartyKind(gazetteerValue: field(1)) else {
                throw TextError.malformedGazetteerRow(
                    path: source, line: lineNumber,
                    expected: "kind state, organisation, person, group or nonparty (got '\(field(1))')")
            }
            func list(_ k: Int) throws -> [String] {
                let value = field(k)
                if value.isEmpty { return [] }
                let items = value.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map { String(Substring($0)).trimmingSpaces }
                if items.contains(where: \.isEmpty) {
                    throw TextError.emptyAlias(path: source, line: lineNumber, id: id, column: Gazetteer.columns[k])
                }
                return items
            }
            parties.append(Party(id: id, kind: kind, name: field(2), aliases: try list(3), weakAliases: try list(4),
                                 demonyms: try list(5), affiliation: field(6), role: field(7), from: field(8), to: field(9)))
            lines.append(lineNumber)
        }
        return (parties, lines)
    }

    /// The pre-issue-18 `Gazetteer.init(tsv:source:)`: the rows, then the checks of
    /// `Gazetteer.init(parties:lines:source:)` as they were; returns the parties.
    static func gazetteerParties(tsv: String, source: String) throws -> [Party] {
        let (parties, lines) = try gazetteerRows(tsv: tsv, source: source)
        guard !parties.isEmpty else { throw TextError.emptyGazetteer(path: source) }
        var index: [String: Int] = [:]
        for (k, party) in parties.enumerated() {
            try validate(party, path: source, line: lines[k])
            if let first = index[party.id] {
                throw TextError.duplicatePartyID(path: source, line: lines[k], id: party.id, firstLine: lines[first])
            }
            index[party.id] = k
        }
        return parties
    }

    static func validate(_ party: Party, path: String, line: Int) throws {
        guard Gazetteer.isValidID(party.id) else {
            throw TextError.malformedGazetteerRow(path: path, line: line,
                                                  expected: "an id made of letters, digits and _ . : - (got '\(party.id)')")
        }
        func check(_ value: String, column: String, inList: Bool) throws {
            if value.trimmingSpaces.isEmpty {
                if inList { throw TextError.emptyAlias(path: path, line: line, id: party.id, column: column) }
                throw TextError.malformedGazetteerRow(path: path, line: line, expected: "a non-empty \(column)")
            }
            if value.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || (inList && $0 == UInt8(ascii: "|")) }) {
                throw TextError.malformedGazetteerRow(
                    path: path, line: line, expected: "no tab, newline\(inList ? " or '|'" : "") inside \(column) value '\(value)'")
            }
        }
        try check(party.name, column: "name", inList: false)
        for a in party.aliases { try check(a, column: "aliases", inList: true) }
        for a in party.weakAliases { try check(a, column: "weak", inList: true) }
        for a in party.demonyms { try check(a, column: "demonyms", inList: true) }
        for (value, column) in [(party.affiliation, "affiliation"), (party.role, "role"), (party.from, "from"), (party.to, "to")] {
            if let value { try check(value, column: column, inList: false) }
        }
    }

    /// The pre-issue-18 `AliasIndex.variants(of:)` is still the slow path of `forEachVariant`;
    /// this is its result collected through the new entry point.
    static func collectedVariants(of alias: String) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        AliasIndex.forEachVariant(of: alias) { result.append(($0, $1)) }
        return result
    }
}
