/// One document for the vectorizer: its tokens, and extra terms added as they are.
///
/// Word n-grams are built over `tokens` joined by a single space, as scikit-learn does
/// (`"the talks"`); character n-grams, when configured, over each token padded with one space on
/// each side. `extraTerms` become terms unchanged, with no n-grams, so a caller can add its own
/// features such as `"L1=accused"`. Tokens are expected to contain no whitespace.
public struct Document: Sendable, Hashable {
    /// The document's tokens, in order.
    public var tokens: [String]
    /// Terms added as they are, after the n-grams.
    public var extraTerms: [String]

    /// Creates a document.
    /// - Parameters:
    ///   - tokens: the tokens, in order.
    ///   - extraTerms: terms added unchanged (default none).
    public init(tokens: [String], extraTerms: [String] = []) {
        self.tokens = tokens
        self.extraTerms = extraTerms
    }
}
