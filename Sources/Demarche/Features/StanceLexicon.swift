import DemarcheText

/// Words that signal hostility or conciliation, with a weight: the cue lexicon the featurizer
/// turns into role-aware terms (`lexnear:hostile:l`), so the model generalises beyond the words
/// its training sentences happen to contain.
///
/// File format (`TrainingData/lexicon.tsv`): UTF-8, `#` comments, a header `word	class	weight`,
/// then one lower-case word per line, class `hostile` or `conciliatory`, weight 1 or 2.
public struct StanceLexicon: Sendable, Equatable {
    /// A word's class and weight.
    public struct Entry: Sendable, Equatable {
        /// `hostile` or `conciliatory`.
        public let cls: String
        /// 1 (mild) or 2 (clear).
        public let weight: Int
    }

    /// The entries by word.
    public let entries: [String: Entry]

    /// An empty lexicon (no lexicon features).
    public static let empty = StanceLexicon(entries: [:])

    /// Creates a lexicon from entries.
    public init(entries: [String: Entry]) { self.entries = entries }

    /// Parses the TSV format.
    /// - Throws: `StanceError.invalidRows` naming each bad line.
    public init(tsv: String, source: String) throws {
        if let entries = try StanceLexicon.entriesCutOnBytes(tsv, source: source) {
            self.entries = entries
            return
        }
        var entries: [String: Entry] = [:]
        var problems: [RowProblem] = []
        var sawHeader = false
        for (n, raw) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader && f.first == "word" { sawHeader = true; continue }
            guard f.count == 3, !f[0].isEmpty, ["hostile", "conciliatory"].contains(f[1]), let w = Int(f[2]), (1...2).contains(w) else {
                problems.append(RowProblem(path: source, line: n + 1, message: "expected word<TAB>hostile|conciliatory<TAB>1|2"))
                continue
            }
            entries[f[0].lowercased()] = Entry(cls: f[1], weight: w)
        }
        if !problems.isEmpty { throw StanceError.invalidRows(problems) }
        self.entries = entries
    }

    /// Reads a lexicon file.
    public init(contentsOf path: String) throws {
        try self.init(tsv: try readTextFile(path), source: path)
    }

    /// The TSV form, sorted by word (so model files are deterministic).
    public func tsv() -> String {
        var out = "word\tclass\tweight\n"
        for word in entries.keys.sorted() {
            let e = entries[word]!
            out += "\(word)\t\(e.cls)\t\(e.weight)\n"
        }
        return out
    }
}
