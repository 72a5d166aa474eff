/// A half-open range `start..<end` of Unicode scalar (code point) offsets into a text.
///
/// Offsets count Unicode scalars, like Python `str` indexes, and always refer to the ORIGINAL
/// text handed to the library (before normalisation), so `text.unicodeScalars` sliced by
/// `span.start..<span.end` gives back exactly what was written.
public struct TextSpan: Sendable, Hashable, Codable {
    /// First scalar offset of the span.
    public var start: Int
    /// Scalar offset just past the span.
    public var end: Int

    /// Creates a span; `start` must not exceed `end`.
    public init(start: Int, end: Int) {
        precondition(start <= end, "TextSpan start \(start) is after end \(end)")
        self.start = start
        self.end = end
    }

    /// Number of scalars in the span.
    public var length: Int { end - start }

    /// The span as a Swift range.
    public var range: Range<Int> { start..<end }

    /// The span moved by `delta` scalars (for example from sentence-relative to article offsets).
    public func shifted(by delta: Int) -> TextSpan {
        TextSpan(start: start + delta, end: end + delta)
    }
}

extension String {
    /// The substring of this string covering `span` (scalar offsets), as a `String`.
    ///
    /// - Complexity: O(`span.end`): scalar offsets are not random-access in a UTF-8 `String`.
    public func slice(_ span: TextSpan) -> String {
        let scalars = unicodeScalars
        guard let from = scalars.index(scalars.startIndex, offsetBy: span.start, limitedBy: scalars.endIndex),
              let to = scalars.index(from, offsetBy: span.length, limitedBy: scalars.endIndex)
        else { return "" }
        return String(scalars[from..<to])
    }
}
