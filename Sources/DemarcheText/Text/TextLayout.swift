/// Offset bookkeeping for one pass over a normalised text: normalised UTF-8 byte offsets →
/// normalised scalar offsets → original scalar offsets → original UTF-8 byte offsets.
///
/// Lives only inside the `withContiguousStorageIfAvailable` closures that own its buffers.
/// Byte-to-scalar queries are expected in (mostly) increasing order, so each conversion walks
/// forward from the previous answer: a whole article costs O(n) in total. A query behind the
/// cursor restarts it. Original byte offsets come from the normaliser's map.
struct TextLayout {
    let normalized: NormalizedText
    /// UTF-8 of `normalized.text`.
    let bytes: UnsafeBufferPointer<UInt8>
    /// UTF-8 of `normalized.original`, for slicing.
    let original: UnsafeBufferPointer<UInt8>
    /// Converts normalised byte offsets to normalised scalar offsets, for tokens.
    private var scalarCursor = ScalarCursor()
    /// The same, for sentence boundaries (which run ahead of the tokens of their sentence).
    private var sentenceCursor = ScalarCursor()
    /// Anchors of `normalized.originalByteOffsets` last used for slicing sentences and mentions
    /// (each sequence of slices is increasing on its own).
    private var sentenceSliceHint = 0, mentionSliceHint = 0

    /// Normalised offsets are original offsets (plain text: the common case, checked once).
    let isIdentity: Bool

    init(normalized: NormalizedText, bytes: UnsafeBufferPointer<UInt8>, original: UnsafeBufferPointer<UInt8>) {
        self.normalized = normalized
        self.bytes = bytes
        self.original = original
        self.isIdentity = normalized.isASCII && normalized.startMap.isIdentity && normalized.endMap.isIdentity
            && normalized.scalarCount == normalized.originalScalarCount
    }

    /// Runs `body` with a layout over `normalized`'s two texts.
    static func with<R>(_ normalized: NormalizedText, _ body: (inout TextLayout) -> R) -> R {
        var text = normalized.text, original = normalized.original
        text.makeContiguousUTF8()
        original.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            original.utf8.withContiguousStorageIfAvailable { original in
                var layout = TextLayout(normalized: normalized, bytes: bytes, original: original)
                return body(&layout)
            }!
        }!
    }

    /// The normalised scalar offset of normalised byte offset `byte`.
    @inline(__always)
    mutating func scalarOffset(ofByte byte: Int, sentenceLevel: Bool = false) -> Int {
        if normalized.isASCII { return byte }
        return sentenceLevel ? sentenceCursor.scalarOffset(ofByte: byte, in: bytes) : scalarCursor.scalarOffset(ofByte: byte, in: bytes)
    }

    /// The original span of the normalised bytes `range`. Token spans and sentence spans are
    /// converted by separate cursors, so each sequence only has to be increasing on its own.
    @inline(__always)
    mutating func originalSpan(ofBytes range: Range<Int>, sentenceLevel: Bool = false) -> TextSpan {
        if isIdentity { return TextSpan(start: range.lowerBound, end: range.upperBound) }
        let start = scalarOffset(ofByte: range.lowerBound, sentenceLevel: sentenceLevel)
        let end = scalarOffset(ofByte: range.upperBound, sentenceLevel: sentenceLevel)
        if normalized.startMap.isIdentity && normalized.endMap.isIdentity && normalized.scalarCount == normalized.originalScalarCount {
            return TextSpan(start: start, end: end)
        }
        return normalized.originalSpan(ofNormalized: TextSpan(start: start, end: end))
    }

    /// The original text at `span`. Its byte bounds come from the normaliser's map of the
    /// original's non-ASCII scalars (no walk over the text), searched from the last sentence or
    /// mention slice.
    ///
    /// The slice is decoded from the bytes: UTF-8 validation is a quick all-ASCII check for
    /// most text, cheaper than slicing the `String` through its indices (which realigns them to
    /// scalar boundaries).
    mutating func originalText(_ span: TextSpan, forMention: Bool = false) -> String {
        let from: Int, to: Int
        if normalized.originalIsASCII {
            (from, to) = (span.start, span.end)
        } else if forMention {
            from = normalized.originalByteOffsets.value(span.start, hint: &mentionSliceHint)
            to = normalized.originalByteOffsets.value(span.end, hint: &mentionSliceHint)
        } else {
            from = normalized.originalByteOffsets.value(span.start, hint: &sentenceSliceHint)
            to = normalized.originalByteOffsets.value(span.end, hint: &sentenceSliceHint)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: original[from..<to]), as: UTF8.self)
    }
}

/// A forward-moving converter from byte offsets to scalar offsets of one UTF-8 buffer.
struct ScalarCursor {
    private var byte = 0
    private var scalar = 0

    /// Scalar offset of byte offset `target` (which must be on a scalar boundary).
    @inline(__always)
    mutating func scalarOffset(ofByte target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if target < byte { byte = 0; scalar = 0 }
        // Eight bytes at a time: a continuation byte is 10xxxxxx, i.e. bit 7 set and bit 6 clear.
        if target - byte >= 8, let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            while target - byte >= 8 {
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
                let continuation = w & ~(w << 1) & 0x8080_8080_8080_8080
                scalar += 8 - continuation.nonzeroBitCount
                byte += 8
            }
        }
        while byte < target {
            if bytes[byte] & 0xC0 != 0x80 { scalar += 1 }
            byte += 1
        }
        return scalar
    }
}
