/// Settings of a `TfidfVectorizer`, named after scikit-learn's `TfidfVectorizer` parameters.
public struct TfidfConfiguration: Sendable, Codable, Equatable {
    /// Word n-gram lengths (scikit-learn `ngram_range` with `analyzer="word"`).
    public var wordNgramRange: ClosedRange<Int> = 1...2
    /// Character n-gram lengths over each token padded as `" tok "` (scikit-learn `analyzer="char_wb"`),
    /// added to the same vocabulary as the word n-grams; `nil` for none.
    public var characterNgramRange: ClosedRange<Int>? = nil
    /// Keep terms occurring in at least this many documents (scikit-learn integer `min_df`).
    public var minDocumentFrequency: Int = 1
    /// Keep terms occurring in at most this proportion of documents (scikit-learn float `max_df`).
    public var maxDocumentFrequency: Double = 1.0
    /// Keep only this many terms, those with the highest total counts (scikit-learn `max_features`);
    /// ties go to the term that sorts first.
    public var maxFeatures: Int? = nil
    /// Use `1 + ln(tf)` instead of the raw count `tf` (scikit-learn `sublinear_tf`).
    public var sublinearTF: Bool = false
    /// Add one to document frequencies as if one extra document held every term (scikit-learn `smooth_idf`).
    public var smoothIDF: Bool = true
    /// Multiply by the inverse document frequency (scikit-learn `use_idf`).
    public var useIDF: Bool = true
    /// Scale each row to unit Euclidean norm (scikit-learn `norm="l2"`; `false` is `norm=None`).
    public var normalizeRows: Bool = true

    /// The longest word or character n-gram allowed: longer ones only cost time (each token
    /// gives one term per length) and an absurd bound (a damaged model file) must not loop.
    public static let longestNgram = 16

    /// The default settings: word 1–2-grams, no character n-grams, smooth idf, L2 rows.
    public init() {}

    /// Checks every parameter against its rule.
    ///
    /// - Throws: `LearningError.invalidConfiguration` naming the parameter, the rule, the value and a fix.
    /// - Complexity: O(1).
    public func validate() throws {
        if wordNgramRange.lowerBound < 1 {
            throw LearningError.invalid("wordNgramRange lower bound", ">= 1", wordNgramRange,
                                        "use a range such as 1...2")
        }
        if wordNgramRange.upperBound > Self.longestNgram {
            throw LearningError.invalid("wordNgramRange upper bound", "<= \(Self.longestNgram)", wordNgramRange,
                                        "use a range such as 1...2")
        }
        if let range = characterNgramRange, range.upperBound > Self.longestNgram {
            throw LearningError.invalid("characterNgramRange upper bound", "<= \(Self.longestNgram)", range,
                                        "use a range such as 2...4")
        }
        if let range = characterNgramRange, range.lowerBound < 1 {
            throw LearningError.invalid("characterNgramRange lower bound", ">= 1", range,
                                        "use a range such as 2...4, or nil for no character n-grams")
        }
        if minDocumentFrequency < 1 {
            throw LearningError.invalid("minDocumentFrequency", ">= 1", minDocumentFrequency,
                                        "use 1 to keep every term, or a small count such as 2")
        }
        if !(maxDocumentFrequency > 0 && maxDocumentFrequency <= 1) {
            throw LearningError.invalid("maxDocumentFrequency", "in (0, 1]", maxDocumentFrequency,
                                        "use a proportion such as 1.0 (keep all) or 0.5")
        }
        if let limit = maxFeatures, limit < 1 {
            throw LearningError.invalid("maxFeatures", ">= 1", limit, "use nil for no limit or a positive count")
        }
    }
}
