/// A read-only index of distinct names (`0, 1, 2, …` in the given order), keyed by their UTF-8
/// bytes and looked up with the vocabulary's hash (``TermTable``): a named-feature model's weights
/// found without `Dictionary`'s per-lookup SipHash (issue 18: the source model's feature lookups were
/// an eighth of scoring an article). Two names are the same exactly when their bytes are (no Unicode
/// canonical equivalence, unlike `String ==`).
public struct NameIndex: Sendable {
    private var table: TermTable

    /// Indexes `names` in order; a repeated name is skipped (positions count the distinct names).
    public init(_ names: [String]) {
        table = TermTable(capacity: names.count)
        for name in names { _ = table.insert(name) }
    }

    /// The position of `name`, or nil.
    @inline(__always)
    public func position(of name: String) -> Int? {
        let id = table.find(name)
        return id >= 0 ? id : nil
    }
}
