/// One place where a sentence names a party.
public struct Mention: Sendable, Hashable, Codable {
    /// The id of the gazetteer party named.
    public let partyID: String
    /// The mention as written: the exact original text at ``span`` when produced by
    /// ``PartyMatcher/analyze(_:)``; from ``PartyMatcher/mentions(in:context:)`` the tokens'
    /// normalised surfaces, joined by a space where the text had a gap.
    public let surface: String
    /// Where the mention is in the original text, in scalar offsets.
    public let span: TextSpan
    /// Indices of the mention's tokens in its sentence's token array.
    public let tokenRange: Range<Int>
    /// True when the mention is a demonym (`American`, `North Korean`).
    public let isDemonym: Bool

    /// Creates a mention.
    public init(partyID: String, surface: String, span: TextSpan, tokenRange: Range<Int>, isDemonym: Bool) {
        self.partyID = partyID
        self.surface = surface
        self.span = span
        self.tokenRange = tokenRange
        self.isDemonym = isDemonym
    }
}
