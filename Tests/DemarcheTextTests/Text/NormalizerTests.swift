import XCTest
@testable import DemarcheText

final class NormalizerTests: XCTestCase {
    func test_plainASCII_isReturnedUnchanged() {
        let n = Normalizer.normalize("North Korea said.\nOK")
        XCTAssertEqual(n.text, "North Korea said.\nOK")
        XCTAssertEqual(n.originalOffset(ofNormalizedOffset: 6), 6)
    }

    func test_quotesDashesSpaces_areMappedOneToOne() {
        let n = Normalizer.normalize("“Kim’s”\u{00A0}war—and\u{2013}peace\tnow")
        XCTAssertEqual(n.text, "\"Kim's\" war-and-peace now")
        XCTAssertEqual(n.originalOffset(ofNormalizedOffset: 9), 9)
    }

    func test_zeroWidthAndControlCharacters_areRemovedAndOffsetsMapBack() {
        let original = "\u{FEFF}Se\u{200B}oul\u{0007} said"
        let n = Normalizer.normalize(original)
        XCTAssertEqual(n.text, "Seoul said")
        // "said" starts at normalised 6 and original 9.
        XCTAssertEqual(n.originalOffset(ofNormalizedOffset: 6), 9)
        XCTAssertEqual(n.originalSpan(ofNormalized: TextSpan(start: 0, end: 5)), TextSpan(start: 1, end: 7))
    }

    func test_compatibilityForms_becomeNFKC() {
        let n = Normalizer.normalize("ﬁne ＵＮ talks… e\u{0301}")
        XCTAssertEqual(n.text, "fine UN talks... é")
        // The ellipsis (original offset 12) expands to three dots that all map back to it.
        XCTAssertEqual(n.originalOffset(ofNormalizedOffset: 13), 12)
        XCTAssertEqual(n.originalOffset(ofNormalizedOffset: 15), 12)
        // "é" composed from e + U+0301: its span covers both original scalars.
        XCTAssertEqual(n.originalSpan(ofNormalized: TextSpan(start: 17, end: 18)), TextSpan(start: 14, end: 16))
    }

    func test_crlf_becomesNewline() {
        XCTAssertEqual(Normalizer.normalize("a\r\nb\rc").text, "a\nb\nc")
    }
}
