import DemarcheText

extension Gazetteer {
    /// The rolled-up party a row's `source` names (an id, a canonical name or an alias,
    /// case-insensitively), `.some(nil)` for `none` and for a group that speaks for no state
    /// (not a party: LABELING.md), nil when it names nothing known.
    public func sourceParty(_ source: String, on date: String? = nil) -> String?? {
        if source.lowercased() == "none" { return .some(nil) }
        let wanted = source.lowercased()
        let party = party(id: source) ?? parties.first {
            $0.name.lowercased() == wanted || $0.aliases.contains { $0.lowercased() == wanted }
        }
        guard let id = party?.id else { return nil }
        let rolled = rollUp(id, on: date)
        return .some(holdsAsParty(rolled) ? rolled : nil)
    }

    /// Whether a rolled-up party id can hold an attitude as a party (LABELING.md: a state or an
    /// international organisation): not a person left apart (out of office on the date), not a
    /// group that speaks for no state (an armed group, a movement). The others' attitudes have
    /// source none.
    func holdsAsParty(_ rolledID: String) -> Bool {
        let kind = party(id: rolledID)?.kind
        return kind != .person && kind != .group
    }
}

extension LabeledRow {
    /// The article a row belongs to, from its id: rows whose ids are `<article>-<n>` ("ap-2022-
    /// imf-07", "ctx-03-2") and that follow one another in a file are sentences of one article, in
    /// order (the layout of the real-article sets); nil for any other id or none.
    public var articleKey: String? {
        guard let id, let dash = id.lastIndex(of: "-"), dash != id.startIndex else { return nil }
        let number = id[id.index(after: dash)...]
        guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else { return nil }
        return String(id[..<dash])
    }
}

extension PairBuilder {
    /// The source candidates of a resolved target in a read sentence (``SourceFeatures``).
    func sourceCandidates(for target: ResolvedTarget, in sentence: ReadSentence, label: StanceLabel,
                          date: String? = nil, context: SourceContext = SourceContext()) -> [SourceCandidate] {
        SourceFeatures.candidates(tokens: sentence.tokens, mentions: sentence.mentions, target: target.partyID,
                                  targetRanges: target.ranges, label: label, gazetteer: gazetteer,
                                  lexicon: featurizer.lexicon, date: date, context: context)
    }

    /// What the source model keeps of a read sentence for the sentences after it.
    func sourceContextSentence(_ sentence: ReadSentence, date: String? = nil) -> SourceContextSentence {
        SourceFeatures.contextSentence(tokens: sentence.tokens, mentions: sentence.mentions, gazetteer: gazetteer,
                                       lexicon: featurizer.lexicon, date: date)
    }

    /// What the source model reads of each row: its sentence and the earlier sentences of its
    /// article (``LabeledRow/articleKey``; consecutive rows with the same text are one sentence).
    /// A sentence of an article is read as ``PartyMatcher/analyze(_:)`` reads an article: weak
    /// aliases ("Ebrard" alone) count when the article names their party strongly in another
    /// sentence. A row of no article gets no reading (nil: read it alone, with an empty context).
    /// Only the text of the rows is read, never their labels or sources. The article's date is
    /// inferred from its sentences in order as `score` infers it (``ArticleDate/infer(in:)``).
    func sourceReadings(of rows: [LabeledRow]) -> [(read: ReadSentence, context: SourceContext, date: String?)?] {
        var result: [(read: ReadSentence, context: SourceContext, date: String?)?] = []
        result.reserveCapacity(rows.count)
        var start = 0
        while start < rows.count {
            guard let key = rows[start].articleKey else {
                result.append(nil)
                start += 1
                continue
            }
            var end = start + 1
            while end < rows.count && rows[end].articleKey == key { end += 1 }
            // The article's sentences in order, each once; the parties it names strongly.
            var texts: [String] = []
            for i in start..<end where texts.last != rows[i].text { texts.append(rows[i].text) }
            let date = ArticleDate.infer(in: texts.joined(separator: "\n\n"))
            var reads = texts.map { read($0) }
            let named = Set(reads.flatMap { $0.mentions.map(\.partyID) })
            reads = reads.map { ReadSentence(tokens: $0.tokens, mentions: matcher.mentions(in: $0.tokens, context: named)) }
            // Bare surnames of persons the article names in full, as `score` reads them.
            let surnames = matcher.surnameMentions(tokens: reads.map(\.tokens), mentions: reads.map(\.mentions))
            reads = zip(reads, surnames).map { ReadSentence(tokens: $0.tokens, mentions: PartyMatcher.merging($0.mentions, $1)) }
            var context = SourceContext()
            var sentence = 0
            for i in start..<end {
                if i > start && rows[i].text != rows[i - 1].text {
                    context.append(sourceContextSentence(reads[sentence], date: date))
                    sentence += 1
                }
                result.append((reads[sentence], context, date))
            }
            start = end
        }
        return result
    }

    /// The candidates of a labeled row and the index of its `source` among them; nil when the row
    /// has no source, a neutral label, a target not in the sentence, or a source that is not a
    /// candidate (a party named neither in the sentence nor in its context, or unknown).
    func sourceExample(_ row: LabeledRow, read: ReadSentence? = nil, context: SourceContext = SourceContext(),
                       date: String? = nil) -> (candidates: [SourceCandidate], answer: Int)? {
        guard let source = row.source, row.label != .neutral, let wanted = gazetteer.sourceParty(source) else { return nil }
        let read = read ?? self.read(row.text)
        guard let target = resolve(target: row.target, in: read, text: row.text) else { return nil }
        let candidates = sourceCandidates(for: target, in: read, label: row.label, date: date, context: context)
        guard let answer = candidates.firstIndex(where: { $0.partyID == wanted }) else { return nil }
        return (candidates, answer)
    }
}

extension StanceModel {
    /// Who holds the attitude toward `target` in `sentence`, given its label (`hostile` or
    /// `conciliatory`): the most probable source candidate, or nil when the model has no source
    /// model or the label is neutral.
    /// - Throws: `StanceError.invalidRows` when the target is not in the sentence.
    public func source(in sentence: String, target: String, label: StanceLabel) throws -> SourceAttribution? {
        let row = LabeledRow(text: sentence, target: target, label: label)
        let read = builder.read(sentence)
        guard let resolved = builder.resolve(target: target, in: read, text: sentence) else {
            try PairBuilder.checkTargetsFound([row]) { _ in false }
            return nil
        }
        return attribution(for: resolved, in: read, label: label, date: nil)
    }

    /// The sources of one scored pair if it ends hostile and if it ends conciliatory (each nil
    /// when not `wanted`, or without a source model): the candidates are built once and
    /// relabeled (``SourceFeatures/relabeled(_:from:to:)``), with the same results as
    /// ``attribution(for:in:label:date:context:)`` for each label.
    func attributions(for target: ResolvedTarget, in read: ReadSentence, hostile: Bool, conciliatory: Bool,
                      date: String?, context: SourceContext) -> (hostile: SourceAttribution?, conciliatory: SourceAttribution?) {
        guard sourceModel != nil, hostile || conciliatory else { return (nil, nil) }
        let first: StanceLabel = hostile ? .hostile : .conciliatory
        let candidates = builder.sourceCandidates(for: target, in: read, label: first, date: date, context: context)
        let h = hostile ? best(of: candidates) : nil
        let c = conciliatory
            ? best(of: hostile ? SourceFeatures.relabeled(candidates, from: .hostile, to: .conciliatory) : candidates) : nil
        return (h, c)
    }

    /// The source model's most probable candidate, named from the gazetteer.
    private func best(of candidates: [SourceCandidate]) -> SourceAttribution? {
        guard let (best, p) = sourceModel?.best(candidates) else { return nil }
        return attribution(best, probability: p)
    }

    /// A candidate as an attribution, named from the gazetteer (none: nil id and name).
    func attribution(_ candidate: SourceCandidate, probability: Double) -> SourceAttribution {
        SourceAttribution(partyID: candidate.partyID, name: candidate.partyID.map { gazetteer.party(id: $0)?.name ?? $0 },
                          probability: probability)
    }

    /// The source of one scored pair (nil for neutral or without a source model).
    func attribution(for target: ResolvedTarget, in read: ReadSentence, label: StanceLabel, date: String?,
                     context: SourceContext = SourceContext()) -> SourceAttribution? {
        guard sourceModel != nil, label != .neutral else { return nil }
        return best(of: builder.sourceCandidates(for: target, in: read, label: label, date: date, context: context))
    }
}

/// Source accuracy over rows that carry a source and a non-neutral label (issue 14).
public struct SourceReport: Sendable, Codable, Equatable {
    /// Rows evaluated.
    public let rows: Int
    /// Share whose predicted source (party or none) is right.
    public let accuracy: Double
    /// Share the baseline rule gets right (the first other party in the sentence, else none).
    public let baselineAccuracy: Double
    /// Rows whose source is none or a party named in the sentence.
    public let inSentenceRows: Int
    /// Accuracy on those rows.
    public let inSentenceAccuracy: Double
    /// `confusion[truth][predicted]` over `party` / `none`, with `wrongParty` counted apart
    /// (truth a party, predicted another party).
    public let confusion: [String: [String: Int]]

    /// Scores the model's sources on rows, each with the row's own (gold) label and, for rows of
    /// an article (``LabeledRow/articleKey``), the earlier sentences of the article as context.
    /// Rows without a source, with a neutral label, or a source the gazetteer does not know are
    /// skipped; rows whose target is not in the sentence throw as in classification.
    public init(model: StanceModel, rows: [LabeledRow]) throws {
        let builder = model.builder
        var n = 0, right = 0, baseRight = 0, inN = 0, inRight = 0
        var confusion: [String: [String: Int]] = ["party": ["party": 0, "wrongParty": 0, "none": 0], "none": ["party": 0, "none": 0]]
        var missing: [LabeledRow] = []
        let readings = builder.sourceReadings(of: rows)
        for (i, row) in rows.enumerated() {
            guard let source = row.source, row.label != .neutral, let wanted = model.gazetteer.sourceParty(source) else { continue }
            let read = readings[i]?.read ?? builder.read(row.text)
            guard let target = builder.resolve(target: row.target, in: read, text: row.text) else { missing.append(row); continue }
            let candidates = builder.sourceCandidates(for: target, in: read, label: row.label, date: readings[i]?.date,
                                                      context: readings[i]?.context ?? SourceContext())
            // Without a source model, the baseline rule answers.
            let predicted: String?
            if let sourceModel = model.sourceModel {
                predicted = sourceModel.best(candidates)?.candidate.partyID
            } else {
                predicted = SourceFeatures.baseline(candidates)
            }
            n += 1
            let ok = predicted == wanted
            if ok { right += 1 }
            if SourceFeatures.baseline(candidates) == wanted { baseRight += 1 }
            if wanted == nil || candidates.contains(where: { $0.partyID == wanted && !$0.isContext }) {
                inN += 1
                if ok { inRight += 1 }
            }
            let truth = wanted == nil ? "none" : "party"
            let guess = predicted == nil ? "none" : (wanted != nil && !ok ? "wrongParty" : "party")
            confusion[truth, default: [:]][guess, default: 0] += 1
        }
        try PairBuilder.checkTargetsFound(missing) { _ in false }
        self.rows = n
        accuracy = n == 0 ? 0 : Double(right) / Double(n)
        baselineAccuracy = n == 0 ? 0 : Double(baseRight) / Double(n)
        inSentenceRows = inN
        inSentenceAccuracy = inN == 0 ? 0 : Double(inRight) / Double(inN)
        self.confusion = confusion
    }
}
