import XCTest
import DemarcheML
import DemarcheText
@testable import Demarche

/// The String-based featurizer as it was before documents were built as bytes, kept verbatim as
/// the reference the byte-based one must match term for term.
struct ReferenceFeaturizer {
    let configuration: FeatureConfiguration
    let lexicon: StanceLexicon

    /// Creates a featurizer with the given switches.
    init(configuration: FeatureConfiguration = FeatureConfiguration(), lexicon: StanceLexicon = .empty) {
        self.configuration = configuration
        self.lexicon = lexicon
    }

    /// Builds the document for one pair.
    /// - Parameters:
    ///   - tokens: the sentence's tokens.
    ///   - targetRanges: token ranges of the target's mentions (may be empty: then it is a
    ///     plain bag of n-grams).
    ///   - otherRanges: token ranges of other parties' mentions.
    /// - Returns: tokens for n-grams and the extra position-aware terms.
    /// - Complexity: O(n) in the number of tokens.
    func terms(tokens: [Token], targetRanges: [Range<Int>], otherRanges: [Range<Int>]) -> (tokens: [String], extra: [String]) {
        // 1. Label each token position: 0 plain, 1 target, 2 other party.
        var owner = [UInt8](repeating: 0, count: tokens.count)
        if configuration[.marksTargets] {
            for r in otherRanges { for i in r where i < owner.count { owner[i] = 2 } }
        }
        for r in targetRanges { for i in r where i < owner.count { owner[i] = 1 } }

        // 2. The word stream (punctuation dropped), remembering where the target stands, and the
        //    punctuation-aware cues computed on the way.
        var words: [String] = []
        words.reserveCapacity(tokens.count)
        var wordNegated: [Bool] = []
        var targetPositions: [Int] = []         // indices into `words`
        var extra: [String] = []
        var negated = false
        var insideQuote = false
        var quotedTarget = false
        var sawOtherParty = false
        var targetFirst = false
        var possessive = false
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            let kind = owner[i]
            if kind != 0 && (configuration[.marksTargets] || kind == 1) {
                // Collapse a whole mention into one token.
                var j = i
                while j < tokens.count && owner[j] == kind { j += 1 }
                if kind == 1 {
                    if targetPositions.isEmpty && !sawOtherParty { targetFirst = true }
                    if insideQuote { quotedTarget = true }
                    targetPositions.append(words.count)
                    if j < tokens.count && tokens[j].text == "'s" { possessive = true }
                    words.append(configuration[.marksTargets] ? "<target>" : token.text)
                    wordNegated.append(negated)
                    if !configuration[.marksTargets] {
                        for k in (i + 1)..<j where tokens[k].kind != .punctuation { words.append(tokens[k].text); wordNegated.append(negated) }
                    }
                } else {
                    sawOtherParty = true
                    words.append("<party>")
                    wordNegated.append(negated)
                }
                i = j
                continue
            }
            if token.kind == .punctuation {
                if token.text == "\"" { insideQuote.toggle() }
                negated = false
                i += 1
                continue
            }
            let text = token.text
            if configuration[.negationScope] {
                if negated { extra.append("neg:" + text) }
                if StanceFeaturizer.negationCues.contains(text) { negated = true }
            }
            words.append(text)
            wordNegated.append(negated && !StanceFeaturizer.negationCues.contains(text))
            i += 1
        }

        guard !targetPositions.isEmpty else {
            return (words, extra)
        }

        // 3. Context windows around each target mention, by distance.
        if configuration[.contextWindow] {
            let w = configuration.windowSize
            for p in targetPositions {
                for d in 1...w {
                    if p - d >= 0 { extra.append("L\(d)=" + words[p - d]) }
                    if p + d < words.count { extra.append("R\(d)=" + words[p + d]) }
                }
            }
        }
        // 4. The side of the target each word stands on.
        if configuration[.sideOfTarget] {
            let first = targetPositions[0], last = targetPositions[targetPositions.count - 1]
            for (k, word) in words.enumerated() where word != "<target>" {
                let side = k < first ? "l:" : (k > last ? "r:" : "m:")
                extra.append(side + word)
            }
        }
        // 5. Cue words: their class by side of and distance to the nearest target mention.
        if configuration[.lexicon] && !lexicon.entries.isEmpty {
            for (k, word) in words.enumerated() {
                guard let entry = lexicon.entries[word] else { continue }
                var nearest = Int.max
                for p in targetPositions where abs(p - k) < abs(nearest) { nearest = k - p }
                let side = nearest < 0 ? "l" : "r"
                let neg = wordNegated[k] ? ":neg" : ""
                let strength = entry.weight == 2 ? entry.cls : entry.cls + "~"
                extra.append("lex:" + strength + neg)
                extra.append("lex" + side + ":" + entry.cls + neg)
                if abs(nearest) <= 3 { extra.append("lexnear:" + entry.cls + ":" + side + neg) }
                else if abs(nearest) <= 8 { extra.append("lexmid:" + entry.cls + ":" + side + neg) }
            }
        }
        // 6. Role cues.
        if configuration[.roleCues] {
            if quotedTarget { extra.append("@quoted") }
            if targetFirst { extra.append("@first") }
            if !sawOtherParty && !otherRanges.contains(where: { !$0.isEmpty }) { extra.append("@alone") }
            if possessive { extra.append("@possessive") }
            if targetPositions[0] == 0 { extra.append("@start") }
        }
        return (words, extra)
    }
}

final class FeaturizerEquivalenceTests: XCTestCase {
    static let sentences: [(String, String)] = Fixtures.rows.map { ($0.text, $0.target) } + [
        ("China did not accuse Japan, but \"Tokyo\" never denied the claims of Japan's navy.", "Japan"),
        ("Seoul refused to condemn Pyongyang; it didn't threaten the DPRK's leaders either.", "Pyongyang"),
        ("The U.N. said the café owner in Tokyo praised the Russia-Japan deal without hesitation.", "Tokyo"),
        ("Japan", "Japan"),
        ("Kim Jong Un welcomed the UN's envoy and denounced South Korea's hostile warmongers.", "Kim Jong Un"),
        ("Osgiliath attacked Japan: a brutal, unprovoked aggression, not a ceasefire.", "Osgiliath"),
    ]

    func assertSameTerms(_ configuration: FeatureConfiguration, lexicon: StanceLexicon,
                         file: StaticString = #filePath, line: UInt = #line) {
        let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: configuration, lexicon: lexicon)
        let reference = ReferenceFeaturizer(configuration: configuration, lexicon: lexicon)
        for (sentence, target) in Self.sentences {
            let read = builder.read(sentence)
            guard let resolved = builder.resolve(target: target, in: read, text: sentence) else {
                XCTFail("target \(target) not found in \(sentence)", file: file, line: line); continue
            }
            let others = read.mentions
                .filter { m in m.partyID != resolved.partyID && !resolved.ranges.contains { $0.overlaps(m.tokenRange) } }
                .map(\.tokenRange)
            let expected = reference.terms(tokens: read.tokens, targetRanges: resolved.ranges, otherRanges: others)
            let document = builder.document(for: resolved, in: read)
            XCTAssertEqual(document.tokens, expected.tokens, sentence, file: file, line: line)
            XCTAssertEqual(document.extraTerms, expected.extra, sentence, file: file, line: line)
            XCTAssertEqual(document, Document(tokens: expected.tokens, extraTerms: expected.extra), file: file, line: line)
        }
    }

    func test_byteFeaturizer_matchesStringReference_allConfigurations() throws {
        let lexicon = try Bundled.lexicon()
        var all = FeatureConfiguration()
        all[.lexicon] = true
        assertSameTerms(all, lexicon: lexicon)
        assertSameTerms(all, lexicon: .empty)
        assertSameTerms(.plain, lexicon: lexicon)
        var unmarked = all
        unmarked[.marksTargets] = false
        assertSameTerms(unmarked, lexicon: lexicon)
        var wide = all
        wide.windowSize = 10
        assertSameTerms(wide, lexicon: lexicon)
        var noNegation = all
        noNegation[.negationScope] = false
        assertSameTerms(noNegation, lexicon: lexicon)
    }

    func test_lexiconWithNonASCIIWord_matchesReference() throws {
        let lexicon = StanceLexicon(entries: ["café": .init(cls: "hostile", weight: 2), "praised": .init(cls: "conciliatory", weight: 1)])
        var all = FeatureConfiguration()
        all[.lexicon] = true
        assertSameTerms(all, lexicon: lexicon)
    }

    /// One document and one scratch reused pair after pair (as a scoring worker does) give
    /// every pair's document of a fresh featurisation, under every feature group switched on or
    /// off, whatever came before (long sentences then short ones, pairs without a target).
    func test_reusedDocumentAndScratch_equalFreshDocuments_everyConfiguration() throws {
        let lexicon = try Bundled.lexicon()
        var seed: UInt64 = 77
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % UInt64(n)) }
        var sentences = Fixtures.rows.map { ($0.text, $0.target) }
        let words = Fixtures.rows.flatMap { $0.text.split(separator: " ").map(String.init) } + ["not", "never", "\"", "naïve", "café", ",", "former"]
        for _ in 0..<150 {
            let row = Fixtures.rows[next(Fixtures.rows.count)]
            var tokens = row.text.split(separator: " ").map(String.init)
            for _ in 0..<next(30) { tokens.insert(words[next(words.count)], at: next(tokens.count + 1)) }
            sentences.append((tokens.joined(separator: " "), row.target))
        }
        var configurations: [FeatureConfiguration] = [.plain, FeatureConfiguration()]
        for group in FeatureGroup.allCases {
            var on = FeatureConfiguration(); on[group] = true; configurations.append(on)
            var off = FeatureConfiguration(); off[group] = false; configurations.append(off)
        }
        var all = FeatureConfiguration(); for group in FeatureGroup.allCases { all[group] = true }
        configurations.append(all)
        var compared = 0
        for configuration in configurations {
            let builder = PairBuilder(gazetteer: Fixtures.gazetteer, features: configuration, lexicon: lexicon)
            var document = Document(tokens: ["stale"], extraTerms: ["stale"])
            var scratch = StanceFeaturizer.Scratch()
            var facts: [String: PairBuilder.PartyFacts] = [:]
            for (text, target) in sentences {
                let row = LabeledRow(text: text, target: target, label: .neutral)
                let fresh = builder.document(for: row)
                let reused = builder.document(for: row, cache: &facts, into: &document, scratch: &scratch)
                XCTAssertEqual(reused, fresh?.1, text)
                if let fresh { XCTAssertEqual(document, fresh.0, "\(text) \(configuration)"); compared += 1 }
                // Pairs with no target range and with every mention the target, straight through the featurizer.
                let read = builder.read(text)
                var direct = Document()
                builder.featurizer.document(tokens: read.tokens, targetRanges: [], otherRanges: read.mentions.map(\.tokenRange),
                                            into: &direct, scratch: &scratch)
                XCTAssertEqual(direct, builder.featurizer.document(tokens: read.tokens, targetRanges: [],
                                                                   otherRanges: read.mentions.map(\.tokenRange)))
            }
        }
        XCTAssertGreaterThan(compared, 1000)
    }
}
