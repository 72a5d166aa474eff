/// What kind of actor a gazetteer row describes.
public enum PartyKind: String, Sendable, Codable, CaseIterable {
    /// A sovereign state (ids are ISO 3166 alpha-3 codes: `USA`, `PRK`).
    case state
    /// An international organisation (`UN`, `NATO`, `EU`).
    case organisation
    /// A person who speaks for a state or organisation while in office.
    case person
    /// A government body, military or other group acting for a state or organisation.
    case group
    /// A look-alike that is NOT a party (`Washington Post`, `New Mexico`): when it wins the
    /// longest match it suppresses any mention.
    case nonParty = "nonparty"

    /// Parses a gazetteer `kind` column, case-insensitively (`organization` is accepted too).
    public init?(gazetteerValue value: String) {
        switch value.lowercased() {
        case "state": self = .state
        case "organisation", "organization": self = .organisation
        case "person": self = .person
        case "group": self = .group
        case "nonparty", "non-party": self = .nonParty
        default: return nil
        }
    }

    /// The kinds as written in the bundled gazetteer (already lower case), without `lowercased()`;
    /// nil for any other spelling, which ``init(gazetteerValue:)`` then reads.
    init?(lowercaseGazetteerValue value: String) {
        switch value {
        case "state": self = .state
        case "organisation": self = .organisation
        case "person": self = .person
        case "group": self = .group
        case "nonparty": self = .nonParty
        default: return nil
        }
    }
}
