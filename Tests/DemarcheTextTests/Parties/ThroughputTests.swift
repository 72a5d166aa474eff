import XCTest
@testable import DemarcheText

/// Throughput of splitting + tokenising + mention finding. Off by default: run with
/// `DEMARCHE_PERF=1 swift test -c release -Xswiftc -enable-testing --filter ThroughputTests`
/// (optionally `DEMARCHE_PARTIES=/path/parties.tsv` to use a full gazetteer, `DEMARCHE_PERF_PARTS=0`
/// to time only `analyze`, `DEMARCHE_PERF_REPEAT=n` to time it n times).
final class ThroughputTests: XCTestCase {
    func test_analyze_throughputOnFiftyMegabytesOfNews() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["DEMARCHE_PERF"] == "1" else { throw XCTSkip("set DEMARCHE_PERF=1 to measure throughput") }
        let gazetteer = try env["DEMARCHE_PARTIES"].map { try Gazetteer(contentsOf: $0) }
            ?? Gazetteer(tsv: SeedGazetteer.tsv, source: "seed.tsv")
        let matcher = PartyMatcher(gazetteer: gazetteer)

        // ~50 MB of news-like articles: the seed article's sentences reshuffled, with names,
        // numbers and words varied so that no two articles are identical.
        let sentences = SentenceSplitter().split(SeedArticle.text).map(\.text)
        let swaps = [("North Korea", "Iran"), ("South Korea", "Japan"), ("Seoul", "Tokyo"), ("Kim", "Moon"),
                     ("United States", "European Union"), ("military", "navy"), ("talks", "negotiations")]
        var seed: UInt64 = 42
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        var articles: [String] = []
        var total = 0
        while total < 50_000_000 {
            var article = ""
            for _ in 0..<30 {
                var s = sentences[next() % sentences.count]
                if next() % 3 == 0 { let (a, b) = swaps[next() % swaps.count]; s = s.replacingOccurrences(of: a, with: b) }
                article += s + (next() % 4 == 0 ? "\n\n" : " ") + "\(next() % 1000) "
            }
            total += article.utf8.count
            articles.append(article)
        }
        // Thread CPU time, so that other processes on a shared machine do not count.
        func cpuSeconds() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        // DEMARCHE_PERF_PARTS=0 measures only the full `analyze` (for profiling it alone).
        let measureParts = env["DEMARCHE_PERF_PARTS"] != "0"
        func rate(_ label: String, _ body: (String) -> Int) {
            guard measureParts else { return }
            let start = cpuSeconds()
            var count = 0
            for article in articles { count &+= body(article) }
            let seconds = cpuSeconds() - start
            print(String(format: "throughput %@: %.1f MB/s (%d)", label, Double(total) / 1_000_000 / seconds, count))
        }
        rate("normalize") { Normalizer.normalize($0).text.utf8.count }
        rate("sentenceRanges") { a in TextLayout.with(Normalizer.normalize(a)) { SentenceSplitter.sentenceRanges($0.bytes).count } }
        rate("split") { SentenceSplitter().split($0).count }
        rate("ranges+scan") { a in TextLayout.with(Normalizer.normalize(a)) { layout in
            var n = 0
            var tokens = TokenBuffer()
            for r in SentenceSplitter.sentenceRanges(layout.bytes) {
                tokens.removeAll()
                Tokenizer.scan(&layout, range: r.range, into: &tokens)
                n += tokens.array().count
            }
            return n
        } }
        rate("ranges+scan+sentence") { a in TextLayout.with(Normalizer.normalize(a)) { layout in
            var n = 0
            var tokens = TokenBuffer()
            for r in SentenceSplitter.sentenceRanges(layout.bytes) {
                let s = layout.sentence(r)
                tokens.removeAll()
                Tokenizer.scan(&layout, range: r.range, into: &tokens)
                n += tokens.array().count + s.paragraph
            }
            return n
        } }
        rate("ranges+scan+match") { a in TextLayout.with(Normalizer.normalize(a)) { layout in
            var n = 0
            var context = [Bool](repeating: false, count: gazetteer.parties.count)
            var scratch = PartyMatcher.MatchScratch()
            var tokens = TokenBuffer()
            for r in SentenceSplitter.sentenceRanges(layout.bytes) {
                var mentions: [Mention] = []
                tokens.removeAll()
                scratch.parts.removeAll()
                Tokenizer.scan(&layout, range: r.range, into: &tokens, parts: &scratch.parts, recordingParts: true)
                matcher.match(tokens.array(), scratch: &scratch, context: &context, joinSurfaces: false, into: &mentions)
                n += mentions.count
            }
            return n
        } }
        rate("tokenize") { Tokenizer().tokenize($0).count }
        for _ in 0..<max(1, Int(env["DEMARCHE_PERF_REPEAT"] ?? "") ?? 1) {
            var mentions = 0, tokens = 0
            let start = cpuSeconds(), wallStart = Date()
            for article in articles {
                for sentence in matcher.analyze(article) {
                    mentions += sentence.mentions.count
                    tokens += sentence.tokens.count
                }
            }
            let seconds = cpuSeconds() - start, wall = Date().timeIntervalSince(wallStart)
            let mbps = Double(total) / 1_000_000 / seconds
            print(String(format: "throughput: %.1f MB in %.2f s CPU (%.2f s wall) = %.1f MB/s (%d articles, %d tokens, %d mentions, %d parties)",
                         Double(total) / 1_000_000, seconds, wall, mbps, articles.count, tokens, mentions, gazetteer.parties.count))
            XCTAssertGreaterThan(mentions, 0)
        }
    }
}
