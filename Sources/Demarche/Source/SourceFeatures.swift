import DemarcheText

/// One possible holder of an attitude toward a target: another party named in the sentence, or
/// none (the writer, analysts, a legislature: not a party).
public struct SourceCandidate: Sendable, Equatable {
    /// The rolled-up party id, or nil for none.
    public let partyID: String?
    /// Token ranges of the candidate's mentions (empty for none).
    public let ranges: [Range<Int>]
    /// Named features (binary), from which the source model scores the candidate.
    public let features: [String]
}

/// Builds the candidates of a (sentence, target) pair and their features (issue 14).
///
/// Candidates are every party other than the target named in the sentence, rolled up with
/// ``DemarcheText/Gazetteer/rollUp(_:on:)`` (a minister speaks for the state), plus none.
/// Features of a named candidate: whether it comes before the target, is the first party or the
/// first other party, opens the sentence; whether a said-verb or an attitude cue follows it
/// within three tokens ("Pyongyang slammed"), or it follows "said" / "according to" / "by";
/// whether it is the end speaker ("…, Kim said."); whether it is a person or a demonym, inside a
/// quote, possessive ("China's sanctions"), joined to the target by "and"; the word before it;
/// its distance from the target; each crossed with the target's label. Features of none: the
/// label, the number of parties, the words in front of each said-verb ("analysts said"), whether
/// a said-verb has no party before it, whether the sentence opens with a quote.
public enum SourceFeatures {
    /// Verbs of speech and reported attitude.
    public static let saidVerbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "stated", "declared", "announced", "insisted",
        "warned", "warns", "accused", "accuses", "urged", "urges", "called", "calls", "condemned", "condemns",
        "criticized", "criticised", "slammed", "blasted", "denounced", "praised", "welcomed", "hailed",
        "thanked", "demanded", "threatened", "vowed", "pledged", "promised", "signed", "agreed", "offered",
        "rejected", "blamed", "charged", "claimed", "argued", "noted", "stressed", "asserted", "reiterated",
        "expressed", "described", "labeled", "labelled", "dismissed", "protested", "summoned", "expelled",
        "imposed", "sanctioned", "attacked", "struck", "launched", "fired", "seized", "invited", "congratulated",
        "supported", "backed", "endorsed", "mocked", "derided", "lashed", "rebuked", "reassured", "assured",
    ]
    /// Words that make what follows attributed speech ("according to X").
    static let attribution: Set<String> = ["according", "by", "said", "says", "told", "from"]
    static let quotes: Set<String> = ["\"", "“", "”", "'", "‘", "’"]

    /// The candidates of one pair, none last.
    /// - Parameters:
    ///   - tokens: the sentence's tokens.
    ///   - mentions: every party mention in the sentence.
    ///   - target: the rolled-up party id of the target (nil for a literal target).
    ///   - targetRanges: where the target stands.
    ///   - label: the target's label (`hostile` or `conciliatory`; gold in training, predicted in
    ///     scoring).
    ///   - gazetteer: for roll-up and party kinds.
    ///   - lexicon: attitude cues (optional).
    ///   - date: the article's date, for who is in office.
    public static func candidates(tokens: [Token], mentions: [Mention], target: String?, targetRanges: [Range<Int>],
                                  label: StanceLabel, gazetteer: Gazetteer, lexicon: StanceLexicon = .empty,
                                  date: String? = nil) -> [SourceCandidate] {
        let words = tokens.map(\.text)
        let n = words.count
        // Other parties in order of first mention.
        var order: [String] = []
        var byParty: [String: [Mention]] = [:]
        for m in mentions {
            let id = gazetteer.rollUp(m.partyID, on: date)
            if id == target || targetRanges.contains(where: { $0.overlaps(m.tokenRange) }) { continue }
            if byParty[id] == nil { order.append(id) }
            byParty[id, default: []].append(m)
        }
        let targetStart = targetRanges.map(\.lowerBound).min() ?? 0
        let targetEnd = targetRanges.map(\.upperBound).max() ?? 0
        let firstAny = mentions.map(\.tokenRange.lowerBound).min() ?? 0
        // Inside a quote: an odd number of quote marks before the token.
        var inQuote = [Bool](repeating: false, count: n + 1)
        var open = false
        for i in 0..<n {
            inQuote[i] = open
            if quotes.contains(words[i]) { open.toggle() }
        }
        let isCue: (String) -> Bool = { saidVerbs.contains($0) || lexicon.entries[$0] != nil }
        let firstCue = words.firstIndex(where: isCue) ?? n
        let saidPositions = words.indices.filter { saidVerbs.contains(words[$0]) }
        let partyCount = min(order.count + 1, 4)
        var result: [SourceCandidate] = []

        for (rank, id) in order.enumerated() {
            let ms = byParty[id]!
            let ranges = ms.map(\.tokenRange)
            let start = ranges[0].lowerBound, end = ranges[0].upperBound
            var f: [String] = ["bias"]
            if start < targetStart { f.append("precedes") } else { f.append("follows") }
            if start == firstAny { f.append("firstParty") }
            if rank == 0 { f.append("firstOther") }
            if start <= 2 { f.append("opens") }
            if start < firstCue { f.append("beforeFirstCue") }
            if start == firstAny && start < firstCue { f.append("subject") }
            var saidAfter = false, cueAfter = false, endSpeaker = false, afterAttribution = false, possessive = false
            var prev = "^"
            for r in ranges {
                let after = r.upperBound
                for j in after..<min(n, after + 3) {
                    if saidVerbs.contains(words[j]) { saidAfter = true }
                    if lexicon.entries[words[j]] != nil { cueAfter = true }
                }
                if after < n, words[after] == "'s" { possessive = true }
                // "…, Kim said." / "… said Kim." at the end.
                if after < n, saidVerbs.contains(words[after]), after + 2 >= n - 1 { endSpeaker = true }
                if r.lowerBound >= 1, saidVerbs.contains(words[r.lowerBound - 1]), r.upperBound >= n - 2 { endSpeaker = true }
                for j in max(0, r.lowerBound - 3)..<r.lowerBound where attribution.contains(words[j]) {
                    if words[j] != "according" || (j + 1 < n && words[j + 1] == "to") { afterAttribution = true }
                }
            }
            if start >= 1 { prev = words[start - 1] }
            if saidAfter { f.append("saidAfter") }
            if cueAfter { f.append("cueAfter") }
            if endSpeaker { f.append("endSpeaker") }
            if afterAttribution { f.append("afterAttribution") }
            if possessive { f.append("possessive") }
            if ms.contains(where: { gazetteer.party(id: $0.partyID)?.kind == .person }) { f.append("person") }
            if ms.contains(where: { gazetteer.party(id: $0.partyID)?.kind == .group }) { f.append("organ") }
            if ms.allSatisfy(\.isDemonym) { f.append("demonym") }
            if inQuote[start] { f.append("inQuote") }
            if inQuote[targetStart] { f.append("targetInQuote") }
            if prev.count <= 12 { f.append("prev=\(prev)") }
            // Coordinated with the target ("X and Y", "between X and Y").
            if (end < n && end + 1 == targetStart && ["and", "&", ","].contains(words[end]))
                || (targetEnd < n && targetEnd + 1 == start && ["and", "&", ","].contains(words[targetEnd])) {
                f.append("andTarget")
            }
            if saidPositions.contains(where: { $0 > end && $0 < targetStart }) { f.append("saidBetween") }
            let distance = start < targetStart ? targetStart - end : start - targetEnd
            f.append("dist=\(distance <= 1 ? "1" : distance <= 3 ? "2-3" : distance <= 8 ? "4-8" : distance <= 15 ? "9-15" : "16+")")
            f.append("parties=\(partyCount)")
            let crossed = f.filter { !$0.hasPrefix("prev=") && !$0.hasPrefix("parties=") }.map { "\(label.rawValue)&\($0)" }
            f.append(contentsOf: crossed)
            result.append(SourceCandidate(partyID: id, ranges: ranges, features: f))
        }

        var f: [String] = ["none", "none&\(label.rawValue)", "none&parties=\(partyCount)"]
        let partyTokens = Set(mentions.flatMap { Array($0.tokenRange) })
        for s in saidPositions {
            let before = s >= 1 ? words[s - 1] : "^"
            f.append("none&preSaid=\(before)")
            if s >= 2 { f.append("none&preSaid2=\(words[s - 2])") }
            if !(max(0, s - 3)..<s).contains(where: partyTokens.contains) { f.append("none&saidNoParty") }
        }
        if saidPositions.isEmpty { f.append("none&noSaid") }
        if let first = words.first, quotes.contains(first) { f.append("none&quoteOpens") }
        if targetStart == firstAny { f.append("none&targetFirst") }
        if order.isEmpty { f.append("none&alone") }
        result.append(SourceCandidate(partyID: nil, ranges: [], features: Array(Set(f)).sorted()))
        return result
    }

    /// Words that stand for a speaker named earlier.
    static let anaphoric: Set<String> = ["he", "she", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
                                         "secretary", "ambassador", "envoy", "premier", "chancellor", "leader", "ministry"]

    /// Whether a said-verb's speaker is a pronoun or a bare title ("he said", "said the minister"),
    /// so an article's previous speaker holds the attitude (used by article scoring only).
    public static func hasAnaphoricSpeaker(_ tokens: [Token]) -> Bool {
        let words = tokens.map(\.text)
        for (i, w) in words.enumerated() where saidVerbs.contains(w) {
            if i >= 1, anaphoric.contains(words[i - 1]) { return true }
            if i + 1 < words.count, anaphoric.contains(words[i + 1]) { return true }
            if i + 2 < words.count, words[i + 1] == "the", anaphoric.contains(words[i + 2]) { return true }
        }
        return false
    }

    /// The baseline rule: the first other party named in the sentence, else none.
    public static func baseline(_ candidates: [SourceCandidate]) -> String? {
        candidates.first?.partyID
    }
}
