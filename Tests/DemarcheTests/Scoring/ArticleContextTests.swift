import XCTest
@testable import Demarche

final class ArticleContextTests: XCTestCase {
    private func p(_ h: Double, _ c: Double, _ n: Double) -> StanceProbabilities {
        StanceProbabilities(hostile: h, conciliatory: c, neutral: n)
    }

    func test_weightZero_isTheIdentity() {
        let input = [p(0.2, 0.5, 0.3), p(0.7, 0.1, 0.2)]
        XCTAssertEqual(ArticleContext.none.adjust(input, parties: ["A", "A"]), input)
    }

    func test_partyInOneSentence_isLeftAlone() {
        let input = [p(0.2, 0.5, 0.3), p(0.7, 0.1, 0.2)]
        XCTAssertEqual(ArticleContext.default.adjust(input, parties: ["A", "B"]), input)
    }

    func test_conciliatoryCue_inAnArticleHostileToTheParty_turnsHostile() {
        // The party's three other sentences are clearly hostile toward it; the fourth leans
        // conciliatory by a little.
        let input = [p(0.8, 0.05, 0.15), p(0.75, 0.05, 0.2), p(0.85, 0.05, 0.1), p(0.40, 0.45, 0.15)]
        let out = ArticleContext.default.adjust(input, parties: Array(repeating: "A", count: 4))
        XCTAssertEqual(input[3].label, .conciliatory)
        XCTAssertEqual(out[3].label, .hostile)
        for q in out { XCTAssertEqual(q.hostile + q.conciliatory + q.neutral, 1, accuracy: 1e-12) }
        // Another party's sentences are not its context.
        let mixedParties = ArticleContext.default.adjust(input, parties: ["A", "A", "A", "B"])
        XCTAssertEqual(mixedParties[3], input[3])
    }

    func test_neutralPairs_stayNeutral_whateverTheContext() {
        var input = [p(0.9, 0.05, 0.05), p(0.05, 0.9, 0.05)]
        for h in stride(from: 0.0, through: 0.49, by: 0.07) {
            input.append(p(h, 0.5 - h, 0.5))
        }
        let out = ArticleContext(weight: 3).adjust(input, parties: Array(repeating: 7, count: input.count))
        for (a, b) in zip(input, out) where a.label == .neutral { XCTAssertEqual(b.label, .neutral) }
    }

    func test_leaveOneOut_thePairItselfIsNotItsOwnContext() {
        // Two sentences: each one's context is only the other. The first is hostile, the second
        // conciliatory by a margin; with its own probabilities counted each would keep more of its side.
        let input = [p(0.6, 0.1, 0.3), p(0.1, 0.6, 0.3)]
        let out = ArticleContext(weight: 1).adjust(input, parties: ["A", "A"])
        // The first's context (the second) is conciliatory by 0.6 / 0.7: P(hostile) × (0.101/0.702).
        let e = ArticleContext.epsilon
        let fh = (0.1 + e) / (0.7 + 2 * e), fc = (0.6 + e) / (0.7 + 2 * e)
        let z = 0.6 * fh + 0.1 * fc + 0.3
        XCTAssertEqual(out[0].hostile, 0.6 * fh / z, accuracy: 1e-12)
        XCTAssertEqual(out[0].conciliatory, 0.1 * fc / z, accuracy: 1e-12)
        XCTAssertEqual(out[0].label, .neutral)
    }

    func test_scoring_withoutContext_givesEachPairItsOwnCalibratedLabel() throws {
        let text = "Seoul condemned Pyongyang on Monday. Pyongyang said it welcomed talks with Seoul. Seoul warned Pyongyang again."
        let plain = Fixtures.model.score(article: text, context: .none)
        for s in plain.sentences {
            for pair in s.parties {
                XCTAssertEqual(pair.label, pair.probabilities.label)
            }
        }
        // The same pairs, in the same order, with the context applied to their probabilities.
        let withContext = Fixtures.model.score(article: text)
        let flat = plain.sentences.flatMap(\.parties)
        let expected = ArticleContext.default.adjust(flat.map(\.probabilities), parties: flat.map(\.partyID))
        XCTAssertEqual(withContext.sentences.flatMap(\.parties).map(\.probabilities), expected)
        XCTAssertEqual(withContext.sentences.flatMap(\.parties).map(\.label), expected.map(\.label))
    }
}
