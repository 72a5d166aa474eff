/// A per-party verdict over an article: the reader's rule of `articles-dev` (DESIGN.md,
/// "What the article summary means").
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// At least a third of the sentences carry an attitude, and hostility at least twice conciliation.
    case hostile
    /// At least a third carry an attitude, and conciliation at least twice hostility.
    case conciliatory
    /// Fewer than a third of the sentences carry an attitude toward the party.
    case neutral
    /// At least a third carry an attitude, and neither side is twice the other.
    case mixed

    /// The rule: with n = hostile + conciliatory + neutral, `neutral` when hostile + conciliatory
    /// < n / 3 (exactly a third is not neutral); else `hostile` when hostile ≥ 2 × conciliatory;
    /// else `conciliatory` when conciliatory ≥ 2 × hostile; else `mixed`.
    ///
    /// The amounts may be counts of labeled sentences or expected counts (sums of calibrated
    /// probabilities); an empty total is neutral.
    public static func rule(hostile: Double, conciliatory: Double, neutral: Double) -> Verdict {
        let total = hostile + conciliatory + neutral
        if total <= 0 || (hostile + conciliatory) * 3 < total { return .neutral }
        if hostile >= 2 * conciliatory { return .hostile }
        if conciliatory >= 2 * hostile { return .conciliatory }
        return .mixed
    }
}
