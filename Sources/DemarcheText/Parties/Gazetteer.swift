/// The list of known parties and the names that refer to them.
///
/// ## TSV format
/// UTF-8 text, one party a line, columns separated by a TAB:
///
/// ```
/// id	kind	name	aliases	weak	demonyms	affiliation	role	from	to
/// ```
///
/// - Lines starting with `#` are comments; blank lines are ignored; the first non-comment line
///   MAY be the header above (it is recognised by its first two fields `id` and `kind`).
/// - 10 columns; trailing empty columns may be omitted (rows should have at least 4; 3, without
///   aliases, are accepted). Fields are trimmed of spaces.
/// - `id`: unique, `[A-Za-z0-9_.:-]+`. States: ISO alpha-3 (`USA`, `PRK`, `KOR`); organisations:
///   `UN`, `UNSC`, `NATO`, `EU`; persons: `person:kim-jong-un`; non-parties: `not:washington-post`.
/// - `kind`: `state` | `organisation` | `person` | `group` | `nonparty`.
/// - `name`: the canonical name; it is also matched, like an alias.
/// - `aliases`: `|`-separated surface forms matched case-sensitively, on token boundaries
///   (`US` does not match `us`). An alias whose first character is a lower-case letter
///   (`the White House`) also matches capitalised at the start of a sentence (`The White House`).
///   A dotted abbreviation (`U.S.`) also matches `U.S` and `U. S.`. A possessive after a mention
///   is not part of it and does not block it (`North Korea's` → `North Korea`). Aliases also
///   match the parts of hyphenated words (`US` in `US-drafted`, `South Korea` in
///   `US-South Korea`); an alias's own hyphens must be hyphens in the text (`Kim Jong-un`). In a
///   sentence written entirely in capitals, aliases match ignoring case (`NORTH KOREA`), except
///   forms that are common words (`WHO`, `MAY`) and `US` after a pronoun cue (`LET US`).
/// - `weak`: `|`-separated aliases (`Kim`, `Trump`, `the North`) matched only when the party
///   itself or its `affiliation` was named by a strong alias, the name or a demonym earlier in the
///   article or anywhere in the same sentence.
/// - `demonyms`: `|`-separated (`American|Americans`), case-sensitive; their mentions have
///   `isDemonym == true`.
/// - `affiliation`: for persons and groups, the id of their state or organisation (`PRK`).
/// - `role`, `from`, `to`: informational (`head of state`, `2011-12-17`, empty `to` = in office).
/// - kind `nonparty`: look-alikes that are not parties (`Washington Post`, `Korean Peninsula`,
///   `New Mexico`); when one wins the longest match, no mention is produced there.
///
/// Matching takes the longest alias over tokens, leftmost first, without overlaps; an empty
/// entry in an alias list (`US||U.S.`) is an error.
public struct Gazetteer: Sendable, Codable {
    /// All parties, in file order.
    public let parties: [Party]
    /// Index of each party in `parties` by id.
    let indexByID: [String: Int]

    /// The column names, in order.
    public static let columns = ["id", "kind", "name", "aliases", "weak", "demonyms", "affiliation", "role", "from", "to"]

    /// Creates a gazetteer from parties built in code.
    /// - Throws: ``TextError`` for an invalid id, an empty name or alias, a field containing a tab,
    ///   newline or (in lists) `|`, or a duplicate id; the "line" is the 1-based index in `parties`.
    public init(parties: [Party]) throws {
        try self.init(parties: parties, lines: Array(1...max(1, parties.count)), source: "<memory>")
    }

    init(parties: [Party], lines: [Int], source: String) throws {
        var index: [String: Int] = [:]
        index.reserveCapacity(parties.count)
        for (k, party) in parties.enumerated() {
            try Gazetteer.validate(party, path: source, line: lines[k])
            if let first = index.updateValue(k, forKey: party.id) {
                throw TextError.duplicatePartyID(path: source, line: lines[k], id: party.id, firstLine: lines[first])
            }
        }
        self.parties = parties
        self.indexByID = index
    }

    /// Reads a gazetteer file (see the TSV format above).
    /// - Throws: ``TextError`` naming the file and line.
    public init(contentsOf path: String) throws {
        try self.init(tsv: try TextFile.read(path), source: path)
    }

    /// The party with id `id`, if any.
    public func party(id: String) -> Party? {
        indexByID[id].map { parties[$0] }
    }

    /// This gazetteer with `other`'s parties added; a party of `other` replaces the one with the
    /// same id in place, new ids are appended in `other`'s order.
    public func merging(_ other: Gazetteer) -> Gazetteer {
        var merged = parties
        var index = indexByID
        for party in other.parties {
            if let k = index[party.id] {
                merged[k] = party
            } else {
                index[party.id] = merged.count
                merged.append(party)
            }
        }
        return Gazetteer(validated: merged, index: index)
    }

    private init(validated parties: [Party], index: [String: Int]) {
        self.parties = parties
        self.indexByID = index
    }

    /// Parties whose id, name, aliases, weak aliases or demonyms contain `text`, ignoring case,
    /// in gazetteer order. An empty query returns nothing.
    public func search(_ text: String) -> [Party] {
        let query = text.lowercased()
        guard !query.isEmpty else { return [] }
        return parties.filter { party in
            ([party.id, party.name] + party.aliases + party.weakAliases + party.demonyms)
                .contains { $0.lowercased().contains(query) }
        }
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey { case parties }

    /// Decodes and validates a gazetteer encoded by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(parties: try container.decode([Party].self, forKey: .parties))
    }

    /// Encodes the parties.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(parties, forKey: .parties)
    }

    // MARK: Validation

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { b in
            ByteClass.isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
                || b == UInt8(ascii: "-")
        }
    }

    private static func validate(_ party: Party, path: String, line: Int) throws {
        guard isValidID(party.id) else {
            throw TextError.malformedGazetteerRow(path: path, line: line,
                                                  expected: "an id made of letters, digits and _ . : - (got '\(party.id)')")
        }
        // One pass over each value's bytes; the messages are built only for a bad value.
        func check(_ value: String, column: String, inList: Bool) throws {
            var onlySpaces = true, forbidden = false
            var value = value
            value.withUTF8 { bytes in
                for b in bytes {
                    if b != 32 { onlySpaces = false }
                    if b == 9 || b == 10 || b == 13 || (inList && b == UInt8(ascii: "|")) { forbidden = true; break }
                }
            }
            // `trimmingSpaces` is empty exactly when every byte is a space.
            if onlySpaces && !forbidden {
                if inList { throw TextError.emptyAlias(path: path, line: line, id: party.id, column: column) }
                throw TextError.malformedGazetteerRow(path: path, line: line, expected: "a non-empty \(column)")
            }
            if forbidden {
                throw TextError.malformedGazetteerRow(
                    path: path, line: line, expected: "no tab, newline\(inList ? " or '|'" : "") inside \(column) value '\(value)'")
            }
        }
        try check(party.name, column: "name", inList: false)
        for a in party.aliases { try check(a, column: "aliases", inList: true) }
        for a in party.weakAliases { try check(a, column: "weak", inList: true) }
        for a in party.demonyms { try check(a, column: "demonyms", inList: true) }
        if let value = party.affiliation { try check(value, column: "affiliation", inList: false) }
        if let value = party.role { try check(value, column: "role", inList: false) }
        if let value = party.from { try check(value, column: "from", inList: false) }
        if let value = party.to { try check(value, column: "to", inList: false) }
    }
}

extension String {
    /// The string without leading and trailing spaces (ASCII space only, like TSV fields).
    var trimmingSpaces: String {
        guard utf8.first == 32 || utf8.last == 32 else { return self }
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
