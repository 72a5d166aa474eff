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
    /// Cue attribution: each cue-lexicon word's class by the party mention nearest to it (the
    /// target or another party) and its side of that mention (`att:hostile:T<`), the pair of
    /// parties it stands between (`attb:hostile:OT`), and whether any cue of a class is nearest
    /// the target (`attown:hostile`) or all of them are nearer other parties (`attaway:hostile`).
    /// Like `grammaticalRole` and `clauseScope`, it reads cues through the `lexicon` group and
    /// writes no cue terms without it.
    public var cueAttribution: Bool = false
    /// The target as the speaker: subject of a reporting verb (`TARGET said` → `@subj:report`,
    /// `according to TARGET`), or its possessor (`TARGET's ministry said` → `@poss:report`).
    public var speakerRole: Bool = false
    /// The target's grammatical role toward a cue read from the words around it: subject of a
    /// cue verb (`@subj:hostile`) or of a passive one (`@subj:pass:hostile`); object of a cue,
    /// directly or through a preposition (`@obj:hostile:direct`, `@obj:hostile:on`).
    public var grammaticalRole: Bool = false
    /// Clause scoping: each cue word's class by whether it stands in a clause holding the target
    /// (`cl:hostile:same`) or in another one (`cl:hostile:other`); clauses end at punctuation,
    /// before subordinators (`while`, `but`, `that`…) and after reporting verbs.
    public var clauseScope: Bool = false
    /// Cues by party count: each cue-lexicon class present in the sentence, joined with whether
    /// the target is the only party named (`alone:hostile:near`) or not (`others:hostile:far`),
    /// negated or not (`alone:conciliatory:neg:near`) and within 3 words of the target or
    /// farther; one term per combination present. A linear model cannot otherwise tell a hostile
    /// word in a sentence that names only the target (mostly aimed at it) from one in a sentence
    /// that names other parties too (often aimed at them). Reads cues through the `lexicon`
    /// group and writes nothing without it.
    public var aloneCues: Bool = false

    public init() {}

    enum CodingKeys: String, CodingKey {
        case marksTargets, contextWindow, windowSize, sideOfTarget, negationScope, roleCues, lexicon
        case cueAttribution, speakerRole, grammaticalRole, clauseScope, aloneCues
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
        // Files written before these groups existed were trained without them.
        cueAttribution = try c.decodeIfPresent(Bool.self, forKey: .cueAttribution) ?? false
        speakerRole = try c.decodeIfPresent(Bool.self, forKey: .speakerRole) ?? false
        grammaticalRole = try c.decodeIfPresent(Bool.self, forKey: .grammaticalRole) ?? false
        clauseScope = try c.decodeIfPresent(Bool.self, forKey: .clauseScope) ?? false
        aloneCues = try c.decodeIfPresent(Bool.self, forKey: .aloneCues) ?? false
    }

    /// Encodes every switch, except the newer groups when they are off, so a model trained
    /// without them is byte for byte what it was before they existed.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(marksTargets, forKey: .marksTargets)
        try c.encode(contextWindow, forKey: .contextWindow)
        try c.encode(windowSize, forKey: .windowSize)
        try c.encode(sideOfTarget, forKey: .sideOfTarget)
        try c.encode(negationScope, forKey: .negationScope)
        try c.encode(roleCues, forKey: .roleCues)
        try c.encode(lexicon, forKey: .lexicon)
        if cueAttribution { try c.encode(cueAttribution, forKey: .cueAttribution) }
        if speakerRole { try c.encode(speakerRole, forKey: .speakerRole) }
        if grammaticalRole { try c.encode(grammaticalRole, forKey: .grammaticalRole) }
        if clauseScope { try c.encode(clauseScope, forKey: .clauseScope) }
        if aloneCues { try c.encode(aloneCues, forKey: .aloneCues) }
    }

    /// Plain TF-IDF: no marking and no role features (the baseline of the ablation).
    public static let plain: FeatureConfiguration = {
        var c = FeatureConfiguration()
        c.marksTargets = false; c.contextWindow = false; c.sideOfTarget = false
        c.negationScope = false; c.roleCues = false; c.lexicon = false
        c.cueAttribution = false; c.speakerRole = false; c.grammaticalRole = false; c.clauseScope = false
        c.aloneCues = false
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
