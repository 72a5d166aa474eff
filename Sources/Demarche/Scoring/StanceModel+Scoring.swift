import DemarcheML
import DemarcheText

extension StanceModel {
    /// Scores a whole article: splits it into sentences, finds the parties, labels each
    /// (sentence, party) pair and sums up per party.
    /// - Parameters:
    ///   - text: the article as plain text; offsets in the result index its Unicode scalars.
    ///   - id: an identifier copied into the result.
    /// - Complexity: linear in the text; the pairs are classified in one batch.
    public func score(article text: String, id: String? = nil) -> ArticleScore {
        var analyzed = builder.matcher.analyze(text)
        let k = labels.count
        var perSentence = [[MentionScore]](repeating: [], count: analyzed.count)
        var scores: [(String, StanceProbabilities, Int)] = []
        // Sentences are classified a batch at a time and their tokens dropped once scored, so the
        // feature documents and the matrix of only one batch are alive at once: memory stays
        // proportional to the article with a small constant, whatever its length.
        let batchSize = 512
        var batchStart = 0
        while batchStart < analyzed.count {
            let batch = batchStart..<min(batchStart + batchSize, analyzed.count)
            // One document per (sentence, party) pair, in order.
            var documents: [Document] = []
            var pairs: [(sentence: Int, party: String, mentions: [Mention])] = []
            for s in batch {
                let sentence = analyzed[s]
                var order: [String] = []
                var byParty: [String: [Mention]] = [:]
                for m in sentence.mentions {
                    if byParty[m.partyID] == nil { order.append(m.partyID) }
                    byParty[m.partyID, default: []].append(m)
                }
                let read = ReadSentence(tokens: sentence.tokens, mentions: sentence.mentions)
                for party in order {
                    let target = ResolvedTarget(partyID: party, ranges: byParty[party]!.map(\.tokenRange))
                    documents.append(builder.document(for: target, in: read))
                    pairs.append((s, party, byParty[party]!))
                }
                analyzed[s] = AnalyzedSentence(sentence: sentence.sentence, tokens: [], mentions: [])
            }
            let matrix = vectorizer.transform(documents)
            documents = []
            // The matrix comes from our own vectorizer, so widths always agree.
            let p = (try? regression.probabilities(for: matrix)) ?? []
            for (i, pair) in pairs.enumerated() {
                let probabilities = StanceProbabilities(row: p[(i * k)..<(i * k + k)])
                perSentence[pair.sentence].append(MentionScore(partyID: pair.party, mentions: pair.mentions,
                                                               label: probabilities.label, probabilities: probabilities))
                scores.append((pair.party, probabilities, pair.mentions.count))
            }
            batchStart = batch.upperBound
        }
        let sentences = analyzed.enumerated().map { SentenceScore(sentence: $1.sentence, parties: perSentence[$0]) }
        return ArticleScore(id: id, sentences: sentences, parties: summarize(scores))
    }

    /// Per-party means and counts, most sentences first (ties by id, for stable output).
    func summarize(_ scores: [(party: String, probabilities: StanceProbabilities, mentions: Int)]) -> [PartySummary] {
        var order: [String] = []
        var groups: [String: [(StanceProbabilities, Int)]] = [:]
        for s in scores {
            if groups[s.party] == nil { order.append(s.party) }
            groups[s.party, default: []].append((s.probabilities, s.mentions))
        }
        let summaries = order.map { id -> PartySummary in
            let g = groups[id]!
            let n = Double(g.count)
            let mean = StanceProbabilities(hostile: g.reduce(0) { $0 + $1.0.hostile } / n,
                                           conciliatory: g.reduce(0) { $0 + $1.0.conciliatory } / n,
                                           neutral: g.reduce(0) { $0 + $1.0.neutral } / n)
            let party = gazetteer.party(id: id)
            let hostile = g.filter { $0.0.label == "hostile" }.count
            let conciliatory = g.filter { $0.0.label == "conciliatory" }.count
            // Overall: the more frequent of the two non-neutral sentence labels, neutral when the
            // article is never hostile or conciliatory toward the party, or evenly split.
            let overall = hostile > conciliatory ? "hostile" : (conciliatory > hostile ? "conciliatory" : "neutral")
            return PartySummary(partyID: id, name: party?.name ?? id, kind: party?.kind.rawValue ?? "party",
                                sentences: g.count, mentions: g.reduce(0) { $0 + $1.1 }, meanProbabilities: mean,
                                hostileSentences: hostile, conciliatorySentences: conciliatory,
                                neutralSentences: g.count - hostile - conciliatory,
                                overall: overall, netTone: mean.netTone)
        }
        return summaries.sorted { ($0.sentences, $1.partyID) > ($1.sentences, $0.partyID) }
    }
}

extension StanceModel {
    /// Scores several articles, in parallel across articles on every core.
    ///
    /// One article has too few pairs to keep two cores busy, so a stream of articles (JSON Lines)
    /// is scored a batch at a time with this, one article per task.
    /// - Parameter articles: the texts and their identifiers.
    /// - Returns: one score per article, in the same order; each equal to `score(article:id:)`.
    /// - Complexity: linear in the total text, divided across cores.
    public func score(articles: [(text: String, id: String?)]) -> [ArticleScore] {
        guard articles.count > 1 else { return articles.map { score(article: $0.text, id: $0.id) } }
        var results = [ArticleScore?](repeating: nil, count: articles.count)
        results.withUnsafeMutableBufferPointer { out in
            Parallel.forEachChunk(count: articles.count, minimumChunk: 1) { range in
                for i in range { out[i] = score(article: articles[i].text, id: articles[i].id) }
            }
        }
        return results.map { $0! }
    }
}
