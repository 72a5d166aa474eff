import Foundation

/// Which target-aware feature groups the stance featurizer adds to the marked n-grams, and the
/// context window's reach.
///
/// Every group was chosen by ablation (docs/EXPERIMENTS.md); turning one off reproduces a row of
/// that table. Two sets matter:
/// - ``defaultGroups``: what `FeatureConfiguration()` and `demarche train` use (the bundled
///   model's settings): marks, window, negation, role, lexicon.
/// - ``groupsBeforeNames``: what a model file that does not name a group was trained with. Such
///   a file predates the group, so the group's state then is its answer: `sideOfTarget` was on
///   (it was turned off by default later) and `lexicon` and every newer group did not exist yet.
///
/// A model file's header stores the six original groups as booleans always and the newer ones
/// only when on, so a model trained without them is byte for byte what it was before they existed.
public struct FeatureConfiguration: Sendable, Codable, Equatable {
    /// The groups turned on.
    public var groups: Set<FeatureGroup>
    /// How many tokens each side the context window (``FeatureGroup/contextWindow``) reaches.
    public var windowSize: Int = 3

    /// The groups of `FeatureConfiguration()`: marks, window, negation, role and lexicon.
    public static let defaultGroups: Set<FeatureGroup> = [.marksTargets, .contextWindow, .negationScope, .roleCues, .lexicon]

    /// What a model file that does not name a group was trained with: marks, window, side,
    /// negation and role (the groups of the first model files).
    public static let groupsBeforeNames: Set<FeatureGroup> = [.marksTargets, .contextWindow, .sideOfTarget, .negationScope, .roleCues]

    /// The groups every header names (true or false); the others appear only when on.
    static let alwaysWritten: [FeatureGroup] = [.marksTargets, .contextWindow, .sideOfTarget, .negationScope, .roleCues, .lexicon]

    /// The default settings (``defaultGroups``, a window of 3).
    public init() { groups = Self.defaultGroups }

    /// Settings with these groups on and the others off.
    public init(groups: Set<FeatureGroup>, windowSize: Int = 3) {
        self.groups = groups; self.windowSize = windowSize
    }

    /// Whether a group is on; set it to turn the group on or off.
    public subscript(group: FeatureGroup) -> Bool {
        get { groups.contains(group) }
        set { if newValue { groups.insert(group) } else { groups.remove(group) } }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes; a group the file does not name takes its state in ``groupsBeforeNames``.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        groups = []
        for group in FeatureGroup.allCases {
            if try c.decodeIfPresent(Bool.self, forKey: Key(group.rawValue)) ?? Self.groupsBeforeNames.contains(group) {
                groups.insert(group)
            }
        }
        windowSize = try c.decodeIfPresent(Int.self, forKey: Key("windowSize")) ?? 3
    }

    /// Encodes the original groups always and the newer ones only when on.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for group in FeatureGroup.allCases where Self.alwaysWritten.contains(group) || groups.contains(group) {
            try c.encode(groups.contains(group), forKey: Key(group.rawValue))
        }
        try c.encode(windowSize, forKey: Key("windowSize"))
    }

    /// Plain TF-IDF: no marking and no role features (the baseline of the ablation).
    public static let plain = FeatureConfiguration(groups: [])

    /// Checks that the settings make sense.
    /// - Throws: `StanceError.invalidConfiguration` naming the parameter, the rule and the value.
    public func validate() throws {
        if self[.contextWindow] && !(1...10).contains(windowSize) {
            throw StanceError.invalidConfiguration(
                parameter: "windowSize", rule: "must be in 1...10", value: "\(windowSize)",
                fix: "use a window of 2 to 4 tokens")
        }
    }
}
