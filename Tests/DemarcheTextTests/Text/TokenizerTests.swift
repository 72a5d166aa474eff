import XCTest
@testable import DemarcheText

final class TokenizerTests: XCTestCase {
    private let tokenizer = Tokenizer()
    private func surfaces(_ text: String) -> [String] { tokenizer.tokenize(text).map(\.surface) }

    func test_possessive_isSplitOffAsOwnToken() {
        XCTAssertEqual(surfaces("North Korea’s missile and Jones's car"),
                       ["North", "Korea", "'s", "missile", "and", "Jones", "'s", "car"])
        let t = tokenizer.tokenize("KOREA'S")
        XCTAssertEqual(t.map(\.text), ["korea", "'s"])
    }

    func test_apostropheInsideWord_staysInWord() {
        XCTAssertEqual(surfaces("don't O'Brien"), ["don't", "O'Brien"])
    }

    func test_hyphenatedWords_stayWhole_emDashSeparates() {
        XCTAssertEqual(surfaces("action-based Kim Jong-un F-35 war—and peace - now"),
                       ["action-based", "Kim", "Jong-un", "F-35", "war", "-", "and", "peace", "-", "now"])
    }

    func test_dottedAbbreviation_joinsHyphenatedWord() {
        XCTAssertEqual(surfaces("U.S.-led Saudi-U.S. U.S-made U.S. -"), ["U.S.-led", "Saudi-U.S.", "U.S-made", "U.S.", "-"])
        XCTAssertEqual(surfaces("the U.S.—and"), ["the", "U.S.", "-", "and"])
    }

    func test_numbers_keepSeparators() {
        let t = tokenizer.tokenize("3.5 1,000 2019 1,000.5 76th")
        XCTAssertEqual(t.map(\.surface), ["3.5", "1,000", "2019", "1,000.5", "76th"])
        XCTAssertEqual(t.map(\.kind), [.number, .number, .number, .number, .word])
    }

    func test_dottedAbbreviations_areOneLowercasedToken() {
        let t = tokenizer.tokenize("The U.S. and U.N. met at 9 a.m. in the U.S.")
        XCTAssertEqual(t.map(\.text), ["the", "u.s.", "and", "u.n.", "met", "at", "9", "a.m.", "in", "the", "u.s."])
    }

    func test_singleAbbreviation_splitsFromPeriod() {
        XCTAssertEqual(surfaces("Mr. Kim J. Un"), ["Mr", ".", "Kim", "J", ".", "Un"])
    }

    func test_punctuation_isTokenised() {
        let t = tokenizer.tokenize("(Yes; no: \"ok\" 'so' ?!...)")
        XCTAssertEqual(t.map(\.surface), ["(", "Yes", ";", "no", ":", "\"", "ok", "\"", "'", "so", "'", "?", "!", "...", ")"])
        XCTAssertEqual(t.filter { $0.kind == .punctuation }.count, 11)
    }

    func test_spans_pointIntoOriginal_afterCurlyQuotesEmojiAndCombiningMarks() {
        let text = "😀 “Caf\u{0065}\u{0301}” — Seoul\u{00A0}said"
        let tokens = tokenizer.tokenize(text)
        XCTAssertEqual(tokens.map(\.surface), ["😀", "\"", "Café", "\"", "-", "Seoul", "said"])
        XCTAssertEqual(tokens[2].text, "café")
        XCTAssertEqual(text.slice(tokens[2].span), "Caf\u{0065}\u{0301}")
        XCTAssertEqual(text.slice(tokens[5].span), "Seoul")
        XCTAssertEqual(text.slice(tokens[6].span), "said")
    }

    func test_tokenizeSentence_givesArticleOffsets() {
        let text = "First one. “Second” one."
        let sentences = SentenceSplitter().split(text)
        let tokens = tokenizer.tokenize(sentences[1])
        XCTAssertEqual(tokens.map(\.surface), ["\"", "Second", "\"", "one", "."])
        XCTAssertEqual(text.slice(tokens[1].span), "Second")
    }

    func test_nonLatinWords_areWords() {
        let t = tokenizer.tokenize("Erdoğan 김정은 Москва")
        XCTAssertEqual(t.map(\.text), ["erdoğan", "김정은", "москва"])
        XCTAssertTrue(t.allSatisfy { $0.kind == .word })
    }

    func test_emptyText_givesNoTokens() {
        XCTAssertEqual(tokenizer.tokenize(""), [])
        XCTAssertEqual(tokenizer.tokenize("  \n "), [])
    }
}
