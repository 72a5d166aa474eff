/// One training or evaluation row: a sentence, the party it is about, and the label.
public struct LabeledRow: Sendable, Hashable, Codable {
    /// The sentence.
    public var text: String
    /// The target: a literal substring of `text`, or a party id or name from the gazetteer.
    public var target: String
    /// One of the model's labels (`hostile`, `conciliatory`, `neutral`).
    public var label: String
    /// An optional identifier carried through to predictions.
    public var id: String?
    /// The file the row came from, for error messages ("" when built in code).
    public var path: String
    /// The 1-based line the row starts on (0 when built in code).
    public var line: Int
    /// Who holds the attitude: a party id or name from the gazetteer, `none` (not a party), or nil
    /// when unknown (the optional `source` field of JSON Lines and CSV rows; `""` reads as nil).
    public var source: String? = nil

    /// Creates a row.
    public init(text: String, target: String, label: String, id: String? = nil, source: String? = nil,
                path: String = "", line: Int = 0) {
        self.text = text; self.target = target; self.label = label; self.id = id
        self.source = source.flatMap { $0.isEmpty ? nil : $0 }
        self.path = path; self.line = line
    }

    /// A problem report pointing at this row.
    func problem(_ message: String) -> RowProblem {
        RowProblem(path: path.isEmpty ? "<input>" : path, line: line, message: message)
    }
}

/// The three stance labels, sorted as they are stored in a model.
public enum StanceLabel {
    /// `conciliatory`, `hostile`, `neutral`: sorted, so class indices are stable.
    public static let all = ["conciliatory", "hostile", "neutral"]
}
