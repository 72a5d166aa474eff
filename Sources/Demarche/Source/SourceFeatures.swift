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
    /// Whether the candidate is named only in an earlier sentence of the article (``SourceContext``).
    public var isContext: Bool = false
}

/// What the source model keeps of an earlier sentence of the same article: its parties (rolled
/// up), in order of first mention, each with whether it speaks or acts there.
public struct SourceContextSentence: Sendable, Equatable {
    /// One party of the sentence.
    public struct Party: Sendable, Equatable {
        /// The rolled-up party id.
        public let partyID: String
        /// A said-verb or an attitude cue follows it within three tokens, it is the end speaker
        /// ("…, Kim said."), or it follows "according to" / "said".
        public let speaker: Bool
        /// It is the sentence's first party, before the first cue, and not the object of a
        /// preposition ("The sailors were freed in Beijing" has no subject among its parties).
        public let subject: Bool
        /// One of its mentions is a person.
        public let person: Bool
    }
    /// The parties, in order of first mention.
    public let parties: [Party]
    /// Someone who is not a party speaks in the sentence (``SourceFeatures``: "analysts said").
    public var otherSpeaker: Bool = false
}

/// The earlier sentences of an article that the source model looks back on (issue 14): the
/// sentences naming a party before the current one, most recent last, at most
/// ``SourceContext/depth`` of them.
public struct SourceContext: Sendable, Equatable {
    /// How many earlier sentences naming a party are kept.
    public static let depth = 8
    /// The sentences, oldest first.
    public private(set) var sentences: [SourceContextSentence] = []

    /// An empty context (the first sentence, or a stand-alone row).
    public init() {}

    /// Appends a sentence (dropped when it names no party); the oldest goes past ``depth``.
    public mutating func append(_ sentence: SourceContextSentence) {
        guard !sentence.parties.isEmpty else { return }
        sentences.append(sentence)
        if sentences.count > Self.depth { sentences.removeFirst(sentences.count - Self.depth) }
    }
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
/// a said-verb has no party before it, whether the sentence opens with a quote, whether a speaker
/// who is not a party ends the sentence or is named after the said-verb ("…, said Jane Roe, who
/// heads …").
///
/// With an article's earlier sentences (``SourceContext``), each party named there and not in
/// this sentence is a candidate too (`ctx&…` features: how it appeared there — speaker, subject,
/// person, sentences back, the most recent speaker or party — crossed with this sentence's look:
/// "he said" / "the ministry said" / a pronoun first, a quote, first person, a party speaking here
/// or none, a non-party speaker), and the parties named here get `withCtx&…` features. ``SourceModel`` fits
/// those contextual features in a second stage.
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
    ///   - context: the article's earlier sentences; each party named there and not in this
    ///     sentence is a candidate too (``SourceCandidate/isContext``), placed before none.
    public static func candidates(tokens: [Token], mentions: [Mention], target: String?, targetRanges: [Range<Int>],
                                  label: StanceLabel, gazetteer: Gazetteer, lexicon: StanceLexicon = .empty,
                                  date: String? = nil, context: SourceContext = SourceContext()) -> [SourceCandidate] {
        // A person out of office on the article's date (rolled up to no state) is not a party: not a
        // candidate, and a speaker that is not a party for the features of none.
        let mentions = partyMentions(mentions, gazetteer: gazetteer, date: date)
        let words = tokens.map(\.text)
        let n = words.count
        // The target's state when the target is a person kept apart (a former leader): never its own source.
        // A literal target that is a weak form ("Yoon" alone in a stand-alone row) stands for its party too.
        var rolledTarget = target.map { gazetteer.rollUp($0, on: nil) }
        if target == nil {
            let text = targetRanges.flatMap { r in r.map { words[$0] } }.filter { $0 != "'s" && $0 != "’s" && $0 != "’" }.joined(separator: " ")
            if !text.isEmpty, let party = gazetteer.parties.first(where: { p in
                (p.weakAliases + p.aliases).contains { $0.lowercased() == text } }) {
                rolledTarget = gazetteer.rollUp(party.id, on: nil)
            }
        }
        // Other parties in order of first mention.
        var order: [String] = []
        var byParty: [String: [Mention]] = [:]
        for m in mentions {
            let id = gazetteer.rollUp(m.partyID, on: date)
            // A mention inside the target's own words is skipped, except the other part of a
            // hyphenated pair ("US-Philippine": one token, two parties).
            let compoundPart = target != nil && m.tokenRange.count == 1 && targetRanges.contains(m.tokenRange)
            if id == target || id == rolledTarget || (!compoundPart && targetRanges.contains(where: { $0.overlaps(m.tokenRange) })) { continue }
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
        // Each word looked up once: a said-verb, an attitude cue of the lexicon.
        let isSaid = words.map { saidVerbs.contains($0) }
        let isLexical = words.map { lexicon.entries[$0] != nil }
        let isCue: (Int) -> Bool = { isSaid[$0] || isLexical[$0] }
        let firstCue = words.indices.first(where: isCue) ?? n
        let saidPositions = words.indices.filter { isSaid[$0] }
        let otherSpeakers = otherSpeakerPositions(words, mentions: mentions)
        let partyCount = min(order.count + 1, 4)
        var result: [SourceCandidate] = []
        var anySpeaker = false
        let chains = MentionChains(mentions.map(\.tokenRange) + targetRanges, words: words)
        // The context's most recent speaker and most recent party, the target left out.
        var lastSpeaker: String?, mostRecent: String?
        var contextDistance: [String: Int] = [:]
        var contextParty: [String: SourceContextSentence.Party] = [:]
        var contextRank: [String: Int] = [:]  // most recent sentence first, then the sentence's order
        var spokeInContext: Set<String> = []
        // How far back the nearest sentence in which someone who is not a party speaks.
        let otherSpokeBack = context.sentences.reversed().firstIndex { $0.otherSpeaker }.map { $0 + 1 }
        for (back, sentence) in context.sentences.reversed().enumerated() {
            for party in sentence.parties where party.partyID != target && party.partyID != rolledTarget {
                if contextDistance[party.partyID] == nil {
                    contextDistance[party.partyID] = back + 1
                    contextParty[party.partyID] = party
                    contextRank[party.partyID] = contextRank.count
                }
                if party.speaker { spokeInContext.insert(party.partyID) }
                if lastSpeaker == nil, party.speaker { lastSpeaker = party.partyID }
            }
            if mostRecent == nil, let first = sentence.parties.first(where: { $0.partyID != target && $0.partyID != rolledTarget && !order.contains($0.partyID) }) {
                mostRecent = first.partyID
            }
        }

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
                    if isSaid[j] { saidAfter = true }
                    if isLexical[j] { cueAfter = true }
                }
                if after < n, words[after] == "'s" { possessive = true }
                // "…, Kim said." / "… said Kim." at the end.
                if after < n, isSaid[after], after + 2 >= n - 1 { endSpeaker = true }
                if r.lowerBound >= 1, isSaid[r.lowerBound - 1], r.upperBound >= n - 2 { endSpeaker = true }
                for j in max(0, r.lowerBound - 3)..<r.lowerBound where attribution.contains(words[j]) {
                    if words[j] != "according" || (j + 1 < n && words[j + 1] == "to") { afterAttribution = true }
                }
            }
            if start >= 1 { prev = words[start - 1] }
            // "U.S. officials said", "the Philippine government announced": the party names the
            // organ or the people that speak.
            var officialNoun = false, officialSaid = false
            for r in ranges {
                for j in r.upperBound..<min(n, r.upperBound + 3) where officials.contains(words[j]) {
                    officialNoun = true
                    if (j + 1..<min(n, j + 8)).contains(where: isCue) { officialSaid = true }
                }
            }
            if officialNoun { f.append("officialNoun") }
            if officialSaid { f.append("officialSaid") }
            if saidAfter || endSpeaker || afterAttribution || officialSaid { anySpeaker = true }
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
            // Named in one list with the target ("US, UK and French forces", "US-Philippine drills"):
            // a joint act, whose source for each side is the side singled out, else the first named.
            // By its first mention: a speaker named again in a list ("“…,” the Chilean minister said,
            // naming Chile, Peru and Bolivia") is not a side of a joint act.
            if let chain = chains.shared([ranges[0]], targetRanges), chains.size(chain) >= 3 {
                f.append("chain3")
                if chains.isFirst([ranges[0]], in: chain) { f.append("chain3First") }
            }
            if chains.isHyphenJoined(ranges, targetRanges) { f.append("chainHyphen") }
            // The agent of an act noun aimed at the target: "Russia's attack on Ukraine", "the
            // Russian invasion of Ukraine", "China's Taiwan drills".
            if ranges.contains(where: { actAgent(from: $0, words: words, targetRanges: targetRanges) }) { f.append("agentOfAct") }
            let distance = start < targetStart ? targetStart - end : start - targetEnd
            f.append("dist=\(distance <= 1 ? "1" : distance <= 3 ? "2-3" : distance <= 8 ? "4-8" : distance <= 15 ? "9-15" : "16+")")
            f.append("parties=\(partyCount)")
            if id == lastSpeaker { f.append("ctxSpeaker") }
            if contextDistance[id] != nil { f.append("inContext") }
            // How a party named here weighs against those named only earlier.
            if !contextDistance.isEmpty {
                f.append("withCtx")
                for x in ["inQuote", "andTarget", "saidAfter", "cueAfter", "endSpeaker", "subject", "afterAttribution", "possessive"]
                where f.contains(x) { f.append("withCtx&\(x)") }
            }
            let crossed = f.filter { !$0.hasPrefix("prev=") && !$0.hasPrefix("parties=") }.map { "\(label.rawValue)&\($0)" }
            f.append(contentsOf: crossed)
            result.append(SourceCandidate(partyID: id, ranges: ranges, features: f))
        }

        // Candidates named only earlier in the article ("He said …" after "Kim said …").
        if !contextDistance.isEmpty {
            var flags: [String] = []
            if hasAnaphoricSpeaker(tokens) || (words.first.map { pronouns.contains($0) } ?? false) { flags.append("anaphor") }
            if words.contains(where: { firstPerson.contains($0) }) { flags.append("firstPerson") }
            if words.contains(where: { quotes.contains($0) }) { flags.append("quote") }
            if order.isEmpty { flags.append("alone") }
            if !anySpeaker { flags.append("noSpeaker") } else { flags.append("speakerHere") }
            // Someone who is not a party speaks here ("analysts said", "Lee said").
            if !otherSpeakers.isEmpty { flags.append("otherSpeaker") }
            let ids = contextDistance.keys.filter { !order.contains($0) }
                .map { (id: $0, rank: contextRank[$0]!) }.sorted { $0.rank < $1.rank }.map(\.id)
            for id in ids {
                let party = contextParty[id]!, distance = contextDistance[id]!
                var keys = ["ctx", "ctx&dist=\(min(distance, 3))"]
                if id == lastSpeaker { keys.append("ctx&lastSpeaker") }
                if id == mostRecent { keys.append("ctx&mostRecent") }
                var f = keys
                if spokeInContext.contains(id) { f.append("ctx&spoke") }
                if party.subject { f.append("ctx&subject") }
                if party.person { f.append("ctx&person") }
                // A non-party speaker came after it ("…, said an analyst." then a quote).
                if let other = otherSpokeBack, other <= distance { f.append("ctx&otherSpokeSince") }
                if otherSpokeBack == 1 { f.append("ctx&prevOtherSpeaker") }
                f.append("ctx&\(label.rawValue)")
                for k in keys { for flag in flags { f.append("\(k)&\(flag)") } }
                if flags.isEmpty { for k in keys { f.append("\(k)&plain") } }
                result.append(SourceCandidate(partyID: id, ranges: [], features: f, isContext: true))
            }
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
        // "…, said Jane Roe, who heads …" / "…, an analyst said.": a speaker who is not a party
        // at the end of the sentence or named after the said-verb.
        let surfaces = tokens.map(\.surface)
        if otherSpeakers.contains(where: { $0 >= n - 5 || (surfaces[$0 + 1].first?.isUppercase ?? false) }) {
            f.append("none&otherEndSpeaker")
        }
        result.append(SourceCandidate(partyID: nil, ranges: [], features: Array(Set(f)).sorted()))
        return result
    }

    /// The mentions that can hold an attitude as a party (LABELING.md: a state or an
    /// international organisation): a person out of office on `date` and a group that speaks for
    /// no state (armed groups, movements: rolled up to no state or organisation) are left out,
    /// so they count as speakers that are not parties.
    static func partyMentions(_ mentions: [Mention], gazetteer: Gazetteer, date: String?) -> [Mention] {
        mentions.filter { gazetteer.holdsAsParty(gazetteer.rollUp($0.partyID, on: date)) }
    }

    /// Nouns of acts one party aims at another.
    static let actNouns: Set<String> = [
        "invasion", "attack", "attacks", "assault", "occupation", "annexation", "sanctions", "tariffs", "tariff",
        "duties", "drills", "exercises", "strikes", "strike", "airstrikes", "bombing", "bombardment", "aggression",
        "blockade", "embargo", "threats", "threat", "pressure", "incursion", "intervention", "interference",
        "meddling", "offensive", "war", "crackdown", "accusations", "criticism", "demands", "ban", "boycott",
        "support", "aid", "assistance", "backing", "recognition", "help", "cooperation", "partnership", "talks",
        "deal", "overtures", "outreach", "pledge", "warning", "warnings", "ultimatum", "raid", "raids", "seizure",
    ]
    /// Words that link an act noun to whom it is aimed at ("attack on", "sanctions against").
    static let actLinks: Set<String> = ["on", "of", "against", "around", "near", "toward", "towards", "to", "with", "for", "over", "into"]

    /// Whether the mention at `range` is the agent of an act noun aimed at the target: the noun
    /// follows it within two words (past "'s" and an adjective: "Russia's brutal attack"), and the
    /// target stands between them ("China's Taiwan drills") or right after a linking word behind
    /// the noun ("… attack on Ukraine", "sanctions against the regime in Damascus").
    static func actAgent(from range: Range<Int>, words: [String], targetRanges: [Range<Int>]) -> Bool {
        let n = words.count
        var j = range.upperBound
        if j < n, ["'s", "’s", "’", "'"].contains(words[j]) { j += 1 }
        for k in j..<min(n, j + 3) where actNouns.contains(words[k]) {
            if targetRanges.contains(where: { $0.lowerBound >= j && $0.upperBound <= k }) { return true }
            if k + 1 < n, actLinks.contains(words[k + 1]),
               targetRanges.contains(where: { $0.lowerBound > k + 1 && $0.lowerBound <= k + 3 }) { return true }
        }
        return false
    }

    /// Prepositions whose object is not the subject of a clause ("by" is left out: the agent).
    static let prepositions: Set<String> = ["of", "to", "with", "from", "on", "against", "in", "for", "at", "toward",
                                            "towards", "into", "over", "about", "between", "among", "than", "like"]

    /// Whether the mention starting at `start` is the object of a preposition ("in Beijing", "from the U.S.").
    static func isPrepositionObject(_ start: Int, words: [String]) -> Bool {
        start >= 1 && (prepositions.contains(words[start - 1])
            || (start >= 2 && words[start - 1] == "the" && prepositions.contains(words[start - 2])))
    }

    /// Nouns for the people, organs and state vessels that speak or act for a party ("U.S.
    /// officials", "a Chinese coast guard vessel").
    static let officials: Set<String> = ["official", "officials", "government", "ministry", "minister", "spokesman",
                                         "spokeswoman", "spokesperson", "embassy", "military", "army", "navy", "president",
                                         "authorities", "diplomat", "diplomats", "envoy", "delegation", "side", "leader",
                                         "negotiators", "negotiator", "administration", "sources", "forces", "troops", "coast",
                                         // state vessels and aircraft act for their state ("the Chinese vessel blocked …")
                                         "vessel", "vessels", "ship", "ships", "boat", "boats", "warship", "warships",
                                         "coastguard", "militia", "aircraft", "jets", "planes", "submarine", "frigate", "destroyer"]
    static let pronouns: Set<String> = ["he", "she", "they", "we", "it", "i", "his", "her", "its", "their"]
    static let firstPerson: Set<String> = ["we", "our", "i", "my", "ours", "we're", "we've", "we'll", "i'm"]

    /// Whether a said-verb of the sentence has a speaker that is not a party and not a pronoun or
    /// bare title ("analysts said", "…, said Lee, an opposition leader").
    static func hasOtherSpeaker(_ words: [String], mentions: [Mention]) -> Bool {
        !otherSpeakerPositions(words, mentions: mentions).isEmpty
    }

    /// The said-verbs whose speaker is not a party (``hasOtherSpeaker(_:mentions:)``).
    static func otherSpeakerPositions(_ words: [String], mentions: [Mention]) -> [Int] {
        let n = words.count
        let partyTokens = Set(mentions.flatMap { Array($0.tokenRange) })
        return words.indices.filter { p in
            guard saidVerbs.contains(words[p]) else { return false }
            let before = p >= 1 ? words[p - 1] : "^"
            let after = p + 1 < n ? words[p + 1] : "$"
            let nearParty = (max(0, p - 3)..<min(n, p + 3)).contains(where: partyTokens.contains)
            let speaker = before.first?.isLetter == true ? before : after
            return !nearParty && speaker.first?.isLetter == true && !anaphoric.contains(speaker) && !pronouns.contains(speaker)
                && !(speaker == after && after == "the" && p + 2 < n && anaphoric.contains(words[p + 2]))
                && !(speaker == before && p >= 2 && anaphoric.contains(words[p - 2]))
        }
    }

    /// What the source model keeps of a sentence for the sentences after it (``SourceContext``).
    public static func contextSentence(tokens: [Token], mentions: [Mention], gazetteer: Gazetteer,
                                       lexicon: StanceLexicon = .empty, date: String? = nil) -> SourceContextSentence {
        let mentions = partyMentions(mentions, gazetteer: gazetteer, date: date)
        let words = tokens.map(\.text)
        let n = words.count
        let isCue: (String) -> Bool = { saidVerbs.contains($0) || lexicon.entries[$0] != nil }
        let firstCue = words.firstIndex(where: isCue) ?? n
        let firstAny = mentions.map(\.tokenRange.lowerBound).min() ?? 0
        var order: [String] = []
        var speaker: [String: Bool] = [:], subject: [String: Bool] = [:], person: [String: Bool] = [:]
        for m in mentions {
            let id = gazetteer.rollUp(m.partyID, on: date)
            if speaker[id] == nil { order.append(id) }
            let r = m.tokenRange
            var speaks = false
            for j in r.upperBound..<min(n, r.upperBound + 3) where isCue(words[j]) { speaks = true }
            if r.lowerBound >= 1, saidVerbs.contains(words[r.lowerBound - 1]) { speaks = true }
            for j in max(0, r.lowerBound - 3)..<r.lowerBound where words[j] == "according" { speaks = true }
            speaker[id] = (speaker[id] ?? false) || speaks
            // The first party before the first cue, and not the object of a preposition ("… freed in Beijing").
            subject[id] = (subject[id] ?? false)
                || (r.lowerBound == firstAny && r.lowerBound < firstCue && !isPrepositionObject(r.lowerBound, words: words))
            person[id] = (person[id] ?? false) || gazetteer.party(id: m.partyID)?.kind == .person
        }
        return SourceContextSentence(parties: order.map {
            SourceContextSentence.Party(partyID: $0, speaker: speaker[$0]!, subject: subject[$0]!, person: person[$0]!)
        }, otherSpeaker: hasOtherSpeaker(words, mentions: mentions))
    }

    /// Words that stand for a speaker named earlier.
    static let anaphoric: Set<String> = ["he", "she", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
                                         "secretary", "ambassador", "envoy", "premier", "chancellor", "leader", "ministry"]

    /// Whether a said-verb's speaker is a pronoun or a bare title ("he said", "said the minister"),
    /// so a party named earlier in the article may hold the attitude (the `anaphor` flag of the
    /// candidates named only earlier).
    public static func hasAnaphoricSpeaker(_ tokens: [Token]) -> Bool {
        let words = tokens.map(\.text)
        for (i, w) in words.enumerated() where saidVerbs.contains(w) {
            if i >= 1, anaphoric.contains(words[i - 1]) { return true }
            if i + 1 < words.count, anaphoric.contains(words[i + 1]) { return true }
            if i + 2 < words.count, words[i + 1] == "the", anaphoric.contains(words[i + 2]) { return true }
        }
        return false
    }

    /// The candidates of the same pair for another label: only the features crossed with the
    /// label differ (`hostile&…`, `ctx&hostile`, `none&hostile`), so they are renamed in place
    /// and none's sorted list sorted again — the features and their order are exactly what
    /// ``candidates(tokens:mentions:target:targetRanges:label:gazetteer:lexicon:date:context:)``
    /// gives for `label`, at a fraction of the cost (`score` reads both labels of an attitude pair).
    public static func relabeled(_ candidates: [SourceCandidate], from old: StanceLabel, to new: StanceLabel) -> [SourceCandidate] {
        guard old != new else { return candidates }
        let prefix = old.rawValue + "&", newPrefix = new.rawValue + "&"
        let ctxOld = "ctx&" + old.rawValue, ctxNew = "ctx&" + new.rawValue
        let noneOld = "none&" + old.rawValue, noneNew = "none&" + new.rawValue
        return candidates.map { c in
            var f = c.features.map { x -> String in
                if x.hasPrefix(prefix) { return newPrefix + x.dropFirst(prefix.count) }
                if x == ctxOld { return ctxNew }
                if x == noneOld { return noneNew }
                return x
            }
            if c.partyID == nil { f.sort() }
            return SourceCandidate(partyID: c.partyID, ranges: c.ranges, features: f, isContext: c.isContext)
        }
    }

    /// The baseline rule: the first other party named in the sentence, else none.
    public static func baseline(_ candidates: [SourceCandidate]) -> String? {
        candidates.first { !$0.isContext }?.partyID
    }
}

/// Lists of party mentions in a sentence ("the U.S., French and Royal Navy", "US-Philippine"):
/// mentions joined only by commas, "and", "&", hyphens, slashes or "the" are one chain.
struct MentionChains {
    private var chainOf: [Range<Int>: Int] = [:]
    private var sizes: [Int] = []
    private var firsts: [Int] = []  // the first token of each chain
    private let words: [String]
    static let joiners: Set<String> = [",", "and", "&", "-", "–", "/", "the", "'s", "’s"]

    init(_ ranges: [Range<Int>], words: [String]) {
        self.words = words
        let sorted = Set(ranges).sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var previous: Range<Int>?
        for r in sorted {
            if let p = previous, let c = chainOf[p],
               r.lowerBound >= p.upperBound, (p.upperBound..<r.lowerBound).allSatisfy({ Self.joiners.contains(words[$0]) }),
               r.lowerBound - p.upperBound <= 3 {
                chainOf[r] = c
                sizes[c] += 1
            } else if let p = previous, r.overlaps(p), let c = chainOf[p] {
                chainOf[r] = c
            } else {
                chainOf[r] = sizes.count
                sizes.append(1)
                firsts.append(r.lowerBound)
            }
            previous = r
        }
    }

    /// A chain of two or more mentions that holds one of `a` and one of `b`.
    func shared(_ a: [Range<Int>], _ b: [Range<Int>]) -> Int? {
        let other = Set(b.compactMap { chainOf[$0] })
        return a.lazy.compactMap { chainOf[$0] }.first { other.contains($0) && sizes[$0] > 1 }
    }
    func size(_ chain: Int) -> Int { sizes[chain] }
    func isFirst(_ ranges: [Range<Int>], in chain: Int) -> Bool { ranges.contains { $0.lowerBound == firsts[chain] } }
    /// Whether one of `a` and one of `b` are joined by a hyphen or a slash alone: parts of one
    /// token ("US-Philippine", "U.S.-Iraq") or two tokens around a lone "-", "–" or "/".
    func isHyphenJoined(_ a: [Range<Int>], _ b: [Range<Int>]) -> Bool {
        for x in a { for y in b {
            if x == y, x.count == 1 { return true }
            let (l, r) = x.lowerBound < y.lowerBound ? (x, y) : (y, x)
            if r.lowerBound == l.upperBound + 1, ["-", "–", "/"].contains(words[l.upperBound]) { return true }
        } }
        return false
    }
}
