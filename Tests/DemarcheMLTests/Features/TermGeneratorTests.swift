import XCTest
@testable import DemarcheML

/// `TermGenerator.generate` (terms written through pointers) must give the terms and hashes of
/// `generateByAppending`, the version before it, in the same order.
final class TermGeneratorTests: XCTestCase {
    private func terms(_ generator: TermGenerator) -> [([UInt8], UInt64)] {
        generator.withTerms { base, starts, lengths, hashes in
            (0..<starts.count).map { t in (Array(UnsafeBufferPointer(start: base + starts[t], count: lengths[t])), hashes[t]) }
        }
    }

    func test_generate_equalsGenerateByAppending_onRandomDocuments() {
        var g = SplitMix64(seed: 21)
        let words = ["a", "bb", "ccc", "é", "naïve", "中文", "<target>", "antidisestablishmentarianism-like-and-longer", "x"]
        var documents: [Document] = [Document(), Document(tokens: ["solo"]), Document(tokens: [], extraTerms: ["only", ""])]
        for _ in 0..<400 {
            let tokens = (0..<Int(g.next() % 40)).map { _ in words[Int(g.next() % UInt64(words.count))] + (g.next() % 2 == 0 ? "\(g.next() % 50)" : "") }
            let extra = (0..<Int(g.next() % 8)).map { _ in g.next() % 9 == 0 ? "" : "L\(g.next() % 3)=" + words[Int(g.next() % UInt64(words.count))] }
            documents.append(Document(tokens: tokens, extraTerms: extra))
        }
        for range in [1...1, 1...2, 1...3, 2...3, 3...5] as [ClosedRange<Int>] {
            var configuration = TfidfConfiguration()
            configuration.wordNgramRange = range
            var fast = TermGenerator(configuration: configuration), reference = TermGenerator(configuration: configuration)
            // One generator of each kind over all documents: buffers reused, shrinking and growing.
            for (d, document) in documents.enumerated() {
                fast.generate(document)
                reference.generateByAppending(document)
                let a = terms(fast), b = terms(reference)
                XCTAssertEqual(a.map(\.0), b.map(\.0), "document \(d), n-grams \(range)")
                XCTAssertEqual(a.map(\.1), b.map(\.1), "document \(d), n-grams \(range)")
                XCTAssertEqual(fast.termCount, reference.termCount)
                XCTAssertGreaterThanOrEqual(fast.byteCount, (a.map { $0.0.count }.max() ?? 0) + TermIndex.inlineBytes)
            }
        }
    }
}
