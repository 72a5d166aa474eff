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
            let expected = Verdict.rule(hostile: Double(p.hostileSentences), conciliatory: Double(p.conciliatorySentences),
                                        neutral: Double(p.neutralSentences))
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

    func test_rollUp_leaderAndStateInOneSentence_areOneTarget() throws {
        let text = "Kim Jong Un said North Korea would test again. Pyongyang denied it."
        let score = Fixtures.model.score(article: text)
        let first = score.sentences[0].parties
        XCTAssertEqual(first.map(\.partyID), ["PRK"], "Kim and North Korea are one target, the state")
        XCTAssertEqual(Set(first[0].mentions.map(\.partyID)), ["person:kim-jong-un", "PRK"], "each mention keeps its own id")
        XCTAssertEqual(score.parties.map(\.partyID), ["PRK"])
        XCTAssertEqual(score.parties[0].sentences, 2)
        // The person-level view is one step away.
        let byMention = Fixtures.model.summaries(of: score.sentences, by: .mention)
        XCTAssertEqual(Set(byMention.map(\.partyID)), ["PRK", "person:kim-jong-un"])
        XCTAssertEqual(byMention.first { $0.partyID == "person:kim-jong-un" }?.sentences, 1)
    }

    func test_rollUp_respectsTheArticleDate() throws {
        // Kim Jong Un leads North Korea from 2011-12-17: in 2010 he does not speak for it.
        let text = "Kim Jong Un criticised Japan."
        let in2019 = Fixtures.model.score(article: text, date: "2019-06-01")
        XCTAssertEqual(in2019.sentences[0].parties.map(\.partyID).sorted(), ["JPN", "PRK"])
        let in2010 = Fixtures.model.score(article: text, date: "2010-06-01")
        XCTAssertEqual(in2010.sentences[0].parties.map(\.partyID).sorted(), ["JPN", "person:kim-jong-un"])
        XCTAssertEqual(in2010.date, "2010-06-01")
        XCTAssertEqual(Fixtures.model.score(article: text, date: "2011").sentences[0].parties.map(\.partyID).sorted(), ["JPN", "PRK"],
                       "a year-only date compares at year precision")
    }

    func test_articleDate_isFoundInADateline() {
        XCTAssertEqual(ArticleDate.detect(in: "TOKYO, March 2, 1987 - Japan said"), "1987-03-02")
        XCTAssertEqual(ArticleDate.detect(in: "Title\n\nSEOUL, Nov. 3 (wire) — 2022 was long"), nil)
        XCTAssertEqual(ArticleDate.detect(in: "Published 3 November 2022. Seoul said"), "2022-11-03")
        XCTAssertEqual(ArticleDate.detect(in: "Posted 2016-11-10 by the ministry"), "2016-11-10")
        XCTAssertNil(ArticleDate.detect(in: "In May 1999 there were 31 talks"))
    }

    func test_articleDate_isInferredFromTheLatestYearNamed_asALowerBound() {
        XCTAssertEqual(ArticleDate.latestYear(in: "Back in 2011 she spoke. The 2016 election was close."), "2016")
        XCTAssertEqual(ArticleDate.infer(in: "Back in 2011 she spoke. The 2016 election was close."), "2016+")
        XCTAssertEqual(ArticleDate.infer(in: "TOKYO, March 2, 1987 - Japan said in 1986 …"), "1987-03-02", "a dateline wins")
        // Limits, futures, amounts, ranges and longer numbers are not years the article reached.
        XCTAssertEqual(ArticleDate.latestYear(in: "Growth was weak in 2021 and the economy will grow just 0.5% in 2023."), "2021")
        XCTAssertEqual(ArticleDate.latestYear(in: "It served from 2009 to 2013. Output fell in 2008."), "2008")
        XCTAssertEqual(ArticleDate.latestYear(in: "Emissions must fall by 2030; the plan was adopted in 2015."), "2015")
        XCTAssertEqual(ArticleDate.latestYear(in: "It paid $2050 for 1,999 tonnes in the 2019-20 season."), nil)
        XCTAssertEqual(ArticleDate.latestYear(in: "In May 2016 talks resumed."), "2016", "a month is not a future mark")
        XCTAssertEqual(ArticleDate.latestYear(in: "The outlook for 2023 is grim. Growth for 2024 is predicted at 1%. Prices rose in 2022."), "2022")
        XCTAssertEqual(ArticleDate.latestYear(in: "Exports grew in 2019. 2020 will be harder."), "2019")
        XCTAssertNil(ArticleDate.latestYear(in: "No year at all, only 31 ships and 12345 tonnes."))
        XCTAssertNil(ArticleDate.infer(in: ""))
        // Any text: no crash, and a year found is one the text holds.
        var rng = SystemRandomNumberGenerator()
        let pieces = ["2016", "1987", " ", ".", ". ", "\n", "by ", "will ", "-", "–", "$", ",", "0", "é", "🙂", "in ", "May "]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            if let y = ArticleDate.latestYear(in: text) { XCTAssertTrue(text.contains(y), text) }
        }
    }

    func test_yearOrLater_rulesOutOnlyOfficesThatEndedBefore() throws {
        let tsv = Fixtures.partiesTSV + "\nperson:jo-former\tperson\tJo Former\tJo Former\t\t\tJPN\tforeign minister\t2009-01-01\t2013-02-01"
        let g = try Gazetteer(tsv: tsv, source: "fixture")
        XCTAssertEqual(g.rollUp("person:jo-former", on: "2016+"), "person:jo-former", "out of office by 2016")
        XCTAssertEqual(g.rollUp("person:jo-former", on: "2013+"), "JPN", "still in office during 2013")
        XCTAssertEqual(g.rollUp("person:kim-jong-un", on: "2005+"), "PRK", "an office that begins later is not ruled out")
        XCTAssertEqual(g.rollUp("person:jo-former", on: "2016"), "person:jo-former")
        XCTAssertEqual(g.rollUp("person:jo-former", on: nil), "JPN")
    }

    func test_verdictRule_followsTheReadersThresholds() {
        XCTAssertEqual(Verdict.rule(hostile: 1, conciliatory: 0, neutral: 9), .neutral, "one in ten is not a third")
        XCTAssertEqual(Verdict.rule(hostile: 1, conciliatory: 0, neutral: 2), .hostile, "exactly a third is not neutral")
        XCTAssertEqual(Verdict.rule(hostile: 2, conciliatory: 1, neutral: 0), .hostile, "twice the other side")
        XCTAssertEqual(Verdict.rule(hostile: 1, conciliatory: 2, neutral: 0), .conciliatory)
        XCTAssertEqual(Verdict.rule(hostile: 3, conciliatory: 2, neutral: 1), .mixed)
        XCTAssertEqual(Verdict.rule(hostile: 0, conciliatory: 0, neutral: 0), .neutral)
        XCTAssertEqual(Verdict.rule(hostile: 0.5, conciliatory: 0.2, neutral: 1.3), .hostile, "expected counts work too")
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

    func test_strongestFeatures_eachLabel_readsItsOwnWeightColumn() {
        for label in StanceLabel.all {
            let top = Fixtures.model.strongestFeatures(for: label, top: 1)[0]
            let j = try! XCTUnwrap(Fixtures.model.vectorizer.terms.firstIndex(of: top.term))
            XCTAssertEqual(top.contribution, Fixtures.model.relativeWeight(feature: j, label: label.classIndex), accuracy: 1e-12)
        }
    }
}
