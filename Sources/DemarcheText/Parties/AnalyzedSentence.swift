/// A sentence with its tokens and the party mentions found in them.
public struct AnalyzedSentence: Sendable {
    /// The sentence, with its original text and span.
    public let sentence: Sentence
    /// Its tokens, with spans in the article's scalar offsets.
    public let tokens: [Token]
    /// Mentions in token order; `tokenRange` indexes ``tokens``.
    public let mentions: [Mention]

    /// Creates an analysed sentence.
    public init(sentence: Sentence, tokens: [Token], mentions: [Mention]) {
        self.sentence = sentence
        self.tokens = tokens
        self.mentions = mentions
    }
}
