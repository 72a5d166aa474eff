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
///
/// Storage: a token of up to 16 UTF-8 bytes (nearly all of them) keeps its bytes inline and no
/// reference (its `storage` is nil, so copying it retains nothing); ``surface`` and ``text`` are
/// built on access (cheap: small strings do not allocate). A longer token, or one made with an
/// explicit text, holds a reference to its own immutable `TokenStorage`, so it stays valid
/// wherever it is copied and its strings are freed with the last copy: there is no process-wide
/// store that grows with the distinct words a long-running process sees.
public struct Token: Sendable {
    /// What a token is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Letters (possibly with digits, inner hyphens and apostrophes, or a dotted abbreviation).
        case word
        /// Digits with optional `.` / `,` separators.
        case number
        /// A punctuation mark or symbol, one per token (except `...`).
        case punctuation
    }

    /// Where the token is in the ORIGINAL text (article), in scalar offsets.
    public var span: TextSpan { TextSpan(start: Int(start), end: Int(end)) }
    // Stored properties are ordered widest first, with the reference last: a token is 40 bytes.
    /// Inline: surface bytes 0..<8 and 8..<16 (little-endian, zero-padded). Stored (`.stored`
    /// flag): `low` is the first (up to) 8 surface bytes, `high` the key.
    let low: UInt64, high: UInt64
    /// Span bounds, stored narrow to keep tokens small (texts up to 2^31 scalars).
    let start: Int32, end: Int32
    /// UTF-8 length of the surface.
    let count: Int32
    /// Word, number or punctuation.
    public let kind: Kind
    let flags: Flags
    /// The strings of a stored token (nil for an inline one).
    let storage: TokenStorage?

    struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        static let hasUpper = Flags(rawValue: 1)
        static let nonASCII = Flags(rawValue: 2)
        /// A word with an inner hyphen (`US-drafted`): the matcher also looks at its parts.
        static let hasHyphen = Flags(rawValue: 4)
        /// A part of a hyphenated word that a hyphen joins to the next part (`US` in `US-drafted`).
        static let joinsNext = Flags(rawValue: 8)
        /// Has an ASCII lower-case letter.
        static let hasLower = Flags(rawValue: 16)
        /// The surface is in `storage` (longer than 16 bytes, or an explicit text).
        static let stored = Flags(rawValue: 32)
        /// ``text`` was given and is not the lower-cased surface.
        static let explicitText = Flags(rawValue: 64)

        /// The case and ASCII flags of `bytes`.
        init(scanning bytes: UnsafeBufferPointer<UInt8>) {
            var flags: Flags = []
            for b in bytes {
                if b >= 0x80 { flags.insert(.nonASCII) } else if ByteClass.isUpper(b) { flags.insert(.hasUpper) }
                else if ByteClass.isLower(b) { flags.insert(.hasLower) }
            }
            self = flags
        }

        init(rawValue: UInt8) { self.rawValue = rawValue }
    }

    /// Whether the token is a word with an inner hyphen.
    var hasHyphen: Bool { flags.contains(.hasHyphen) }

    /// Whether the surface is in `storage` rather than inline.
    @inline(__always)
    var isStored: Bool { flags.contains(.stored) }

    /// The first UTF-8 byte of the surface (0 for an empty one).
    @inline(__always)
    var firstByte: UInt8 { UInt8(truncatingIfNeeded: low) }

    /// The first two UTF-8 bytes of the surface (little-endian, zero-padded). A cheap pre-filter
    /// of the matcher.
    @inline(__always)
    var prefix: Int { Int(truncatingIfNeeded: low & 0xFFFF) }

    /// Hash of the surface, the key of the matcher's alias table. Inline and stored tokens with
    /// the same surface have the same key.
    @inline(__always)
    var key: UInt64 { isStored ? high : Token.mix(low, high, count: count) }

    /// The key of a surface of at most 16 bytes, from its inline words: a multiply-xorshift mix of
    /// the two words and the length.
    @inline(__always)
    private static func mix(_ low: UInt64, _ high: UInt64, count: Int32) -> UInt64 {
        var h = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &+ UInt64(count)) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        h = h &* 0x1656_67B1_9E37_79F9
        return h ^ (h >> 32)
    }

    /// Normalised form in its original case, used for case-sensitive matching.
    public var surface: String {
        if let storage { return storage.surface }
        return withUnsafeBytes(of: (low, high)) { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<Int(count)]), as: UTF8.self)
        }
    }

    /// Lower-cased normalised form, used as a feature.
    public var text: String {
        if let storage { return storage.text }
        if flags.contains(.nonASCII) { return surface.lowercased() }
        if !flags.contains(.hasUpper) { return surface }
        return withUnsafeBytes(of: lowercasedWords) { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<Int(count)]), as: UTF8.self)
        }
    }

    /// Whether the surface is inline (at most 16 bytes, no explicit text) and ASCII: its text is
    /// then `lowercasedWords`.
    @inline(__always)
    private var isInlineASCII: Bool { flags.isDisjoint(with: [.stored, .nonASCII]) }

    /// The inline words with ASCII upper-case letters lowered (bit 5 set), for an inline ASCII token.
    @inline(__always)
    private var lowercasedWords: (UInt64, UInt64) {
        var l = low, h = high
        if flags.contains(.hasUpper) {
            Token.lowercaseASCII(&l)
            Token.lowercaseASCII(&h)
        }
        return (l, h)
    }

    /// Calls `body` with the UTF-8 bytes of ``text``, without building a `String` for the common
    /// token (at most 16 bytes, ASCII, no explicit text): a lower-cased copy of its inline bytes.
    @inline(__always)
    public func withTextBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if isInlineASCII {
            return try withUnsafeBytes(of: lowercasedWords) { raw in try body(UnsafeRawBufferPointer(rebasing: raw[0..<Int(count)])) }
        }
        var text = self.text
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// Whether two tokens have the same ``text`` (as `String ==` says), comparing the lower-cased
    /// bytes of the common tokens (at most 16 bytes, ASCII) without building strings.
    @inline(__always)
    public func hasSameText(as other: Token) -> Bool {
        if isInlineASCII && other.isInlineASCII {
            return count == other.count && lowercasedWords == other.lowercasedWords
        }
        return text == other.text
    }

    /// Creates a token. When `text` is not the lower-cased `surface`, it is kept as given; the
    /// token still matches party aliases by its surface.
    public init(text: String, surface: String, span: TextSpan, kind: Kind) {
        var s = surface
        let explicit = text == surface.lowercased() ? nil : text
        self = s.withUTF8 { bytes in
            var flags = Flags(scanning: bytes)
            if kind == .word && bytes.count > 1 && bytes.contains(UInt8(ascii: "-")) { flags.insert(.hasHyphen) }
            return Token(bytes: bytes, span: span, kind: kind, flags: flags, explicitText: explicit)
        }
    }

    /// Creates a token from its normalised surface bytes.
    init(bytes: UnsafeBufferPointer<UInt8>, span: TextSpan, kind: Kind, flags: Flags, explicitText: String? = nil) {
        self.start = Int32(truncatingIfNeeded: span.start)
        self.end = Int32(truncatingIfNeeded: span.end)
        self.kind = kind
        self.count = Int32(bytes.count)
        let c = bytes.count
        var (w0, w1): (UInt64, UInt64) = (0, 0)
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            w0 = Token.load(base, min(c, 8))
            w1 = c > 8 ? Token.load(base + 8, min(c, 16) - 8) : 0
        }
        if c <= 16 && explicitText == nil {
            (low, high) = (w0, w1)
            self.flags = flags
            storage = nil
        } else {
            // The key is the one an inline token with this surface would have, so that both match.
            let key = c <= 16 ? Token.mix(w0, w1, count: Int32(c)) : Token.hash(bytes)
            storage = TokenStorage(surface: bytes, explicitText: explicitText,
                                   needsLowercasing: !flags.isDisjoint(with: [.hasUpper, .nonASCII]))
            (low, high) = (w0, key)
            self.flags = flags.union(explicitText == nil ? .stored : [.stored, .explicitText])
        }
    }

    /// Creates a token of `count` (at most 16) surface bytes at `p`, where 16 bytes are readable.
    @inline(__always)
    init(inline p: UnsafeRawPointer, count: Int, span: TextSpan, kind: Kind, flags: Flags) {
        self.start = Int32(truncatingIfNeeded: span.start)
        self.end = Int32(truncatingIfNeeded: span.end)
        self.kind = kind
        self.flags = flags
        self.count = Int32(count)
        storage = nil
        let w0 = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
        let w1 = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        // Keep the first `count` bytes, zero the rest (as `load` does).
        low = count >= 8 ? w0 : w0 & ((1 << UInt64(8 * count)) &- 1)
        high = count >= 16 ? w1 : count <= 8 ? 0 : w1 & ((1 << UInt64(8 * (count - 8))) &- 1)
    }

    private init(_ other: Token, span: TextSpan) {
        start = Int32(truncatingIfNeeded: span.start)
        end = Int32(truncatingIfNeeded: span.end)
        kind = other.kind
        low = other.low
        high = other.high
        count = other.count
        flags = other.flags
        storage = other.storage
    }

    /// The same token with its span moved by `delta` scalars.
    public func shifted(by delta: Int) -> Token {
        Token(self, span: span.shifted(by: delta))
    }

    /// Whether two tokens have the same surface (case-sensitive byte equality).
    @inline(__always)
    func hasSameSurface(as other: Token) -> Bool {
        guard count == other.count else { return false }
        if !isStored && !other.isStored { return low == other.low && high == other.high }
        // Copies of one token share their storage.
        if let storage, storage === other.storage { return true }
        return key == other.key && low == other.low && surface == other.surface
    }

    /// Sets bit 5 (lower case) of the bytes of `word` that are ASCII upper-case letters.
    @inline(__always)
    static func lowercaseASCII(_ word: inout UInt64) {
        // Per byte: (b + 0x3F) sets bit 7 when b >= 'A'; (b + 0x25) sets bit 7 when b > 'Z'.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let b = word & (ones &* 0x7F)
        let isUpper = (b &+ ones &* 0x3F) & ~(b &+ ones &* 0x25) & ~word & (ones &* 0x80)
        word |= isUpper >> 2
    }

    /// The `k` (0...8) bytes at `p` as a little-endian word, zero-padded, without reading past them.
    @inline(__always)
    static func load(_ p: UnsafeRawPointer, _ k: Int) -> UInt64 {
        if k == 8 { return UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) }
        var v: UInt64 = 0, offset = 0
        if k & 4 != 0 {
            v = UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
            offset = 4
        }
        if k & 2 != 0 {
            v |= UInt64(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))) << UInt64(8 * offset)
            offset += 2
        }
        if k & 1 != 0 { v |= UInt64(p.load(fromByteOffset: offset, as: UInt8.self)) << UInt64(8 * offset) }
        return v
    }

    /// 64-bit FNV-1a over UTF-8 bytes (keys of long tokens).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

extension Token: Hashable {
    /// Tokens are equal when text, surface, span and kind are.
    public static func == (a: Token, b: Token) -> Bool {
        a.start == b.start && a.end == b.end && a.kind == b.kind && a.hasSameSurface(as: b)
            && (!a.flags.contains(.explicitText) && !b.flags.contains(.explicitText) || a.text == b.text)
    }

    /// Hashes surface, span and kind.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(span)
        hasher.combine(kind)
    }
}

extension Token: CustomStringConvertible {
    /// The surface, kind and span, for debugging.
    public var description: String { "\(surface)/\(kind.rawValue)@\(span.start)..<\(span.end)" }
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
