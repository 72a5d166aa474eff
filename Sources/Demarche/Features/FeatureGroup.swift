/// One group of target-aware terms the stance featurizer adds to the marked n-grams.
///
/// Every group was chosen by ablation (see docs/EXPERIMENTS.md); turning one off reproduces a row
/// of that table. The raw value is the group's key in a model file's header; ``shortName`` is its
/// name on the command line (`demarche train --with side --without lexicon`).
/// To add a group: a case here (with its short name), its terms in `StanceFeaturizer`, and
/// whether files written before it existed had it (``FeatureConfiguration/groupsBeforeNames``).
public enum FeatureGroup: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Replace the target's mentions by `<target>` and other parties' by `<party>`.
    case marksTargets
    /// Words within `windowSize` tokens left and right of the target, with their distance (`L1=accused`).
    case contextWindow
    /// Every word of the sentence tagged with its side of the target (`l:accused`, `r:accused`).
    /// Off by default: it helps on the corpus's own dev split (+0.02) but costs 0.02–0.06 macro-F1
    /// on real news (two ablation runs), so it overfits the corpus's writing.
    case sideOfTarget
    /// Words between a negation cue and the next punctuation tagged `neg:`.
    case negationScope
    /// Whether the target stands inside quotation marks, first among the parties, or after a colon.
    case roleCues
    /// Cue-lexicon terms: each hostile or conciliatory word's class, by side of and distance to
    /// the target, and whether it is negated.
    case lexicon
    /// Cue attribution: each cue-lexicon word's class by the party mention nearest to it (the
    /// target or another party) and its side of that mention (`att:hostile:T<`), the pair of
    /// parties it stands between (`attb:hostile:OT`), and whether any cue of a class is nearest
    /// the target (`attown:hostile`) or all of them are nearer other parties (`attaway:hostile`).
    /// Like `grammaticalRole` and `clauseScope`, it reads cues through the `lexicon` group and
    /// writes no cue terms without it.
    case cueAttribution
    /// The target as the speaker: subject of a reporting verb (`TARGET said` → `@subj:report`,
    /// `according to TARGET`), or its possessor (`TARGET's ministry said` → `@poss:report`).
    case speakerRole
    /// The target's grammatical role toward a cue read from the words around it: subject of a
    /// cue verb (`@subj:hostile`) or of a passive one (`@subj:pass:hostile`); object of a cue,
    /// directly or through a preposition (`@obj:hostile:direct`, `@obj:hostile:on`).
    case grammaticalRole
    /// Clause scoping: each cue word's class by whether it stands in a clause holding the target
    /// (`cl:hostile:same`) or in another one (`cl:hostile:other`); clauses end at punctuation,
    /// before subordinators (`while`, `but`, `that`…) and after reporting verbs.
    case clauseScope
    /// Cues by party count: each cue-lexicon class present in the sentence, joined with whether
    /// the target is the only party named (`alone:hostile:near`) or not (`others:hostile:far`),
    /// negated or not (`alone:conciliatory:neg:near`) and within 3 words of the target or
    /// farther; one term per combination present. A linear model cannot otherwise tell a hostile
    /// word in a sentence that names only the target (mostly aimed at it) from one in a sentence
    /// that names other parties too (often aimed at them). Reads cues through the `lexicon`
    /// group and writes nothing without it.
    case aloneCues

    /// The name on the command line (`--with side`, `--without lexicon`).
    public var shortName: String {
        switch self {
        case .marksTargets: return "marks"
        case .contextWindow: return "window"
        case .sideOfTarget: return "side"
        case .negationScope: return "negation"
        case .roleCues: return "role"
        case .lexicon: return "lexicon"
        case .cueAttribution: return "attribution"
        case .speakerRole: return "speaker"
        case .grammaticalRole: return "grammar"
        case .clauseScope: return "clause"
        case .aloneCues: return "alone"
        }
    }

    /// The group of a command-line name, or nil for an unknown one.
    public init?(shortName: String) {
        guard let group = FeatureGroup.allCases.first(where: { $0.shortName == shortName }) else { return nil }
        self = group
    }

    /// The groups given as a comma-separated list of short names (`"lexicon, role"`); blanks
    /// between commas are skipped.
    /// - Throws: `StanceError.invalidConfiguration` naming `parameter` and the unknown name.
    public static func groups(shortNames list: String, parameter: String) throws -> [FeatureGroup] {
        try list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { name in
            guard let group = FeatureGroup(shortName: name) else {
                let names = FeatureGroup.allCases.map(\.shortName)
                throw StanceError.invalidConfiguration(
                    parameter: parameter,
                    rule: "must name " + names.dropLast().joined(separator: ", ") + " or " + names.last!,
                    value: name, fix: "e.g. --\(parameter) lexicon,role")
            }
            return group
        }
    }

    /// The short name.
    public var description: String { shortName }
}
