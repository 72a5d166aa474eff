import DemarcheML
import DemarcheText

extension StanceModel {
    /// Scores a whole article: splits it into sentences, finds the parties, labels each
    /// (sentence, party) pair and sums up per party.
    ///
    /// Parties are rolled up (LABELING.md rules 7 and 8): a leader in office, a government organ,
    /// a capital and the state's name in one sentence are one target, labeled once, and the
    /// summary counts them as the state (UN organs as the UN); a person named as "former" stays
    /// a person (``PairBuilder/countedParty(of:in:date:)``).
    /// - Parameters:
    ///   - text: the article as plain text; offsets in the result index its Unicode scalars.
    ///   - id: an identifier copied into the result.
    ///   - date: the article's date (`YYYY[-MM[-DD]]`) for who is in office; nil: found in the
    ///     article's first lines when it has a dated dateline, else the latest year the article
    ///     names as reached (``ArticleDate/infer(in:)``), else each person counts for their most
    ///     recent office.
    /// - Complexity: linear in the text; the pairs are classified 512 sentences at a time.
    ///   - context: how much the party's other sentences weigh on each pair's label
    ///     (``ArticleContext``; `.none` labels every sentence on its own, as `eval` does rows).
    public func score(article text: String, id: String? = nil, date: String? = nil,
                      context: ArticleContext = .default) -> ArticleScore {
        let date = date ?? ArticleDate.infer(in: text)
        var analyzed = builder.matcher.analyze(text)
        let k = labels.count
        // Every pair of the article, in order; the tokens are dropped batch by batch, so what is
        // kept per pair is small: its probabilities and the source the model gives it for each
        // label it can still take once the rest of the article is known.
        var pairs: [(sentence: Int, party: String, mentions: [Mention])] = []
        var probabilities: [StanceProbabilities] = []
        var sourcesIfHostile: [SourceAttribution?] = []
        var sourcesIfConciliatory: [SourceAttribution?] = []
        // The earlier sentences naming a party, as the source model reads them ("He said …" after
        // a named speaker).
        var sourceContext = SourceContext()
        // Sentences are classified a batch at a time and their tokens dropped once scored, so the
        // feature documents and the matrix of only one batch are alive at once: memory stays
        // proportional to the article with a small constant, whatever its length (issue 16).
        let batchSize = 512
        var batchStart = 0
        while batchStart < analyzed.count {
            let batch = batchStart..<min(batchStart + batchSize, analyzed.count)
            // One document per (sentence, party) pair, in order.
            var documents: [Document] = []
            var batchPairs: [(sentence: Int, target: ResolvedTarget, read: ReadSentence)] = []
            for s in batch {
                let sentence = analyzed[s]
                let read = ReadSentence(tokens: sentence.tokens, mentions: sentence.mentions)
                let (targets, counted) = builder.targets(in: read, date: date)
                for (party, mentions) in targets {
                    let target = ResolvedTarget(partyID: party, ranges: mentions.map(\.tokenRange))
                    documents.append(builder.document(for: target, in: read, countedParties: counted))
                    pairs.append((s, party, mentions))
                    batchPairs.append((s, target, read))
                }
                analyzed[s] = AnalyzedSentence(sentence: sentence.sentence, tokens: [], mentions: [])
            }
            let matrix = vectorizer.transform(documents)
            documents = []
            // The matrix comes from our own vectorizer, so widths always agree.
            let p = (try? regression.probabilities(for: matrix)) ?? []
            for (i, pair) in batchPairs.enumerated() {
                if i > 0, batchPairs[i - 1].sentence != pair.sentence, sourceModel != nil {
                    // The sentence before this one joins the source model's context.
                    sourceContext.append(builder.sourceContextSentence(batchPairs[i - 1].read, date: date))
                }
                let calibrated = calibration.apply(StanceProbabilities(row: p[(i * k)..<(i * k + k)]))
                probabilities.append(calibrated)
                // The context can turn a hostile pair conciliatory or either neutral, never a
                // neutral pair into another label: only non-neutral pairs need a source.
                let label = calibrated.label
                let both = context.weight > 0 && label != .neutral
                let sources = attributions(for: pair.target, in: pair.read, hostile: label == .hostile || both,
                                           conciliatory: label == .conciliatory || both, date: date, context: sourceContext)
                sourcesIfHostile.append(sources.hostile)
                sourcesIfConciliatory.append(sources.conciliatory)
            }
            if let last = batchPairs.last, sourceModel != nil {
                sourceContext.append(builder.sourceContextSentence(last.read, date: date))
            }
            batchStart = batch.upperBound
        }
        let adjusted = context.adjust(probabilities, parties: pairs.map(\.party))
        var perSentence = [[MentionScore]](repeating: [], count: analyzed.count)
        for (i, pair) in pairs.enumerated() {
            let probabilities = adjusted[i]
            let label = probabilities.label
            let source: SourceAttribution?
            switch label {
            case .hostile: source = sourcesIfHostile[i]
            case .conciliatory: source = sourcesIfConciliatory[i]
            case .neutral: source = nil
            }
            perSentence[pair.sentence].append(MentionScore(partyID: pair.party, mentions: pair.mentions,
                                                           label: label, probabilities: probabilities, source: source))
        }
        let sentences = analyzed.enumerated().map { SentenceScore(sentence: $1.sentence, parties: perSentence[$0]) }
        let dyads = self.dyads(of: sentences)
        return ArticleScore(id: id, date: date, sentences: sentences,
                            parties: Self.addingExpressed(summaries(of: sentences, by: .party), dyads: dyads), dyads: dyads)
    }

    /// Per-party summaries of scored sentences.
    /// - Parameters:
    ///   - sentences: an article's scored sentences (``ArticleScore/sentences``).
    ///   - unit: `.party` (rolled up, as ``ArticleScore/parties``) or `.mention` (each party as
    ///     matched: a leader gets a line of their own, with the label of the target they belong to).
    public func summaries(of sentences: [SentenceScore], by unit: SummaryUnit) -> [PartySummary] {
        var scores: [(party: String, probabilities: StanceProbabilities, mentions: Int)] = []
        for s in sentences {
            for entry in s.parties {
                switch unit {
                case .party:
                    scores.append((entry.partyID, entry.probabilities, entry.mentions.count))
                case .mention:
                    var order: [String] = []
                    var counts: [String: Int] = [:]
                    for m in entry.mentions {
                        if counts[m.partyID] == nil { order.append(m.partyID) }
                        counts[m.partyID, default: 0] += 1
                    }
                    for id in order { scores.append((id, entry.probabilities, counts[id]!)) }
                }
            }
        }
        return summarize(scores)
    }

    /// Per-party means, counts and verdicts, most sentences first (ties by id, for stable output).
    func summarize(_ scores: [(party: String, probabilities: StanceProbabilities, mentions: Int)]) -> [PartySummary] {
        var order: [String] = []
        var groups: [String: [(StanceProbabilities, Int)]] = [:]
        for s in scores {
            if groups[s.party] == nil { order.append(s.party) }
            groups[s.party, default: []].append((s.probabilities, s.mentions))
        }
        // Every id comes from the matcher over this gazetteer (rolled up within it), so each has
        // a party; one that did not would have no kind to report and is left out.
        let summaries = order.compactMap { id -> PartySummary? in
            let g = groups[id]!
            let n = Double(g.count)
            let sum = StanceProbabilities(hostile: g.reduce(0) { $0 + $1.0.hostile },
                                          conciliatory: g.reduce(0) { $0 + $1.0.conciliatory },
                                          neutral: g.reduce(0) { $0 + $1.0.neutral })
            let mean = StanceProbabilities(hostile: sum.hostile / n, conciliatory: sum.conciliatory / n, neutral: sum.neutral / n)
            guard let party = builder.gazetteer.party(id: id) else {
                assertionFailure("party \(id) is not in the model's gazetteer")
                return nil
            }
            let hostile = g.filter { $0.0.label == .hostile }.count
            let conciliatory = g.filter { $0.0.label == .conciliatory }.count
            // The reader's rule on the sentences' labels, each the most probable of the calibrated
            // probabilities (the rule on expected counts, sums of the probabilities, was measured
            // too: 325 against 339 verdicts right over eight models on articles-dev; docs/EXPERIMENTS.md).
            let overall = Verdict.rule(hostile: Double(hostile), conciliatory: Double(conciliatory),
                                       neutral: Double(g.count - hostile - conciliatory))
            return PartySummary(partyID: id, name: party.name, kind: party.kind,
                                sentences: g.count, mentions: g.reduce(0) { $0 + $1.1 }, meanProbabilities: mean,
                                hostileSentences: hostile, conciliatorySentences: conciliatory,
                                neutralSentences: g.count - hostile - conciliatory,
                                overall: overall, netTone: mean.netTone)
        }
        return summaries.sorted { ($0.sentences, $1.partyID) > ($1.sentences, $0.partyID) }
    }
}

extension StanceModel {
    /// Source → target dyads of scored sentences: every pair whose source is a party, grouped by
    /// (source, target), most sentences first (ties by ids).
    public func dyads(of sentences: [SentenceScore]) -> [Dyad] {
        var order: [String] = []
        var groups: [String: (source: String, target: String, scores: [StanceProbabilities])] = [:]
        for s in sentences {
            for entry in s.parties {
                guard let source = entry.source?.partyID, source != entry.partyID else { continue }
                let key = source + "\u{1}" + entry.partyID
                if groups[key] == nil { order.append(key); groups[key] = (source, entry.partyID, []) }
                groups[key]!.scores.append(entry.probabilities)
            }
        }
        func ref(_ id: String) -> PartyRef { PartyRef(partyID: id, name: gazetteer.party(id: id)?.name ?? id) }
        let dyads = order.map { key -> Dyad in
            let g = groups[key]!
            let n = Double(g.scores.count)
            let sum = StanceProbabilities(hostile: g.scores.reduce(0) { $0 + $1.hostile },
                                          conciliatory: g.scores.reduce(0) { $0 + $1.conciliatory },
                                          neutral: g.scores.reduce(0) { $0 + $1.neutral })
            let hostile = g.scores.filter { $0.label == .hostile }.count
            let conciliatory = g.scores.filter { $0.label == .conciliatory }.count
            return Dyad(source: ref(g.source), target: ref(g.target), sentences: g.scores.count, hostile: hostile,
                        conciliatory: conciliatory, neutral: g.scores.count - hostile - conciliatory,
                        meanProbabilities: StanceProbabilities(hostile: sum.hostile / n, conciliatory: sum.conciliatory / n,
                                                               neutral: sum.neutral / n),
                        overall: Verdict.rule(hostile: Double(hostile), conciliatory: Double(conciliatory),
                                              neutral: Double(g.scores.count - hostile - conciliatory)))
        }
        return dyads.sorted { ($0.sentences, $1.source.partyID, $1.target.partyID) > ($1.sentences, $0.source.partyID, $0.target.partyID) }
    }

    /// The summaries with each party's expressed stance (from the dyads it is the source of).
    static func addingExpressed(_ summaries: [PartySummary], dyads: [Dyad]) -> [PartySummary] {
        summaries.map { summary in
            let own = dyads.filter { $0.source.partyID == summary.partyID }
            guard !own.isEmpty else { return summary }
            var s = summary
            let n = own.reduce(0) { $0 + $1.sentences }
            let hostile = own.reduce(0) { $0 + $1.hostile }, conciliatory = own.reduce(0) { $0 + $1.conciliatory }
            s.expressed = ExpressedStance(sentences: n, hostile: hostile, conciliatory: conciliatory,
                                          targets: own.map(\.target.partyID),
                                          overall: Verdict.rule(hostile: Double(hostile), conciliatory: Double(conciliatory),
                                                                neutral: Double(n - hostile - conciliatory)))
            return s
        }
    }

    /// Scores several articles, in parallel across articles on every core.
    ///
    /// One article has too few pairs to keep two cores busy, so a stream of articles (JSON Lines)
    /// is scored a batch at a time with this, one article per task.
    /// - Parameter articles: the texts, their identifiers and dates (nil: from the dateline).
    /// - Returns: one score per article, in the same order; each equal to `score(article:id:date:context:)`.
    /// - Complexity: linear in the total text, divided across cores.
    public func score(articles: [(text: String, id: String?, date: String?)],
                      context: ArticleContext = .default) -> [ArticleScore] {
        guard articles.count > 1 else { return articles.map { score(article: $0.text, id: $0.id, date: $0.date, context: context) } }
        var results = [ArticleScore?](repeating: nil, count: articles.count)
        results.withUnsafeMutableBufferPointer { out in
            Parallel.forEachChunk(count: articles.count, minimumChunk: 1) { range in
                for i in range { out[i] = score(article: articles[i].text, id: articles[i].id, date: articles[i].date, context: context) }
            }
        }
        return results.map { $0! }
    }
}
