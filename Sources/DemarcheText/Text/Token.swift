/// One token of a sentence: a word, a number or a punctuation mark.
///
/// Conventions (the ``Tokenizer`` documents the full rules):
/// - ``text`` is the lower-cased normalised form used as a feature; ``surface`` keeps the case
///   (for case-sensitive party matching). Both use straight quotes and ASCII hyphens.
/// - Dotted abbreviations stay one token with their dots: `U.S.` → text `u.s.`, `a.m.` → `a.m.`.
///   Other abbreviations split from their period: `Mr.` → `Mr`, `.`.
/// - A possessive `'s` / `’s` is its own token with text `'s` (kind `.word`).
/// - Hyphenated words stay whole (`action-based`, `Jong-un`); numbers keep their separators
///   (`3.5`, `1,000`, `2019`).
public struct Token: Sendable, Hashable {
    /// What a token is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Letters (possibly with digits, inner hyphens and apostrophes, or a dotted abbreviation).
        case word
        /// Digits with optional `.` / `,` separators.
        case number
        /// A punctuation mark or symbol, one per token (except `...`).
        case punctuation
    }

    /// Lower-cased normalised form, used as a feature.
    public let text: String
    /// Normalised form in its original case, used for case-sensitive matching.
    public let surface: String
    /// Where the token is in the ORIGINAL text (article), in scalar offsets.
    public let span: TextSpan
    /// Word, number or punctuation.
    public let kind: Kind
    /// 64-bit FNV-1a hash of `surface`'s UTF-8, the key of the matcher's alias table.
    let key: UInt64

    /// Creates a token.
    public init(text: String, surface: String, span: TextSpan, kind: Kind) {
        self.init(text: text, surface: surface, span: span, kind: kind, key: Token.hash(surface))
    }

    init(text: String, surface: String, span: TextSpan, kind: Kind, key: UInt64) {
        self.text = text
        self.surface = surface
        self.span = span
        self.kind = kind
        self.key = key
    }

    /// The same token with its span moved by `delta` scalars.
    public func shifted(by delta: Int) -> Token {
        Token(text: text, surface: surface, span: span.shifted(by: delta), kind: kind, key: key)
    }

    /// 64-bit FNV-1a over UTF-8 bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    static func hash(_ string: String) -> UInt64 {
        var s = string
        return s.withUTF8 { hash($0) }
    }
}

extension Token: Codable {
    private enum CodingKeys: String, CodingKey { case text, surface, span, kind }

    /// Decodes a token written by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try c.decode(String.self, forKey: .text), surface: try c.decode(String.self, forKey: .surface),
                  span: try c.decode(TextSpan.self, forKey: .span), kind: try c.decode(Kind.self, forKey: .kind))
    }

    /// Encodes text, surface, span and kind.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(surface, forKey: .surface)
        try c.encode(span, forKey: .span)
        try c.encode(kind, forKey: .kind)
    }
}
