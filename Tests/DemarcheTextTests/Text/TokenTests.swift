import Foundation
import XCTest
@testable import DemarcheText

final class TokenTests: XCTestCase {
    private let tokenizer = Tokenizer()

    func test_token_isPlainData() {
        // Plain data: arrays of tokens are copied and freed without reference counting.
        XCTAssertTrue(_isPOD(Token.self))
        XCTAssertEqual(MemoryLayout<Token>.stride, 32)
    }

    func test_textBytesAndSameText_agreeWithText_forEveryKindOfToken() {
        // Inline ASCII (with and without capitals, exactly 16 bytes), long stored, non-ASCII,
        // punctuation and numbers, and a token with an explicit text.
        let text = "SEOUL's Pyongyang-Watchers ABCDEFGHIJKLMNOP abcdefghijklmnop ÉLYSÉE élysée "
            + "Counterinsurgency-Minded counterinsurgency-minded “quoted” 3,000 U.S. u.s. n't"
        var tokens = tokenizer.tokenize(text)
        tokens.append(Token(text: "<target>", surface: "Seoul", span: TextSpan(start: 0, end: 5), kind: .word))
        tokens.append(Token(text: "seoul", surface: "SEOUL", span: TextSpan(start: 0, end: 5), kind: .word))
        for a in tokens {
            XCTAssertEqual(a.withTextBytes { String(decoding: $0, as: UTF8.self) }, a.text, "\(a.surface)")
            for b in tokens {
                XCTAssertEqual(a.hasSameText(as: b), a.text == b.text, "\(a.surface) / \(b.surface)")
            }
        }
        // The pairs that must match across case and storage.
        func token(_ s: String) -> Token { tokens.first { $0.surface == s }! }
        XCTAssertTrue(token("ABCDEFGHIJKLMNOP").hasSameText(as: token("abcdefghijklmnop")))
        XCTAssertTrue(token("Counterinsurgency-Minded").hasSameText(as: token("counterinsurgency-minded")))
        XCTAssertTrue(token("ÉLYSÉE").hasSameText(as: token("élysée")))
        XCTAssertTrue(token("U.S.").hasSameText(as: token("u.s.")))
        XCTAssertFalse(token("ABCDEFGHIJKLMNOP").hasSameText(as: token("élysée")))
    }

    func test_longSurfaces_keepSurfaceAndLowercasedText() {
        let text = "Anti-Americanism and counterinsurgency-minded Ökonomieprofessoren in https://example.com/x-y-z"
        let tokens = tokenizer.tokenize(text)
        XCTAssertEqual(tokens.map(\.surface),
                       ["Anti-Americanism", "and", "counterinsurgency-minded", "Ökonomieprofessoren", "in", "https", ":", "/", "/",
                        "example", ".", "com", "/", "x-y-z"])
        XCTAssertEqual(tokens[2].text, "counterinsurgency-minded")
        XCTAssertEqual(tokens[3].text, "ökonomieprofessoren")
        let scalars = Array(text.unicodeScalars)
        for t in tokens { XCTAssertEqual(String(String.UnicodeScalarView(scalars[t.span.range])), t.surface) }
    }

    func test_longTokens_copiedBetweenArraysAndOutlivingTheirAnalysis_keepTheirText() throws {
        var kept: [Token] = []
        do {
            let matcher = PartyMatcher(gazetteer: try Gazetteer(tsv: "USA\tstate\tUnited States\tUS", source: "t.tsv"))
            let sentences = matcher.analyze("The US-brokered-and-financed ceasefire held. Extraordinarily-long-compound words too.")
            kept += sentences[0].tokens[1...2]
            kept.append(sentences[1].tokens[0].shifted(by: 5))
        }
        XCTAssertEqual(kept.map(\.surface), ["US-brokered-and-financed", "ceasefire", "Extraordinarily-long-compound"])
        XCTAssertEqual(kept[2].text, "extraordinarily-long-compound")
        XCTAssertEqual(kept[2].span, TextSpan(start: 50, end: 79))
        // Equal tokens from separate tokenisations are equal and hash alike.
        let again = tokenizer.tokenize("The US-brokered-and-financed")[1]
        XCTAssertEqual(again, kept[0])
        XCTAssertEqual(Set([again, kept[0]]).count, 1)
        XCTAssertNotEqual(again, tokenizer.tokenize("The US-brokered-and-financet")[1])
    }

    func test_publicInit_keepsExplicitText_andMatchesAliasesBySurface() throws {
        let token = Token(text: "united states", surface: "US", span: TextSpan(start: 0, end: 2), kind: .word)
        XCTAssertEqual(token.text, "united states")
        XCTAssertEqual(token.surface, "US")
        let plain = Token(text: "us", surface: "US", span: TextSpan(start: 0, end: 2), kind: .word)
        XCTAssertEqual(plain, tokenizer.tokenize("US")[0])
        XCTAssertNotEqual(token, plain)
        let matcher = PartyMatcher(gazetteer: try Gazetteer(tsv: "USA\tstate\tUnited States\tUS", source: "t.tsv"))
        XCTAssertEqual(matcher.mentions(in: [token]).map(\.partyID), ["USA"])
    }

    func test_codableRoundTrip_keepsLongAndExplicitTokens() throws {
        let tokens = tokenizer.tokenize("A state-of-the-art-weapons test") + [
            Token(text: "korea", surface: "Korea", span: TextSpan(start: 0, end: 5), kind: .word),
            Token(text: "dprk", surface: "North-Korean-Regime-Officials", span: TextSpan(start: 6, end: 35), kind: .word),
        ]
        let decoded = try JSONDecoder().decode([Token].self, from: JSONEncoder().encode(tokens))
        XCTAssertEqual(decoded, tokens)
        XCTAssertEqual(decoded.last?.text, "dprk")
    }

    func test_longTokensFromManyThreads_areStoredOnce() {
        let words = (0..<64).map { "Supercalifragilistic-\($0 % 8)" }
        var tokens = [Token?](repeating: nil, count: words.count)
        tokens.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out  // each thread writes its own slot
            DispatchQueue.concurrentPerform(iterations: words.count) { k in out[k] = Tokenizer().tokenize(words[k]).first }
        }
        XCTAssertEqual(tokens.map { $0?.surface }, words)
        for k in 8..<words.count { XCTAssertEqual(tokens[k]?.low, tokens[k % 8]?.low) } // the same store id
    }
}
