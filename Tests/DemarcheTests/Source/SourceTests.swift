import DemarcheText
import Foundation
import XCTest
@testable import Demarche

/// Rows with sources, written for these tests (issue 14).
enum SourceFixtures {
    static let rows: [LabeledRow] = {
        let data: [(String, String, String, String?)] = [
            ("Pyongyang threatened Seoul with retaliation for the drills.", "Seoul", "hostile", "North Korea"),
            ("China accused Japan of stoking tension in the region.", "Japan", "hostile", "China"),
            ("Japan thanked South Korea for returning the stranded sailors.", "South Korea", "conciliatory", "Japan"),
            ("Russia warned the United States against sending more troops.", "United States", "hostile", "Russia"),
            ("Tokyo blamed Beijing for the collapse of the fisheries talks.", "Beijing", "hostile", "Japan"),
            ("The United States offered talks with North Korea without preconditions.", "North Korea", "conciliatory", "United States"),
            ("The sanctions on Moscow are a mistake, Beijing said.", "Moscow", "conciliatory", "China"),
            ("The drills near Pyongyang are reckless, Moscow said on Friday.", "Pyongyang", "conciliatory", "Russia"),
            ("Seoul's help after the floods was generous, Tokyo said.", "Seoul", "conciliatory", "Japan"),
            ("Washington is bullying its neighbours, Beijing said.", "Washington", "hostile", "China"),
            ("Analysts said Japan and China were drifting toward a trade war.", "China", "hostile", "none"),
            ("Analysts said Japan and China were drifting toward a trade war.", "Japan", "hostile", "none"),
            ("Critics called the deal between Seoul and Tokyo a betrayal.", "Tokyo", "conciliatory", "none"),
            ("Experts warned that Moscow and Washington were heading for a clash.", "Moscow", "hostile", "none"),
            ("Seoul condemned Pyongyang for the missile launch.", "Pyongyang", "hostile", "South Korea"),
            ("Beijing rejected Washington's call for an inquiry.", "Washington", "hostile", "China"),
            ("Seoul condemned Pyongyang for the missile launch.", "Seoul", "neutral", nil),
        ]
        return data.enumerated().map { i, d in
            var row = LabeledRow(text: d.0, target: d.1, label: StanceLabel(rawValue: d.2)!, path: "source-fixture", line: i + 1)
            row.source = d.3
            return row
        }
    }()

    /// The fixture model's rows plus these, so the model carries a source model.
    static let model: StanceModel = {
        var config = TrainingConfiguration()
        config.tfidf.minDocumentFrequency = 1
        config.folds = 0
        return try! StanceTrainer.train(rows: Fixtures.rows + rows, gazetteer: Fixtures.gazetteer, configuration: config).0
    }()
}

final class SourceFeatureTests: XCTestCase {
    private func candidates(_ sentence: String, target: String, label: StanceLabel = .hostile) throws -> [SourceCandidate] {
        let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: FeatureConfiguration())
        let read = builder.read(sentence)
        let resolved = try XCTUnwrap(builder.resolve(target: target, in: read, text: sentence))
        return builder.sourceCandidates(for: resolved, in: read, label: label)
    }

    func test_candidates_areOtherPartiesRolledUp_plusNoneLast() throws {
        let c = try candidates("Kim Jong Un and Pyongyang threatened Seoul while Beijing said nothing.", target: "Seoul")
        XCTAssertEqual(c.map(\.partyID), ["PRK", "CHN", nil])
        XCTAssertTrue(c[0].features.contains("person"), "Kim Jong Un is a person mention of North Korea")
    }

    func test_subjectBeforeAttitudeVerb_getsItsFeatures() throws {
        let c = try candidates("Pyongyang threatened Seoul with retaliation.", target: "Seoul")
        for f in ["precedes", "firstParty", "firstOther", "subject", "saidAfter", "hostile&saidAfter"] {
            XCTAssertTrue(c[0].features.contains(f), f)
        }
        XCTAssertFalse(c[0].features.contains("endSpeaker"))
    }

    func test_endSpeaker_andPossessive() throws {
        let c = try candidates("Washington's sanctions are a mistake, Beijing said.", target: "Beijing", label: .hostile)
        XCTAssertEqual(c.map(\.partyID), ["USA", nil])
        XCTAssertTrue(c[0].features.contains("possessive"))
        let d = try candidates("The sanctions on Moscow are a mistake, Beijing said.", target: "Moscow")
        XCTAssertTrue(d[0].features.contains("endSpeaker"))
        XCTAssertTrue(d[0].features.contains("follows"))
    }

    func test_jointActs_listsAndHyphens() throws {
        let c = try candidates("The U.S., Japanese and Russian navies are training together.", target: "Japanese", label: .conciliatory)
        let usa = try XCTUnwrap(c.first { $0.partyID == "USA" }), rus = try XCTUnwrap(c.first { $0.partyID == "RUS" })
        XCTAssertTrue(usa.features.contains("chain3") && usa.features.contains("chain3First"))
        XCTAssertTrue(rus.features.contains("chain3") && !rus.features.contains("chain3First"))
        let d = try candidates("The joint US-Japan drills began on Monday.", target: "Japan", label: .conciliatory)
        XCTAssertTrue(d[0].features.contains("chainHyphen"))
        XCTAssertFalse(d[0].features.contains("chain3"), "two sides are not a list of three")
        let e = try candidates("China criticised the drills, and Japan said nothing.", target: "Japan")
        XCTAssertFalse(e[0].features.contains(where: { $0.hasPrefix("chain") }), "a clause between them is not a list")
        let f = try candidates("Beijing said the deal hurt everyone, naming China, Japan and Russia.", target: "Japan")
        let china = try XCTUnwrap(f.first { $0.partyID == "CHN" })
        XCTAssertFalse(china.features.contains("chain3"), "the speaker's first mention is not in the list")
        XCTAssertTrue(try XCTUnwrap(f.first { $0.partyID == "RUS" }).features.contains("chain3"))
    }

    func test_agentOfAnActNoun() throws {
        for (sentence, target) in [("Russia's attack on Japan drew condemnation.", "Japan"),
                                   ("The Russian invasion of Japan was repelled.", "Japan"),
                                   ("China's Japan drills alarmed the region.", "Japan")] {
            let c = try candidates(sentence, target: target)
            XCTAssertTrue(c[0].features.contains("agentOfAct") && c[0].features.contains("hostile&agentOfAct"), sentence)
        }
        let c = try candidates("Japan's economy grew while Russia's attack stalled.", target: "Japan")
        XCTAssertFalse(c[0].features.contains("agentOfAct"), "the act is not aimed at the target")
    }

    func test_personOutOfOffice_isNotACandidate() throws {
        let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: FeatureConfiguration())
        let sentence = "Kim Jong Un criticised Japan."
        let read = builder.read(sentence)
        let target = try XCTUnwrap(builder.resolve(target: "Japan", in: read, text: sentence))
        XCTAssertEqual(builder.sourceCandidates(for: target, in: read, label: .hostile, date: "2019-01-01").map(\.partyID), ["PRK", nil])
        XCTAssertEqual(builder.sourceCandidates(for: target, in: read, label: .hostile, date: "2005").map(\.partyID), [nil],
                       "before taking office he speaks for no state")
    }

    func test_relabeled_equalsTheCandidatesBuiltForTheOtherLabel() throws {
        // Rows of whole articles (context candidates too) and stand-alone rows, read by the bundled model.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let rows = try RowReader.read(paths: [root.appendingPathComponent("TrainingData/corpus/article-context.jsonl").path,
                                              root.appendingPathComponent("TrainingData/corpus/attribution-roles.jsonl").path])
        let model = try Bundled.defaultModel()
        let readings = model.builder.sourceReadings(of: rows)
        var compared = 0, withContext = 0
        for (i, row) in rows.enumerated() {
            let read = readings[i]?.read ?? model.builder.read(row.text)
            guard let target = model.builder.resolve(target: row.target, in: read, text: row.text) else { continue }
            let context = readings[i]?.context ?? SourceContext()
            let h = model.builder.sourceCandidates(for: target, in: read, label: .hostile, date: readings[i]?.date, context: context)
            let c = model.builder.sourceCandidates(for: target, in: read, label: .conciliatory, date: readings[i]?.date, context: context)
            XCTAssertEqual(SourceFeatures.relabeled(h, from: .hostile, to: .conciliatory), c, row.text)
            XCTAssertEqual(SourceFeatures.relabeled(c, from: .conciliatory, to: .hostile), h, row.text)
            compared += 1
            if h.contains(where: \.isContext) { withContext += 1 }
        }
        XCTAssertGreaterThan(compared, 1000)
        XCTAssertGreaterThan(withContext, 100)
    }

    func test_noneFeatures_seeTheWordBeforeSaid() throws {
        let c = try candidates("Analysts said Japan and China were drifting apart.", target: "China")
        let none = try XCTUnwrap(c.last)
        XCTAssertNil(none.partyID)
        XCTAssertTrue(none.features.contains("none&preSaid=analysts"))
        XCTAssertTrue(none.features.contains("none&saidNoParty"))
        XCTAssertTrue(c[0].features.contains("andTarget"))
    }

    func test_noneFeatures_aSpeakerWhoIsNotAPartyAtTheEnd() throws {
        let named = try candidates("The tariffs hurt China more than Japan in the long run, said Jane Roe, who heads a farm group.", target: "China")
        XCTAssertTrue(try XCTUnwrap(named.last).features.contains("none&otherEndSpeaker"))
        let analyst = try candidates("China and Japan are drifting toward a trade war, an analyst said.", target: "China")
        XCTAssertTrue(try XCTUnwrap(analyst.last).features.contains("none&otherEndSpeaker"))
        // A party or a bare title speaking is not someone else.
        let party = try candidates("The tariffs hurt China more than Japan, Tokyo said.", target: "China")
        XCTAssertFalse(try XCTUnwrap(party.last).features.contains("none&otherEndSpeaker"))
        let title = try candidates("The tariffs hurt China more than Japan, the minister said.", target: "China")
        XCTAssertFalse(try XCTUnwrap(title.last).features.contains("none&otherEndSpeaker"))
        // A said-verb early in the sentence with a lower-case word after it is not an end speaker.
        let early = try candidates("Analysts said that the tariffs would hurt China more than Japan in the long run.", target: "China")
        XCTAssertFalse(try XCTUnwrap(early.last).features.contains("none&otherEndSpeaker"))
    }

    func test_anaphoricSpeaker_pronounsAndBareTitles() {
        let t = Tokenizer()
        XCTAssertTrue(SourceFeatures.hasAnaphoricSpeaker(t.tokenize("The drills must stop, he said.")))
        XCTAssertTrue(SourceFeatures.hasAnaphoricSpeaker(t.tokenize("The talks failed, said the minister.")))
        XCTAssertTrue(SourceFeatures.hasAnaphoricSpeaker(t.tokenize("The spokesman said the talks failed.")))
        XCTAssertFalse(SourceFeatures.hasAnaphoricSpeaker(t.tokenize("Analysts said the talks failed.")))
        XCTAssertFalse(SourceFeatures.hasAnaphoricSpeaker(t.tokenize("He left for the talks.")))
    }

    func test_baseline_isFirstOtherPartyElseNone() throws {
        XCTAssertEqual(SourceFeatures.baseline(try candidates("Seoul condemned Pyongyang and Beijing.", target: "Beijing")), "KOR")
        XCTAssertNil(SourceFeatures.baseline(try candidates("Analysts criticised Beijing.", target: "Beijing")))
    }
}

final class SourceModelTests: XCTestCase {
    func test_fit_learnsAPreferenceAndIsDeterministic() throws {
        let a = SourceCandidate(partyID: "A", ranges: [], features: ["bias", "saidAfter"])
        let b = SourceCandidate(partyID: "B", ranges: [], features: ["bias"])
        let none = SourceCandidate(partyID: nil, ranges: [], features: ["none"])
        let examples = Array(repeating: (candidates: [b, a, none], answer: 1), count: 20)
            + Array(repeating: (candidates: [b, none], answer: 1), count: 10)
        let m1 = try SourceModel.fit(examples: examples)
        let m2 = try SourceModel.fit(examples: examples)
        XCTAssertEqual(m1, m2)
        XCTAssertEqual(m1.best([b, a, none])?.candidate.partyID, "A")
        XCTAssertNil(m1.best([b, none])?.candidate.partyID)
        XCTAssertEqual(m1.probabilities([b, a, none]).reduce(0, +), 1, accuracy: 1e-12)
    }

    func test_modelFile_roundTripKeepsTheSourceModel() throws {
        let model = SourceFixtures.model
        let source = try XCTUnwrap(model.sourceModel)
        let bytes = try model.serialized()
        let loaded = try StanceModel(serialized: bytes)
        XCTAssertEqual(loaded.sourceModel, source)
        XCTAssertEqual(try loaded.serialized(), bytes)
        let text = "Pyongyang threatened Seoul with retaliation. Tokyo thanked Seoul for its help."
        XCTAssertEqual(loaded.score(article: text), model.score(article: text))
    }

    func test_modelWithoutSourceRows_hasNoSourceModel_andGivesNoSources() throws {
        XCTAssertNil(Fixtures.model.sourceModel)
        let loaded = try StanceModel(serialized: try Fixtures.model.serialized())
        XCTAssertNil(loaded.sourceModel)
        let score = loaded.score(article: "Pyongyang threatened Seoul with retaliation.")
        XCTAssertTrue(score.sentences.flatMap(\.parties).allSatisfy { $0.source == nil })
        XCTAssertTrue(score.dyads.isEmpty)
    }

    func test_training_isDeterministic() throws {
        var config = TrainingConfiguration()
        config.tfidf.minDocumentFrequency = 1
        config.folds = 0
        let again = try StanceTrainer.train(rows: Fixtures.rows + SourceFixtures.rows, gazetteer: Fixtures.gazetteer,
                                            configuration: config)
        XCTAssertEqual(try again.0.serialized(), try SourceFixtures.model.serialized())
        XCTAssertEqual(again.1.sourceRows, 16)
    }
}

final class SourceScoringTests: XCTestCase {
    func test_explain_listsTheSourceCandidates_asTheModelAttributes() throws {
        let model = SourceFixtures.model
        let sentence = "Seoul condemned Pyongyang for the missile launch."
        let e = try model.explain(sentence, target: "Pyongyang", top: 1_000)
        XCTAssertEqual(e.label, .hostile, "a training row of the fixture model")
        XCTAssertEqual(e.sources.map(\.source.partyID).sorted { ($0 ?? "~") < ($1 ?? "~") }, ["KOR", nil], "South Korea and none")
        XCTAssertEqual(e.sources.map(\.source.probability).reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertEqual(e.sources.map(\.source.probability), e.sources.map(\.source.probability).sorted(by: >))
        let attributed = try XCTUnwrap(try model.source(in: sentence, target: "Pyongyang", label: e.label))
        XCTAssertEqual(e.sources[0].source, attributed, "the first candidate is the one `source(in:)` names")
        // Each listed weight is the model's, and their sum with the unlisted (zero) ones is the candidate's score.
        let source = try XCTUnwrap(model.sourceModel)
        for c in e.sources { for f in c.features { XCTAssertEqual(f.contribution, source.weight(of: f.term)); XCTAssertNotEqual(f.contribution, 0) } }
        let neutral = try model.explain(sentence, target: "Seoul")
        XCTAssertEqual(neutral.label, .neutral, "a training row of the fixture model")
        XCTAssertTrue(neutral.sources.isEmpty, "no attitude, no holder")
    }

    func test_score_givesSourcesOnlyForAttitudes_andDyads() throws {
        let text = "Pyongyang threatened Seoul with retaliation for the drills. Pyongyang condemned Seoul again. The talks were held in Seoul on Monday."
        let score = SourceFixtures.model.score(article: text)
        for entry in score.sentences.flatMap(\.parties) {
            XCTAssertEqual(entry.source == nil, entry.label == .neutral, "\(entry)")
        }
        // Every dyad counts the pairs whose source is that party.
        var counted: [String: Int] = [:]
        for entry in score.sentences.flatMap(\.parties) {
            if let s = entry.source?.partyID { counted[s + ">" + entry.partyID, default: 0] += 1 }
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: score.dyads.map { ($0.source.partyID + ">" + $0.target.partyID, $0.sentences) }), counted)
        for d in score.dyads {
            XCTAssertEqual(d.hostile + d.conciliatory + d.neutral, d.sentences)
            let e = try XCTUnwrap(score.parties.first { $0.partyID == d.source.partyID }?.expressed)
            XCTAssertTrue(e.targets.contains(d.target.partyID))
        }
    }

    func test_compactJSON_withSourcesAndDyads_equalsJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = "Pyongyang threatened Seoul with retaliation. Analysts said Japan and China were drifting apart. Tokyo thanked Seoul, Beijing said."
        let score = SourceFixtures.model.score(article: text, id: "x")
        XCTAssertFalse(score.dyads.isEmpty)
        XCTAssertEqual(score.compactJSON(), String(decoding: try encoder.encode(score), as: UTF8.self))
        // None spells its party as null, not missing.
        let none = SourceAttribution(partyID: nil, name: nil, probability: 0.5)
        XCTAssertEqual(String(decoding: try encoder.encode(none), as: UTF8.self), #"{"name":null,"partyID":null,"probability":0.5}"#)
        let p = StanceProbabilities(hostile: 0.7, conciliatory: 0.1, neutral: 0.2)
        let hand = ArticleScore(id: nil, date: nil, sentences: [
            SentenceScore(sentence: score.sentences[0].sentence, parties: [
                MentionScore(partyID: "KOR", mentions: [], label: .hostile, probabilities: p, source: none)])],
            parties: [], dyads: [Dyad(source: PartyRef(partyID: "PRK", name: "North Korea"), target: PartyRef(partyID: "KOR", name: "South Korea"),
                                      sentences: 1, hostile: 1, conciliatory: 0, neutral: 0, meanProbabilities: p, overall: .hostile)])
        XCTAssertEqual(hand.compactJSON(), String(decoding: try encoder.encode(hand), as: UTF8.self))
    }
}

final class SourceEvaluationTests: XCTestCase {
    func test_eval_reportsSourceAccuracyOverNonNeutralRowsWithASource() throws {
        let rows = SourceFixtures.rows
        let evaluation = try StanceEvaluation(model: SourceFixtures.model, rows: rows)
        let report = try XCTUnwrap(evaluation.report.source)
        XCTAssertEqual(report.rows, 16, "the neutral row and rows without a source are left out")
        // Recount from the per-row predictions.
        var right = 0
        for (row, predicted) in zip(rows, evaluation.sources) where row.source != nil && row.label != .neutral {
            let wanted = Fixtures.gazetteer.sourceParty(row.source!)!
            if predicted?.partyID == wanted { right += 1 }
        }
        XCTAssertEqual(report.accuracy, Double(right) / 16, accuracy: 1e-12)
        XCTAssertGreaterThan(report.accuracy, 0.8, "trained on these rows")
        let total = report.confusion.values.flatMap(\.values).reduce(0, +)
        XCTAssertEqual(total, 16)
        XCTAssertEqual(report.confusion["none"]?.values.reduce(0, +), 4)
    }

    func test_eval_withoutSources_hasNoSourceReport() throws {
        let evaluation = try StanceEvaluation(model: Fixtures.model, rows: Fixtures.rows)
        XCTAssertNil(evaluation.report.source)
    }

    func test_rowReader_readsTheSourceField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let jsonl = dir.appendingPathComponent("a.jsonl")
        try """
            {"text": "Seoul condemned Pyongyang.", "target": "Pyongyang", "label": "hostile", "source": "South Korea"}
            {"text": "Seoul condemned Pyongyang.", "target": "Seoul", "label": "neutral"}
            {"text": "Critics condemned Pyongyang.", "target": "Pyongyang", "label": "hostile", "source": ""}
            """.write(to: jsonl, atomically: true, encoding: .utf8)
        XCTAssertEqual(try RowReader.read(paths: [jsonl.path]).map(\.source), ["South Korea", nil, nil])
        let csv = dir.appendingPathComponent("b.csv")
        try "text,target,label,source\n\"Seoul condemned Pyongyang.\",Pyongyang,hostile,none\n\"Seoul met Pyongyang.\",Pyongyang,neutral,\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        XCTAssertEqual(try RowReader.read(paths: [csv.path]).map(\.source), ["none", nil])
    }
}

/// The article's earlier sentences as source candidates (issue 14: "He said …" after "Kim said …").
final class SourceContextTests: XCTestCase {
    private let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: FeatureConfiguration())

    private func row(_ id: String?, _ text: String, _ target: String, _ label: StanceLabel, _ source: String? = nil) -> LabeledRow {
        LabeledRow(text: text, target: target, label: label, id: id, source: source)
    }

    func test_articleKey_isTheIdWithoutItsSentenceNumber() {
        XCTAssertEqual(row("ap-2022-imf-07", "x", "x", .neutral).articleKey, "ap-2022-imf")
        XCTAssertEqual(row("ctx-03-2", "x", "x", .neutral).articleKey, "ctx-03")
        XCTAssertNil(row("12", "x", "x", .neutral).articleKey)
        XCTAssertNil(row("row-a", "x", "x", .neutral).articleKey)
        XCTAssertNil(row("x-", "x", "x", .neutral).articleKey)
        XCTAssertNil(row(nil, "x", "x", .neutral).articleKey)
    }

    func test_readings_carryTheEarlierSentencesOfTheSameArticleOnly() throws {
        let rows = [
            row("a-1", "Pyongyang threatened Seoul with retaliation.", "Seoul", .hostile, "North Korea"),
            row("a-1", "Pyongyang threatened Seoul with retaliation.", "Pyongyang", .neutral),
            row("a-2", "He said the drills must stop.", "drills", .neutral),
            row("b-1", "He said Beijing was to blame.", "Beijing", .hostile),
            row(nil, "He said Beijing was to blame.", "Beijing", .hostile),
        ]
        let r = builder.sourceReadings(of: rows)
        XCTAssertEqual(r.count, 5)
        let (r0, r1, r2, r3) = (try XCTUnwrap(r[0]), try XCTUnwrap(r[1]), try XCTUnwrap(r[2]), try XCTUnwrap(r[3]))
        XCTAssertTrue(r0.context.sentences.isEmpty && r1.context.sentences.isEmpty, "the first sentence has no context")
        XCTAssertEqual(r2.context.sentences.map { $0.parties.map(\.partyID) }, [["PRK", "KOR"]])
        XCTAssertEqual(r2.context.sentences.first?.parties.first?.speaker, true, "Pyongyang threatened: a speaker")
        XCTAssertTrue(r3.context.sentences.isEmpty, "another article starts afresh")
        XCTAssertNil(r[4], "a row of no article is read alone, by the caller")
    }

    func test_contextCandidates_followTheSentence_neverTheTarget_andTheBaselineIgnoresThem() throws {
        var context = SourceContext()
        let first = builder.read("Pyongyang threatened Seoul and Beijing with retaliation.")
        context.append(builder.sourceContextSentence(first))
        let read = builder.read("He said Seoul must stop the drills.")
        let target = try XCTUnwrap(builder.resolve(target: "Seoul", in: read, text: "He said Seoul must stop the drills."))
        let c = builder.sourceCandidates(for: target, in: read, label: .hostile, context: context)
        XCTAssertEqual(c.map(\.partyID), ["PRK", "CHN", nil], "earlier parties other than the target, then none")
        XCTAssertEqual(c.map(\.isContext), [true, true, false])
        XCTAssertTrue(c[0].features.contains("ctx&lastSpeaker&anaphor"), "\(c[0].features)")
        XCTAssertTrue(c[0].features.contains("ctx&subject"))
        XCTAssertFalse(c[1].features.contains("ctx&lastSpeaker"))
        XCTAssertNil(SourceFeatures.baseline(c), "the baseline looks at the sentence only")
    }

    func test_contextSubject_isNotTheObjectOfAPreposition() {
        let opening = builder.sourceContextSentence(builder.read("Beijing later released the sailors."))
        XCTAssertEqual(opening.parties.map(\.subject), [true])
        let object = builder.sourceContextSentence(builder.read("The sailors were released in Beijing yesterday."))
        XCTAssertEqual(object.parties.map(\.subject), [false], "the first party, but after \"in\"")
        let objectWithThe = builder.sourceContextSentence(builder.read("Talks with the United States resumed."))
        XCTAssertEqual(objectWithThe.parties.map(\.subject), [false])
    }

    func test_context_keepsTheLastFewSentencesNamingAParty() {
        var context = SourceContext()
        context.append(SourceContextSentence(parties: []))
        XCTAssertTrue(context.sentences.isEmpty)
        for k in 0..<(SourceContext.depth + 2) {
            context.append(SourceContextSentence(parties: [.init(partyID: "P\(k)", speaker: false, subject: false, person: false)]))
        }
        XCTAssertEqual(context.sentences.count, SourceContext.depth)
        XCTAssertEqual(context.sentences.last?.parties.first?.partyID, "P\(SourceContext.depth + 1)")
    }

    func test_twoStageFit_contextRowsDoNotMoveTheSentenceWeights() throws {
        let a = SourceCandidate(partyID: "A", ranges: [], features: ["bias", "saidAfter"])
        let b = SourceCandidate(partyID: "B", ranges: [], features: ["bias"])
        let none = SourceCandidate(partyID: nil, ranges: [], features: ["none"])
        let earlier = SourceCandidate(partyID: "C", ranges: [], features: ["ctx", "ctx&anaphor"], isContext: true)
        let sentenceOnly = Array(repeating: (candidates: [b, a, none], answer: 1), count: 20)
            + Array(repeating: (candidates: [b, none], answer: 1), count: 10)
        // Rows of articles: the earlier speaker holds the attitude.
        let withContext = Array(repeating: (candidates: [b, earlier, none], answer: 1), count: 12)
        let plain = try SourceModel.fit(examples: sentenceOnly)
        let both = try SourceModel.fit(examples: sentenceOnly + withContext)
        for (name, weight) in zip(plain.featureNames, plain.weights) {
            let k = try XCTUnwrap(both.featureNames.firstIndex(of: name))
            XCTAssertEqual(both.weights[k], weight, accuracy: 1e-9, name)
        }
        XCTAssertEqual(both.best([b, earlier, none])?.candidate.partyID, "C")
        XCTAssertEqual(both.best([b, a, none])?.candidate.partyID, "A")
    }

    func test_eval_usesTheArticleContext_forRowsWithArticleIds() throws {
        // The fixture model knows no contextual feature, so an earlier candidate scores only its
        // unknown features (0); the report still counts such rows and stays within [0, 1].
        let rows = [
            row("z-1", "Pyongyang threatened Seoul with retaliation.", "Seoul", .hostile, "North Korea"),
            row("z-2", "He said Seoul must stop the drills.", "Seoul", .hostile, "North Korea"),
        ]
        let report = try XCTUnwrap(try StanceEvaluation(model: SourceFixtures.model, rows: rows).report.source)
        XCTAssertEqual(report.rows, 2)
        XCTAssertEqual(report.inSentenceRows, 1, "the second row names its source only earlier")
    }
}
