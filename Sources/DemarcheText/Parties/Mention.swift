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
    ///
    /// A mention inside a hyphenated word covers that whole token: `US` in `US-drafted` has the
    /// token range of `US-drafted` (and ``span`` of `US` alone); `South Korea` in
    /// `US-South Korea` covers both tokens. Two mentions can therefore share a token range:
    /// `Trump-Kim` gives `Trump` and `Kim` with the same `tokenRange` and different spans.
    /// Use ``span`` to tell them apart or to order them.
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
