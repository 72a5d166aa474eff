import XCTest
@testable import Demarche

final class ArticleScoringTests: XCTestCase {
    let article = """
        Seoul condemned Pyongyang on Monday.

        “We are not the enemy of Japan,” the minister in Seoul said — and Japan thanked South Korea.
        """

    func test_mentionOffsets_sliceTheOriginalText() {
        let score = Fixtures.model.score(article: article)
        let scalars = Array(article.unicodeScalars)
        var found = 0
        for s in score.sentences {
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[s.sentence.span.start..<s.sentence.span.end])), s.sentence.text)
            for p in s.parties {
                for m in p.mentions {
                    XCTAssertEqual(String(String.UnicodeScalarView(scalars[m.span.start..<m.span.end])), m.surface)
                    found += 1
                }
            }
        }
        XCTAssertEqual(found, 6)
    }

    func test_summary_countsSentencesPerParty_andMeansAreProbabilities() {
        let score = Fixtures.model.score(article: article, id: "a1")
        XCTAssertEqual(score.id, "a1")
        let kor = score.parties.first { $0.partyID == "KOR" }
        XCTAssertEqual(kor?.sentences, 2)
        XCTAssertEqual(kor?.mentions, 3)
        for p in score.parties {
            let q = p.meanProbabilities
            XCTAssertEqual(q.hostile + q.conciliatory + q.neutral, 1, accuracy: 1e-9)
            XCTAssertEqual(p.netTone, q.conciliatory - q.hostile, accuracy: 1e-12)
            XCTAssertEqual(p.hostileSentences + p.conciliatorySentences + p.neutralSentences, p.sentences)
            let expected = p.hostileSentences > p.conciliatorySentences ? "hostile"
                : (p.conciliatorySentences > p.hostileSentences ? "conciliatory" : "neutral")
            XCTAssertEqual(p.overall, expected)
        }
        XCTAssertEqual(score.parties.first?.partyID, "KOR", "most sentences first")
    }

    func test_scoring_agreesWithClassifyingEachPair() throws {
        let sentence = "Seoul condemned Pyongyang on Monday."
        let score = Fixtures.model.score(article: sentence)
        let prk = score.sentences[0].parties.first { $0.partyID == "PRK" }!
        let single = try Fixtures.model.classify(sentence, target: "Pyongyang")
        XCTAssertEqual(prk.probabilities.hostile, single.probabilities.hostile, accuracy: 1e-12)
    }

    func test_emptyArticle_hasNoSentencesOrParties() {
        let score = Fixtures.model.score(article: "  \n\n ")
        XCTAssertEqual(score.parties, [])
    }
}

final class ExplainTests: XCTestCase {
    func test_contributions_addUpToTheLogitMargin() throws {
        let model = Fixtures.model
        let e = try model.explain("Seoul condemned Pyongyang for the launch.", target: "Pyongyang", top: 100_000)
        // Sum of pushes + intercept = logit(label) − mean logit over labels.
        let p = e.prediction.probabilities
        let logs = [log(p.conciliatory), log(p.hostile), log(p.neutral)]
        let k = StanceLabel.all.firstIndex(of: e.label)!
        let margin = logs[k] - logs.reduce(0, +) / 3
        let sum = e.contributions.reduce(0) { $0 + $1.contribution } + e.intercept
        XCTAssertEqual(sum, margin, accuracy: 1e-4)
    }

    func test_strongestFeatures_unknownLabelIsAnError() {
        XCTAssertThrowsError(try Fixtures.model.strongestFeatures(for: "angry")) { error in
            XCTAssertEqual(error.localizedDescription, "label must be one of conciliatory, hostile, neutral, got angry; name one of the model's labels")
        }
    }
}
