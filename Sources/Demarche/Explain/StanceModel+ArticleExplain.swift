import DemarcheML
import DemarcheText

/// Why one (sentence, party) pair of a scored article got its label.
public struct PairExplanation: Sendable, Codable, Equatable {
    /// 0-based index of the sentence in ``ArticleScore/sentences``.
    public let sentence: Int
    /// The (rolled-up) party id, as in ``MentionScore/partyID``.
    public let partyID: String
    /// The label the article's score gave the pair; the contributions push toward or away from it.
    public let label: StanceLabel
    /// The features with the largest push, largest absolute push first.
    public let contributions: [FeatureContribution]
}

extension StanceModel {
    /// The top features of every (sentence, party) pair of an article, computed on the very
    /// documents ``score(article:id:date:)`` classified (same sentence split, roll-up and date),
    /// so that each explanation is about the label the article's score shows, not about the
    /// sentence re-read out of context.
    ///
    /// The push of a feature is its TF-IDF value × (its weight for the label − its mean weight
    /// over the labels), as in ``explain(_:target:top:)``. Calibration rescales the logits
    /// afterwards and does not change which features push which way.
    /// - Parameters:
    ///   - score: the article's score, from ``score(article:id:date:)`` on `text`.
    ///   - text: the article as scored.
    ///   - top: features kept per pair.
    /// - Returns: one explanation per pair, in the order of the score's sentences and parties;
    ///   a pair the re-reading does not find (a score from another text or model) is left out.
    public func explanations(of score: ArticleScore, text: String, top: Int = 5) -> [PairExplanation] {
        let analyzed = builder.matcher.analyze(text)
        var documents: [Document] = []
        var keys: [(sentence: Int, party: String, label: StanceLabel)] = []
        for (s, sentence) in analyzed.enumerated() where s < score.sentences.count {
            let labelOf = Dictionary(score.sentences[s].parties.map { ($0.partyID, $0.label) }, uniquingKeysWith: { a, _ in a })
            let read = ReadSentence(tokens: sentence.tokens, mentions: sentence.mentions)
            let (targets, counted) = builder.targets(in: read, date: score.date)
            for (party, mentions) in targets {
                guard let label = labelOf[party] else { continue }
                documents.append(builder.document(for: ResolvedTarget(partyID: party, ranges: mentions.map(\.tokenRange)),
                                                  in: read, countedParties: counted))
                keys.append((s, party, label))
            }
        }
        guard !documents.isEmpty else { return [] }
        let matrix = vectorizer.transform(documents)
        return keys.enumerated().map { i, key in
            let k = key.label.classIndex
            var contributions: [FeatureContribution] = []
            for e in matrix.rowOffsets[i]..<matrix.rowOffsets[i + 1] {
                let j = matrix.columnIndices[e], v = matrix.values[e]
                contributions.append(FeatureContribution(term: vectorizer.terms[Int(j)], value: Double(v),
                                                         contribution: Double(v) * relativeWeight(feature: Int(j), label: k)))
            }
            contributions.sort { (abs($0.contribution), $1.term) > (abs($1.contribution), $0.term) }
            return PairExplanation(sentence: key.sentence, partyID: key.party, label: key.label,
                                   contributions: Array(contributions.prefix(max(0, top))))
        }
    }
}
