/// One gazetteer entry: a party (or a non-party look-alike) and the surface forms that name it.
public struct Party: Sendable, Hashable, Codable {
    /// Unique id: `[A-Za-z0-9_.:-]+` (`USA`, `UN`, `person:kim-jong-un`, `not:washington-post`).
    public let id: String
    /// State, organisation, person, group or non-party.
    public let kind: PartyKind
    /// Canonical name; also matched as an alias.
    public let name: String
    /// Strong aliases, matched case-sensitively (`US`, `U.S.`, `Washington`, `the White House`).
    public let aliases: [String]
    /// Weak aliases (`Kim`, `Trump`), matched only when the party or its affiliation was named
    /// strongly earlier in the article or in the same sentence.
    public let weakAliases: [String]
    /// Demonyms (`American`, `Americans`), matched case-sensitively; mentions get `isDemonym`.
    public let demonyms: [String]
    /// For persons and groups: the id of the state or organisation they belong to.
    public let affiliation: String?
    /// Informational: the role (`head of state`).
    public let role: String?
    /// Informational: start of the role, `YYYY-MM-DD`.
    public let from: String?
    /// Informational: end of the role; nil while in office.
    public let to: String?

    /// Creates a party. Empty strings for the optional fields are stored as nil.
    public init(id: String, kind: PartyKind, name: String, aliases: [String] = [], weakAliases: [String] = [],
                demonyms: [String] = [], affiliation: String? = nil, role: String? = nil, from: String? = nil,
                to: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.weakAliases = weakAliases
        self.demonyms = demonyms
        self.affiliation = affiliation.flatMap { $0.isEmpty ? nil : $0 }
        self.role = role.flatMap { $0.isEmpty ? nil : $0 }
        self.from = from.flatMap { $0.isEmpty ? nil : $0 }
        self.to = to.flatMap { $0.isEmpty ? nil : $0 }
    }
}
