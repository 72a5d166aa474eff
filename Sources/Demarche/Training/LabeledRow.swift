/// One training or evaluation row: a sentence, the party it is about, and the label.
public struct LabeledRow: Sendable, Hashable, Codable {
    /// The sentence.
    public var text: String
    /// The target: a literal substring of `text`, or a party id or name from the gazetteer.
    public var target: String
    /// The stance toward the target.
    public var label: StanceLabel
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
    public init(text: String, target: String, label: StanceLabel, id: String? = nil, source: String? = nil,
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

/// The three stance labels. The case order is the class order of a model's weight columns
/// (sorted by name: conciliatory = 0, hostile = 1, neutral = 2), so class indices are stable and
/// a model file stores the names in that order.
///
/// Encodes and decodes as its name (`"hostile"`), also as a dictionary key; an unknown name is a
/// decoding error, never neutral.
public enum StanceLabel: String, Sendable, Codable, CaseIterable, Hashable, CodingKeyRepresentable,
                          CustomStringConvertible {
    /// A conciliatory attitude toward the party: praise, agreement, an offer of talks.
    case conciliatory
    /// An attitude against the party: accusation, threat, condemnation.
    case hostile
    /// No attitude toward the party.
    case neutral

    /// Every label in class order: conciliatory, hostile, neutral.
    public static let all: [StanceLabel] = allCases

    /// The labels' names in class order, as a model file stores them.
    public static let names: [String] = all.map(\.rawValue)

    /// The column of this label in a model's weights and probability rows.
    public var classIndex: Int {
        switch self {
        case .conciliatory: return 0
        case .hostile: return 1
        case .neutral: return 2
        }
    }

    /// The label of a class index, or nil outside `0..<3`.
    public init?(classIndex: Int) {
        guard StanceLabel.all.indices.contains(classIndex) else { return nil }
        self = StanceLabel.all[classIndex]
    }

    /// The label's name.
    public var description: String { rawValue }
}
