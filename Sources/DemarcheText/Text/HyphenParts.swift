/// The parts of the hyphenated words of one token sequence (`US` and `drafted` of
/// `US-drafted`), each with the index of its word, so that the matcher can find names inside
/// compounds.
///
/// A part is a ``Token`` whose span is the part alone in the original text; every part but the
/// last of its word has the `joinsNext` flag. The buffers are kept between sentences.
struct HyphenParts {
    /// The parts, in text order.
    private(set) var tokens: [Token] = []
    /// For each part, the index of its hyphenated word in the token sequence.
    private(set) var owners: [Int32] = []
    /// Scratch for the tokenizer: normalised byte offsets of the hyphens of the word being scanned.
    var hyphens: [Int] = []

    var isEmpty: Bool { tokens.isEmpty }

    /// Forgets all parts, keeping the buffers.
    mutating func removeAll() {
        tokens.removeAllKeepingCapacity()
        owners.removeAllKeepingCapacity()
    }

    /// Appends a part with normalised surface `bytes` and original `span`.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, span: TextSpan, joinsNext: Bool, owner: Int32) {
        var flags = Token.Flags(scanning: bytes)
        if joinsNext { flags.insert(.joinsNext) }
        let isNumber = bytes.allSatisfy { ByteClass.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
            && ByteClass.isDigit(bytes[0])
        tokens.append(Token(bytes: bytes, span: span, kind: isNumber ? .number : .word, flags: flags))
        owners.append(owner)
    }

    /// Appends the parts of `token` (a word with inner hyphens), cut from its surface.
    ///
    /// Part spans are exact when the word's original span has as many scalars as its normalised
    /// surface (always, unless normalisation composed an accent or removed an invisible character
    /// inside the word); otherwise the parts' offsets inside the word are counted on the
    /// normalised surface and clamped to the word's span.
    mutating func append(partsOf token: Token, owner: Int) {
        var surface = token.surface
        surface.withUTF8 { bytes in
            let span = token.span
            var partStart = 0, scalar = 0, partScalarStart = 0
            for k in 0...bytes.count {
                let atEnd = k == bytes.count
                if atEnd || bytes[k] == UInt8(ascii: "-") {
                    if k > partStart {
                        let from = min(span.start + partScalarStart, span.end)
                        let to = atEnd ? span.end : min(span.start + scalar, span.end)
                        append(UnsafeBufferPointer(rebasing: bytes[partStart..<k]), span: TextSpan(start: min(from, to), end: to),
                               joinsNext: !atEnd, owner: Int32(owner))
                    }
                    partStart = k + 1
                    partScalarStart = scalar + 1
                }
                if !atEnd && bytes[k] & 0xC0 != 0x80 { scalar += 1 }
            }
        }
    }
}

extension HyphenParts {
    /// Appends a token that is not hyphenated as a single part.
    mutating func appendWhole(_ token: Token, owner: Int) {
        tokens.append(token)
        owners.append(Int32(owner))
    }
}
