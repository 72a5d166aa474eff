import Foundation

/// How much the rest of an article weighs on each (sentence, party) label of ``StanceModel/score(article:id:date:context:)``.
///
/// A careful reader labels one sentence with the whole article in mind: a party attacked in most
/// of the sentences about it is rarely the object of conciliation in the next one because a cue
/// word ("talks", "agreed") happens to sit near its name. Each pair's hostile and conciliatory
/// probabilities are multiplied by the share that side holds in the party's *other* sentences of
/// the article (leave-one-out means of the calibrated probabilities), raised to `weight`, and the
/// three are normalised again:
///
///     P′(hostile) ∝ P(hostile) · ((m_h + ε) / (m_h + m_c + 2ε))^weight
///     P′(conciliatory) ∝ P(conciliatory) · ((m_c + ε) / (m_h + m_c + 2ε))^weight
///     P′(neutral) ∝ P(neutral)
///
/// with `m_h`, `m_c` the mean P(hostile), P(conciliatory) of the party's other sentences and
/// ε = 0.001. Both factors are at most 1, so a pair labeled neutral stays neutral; a hostile or
/// conciliatory pair can turn to the side the rest of the article takes, or to neutral when the
/// rest is balanced. A party named in one sentence only is left as it is.
///
/// Measured on `../shared/eval/articles-dev` (docs/EXPERIMENTS.md, session 7): verdicts right
/// 46 → 52 of 83 with the bundled model and 44 → 51 with a C = 4 model at weight 0.75 (48–52
/// over weights 0.25–1.25), rows macro-F1 through `score` 0.580 → 0.584 (0.584 → 0.587 with the C = 4 model).
public struct ArticleContext: Sendable, Equatable, Hashable {
    /// The exponent of the context factors; 0 scores every sentence on its own.
    public let weight: Double

    /// The default (weight 0.75, chosen on articles-dev, the middle of the range that helped).
    public static let `default` = ArticleContext(weight: 0.75)
    /// Every sentence on its own, as `eval` labels single rows.
    public static let none = ArticleContext(weight: 0)

    /// Creates a context with `weight` ≥ 0 (finite).
    public init(weight: Double) {
        precondition(weight.isFinite && weight >= 0, "the article-context weight must be a finite number ≥ 0")
        self.weight = weight
    }

    static let epsilon = 0.001

    /// The probabilities of an article's pairs adjusted by the rest of the article.
    /// - Parameters:
    ///   - probabilities: each pair's calibrated probabilities.
    ///   - parties: each pair's (rolled-up) party, parallel to `probabilities`; a party has at
    ///     most one pair per sentence.
    /// - Returns: the adjusted probabilities, in the same order (the input when `weight` is 0).
    public func adjust<Party: Hashable>(_ probabilities: [StanceProbabilities], parties: [Party]) -> [StanceProbabilities] {
        precondition(probabilities.count == parties.count, "one party per pair")
        guard weight > 0 else { return probabilities }
        var sums: [Party: (hostile: Double, conciliatory: Double, count: Int)] = [:]
        for (p, party) in zip(probabilities, parties) {
            sums[party, default: (0, 0, 0)].hostile += p.hostile
            sums[party]!.conciliatory += p.conciliatory
            sums[party]!.count += 1
        }
        return zip(probabilities, parties).map { p, party in
            let s = sums[party]!
            guard s.count > 1 else { return p }
            let others = Double(s.count - 1)
            // Leave-one-out: the sum minus this pair, clamped at 0 against rounding.
            let mh = max(0, s.hostile - p.hostile) / others
            let mc = max(0, s.conciliatory - p.conciliatory) / others
            let e = Self.epsilon
            let fh = Self.power((mh + e) / (mh + mc + 2 * e), weight)
            let fc = Self.power((mc + e) / (mh + mc + 2 * e), weight)
            let h = p.hostile * fh, c = p.conciliatory * fc, n = p.neutral
            let z = h + c + n
            guard z > 0, z.isFinite else { return p }
            return StanceProbabilities(hostile: h / z, conciliatory: c / z, neutral: n / z)
        }
    }

    /// x^y for x in (0, 1], y ≥ 0, by exp(y·log x).
    static func power(_ x: Double, _ y: Double) -> Double {
        if y == 1 { return x }
        return exp(y * log(x))
    }
}
