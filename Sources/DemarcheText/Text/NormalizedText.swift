/// A normalised copy of a text together with the map back to the original's scalar offsets.
///
/// Produced by ``Normalizer/normalize(_:)``. Everything downstream (sentences, tokens, mentions)
/// works on ``text`` and reports spans in ``original`` through ``originalOffset(ofNormalizedOffset:)``.
public struct NormalizedText: Sendable {
    /// The text as given.
    public let original: String
    /// The normalised text (straight quotes, ASCII hyphens and spaces, NFKC, no control or
    /// zero-width characters except `\n`).
    public let text: String

    /// Normalised scalar offset → original scalar offset of the source of that scalar.
    let startMap: OffsetMap
    /// Normalised scalar offset k → (original end offset of the source of scalar k) - 1.
    let endMap: OffsetMap
    /// Number of scalars in ``text``.
    let scalarCount: Int
    /// Number of scalars in ``original``.
    let originalScalarCount: Int
    /// True when ``text`` is pure ASCII, so byte offsets equal scalar offsets.
    let isASCII: Bool
    /// True when ``original`` is pure ASCII.
    let originalIsASCII: Bool
    /// Sorted UTF-8 byte offsets in ``text`` of `-` characters that were em dashes or horizontal
    /// bars in the original: they separate words and never join a hyphenated word.
    let dashBreaks: [Int]
    /// Original scalar offset → original UTF-8 byte offset, for slicing ``original`` (anchored
    /// after each non-ASCII scalar; the identity for ASCII).
    let originalByteOffsets: OffsetMap

    /// The original scalar offset where the normalised scalar at `offset` came from.
    ///
    /// Use it for span starts. An offset equal to the normalised length maps to the original
    /// length. Scalars produced by one original scalar (an ellipsis expanded to `...`) all map to
    /// that scalar's offset.
    public func originalOffset(ofNormalizedOffset offset: Int) -> Int {
        if offset >= scalarCount { return originalScalarCount }
        if offset <= 0 { return startMap.value(0) }
        return startMap.value(offset)
    }

    /// The original scalar offset just past the source of the normalised scalars before `offset`.
    ///
    /// Use it for span ends: it includes a composed accent's combining mark, and it excludes a
    /// deleted zero-width character that follows the span.
    public func originalEndOffset(ofNormalizedOffset offset: Int) -> Int {
        if offset <= 0 { return originalOffset(ofNormalizedOffset: 0) }
        if offset > scalarCount { return originalScalarCount }
        return endMap.value(offset - 1) + 1
    }

    /// The original span of a span of normalised scalar offsets.
    public func originalSpan(ofNormalized span: TextSpan) -> TextSpan {
        let start = originalOffset(ofNormalizedOffset: span.start)
        if span.length == 0 { return TextSpan(start: start, end: start) }
        return TextSpan(start: start, end: max(start, originalEndOffset(ofNormalizedOffset: span.end)))
    }
}
