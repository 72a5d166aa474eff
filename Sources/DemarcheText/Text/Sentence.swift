/// One sentence of an article (or a headline, caption or dateline line standing on its own).
public struct Sentence: Sendable, Hashable, Codable {
    /// The sentence exactly as written in the original text (no surrounding whitespace).
    public let text: String
    /// Where the sentence is in the original text, in scalar offsets.
    public let span: TextSpan
    /// 0-based index of the paragraph (block separated by blank lines) the sentence belongs to.
    public let paragraph: Int

    /// Creates a sentence; `text` should be the original text at `span`.
    public init(text: String, span: TextSpan, paragraph: Int) {
        self.text = text
        self.span = span
        self.paragraph = paragraph
    }
}
