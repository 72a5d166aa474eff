/// Splits text into ``Token``s in one pass over its normalised UTF-8 bytes.
///
/// Rules:
/// - Words: letters and digits (any script), joined across an ASCII hyphen between two word
///   characters (`action-based`, `Jong-un`, `F-35`; an em dash never joins) and across an
///   apostrophe followed by a letter (`don't`, `O'Brien`), except a possessive: `'s` / `’s` at the
///   end of a word is split off as its own token `'s`.
/// - Dotted abbreviations (`U.S.`, `U.S`, `U.N.`, `a.m.`, `e.g.`): single letters separated by
///   dots, kept whole with their final dot, so `in the U.S.` at a sentence end gives the token
///   `U.S.` and no separate period. A hyphen joins them to words like any part: `U.S.-led`,
///   `Saudi-U.S.` are one token each.
/// - Numbers: digits with inner `.` or `,` followed by a digit (`3.5`, `1,000.5`, `2019`);
///   digits followed by letters (`76th`) are words.
/// - Punctuation: every other character is a token of its own (`,` `.` `;` `:` `?` `!` `"` `'`
///   `(` `)` `-` `$` `%` emoji …); a run of dots is one token `...`.
/// - Whitespace separates tokens and is dropped.
public struct Tokenizer: Sendable {
    /// Creates a tokenizer.
    public init() {}

    /// The tokens of `text`, with spans in `text`'s scalar offsets.
    /// - Complexity: O(n).
    public func tokenize(_ text: String) -> [Token] {
        TextLayout.with(Normalizer.normalize(text)) { layout in
            var tokens = TokenBuffer()
            Self.scan(&layout, range: 0..<layout.bytes.count, into: &tokens)
            return tokens.array()
        }
    }

    /// The tokens of `sentence`, with spans in the article's scalar offsets.
    public func tokenize(_ sentence: Sentence) -> [Token] {
        let delta = sentence.span.start
        return tokenize(sentence.text).map { $0.shifted(by: delta) }
    }

    /// Appends the tokens of the normalised bytes `range` to `tokens`.
    static func scan(_ layout: inout TextLayout, range: Range<Int>, into tokens: inout TokenBuffer) {
        var parts = HyphenParts()
        scan(&layout, range: range, into: &tokens, parts: &parts, recordingParts: false)
    }

    /// Appends the tokens of the normalised bytes `range` to `tokens` and, if `recordingParts`,
    /// the parts of its hyphenated words to `parts` (with exact original spans).
    static func scan(_ layout: inout TextLayout, range: Range<Int>, into tokens: inout TokenBuffer,
                     parts: inout HyphenParts, recordingParts: Bool) {
        let bytes = layout.bytes
        let end = range.upperBound
        var i = range.lowerBound
        while i < end {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A { i += 1; continue }
            if ByteClass.isAlphanumeric(b) || (b >= 0x80 && isWordScalar(bytes, at: i)) {
                i = scanWord(&layout, from: i, end: end, into: &tokens, parts: &parts, recordingParts: recordingParts)
                continue
            }
            var j = i + 1
            if b == UInt8(ascii: "'"), j < end, bytes[j] | 0x20 == UInt8(ascii: "s"), i > range.lowerBound,
               isWordByte(bytes, before: i), !(j + 1 < end && isWordByte(bytes, at: j + 1)) {
                j += 1 // possessive 's
                let upper = bytes[i + 1] == UInt8(ascii: "S")
                append(&layout, i..<j, .word, flags: upper ? .hasUpper : .hasLower, into: &tokens)
                i = j
                continue
            }
            if b == UInt8(ascii: ".") {
                while j < end && bytes[j] == UInt8(ascii: ".") { j += 1 }
            } else if b >= 0x80 {
                j = i + scalarLength(b)
                // Keep combining marks, variation selectors and emoji modifiers with their symbol.
                while j < end, bytes[j] >= 0x80, isAttachedScalar(bytes, at: j) { j += scalarLength(bytes[j]) }
            }
            append(&layout, i..<j, .punctuation, flags: b >= 0x80 ? .nonASCII : [], into: &tokens)
            i = j
        }
    }

    /// The end of the dotted abbreviation (`L.L(.L)*` and an optional final `.`) starting at
    /// `start`, or `start` if there is none.
    @inline(__always)
    static func dottedAbbreviationEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var j = start
        while j + 2 < end, ByteClass.isLetter(bytes[j]), bytes[j + 1] == UInt8(ascii: "."), ByteClass.isLetter(bytes[j + 2]),
              j + 3 >= end || !(ByteClass.isAlphanumeric(bytes[j + 3]) || bytes[j + 3] >= 0x80) {
            j += 2
        }
        if j == start { return start }
        return j + 1 < end && bytes[j + 1] == UInt8(ascii: ".") ? j + 2 : j + 1
    }

    /// Whether the byte at `j` is a hyphen joining two parts of a word (a word character follows
    /// and it was not an em dash).
    @inline(__always)
    private static func isInnerHyphen(_ layout: TextLayout, at j: Int, end: Int) -> Bool {
        j + 1 < end && layout.bytes[j] == UInt8(ascii: "-") && isWordByte(layout.bytes, at: j + 1) && !layout.isDashBreak(j)
    }

    /// Scans a word, number or dotted abbreviation starting at `start`; returns the next offset.
    ///
    /// A word is made of parts joined by inner hyphens; a part is a run of word characters (with
    /// inner apostrophes) or a dotted abbreviation (`U.S.-led`, `Saudi-U.S.`). Inlined into the
    /// scan loop (one call site); hyphenated words are finished out of line.
    @inline(__always)
    private static func scanWord(_ layout: inout TextLayout, from start: Int, end: Int, into tokens: inout TokenBuffer,
                                 parts: inout HyphenParts, recordingParts: Bool) -> Int {
        let bytes = layout.bytes
        var flags: Token.Flags = []
        var hyphens = 0
        var numeric = ByteClass.isDigit(bytes[start])
        var j = dottedAbbreviationEnd(bytes, from: start, end: end)
        if j > start {
            flags = Token.Flags(scanning: UnsafeBufferPointer(rebasing: bytes[start..<j]))
            // A dotted abbreviation is a token of its own, with its final dot, unless a hyphen
            // joins it to a word.
            guard isInnerHyphen(layout, at: j, end: end) else {
                append(&layout, start..<j, .word, flags: flags, into: &tokens)
                return j
            }
            numeric = false
        }
        while j < end {
            let c = bytes[j]
            if ByteClass.isLower(c) { // the common case first: a run of lower-case letters
                flags.insert(.hasLower)
                numeric = false
                j = lowerRunEnd(bytes, from: j + 1, end: end)
                continue
            }
            if ByteClass.isUpper(c) {
                flags.insert(.hasUpper)
                numeric = false
                j += 1
            } else if ByteClass.isDigit(c) {
                j += 1
            } else if c >= 0x80 {
                guard isWordScalar(bytes, at: j) else { break }
                flags.insert(.nonASCII)
                numeric = false
                j += scalarLength(c)
            } else if c == UInt8(ascii: "-") {
                guard j > start, isInnerHyphen(layout, at: j, end: end) else { break }
                numeric = false
                if recordingParts {
                    if hyphens == 0 { parts.hyphens.removeAll(keepingCapacity: true) }
                    parts.hyphens.append(j)
                }
                hyphens += 1
                j += 1
                // A dotted abbreviation after the hyphen is one part, with its final dot.
                let d = dottedAbbreviationEnd(bytes, from: j, end: end)
                if d > j {
                    flags.formUnion(Token.Flags(scanning: UnsafeBufferPointer(rebasing: bytes[j..<d])))
                    j = d
                    if !isInnerHyphen(layout, at: j, end: end) { break }
                }
            } else if c == UInt8(ascii: "'") {
                guard j + 1 < end, ByteClass.isLetter(bytes[j + 1]) || (bytes[j + 1] >= 0x80 && isWordScalar(bytes, at: j + 1))
                else { break }
                // A possessive 's at the end of the word is split off.
                if bytes[j + 1] | 0x20 == UInt8(ascii: "s"), !(j + 2 < end && isWordByte(bytes, at: j + 2)) { break }
                numeric = false
                j += 1
            } else if (c == UInt8(ascii: ".") || c == UInt8(ascii: ",")) && numeric && j + 1 < end && ByteClass.isDigit(bytes[j + 1]) {
                j += 1
            } else {
                break
            }
        }
        if hyphens == 0 {
            append(&layout, start..<j, numeric ? .number : .word, flags: flags, into: &tokens)
        } else {
            appendHyphenated(&layout, start..<j, hyphens: hyphens, flags: flags, into: &tokens, parts: &parts,
                             recordingParts: recordingParts)
        }
        return j
    }

    /// Appends the hyphenated word at normalised bytes `range` (with `hyphens` inner hyphens, at
    /// `parts.hyphens` if `recordingParts`) and, if `recordingParts`, its parts.
    @inline(never)
    private static func appendHyphenated(_ layout: inout TextLayout, _ range: Range<Int>, hyphens: Int, flags: Token.Flags,
                                         into tokens: inout TokenBuffer, parts: inout HyphenParts, recordingParts: Bool) {
        let word = UnsafeBufferPointer(rebasing: layout.bytes[range])
        let flags = flags.union(.hasHyphen)
        guard recordingParts else {
            tokens.append(Token(bytes: word, span: layout.originalSpan(ofBytes: range), kind: .word, flags: flags))
            return
        }
        // Part spans are converted in text order (the layout's cursors only move forward); the
        // word's span runs from the first part's start to the last part's end.
        let owner = Int32(tokens.count)
        var partStart = range.lowerBound, wordStart = 0, wordEnd = 0
        for p in 0...hyphens {
            let partEnd = p < hyphens ? parts.hyphens[p] : range.upperBound
            let span = layout.originalSpan(ofBytes: partStart..<partEnd)
            if p == 0 { wordStart = span.start }
            wordEnd = span.end
            parts.append(UnsafeBufferPointer(rebasing: layout.bytes[partStart..<partEnd]), span: span, joinsNext: p < hyphens,
                         owner: owner)
            partStart = partEnd + 1
        }
        tokens.append(Token(bytes: word, span: TextSpan(start: wordStart, end: wordEnd), kind: .word, flags: flags))
    }

    /// The end of the run of ASCII lower-case letters starting at `start` (before `end`), eight
    /// bytes at a time.
    @inline(__always)
    static func lowerRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var j = start
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            let ones: UInt64 = 0x0101_0101_0101_0101, high = ones &* 0x80
            while j + 8 <= end {
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                // Per byte b < 0x80 (no carry between bytes): b + 0x1F has bit 7 set iff b >= 'a',
                // b + 0x05 iff b > 'z'. Bytes >= 0x80 are cleared by `~w`.
                let low7 = w & (ones &* 0x7F)
                let lower = (low7 &+ ones &* 0x1F) & ~(low7 &+ ones &* 0x05) & ~w & high
                if lower != high { return j + (~lower & high).trailingZeroBitCount >> 3 }
                j += 8
            }
        }
        while j < end && ByteClass.isLower(bytes[j]) { j += 1 }
        return j
    }

    /// Creates the token for normalised bytes `range`. Small enough to inline: the uncommon cases
    /// (a text whose offsets change in normalisation, a long token) are calls.
    @inline(__always)
    private static func append(_ layout: inout TextLayout, _ range: Range<Int>, _ kind: Token.Kind, flags: Token.Flags,
                               into tokens: inout TokenBuffer) {
        let span = layout.isIdentity ? TextSpan(start: range.lowerBound, end: range.upperBound) : originalSpan(&layout, range)
        // Short tokens with 16 bytes of text from their start are loaded as two words, unbranched.
        if range.count <= 16 && layout.bytes.count - range.lowerBound >= 16, let base = layout.bytes.baseAddress {
            tokens.append(Token(inline: UnsafeRawPointer(base + range.lowerBound), count: range.count, span: span, kind: kind,
                                flags: flags))
        } else {
            tokens.append(Token(bytes: UnsafeBufferPointer(rebasing: layout.bytes[range]), span: span, kind: kind, flags: flags))
        }
    }

    /// `layout.originalSpan(ofBytes: range)`, out of line.
    @inline(never)
    private static func originalSpan(_ layout: inout TextLayout, _ range: Range<Int>) -> TextSpan {
        layout.originalSpan(ofBytes: range)
    }

    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Whether the byte at `i` starts a word character (ASCII alphanumeric or a non-ASCII letter,
    /// mark or number).
    @inline(__always)
    static func isWordByte(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let c = bytes[i]
        return ByteClass.isAlphanumeric(c) || (c >= 0x80 && isWordScalar(bytes, at: i))
    }

    /// Whether the scalar ending just before byte `i` is a word character.
    static func isWordByte(_ bytes: UnsafeBufferPointer<UInt8>, before i: Int) -> Bool {
        var k = i - 1
        while k > 0 && bytes[k] & 0xC0 == 0x80 { k -= 1 }
        return isWordByte(bytes, at: k)
    }

    /// Whether the non-ASCII scalar at byte `i` is a letter, mark or number.
    static func isWordScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let (s, _) = Normalizer.decode(bytes, at: i)
        let p = s.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Whether the non-ASCII scalar at byte `i` attaches to a preceding symbol (mark, variation
    /// selector, emoji skin-tone modifier).
    static func isAttachedScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let (s, _) = Normalizer.decode(bytes, at: i)
        if (0xFE00...0xFE0F).contains(s.value) || (0x1F3FB...0x1F3FF).contains(s.value) || (0xE0020...0xE007F).contains(s.value) {
            return true
        }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}

extension TextLayout {
    /// Whether the `-` at normalised byte `offset` was an em dash (a word break).
    @inline(__always)
    func isDashBreak(_ offset: Int) -> Bool {
        let breaks = normalized.dashBreaks
        if breaks.isEmpty { return false }
        var lo = 0, hi = breaks.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if breaks[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < breaks.count && breaks[lo] == offset
    }
}
