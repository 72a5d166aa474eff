import XCTest
@testable import DemarcheText

/// Pathological inputs must be handled in linear time (a quadratic path would take minutes on
/// these sizes) and without crashing. Sizes are kept small enough for debug builds. Limits are generous for debug builds on a shared machine.
final class PathologicalInputTests: XCTestCase {
    private func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Runs the splitter, the tokenizer and `analyze` on `text` and checks that it took less than
    /// `limit` seconds of CPU time.
    private func assertFinishesQuickly(_ text: String, limit: Double = 20, file: StaticString = #filePath, line: UInt = #line) throws {
        let matcher = try SeedGazetteer.matcher()
        let start = cpuSeconds()
        let sentences = SentenceSplitter().split(text)
        let tokens = Tokenizer().tokenize(text)
        let analyzed = matcher.analyze(text)
        let seconds = cpuSeconds() - start
        XCTAssertLessThan(seconds, limit, "took \(seconds) s", file: file, line: line)
        XCTAssertEqual(analyzed.map(\.sentence), sentences, file: file, line: line)
        XCTAssertEqual(analyzed.reduce(0) { $0 + $1.tokens.count }, tokens.count, file: file, line: line)
    }

    func test_tenMegabytesOfDots_finishQuickly() throws {
        let text = String(repeating: ".", count: 10_000_000)
        try assertFinishesQuickly(text)
        XCTAssertEqual(Tokenizer().tokenize(String(repeating: ".", count: 1000)).map(\.surface), [String(repeating: ".", count: 1000)])
    }

    func test_dotsWithSpacesAndCapitals_finishQuickly() throws {
        try assertFinishesQuickly(String(repeating: ". A", count: 100_000))
        try assertFinishesQuickly(String(repeating: "U.S. ", count: 50_000))
    }

    func test_megabyteOfGluedDottedAbbreviations_finishesQuickly() throws {
        try assertFinishesQuickly(String(repeating: "U.S.", count: 250_000))
        try assertFinishesQuickly(String(repeating: "U.S.-", count: 40_000) + "led")
        try assertFinishesQuickly(String(repeating: "US-", count: 60_000) + "led")
    }

    func test_deepRunsOfQuotes_finishQuickly() throws {
        try assertFinishesQuickly(String(repeating: "\"", count: 200_000))
        try assertFinishesQuickly(String(repeating: "“‘«", count: 50_000))
        try assertFinishesQuickly(String(repeating: ".\" ", count: 50_000))
        // Opening quotes before many sentence-start-only aliases: one scan of the quotes, not one per alias.
        try assertFinishesQuickly(String(repeating: "\"", count: 200_000) + String(repeating: "The United States ", count: 20_000))
    }

    func test_longCombiningSequenceAndHyphenRuns_finishQuickly() throws {
        try assertFinishesQuickly("e" + String(repeating: "\u{0301}", count: 20_000) + " Seoul.")
        try assertFinishesQuickly(String(repeating: "-", count: 200_000))
        try assertFinishesQuickly(String(repeating: "a-", count: 100_000))
    }

    func test_hugeSentenceOfMentions_isLinear() throws {
        let text = String(repeating: "North Korea and the US-South Korea alliance, Kim and the North; ", count: 5_000)
        try assertFinishesQuickly(text)
        let analyzed = try SeedGazetteer.matcher().analyze(text)
        let mentions = analyzed.flatMap(\.mentions)
        // North Korea, US, South Korea, Kim and the North in each repetition; the 320 kB run is
        // cut into pieces of at most 6,000 bytes (issue 16), and a cut can split a two-word name.
        XCTAssertGreaterThan(analyzed.count, 50)
        XCTAssertLessThanOrEqual(mentions.count, 5_000 * 5)
        XCTAssertGreaterThanOrEqual(mentions.count, 5_000 * 5 - (analyzed.count - 1))
    }
}
