import XCTest
@testable import DemarcheText

final class SentenceSplitterTests: XCTestCase {
    private let splitter = SentenceSplitter()

    private func texts(_ text: String) -> [String] { splitter.split(text).map(\.text) }

    func test_seedArticle_embeddedCopyMatchesSharedFile() throws {
        let path = "/work/shared/examples/korea-2022.txt"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("seed article not present") }
        XCTAssertEqual(try TextFile.read(path), SeedArticle.text)
    }

    func test_seedArticle_splitsIntoExpectedSentences() {
        let expected: [(String, Int)] = [
            ("Sat. Jan 22nd, 2022", 0),
            ("North Korean leader Kim Jong Un has vowed to build an “invincible” military and accuses the United States of creating tensions and not taking steps to prove it has no hostile intent towards its country, state media reported.", 1),
            ("In an apparent continued effort to drive a wedge between Washington and Seoul, Kim said his efforts to build his military were not targeted at South Korea, adding that there must not be another war that pits Korean people against each other. .", 2),
            ("He delivered the speech on Monday at an event to mark the 76th birthday of the ruling Labor Party the day before.", 3),
            ("“The United States has often signaled that it is not hostile to our state, but there is no action-based evidence to make us believe they are not hostile,” Kim said, according to the official Korean Central News Agency.", 4),
            ("In a dark suit with white shirt and red tie, Kim Jong Un gives a speech at a brown lecture in front of a red and yellow lecture.", 5),
            ("Kim said South Korea was hypocritical for continuing to build its military force, while asking the North to show restraint.", 5),
            ("Kim called the United States a “source” of instability on the Korean Peninsula, saying his country’s main goal was to possess an “invincible military capability” that no one can dare challenge.", 6),
            ("He accused South Korea of hypocrisy because it criticized North Korea’s weapons development as provocations, while spending heavily on increasing its own military capabilities, including the purchase of advanced American stealth fighters.", 7),
            ("“I say once again that South Korea is not the one our military forces have to fight against,” Kim said.", 8),
            ("“Certainly we are not strengthening our defense capability because of South Korea.", 9),
            ("North Korea’s missile test resumes", 10),
            ("North Korea has in recent weeks sent mixed signals to its rivals.", 11),
            ("Last month, North Korea conducted its first missile tests in six months, including nuclear weapons that could reach targets in South Korea and Japan, including Asian-based U.S. military bases.", 12),
            ("People at the train station watch the TV screen of North Korean leader Kim Jong Un during a military parade", 13),
            ("Commuters at Seoul Railway Station watch Mr Kim’s speech referring to South Korea in measured tones.(AP: Ahn Young-joon)", 13),
            ("But North Korea also said it is open to talks with South Korea if the conditions are met.", 14),
            ("Some experts say North Korea is trying to use South Korea’s desire to improve ties to pressure it to persuade the United States to relax by imposing economic sanctions on the North and making other concessions.", 15),
            ("North Korea has long sought improved relations with the United States because it wants sanctions and a better security environment to focus on reviving its affected economy.", 16),
            ("US offers to talk to North Korea ‘anytime’", 17),
            ("The high-stakes diplomacy between the countries fell apart in early 2019, after the Americans rejected North Korea’s calls for comprehensive sanctions relief in return for partial disarmament steps.", 18),
            ("The United States has recently repeatedly offered talks with North Korea “anywhere and anytime” without preconditions.", 19),
            ("Donald Trump and Kim Jong-un give a handshake while sitting in chairs in front of North Korean and American flags.", 20),
            ("Kim (right) held summits on Asian soil with former US President Donald Trump in 2018 and 2019.(AP: Evan Vucci)", 20),
            ("Kim has called the offer a “cunning” attempt to hide US hostility to North Korea, as he wants Washington to ease sanctions or suspend his regular military exercises with Seoul first before negotiations can resume.", 21),
            ("Despite his recent missile tests, Kim still has an independent moratorium on long-range missile tests in 2018, aimed directly at the US homeland.", 22),
            ("It is a sign that he will still retain the chances of future talks with Washington, observers say.", 23),
            ("Kim enjoyed a warm relationship with former President Donald Trump and met with him several times, but has yet to have a face-to-face discussion with Trump’s successor, Joe Biden.", 24),
            ("Leave a Reply", 25),
            ("Your email address will not be published.", 26),
            ("Required fields are marked *", 26),
        ]
        let sentences = splitter.split(SeedArticle.text)
        XCTAssertEqual(sentences.map(\.text), expected.map(\.0))
        XCTAssertEqual(sentences.map(\.paragraph), expected.map(\.1))
        for s in sentences { XCTAssertEqual(SeedArticle.text.slice(s.span), s.text) }
    }

    func test_emptyAndWhitespaceText_giveNoSentences() {
        XCTAssertEqual(splitter.split(""), [])
        XCTAssertEqual(splitter.split(" \n\n \t \u{00A0}\n"), [])
    }

    func test_titleAbbreviations_doNotEndSentence() {
        XCTAssertEqual(texts("Mr. Kim met Dr. Lee and Gen. Park. They talked."),
                       ["Mr. Kim met Dr. Lee and Gen. Park.", "They talked."])
        XCTAssertEqual(texts("Sen. Smith and Gov. Kemp spoke on Jan. 5 at St. Paul's. It rained."),
                       ["Sen. Smith and Gov. Kemp spoke on Jan. 5 at St. Paul's.", "It rained."])
    }

    func test_abbreviationMr_doesNotEndSentence() {
        XCTAssertEqual(texts("Mr. Moon arrived."), ["Mr. Moon arrived."])
    }

    func test_initials_doNotEndSentence() {
        XCTAssertEqual(texts("George W. Bush met Kim J. Un. Nothing came of it."),
                       ["George W. Bush met Kim J. Un.", "Nothing came of it."])
    }

    func test_usMidSentence_doesNotSplit_butUSBeforeSentenceOpenerSplits() {
        XCTAssertEqual(texts("U.S. troops left the U.K. base on Monday."), ["U.S. troops left the U.K. base on Monday."])
        XCTAssertEqual(texts("Troops stay at bases in the U.S. The talks resume Monday."),
                       ["Troops stay at bases in the U.S.", "The talks resume Monday."])
        XCTAssertEqual(texts("He spoke at 9 p.m. Officials said nothing."), ["He spoke at 9 p.m.", "Officials said nothing."])
    }

    func test_etcFollowedByLowercase_doesNotSplit() {
        XCTAssertEqual(texts("Oil, gas, etc. are taxed. Prices rose."), ["Oil, gas, etc. are taxed.", "Prices rose."])
    }

    func test_decimalsAndNumbers_doNotSplit() {
        XCTAssertEqual(texts("Growth was 3.5 percent on 1,000.5 units. Exports fell."),
                       ["Growth was 3.5 percent on 1,000.5 units.", "Exports fell."])
    }

    func test_ellipsis_splitsOnlyBeforeCapital() {
        XCTAssertEqual(texts("He paused... and went on. Then… Nothing."), ["He paused... and went on.", "Then…", "Nothing."])
    }

    func test_commaInsideQuote_doesNotSplit_periodInsideQuoteSplitsAfterQuote() {
        XCTAssertEqual(texts("“We will not start a war,” Kim said. “We want peace.” He added more."),
                       ["“We will not start a war,” Kim said.", "“We want peace.”", "He added more."])
        XCTAssertEqual(texts("\"Why?\" he asked."), ["\"Why?\" he asked."])
    }

    func test_linesWithoutFinalPunctuation_areSentences() {
        XCTAssertEqual(texts("Talks collapse\nNorth Korea fired a missile.\nA caption without period\nMore text."),
                       ["Talks collapse", "North Korea fired a missile.", "A caption without period", "More text."])
    }

    func test_wrappedLineContinuingInLowercase_staysOneSentence() {
        XCTAssertEqual(texts("The envoy said the talks\nwould resume soon."), ["The envoy said the talks\nwould resume soon."])
    }

    func test_blankLines_incrementParagraph() {
        let s = splitter.split("\n\nOne. Two.\n\n\n\nThree\n \nFour.")
        XCTAssertEqual(s.map(\.text), ["One.", "Two.", "Three", "Four."])
        XCTAssertEqual(s.map(\.paragraph), [0, 0, 1, 2])
    }

    func test_spans_areOriginalScalarOffsets_afterEmojiAndCombiningMarks() {
        let text = "👍🏽 Caf\u{0065}\u{0301} “ok.” Next\u{00A0}one — here."
        let sentences = splitter.split(text)
        XCTAssertEqual(sentences.map(\.text), ["👍🏽 Caf\u{0065}\u{0301} “ok.”", "Next\u{00A0}one — here."])
        for s in sentences { XCTAssertEqual(text.slice(s.span), s.text) }
    }

    /// Issue 16, defect 8: a run of text without a sentence end is cut into pieces of at most
    /// `maximumSentenceBytes` at spaces, each marked `isCut` but the last, so the work per
    /// sentence downstream stays bounded; together the pieces cover the run, word for word.
    func test_fiveMegabyteSentenceWithoutPunctuation_isCutAtSpacesIntoBoundedPieces() {
        let text = String(repeating: "word and more words ", count: 250_000)
        let clock = Date()
        let sentences = splitter.split(text)
        XCTAssertLessThan(Date().timeIntervalSince(clock), 5, "splitting 5 MB must be linear")
        XCTAssertEqual(sentences.count, (text.utf8.count + SentenceSplitter.maximumSentenceBytes - 1) / SentenceSplitter.maximumSentenceBytes)
        XCTAssertTrue(sentences.allSatisfy { $0.text.utf8.count <= SentenceSplitter.maximumSentenceBytes })
        XCTAssertEqual(sentences.map(\.isCut), Array(repeating: true, count: sentences.count - 1) + [false])
        XCTAssertEqual(sentences.first?.span.start, 0)
        XCTAssertEqual(sentences.last?.span.end, text.unicodeScalars.count - 1)
        for (a, b) in zip(sentences, sentences.dropFirst()) {
            XCTAssertEqual(b.span.start, a.span.end + 1, "pieces are cut at single spaces")
            XCTAssertFalse(a.text.hasSuffix(" ") || b.text.hasPrefix(" "))
        }
        XCTAssertEqual(sentences.reduce(0) { $0 + $1.text.split(separator: " ").count }, 1_000_000)
        let tokens = Tokenizer().tokenize(text)
        XCTAssertEqual(tokens.count, 1_000_000)
    }

    func test_sentenceOfOrdinaryLength_isNotCut() {
        let text = String(repeating: "word ", count: SentenceSplitter.maximumSentenceBytes / 5 - 1) + "end."
        let sentences = splitter.split(text)
        XCTAssertEqual(sentences.count, 1)
        XCTAssertFalse(sentences[0].isCut)
    }
}
