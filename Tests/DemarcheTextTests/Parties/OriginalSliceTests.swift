import XCTest
@testable import DemarcheText

/// Sentence texts and mention surfaces are slices of the original text at their spans, whatever
/// mix of ASCII and multi-byte scalars precedes them (the slices use the normaliser's map of the
/// original's non-ASCII scalars, and word-at-a-time scans skip ASCII runs).
final class OriginalSliceTests: XCTestCase {
    /// The original's scalars at `span`.
    private func slice(_ text: String, _ span: TextSpan) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[span.start..<span.end])
        return String(out)
    }

    private func assertSlicesMatchSpans(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let matcher = try SeedGazetteer.matcher()
        let analyzed = matcher.analyze(text)
        XCTAssertFalse(analyzed.isEmpty, file: file, line: line)
        for a in analyzed {
            XCTAssertEqual(a.sentence.text, slice(text, a.sentence.span), file: file, line: line)
            for m in a.mentions { XCTAssertEqual(m.surface, slice(text, m.span), file: file, line: line) }
        }
    }

    func test_slices_afterCurlyQuotesDashesAndEmoji() throws {
        try assertSlicesMatchSpans("""
            “North Korea” said — again — that the United States 👍🏽 was hostile. Seoul’s envoy met Kim Jong Un.

            The café in Zürich hosted North Korean and South Korean officials… “We won’t stop,” Kim said.
            """)
    }

    func test_slices_withCombiningMarksControlCharactersAndLineBreaks() throws {
        try assertSlicesMatchSpans("Ame\u{301}lie met North Korea’s envoy.\r\nThe United States\u{1} replied\t“no”.\n"
            + "\u{200B}South Korea\u{00A0}and Japan\u{2028}agreed. 北朝鮮 and North Korea talked.")
    }

    func test_slices_inLongAsciiRunsBetweenMultibyteScalars() throws {
        let filler = String(repeating: "the quick brown fox jumps over the lazy dog\n", count: 40)
        try assertSlicesMatchSpans("“\(filler)North Korea fired.” \(filler)é South Korea answered. ")
    }
}
