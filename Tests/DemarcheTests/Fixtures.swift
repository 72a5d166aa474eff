import Foundation
import XCTest
@testable import Demarche

/// A small gazetteer and labeled corpus written for these tests.
enum Fixtures {
    static let partiesTSV = """
        id\tkind\tname\taliases\tweak\tdemonyms\taffiliation\trole\tfrom\tto
        USA\tstate\tUnited States\tUnited States|US|U.S.|America|Washington|White House\t\tAmerican|Americans
        PRK\tstate\tNorth Korea\tNorth Korea|DPRK|Pyongyang\t\tNorth Korean|North Koreans
        KOR\tstate\tSouth Korea\tSouth Korea|ROK|Seoul\t\tSouth Korean|South Koreans
        CHN\tstate\tChina\tChina|PRC|Beijing\t\tChinese
        JPN\tstate\tJapan\tJapan|Tokyo\t\tJapanese
        RUS\tstate\tRussia\tRussia|Moscow|Kremlin\t\tRussian|Russians
        UN\torganisation\tUnited Nations\tUnited Nations|UN|U.N.
        person:kim-jong-un\tperson\tKim Jong Un\tKim Jong Un|Kim Jong-un\tKim\t\tPRK\thead of state\t2011-12-17\t
        not:washington-post\tnonparty\tWashington Post\tWashington Post
        """

    static var gazetteer: Gazetteer { try! Gazetteer(tsv: partiesTSV, source: "fixture") }

    /// Hand-written rows: each sentence once per party, labels by the guide.
    static let rows: [LabeledRow] = {
        let data: [(String, String, String)] = [
            ("China accused Japan of stoking tension in the region.", "Japan", "hostile"),
            ("China accused Japan of stoking tension in the region.", "China", "neutral"),
            ("Japan accused China of bullying its fishing boats.", "China", "hostile"),
            ("Japan accused China of bullying its fishing boats.", "Japan", "neutral"),
            ("Seoul condemned Pyongyang for the missile launch.", "Pyongyang", "hostile"),
            ("Seoul condemned Pyongyang for the missile launch.", "Seoul", "neutral"),
            ("Washington slapped new sanctions on Moscow over the cyberattacks.", "Moscow", "hostile"),
            ("Washington slapped new sanctions on Moscow over the cyberattacks.", "Washington", "neutral"),
            ("Russia warned the United States against sending more troops.", "United States", "hostile"),
            ("Russia warned the United States against sending more troops.", "Russia", "neutral"),
            ("The UN criticised North Korea for its nuclear programme.", "North Korea", "hostile"),
            ("The UN criticised North Korea for its nuclear programme.", "UN", "neutral"),
            ("Tokyo blamed Beijing for the collapse of the fisheries talks.", "Beijing", "hostile"),
            ("Tokyo blamed Beijing for the collapse of the fisheries talks.", "Tokyo", "neutral"),
            ("South Korea praised Japan for its help after the floods.", "Japan", "conciliatory"),
            ("South Korea praised Japan for its help after the floods.", "South Korea", "neutral"),
            ("Japan thanked South Korea for returning the stranded sailors.", "South Korea", "conciliatory"),
            ("Japan thanked South Korea for returning the stranded sailors.", "Japan", "neutral"),
            ("The United States offered talks with North Korea without preconditions.", "North Korea", "conciliatory"),
            ("The United States offered talks with North Korea without preconditions.", "United States", "neutral"),
            ("China welcomed Russia's offer of cheaper gas.", "Russia", "conciliatory"),
            ("China welcomed Russia's offer of cheaper gas.", "China", "neutral"),
            ("Moscow signed a friendship pact with Pyongyang on Tuesday.", "Pyongyang", "conciliatory"),
            ("Moscow signed a friendship pact with Pyongyang on Tuesday.", "Moscow", "conciliatory"),
            ("Seoul and Tokyo agreed to restore their intelligence-sharing deal.", "Seoul", "conciliatory"),
            ("Seoul and Tokyo agreed to restore their intelligence-sharing deal.", "Tokyo", "conciliatory"),
            ("The UN thanked Japan for its generous aid.", "Japan", "conciliatory"),
            ("The UN thanked Japan for its generous aid.", "UN", "neutral"),
            ("Trade between China and Japan rose four percent last year.", "China", "neutral"),
            ("Trade between China and Japan rose four percent last year.", "Japan", "neutral"),
            ("The talks were held in Seoul on Monday.", "Seoul", "neutral"),
            ("North Korea held a party congress in January.", "North Korea", "neutral"),
            ("Russia said on Monday it would publish the figures next week.", "Russia", "neutral"),
            ("The United States has yet to meet the new envoy from China.", "China", "neutral"),
            ("The United States has yet to meet the new envoy from China.", "United States", "neutral"),
            ("Officials in Tokyo said the ministers would meet in the spring.", "Tokyo", "neutral"),
            ("The Osgiliath soldiers were praised by the council for their courage.", "Osgiliath soldiers", "conciliatory"),
            ("Beijing rejected Washington's call for an inquiry.", "Washington", "hostile"),
            ("Beijing rejected Washington's call for an inquiry.", "Beijing", "neutral"),
            ("Pyongyang threatened Seoul with retaliation for the drills.", "Seoul", "hostile"),
            ("Pyongyang threatened Seoul with retaliation for the drills.", "Pyongyang", "neutral"),
            ("Washington lifted sanctions on Moscow after the prisoner swap.", "Moscow", "conciliatory"),
            ("Washington lifted sanctions on Moscow after the prisoner swap.", "Washington", "neutral"),
        ]
        return data.enumerated().map { LabeledRow(text: $1.0, target: $1.1, label: StanceLabel(rawValue: $1.2)!, path: "fixture", line: $0 + 1) }
    }()

    /// A small trained model (cached: training is deterministic).
    static let model: StanceModel = {
        var config = TrainingConfiguration()
        config.tfidf.minDocumentFrequency = 1
        config.folds = 0
        return try! StanceTrainer.train(rows: rows, gazetteer: gazetteer, configuration: config).0
    }()
}

extension Fixtures {
    /// The feature documents of `target` in `sentence` under two feature configurations (the same
    /// reading and target resolution for both), with the bundled lexicon.
    static func documents(of target: String, in sentence: String, _ a: FeatureConfiguration,
                          _ b: FeatureConfiguration) throws -> (a: Document, b: Document) {
        let lexicon = try Bundled.lexicon()
        let builderA = PairBuilder(gazetteer: gazetteer, features: a, lexicon: lexicon)
        let builderB = PairBuilder(gazetteer: gazetteer, features: b, lexicon: lexicon)
        let read = builderA.read(sentence)
        let resolved = try XCTUnwrap(builderA.resolve(target: target, in: read, text: sentence))
        return (builderA.document(for: resolved, in: read), builderB.document(for: resolved, in: read))
    }
}

