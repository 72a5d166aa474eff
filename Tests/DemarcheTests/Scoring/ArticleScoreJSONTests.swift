import DemarcheText
import Foundation
import XCTest
@testable import Demarche

final class ArticleScoreJSONTests: XCTestCase {
    private func encoded(_ score: ArticleScore) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(score), as: UTF8.self)
    }

    func test_compactJSON_equalsJSONEncoderWithSortedKeys() throws {
        let text = "Washington accused Beijing of \"provocations\" / threats.\n\tThen: the U.S. and China met\u{1} — talks résumé 1.0."
        for id in [nil, "a/\"b\"\\c\u{7}", "plain"] as [String?] {
            let score = Fixtures.model.score(article: text, id: id)
            XCTAssertEqual(score.compactJSON(), try encoded(score))
        }
    }

    func test_compactJSON_numbersSpelledAsJSONEncoder() throws {
        let p = StanceProbabilities(hostile: 1.0, conciliatory: 1e-05, neutral: 0.1 + 0.2)
        let summary = PartySummary(partyID: "X", name: "X", kind: .state, sentences: 0, mentions: -3, meanProbabilities: p,
                                   hostileSentences: 0, conciliatorySentences: 0, neutralSentences: 0, overall: .mixed,
                                   netTone: -0.0)
        let score = ArticleScore(id: "", date: "1987-03-02", sentences: [], parties: [summary])
        XCTAssertEqual(score.compactJSON(), try encoded(score))
    }

    func test_scoreArticles_equalsOneByOne() {
        let texts = ["Japan praised China.", "Russia threatened Ukraine. The UN called for calm.", "", "Nothing here."]
        let batch = Fixtures.model.score(articles: texts.enumerated().map { ($1, "\($0)", nil) })
        XCTAssertEqual(batch, texts.enumerated().map { Fixtures.model.score(article: $1, id: "\($0)") })
    }
}
