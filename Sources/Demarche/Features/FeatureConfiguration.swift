/// Which target-aware features the stance featurizer adds to the marked n-grams.
///
/// Every switch was chosen by ablation (see the README's accuracy section); turning one off
/// reproduces a row of that table.
public struct FeatureConfiguration: Sendable, Codable, Equatable {
    /// Replace the target's mentions by `<target>` and other parties' by `<party>`.
    public var marksTargets: Bool = true
    /// Words within `windowSize` tokens left and right of the target, with their distance (`L1=accused`).
    public var contextWindow: Bool = true
    /// How many tokens each side the context window reaches.
    public var windowSize: Int = 3
    /// Every word of the sentence tagged with its side of the target (`l:accused`, `r:accused`).
    /// Off by default: it helps on the corpus's own dev split (+0.02) but costs 0.02–0.06 macro-F1
    /// on real news (two ablation runs, README), so it overfits the corpus's writing.
    public var sideOfTarget: Bool = false
    /// Words between a negation cue and the next punctuation tagged `neg:`.
    public var negationScope: Bool = true
    /// Whether the target stands inside quotation marks, first among the parties, or after a colon.
    public var roleCues: Bool = true
    /// Cue-lexicon terms: each hostile or conciliatory word's class, by side of and distance to
    /// the target, and whether it is negated.
    public var lexicon: Bool = true

    public init() {}

    enum CodingKeys: String, CodingKey {
        case marksTargets, contextWindow, windowSize, sideOfTarget, negationScope, roleCues, lexicon
    }

    /// Decodes, taking defaults for switches an older file lacks.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        marksTargets = try c.decodeIfPresent(Bool.self, forKey: .marksTargets) ?? true
        contextWindow = try c.decodeIfPresent(Bool.self, forKey: .contextWindow) ?? true
        windowSize = try c.decodeIfPresent(Int.self, forKey: .windowSize) ?? 3
        sideOfTarget = try c.decodeIfPresent(Bool.self, forKey: .sideOfTarget) ?? true
        negationScope = try c.decodeIfPresent(Bool.self, forKey: .negationScope) ?? true
        roleCues = try c.decodeIfPresent(Bool.self, forKey: .roleCues) ?? true
        lexicon = try c.decodeIfPresent(Bool.self, forKey: .lexicon) ?? false
    }

    /// Plain TF-IDF: no marking and no role features (the baseline of the ablation).
    public static let plain: FeatureConfiguration = {
        var c = FeatureConfiguration()
        c.marksTargets = false; c.contextWindow = false; c.sideOfTarget = false
        c.negationScope = false; c.roleCues = false; c.lexicon = false
        return c
    }()

    /// Checks that the settings make sense.
    /// - Throws: `StanceError.invalidConfiguration` naming the parameter, the rule and the value.
    public func validate() throws {
        if contextWindow && !(1...10).contains(windowSize) {
            throw StanceError.invalidConfiguration(
                parameter: "windowSize", rule: "must be in 1...10", value: "\(windowSize)",
                fix: "use a window of 2 to 4 tokens")
        }
    }
}
