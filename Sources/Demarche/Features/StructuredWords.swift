import DemarcheML

/// The word stream of one document read for structure: which cue-lexicon entry each word is,
/// whether it is negated, its `StanceFeaturizer.WordCategory` bits and clause number, and where
/// the target and the other parties stand. It writes the terms that say whom the cues are aimed
/// at (`FeatureConfiguration.cueAttribution`, `.grammaticalRole`, `.clauseScope`).
///
/// Positions are indices into the document's tokens (punctuation dropped, each mention one token).
struct StructuredWords {
    /// The lexicon entry number of each word, or -1.
    let entries: [Int32]
    /// Each lexicon entry's class: 0 hostile, 1 conciliatory.
    let entryClass: [UInt8]
    /// Whether each word stands in a negation's scope.
    let negated: [Bool]
    /// Each word's `WordCategory` bits (0 for mentions).
    let category: [Int32]
    /// Each word's clause number (non-decreasing).
    let clause: [Int32]
    /// The target's mentions, ascending.
    let targets: [Int]
    /// Other parties' mentions, ascending.
    let others: [Int]

    static let classNames = ["hostile", "conciliatory"]

    private typealias Category = StanceFeaturizer.WordCategory

    /// The class (0 hostile, 1 conciliatory) of word `k` when it is a cue, else nil.
    @inline(__always)
    func cueClass(_ k: Int) -> Int? {
        let e = entries[k]
        return e < 0 ? nil : Int(entryClass[Int(e)])
    }

    @inline(__always)
    private func negSuffix(_ k: Int) -> String { negated[k] ? ":neg" : "" }

    @inline(__always)
    private func has(_ k: Int, _ c: Int32) -> Bool { category[k] & c != 0 }

    /// 1 for a target mention, 2 for another party's, 0 otherwise.
    private func partyKinds() -> [UInt8] {
        var kinds = [UInt8](repeating: 0, count: entries.count)
        for p in others where p < kinds.count { kinds[p] = 2 }
        for p in targets where p < kinds.count { kinds[p] = 1 }
        return kinds
    }

    /// `att:CLASS:T<` / `att:CLASS:O>`: each cue's class, whether the party mention nearest to it
    /// is the target (`T`) or another party (`O`), and whether the cue stands left (`<`) or right
    /// (`>`) of it (a tie goes to the mention on the right: news verbs aim rightwards);
    /// `attb:CLASS:OT`: the parties on either side of a cue that has one on both; `attown:CLASS`
    /// when some cue of the class is nearest the target, `attaway:CLASS` when there are cues of
    /// the class and other parties but every such cue is nearer another party. Negated cues
    /// carry `:neg`.
    func appendAttributionTerms(to document: inout Document) {
        let kinds = partyKinds()
        let n = entries.count
        // Nearest party mention on each side of every position.
        var leftParty = [Int](repeating: -1, count: n), rightParty = [Int](repeating: -1, count: n)
        var last = -1
        for k in 0..<n { leftParty[k] = last; if kinds[k] != 0 { last = k } }
        last = -1
        for k in stride(from: n - 1, through: 0, by: -1) { rightParty[k] = last; if kinds[k] != 0 { last = k } }
        var own = [Bool](repeating: false, count: 4), seen = own   // index: class * 2 + negated
        for k in 0..<n where kinds[k] == 0 {
            guard let c = cueClass(k) else { continue }
            let l = leftParty[k], r = rightParty[k]
            let nearest: Int
            if l >= 0 && r >= 0 { nearest = (r - k) <= (k - l) ? r : l } else { nearest = max(l, r) }
            guard nearest >= 0 else { continue }
            let name = Self.classNames[c], neg = negSuffix(k)
            let who = kinds[nearest] == 1 ? "T" : "O"
            document.appendExtraTerm("att:" + name + ":" + who + (nearest > k ? "<" : ">") + neg)
            if l >= 0 && r >= 0 {
                document.appendExtraTerm("attb:" + name + ":" + (kinds[l] == 1 ? "T" : "O") + (kinds[r] == 1 ? "T" : "O") + neg)
            }
            let slot = c * 2 + (negated[k] ? 1 : 0)
            seen[slot] = true
            if kinds[nearest] == 1 { own[slot] = true }
        }
        for slot in 0..<4 where seen[slot] {
            let name = Self.classNames[slot / 2] + (slot % 2 == 1 ? ":neg" : "")
            if own[slot] { document.appendExtraTerm("attown:" + name) }
            else if !others.isEmpty { document.appendExtraTerm("attaway:" + name) }
        }
    }

    /// The target's grammatical role, read from the words next to each mention within its clause.
    ///
    /// With `speaker` (`FeatureConfiguration.speakerRole`):
    /// - `@subj:report`: the target speaks (`TARGET said`, `TARGET has also told`,
    ///   `according to TARGET`); `@poss:report` for `TARGET's ministry said`.
    ///
    /// With `grammar` (`FeatureConfiguration.grammaticalRole`):
    /// - `@subj:CLASS`: the target does what a cue verb says (`TARGET accused`),
    ///   `@subj:pass:CLASS` has it done to it (`TARGET was accused`), `@poss:CLASS` for
    ///   `TARGET's forces attacked`;
    /// - `@obj:CLASS:direct` (`accused TARGET`, `condemned the TARGET`) and `@obj:CLASS:PREP`
    ///   (`sanctions on TARGET`, `talks with TARGET`, `condemned by TARGET`).
    ///
    /// Cues in a negation's scope carry `:neg`. Each term is written once per document.
    func appendRoleTerms(to document: inout Document, speaker: Bool, grammar: Bool) {
        let kinds = partyKinds()
        let n = entries.count
        var written = Set<String>()
        func emit(_ term: String, _ document: inout Document) {
            if written.insert(term).inserted { document.appendExtraTerm(term) }
        }
        for p in targets {
            // Right of the mention: the verb the target is the subject of.
            var j = p + 1
            var possessive = false, passive = false
            if j < n && isPossessiveMarker(j, document) {
                possessive = true
                j += 1
            }
            var steps = 0
            while j < n && clause[j] == clause[p] && kinds[j] == 0 && steps < 4 {
                if has(j, Category.reporting) {
                    if speaker { emit(possessive ? "@poss:report" : "@subj:report", &document) }
                    break
                }
                if let c = cueClass(j) {
                    let name = Self.classNames[c], neg = negSuffix(j)
                    if grammar { emit(possessive ? "@poss:" + name + neg : (passive ? "@subj:pass:" : "@subj:") + name + neg, &document) }
                    break
                }
                if has(j, Category.passive) { passive = true }
                else if !possessive && !has(j, Category.filler) { break }
                j += 1; steps += 1
            }
            // Left of the mention: the cue the target is the object of.
            var k = p - 1
            if speaker && k >= 1 && isWord(k, "to", document) && isWord(k - 1, "according", document) {
                emit("@subj:report", &document)
            }
            guard grammar else { continue }
            var skipped = 0
            while k >= 0 && kinds[k] == 0 && skipped < 2 && has(k, Category.determiner) && clause[k] == clause[p] {
                k -= 1; skipped += 1
            }
            guard k >= 0, kinds[k] == 0, clause[k] == clause[p] else { continue }
            if let c = cueClass(k), !has(k, Category.preposition) {
                emit("@obj:" + Self.classNames[c] + ":direct" + negSuffix(k), &document)
            } else if has(k, Category.preposition) {
                let prep = text(k, document)
                var m = k - 1
                while m >= 0 && m >= k - 3 && kinds[m] == 0 && clause[m] == clause[p] {
                    if let c = cueClass(m) {
                        emit("@obj:" + Self.classNames[c] + ":" + prep + negSuffix(m), &document)
                        break
                    }
                    m -= 1
                }
            }
        }
    }

    /// `cl:CLASS:same` for a cue in a clause that holds the target and no other party,
    /// `cl:CLASS:shared` in one that holds the target and another party, `cl:CLASS:other`
    /// outside the target's clauses; `clonly:CLASS:other` when every cue of the class is
    /// outside them. Negated cues carry `:neg`.
    func appendClauseTerms(to document: inout Document) {
        let targetClauses = Set(targets.map { clause[$0] })
        let sharedClauses = Set(others.map { clause[$0] }).intersection(targetClauses)
        var inside = [Bool](repeating: false, count: 2), seen = inside
        let kinds = partyKinds()
        for k in 0..<entries.count where kinds[k] == 0 {
            guard let c = cueClass(k) else { continue }
            let name = Self.classNames[c], neg = negSuffix(k)
            let where_: String
            if targetClauses.contains(clause[k]) {
                where_ = sharedClauses.contains(clause[k]) ? "shared" : "same"
                inside[c] = true
            } else {
                where_ = "other"
            }
            seen[c] = true
            document.appendExtraTerm("cl:" + name + ":" + where_ + neg)
        }
        for c in 0..<2 where seen[c] && !inside[c] { document.appendExtraTerm("clonly:" + Self.classNames[c] + ":other") }
    }

    private func text(_ k: Int, _ document: Document) -> String {
        String(decoding: document.tokenBytes[document.tokenRange(k)], as: UTF8.self)
    }

    private func isWord(_ k: Int, _ word: StaticString, _ document: Document) -> Bool {
        let range = document.tokenRange(k)
        guard range.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { document.tokenBytes[range].elementsEqual($0) }
    }

    private func isPossessiveMarker(_ k: Int, _ document: Document) -> Bool {
        isWord(k, "'s", document) || isWord(k, "’s", document)
    }
}
