/// Roll-up: which party a mention counts for in a per-party summary (LABELING.md rule 8).
///
/// A person in office speaks for their state or organisation; a government organ, force or
/// embassy (`group` with an affiliation) counts for its state; an organ of an organisation (an
/// `organisation` row with an affiliation, such as the Security Council) counts for it. Rows
/// without an affiliation, and non-state groups, stand for themselves.
extension Gazetteer {
    /// The party `id` counts for, following affiliations (at most a few steps, cycles ignored).
    ///
    /// - Parameters:
    ///   - id: a gazetteer id (an unknown id is returned as is).
    ///   - date: the article's date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), when known. A person
    ///     rolls up only while in office on that date (between `from` and `to`, where given);
    ///     without a date, by their most recent office (their affiliation).
    /// - Returns: the id of the party the summary counts `id` for.
    public func rollUp(_ id: String, on date: String? = nil) -> String {
        var current = id
        var seen: Set<String> = [id]
        while let party = party(id: current), party.kind != .state, party.kind != .nonParty,
              let parent = party.affiliation, let parentParty = self.party(id: parent), parentParty.kind != .nonParty {
            if party.kind == .person, let date, !Gazetteer.isInOffice(party, on: date) { break }
            guard seen.insert(parent).inserted else { break }
            current = parent
        }
        return current
    }

    /// Whether a person's `from`…`to` span covers `date` (dates compared as text prefixes of
    /// ISO dates, at the precision both give; a missing bound is open). A date `YYYY+` ("that
    /// year or later", inferred from the years an undated article names) only rules out offices
    /// that ended before it.
    static func isInOffice(_ party: Party, on date: String) -> Bool {
        if date.hasSuffix("+") {
            let year = String(date.dropLast())
            guard let to = party.to else { return true }
            return to.prefix(year.count) >= year
        }
        func compare(_ a: String, _ b: String) -> Int {
            let n = min(a.count, b.count)
            let x = a.prefix(n), y = b.prefix(n)
            return x < y ? -1 : (x > y ? 1 : 0)
        }
        if let from = party.from, compare(date, from) < 0 { return false }
        if let to = party.to, compare(date, to) > 0 { return false }
        return true
    }
}
