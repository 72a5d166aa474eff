/// One sentence of an article (or a headline, caption or dateline line standing on its own).
public struct Sentence: Sendable, Hashable, Codable {
    /// The sentence exactly as written in the original text (no surrounding whitespace).
    public let text: String
    /// Where the sentence is in the original text, in scalar offsets.
    public let span: TextSpan
    /// 0-based index of the paragraph (block separated by blank lines) the sentence belongs to.
    public let paragraph: Int
    /// Whether this is a piece of a longer run of text without a sentence end, cut at
    /// ``SentenceSplitter/maximumSentenceBytes`` so the work per sentence stays bounded; the
    /// next sentence continues it.
    public let isCut: Bool

    /// Creates a sentence; `text` should be the original text at `span`.
    public init(text: String, span: TextSpan, paragraph: Int, isCut: Bool = false) {
        self.text = text
        self.span = span
        self.paragraph = paragraph
        self.isCut = isCut
    }

    enum CodingKeys: String, CodingKey { case text, span, paragraph, isCut }

    /// Decodes; `isCut` is false when absent.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        span = try c.decode(TextSpan.self, forKey: .span)
        paragraph = try c.decode(Int.self, forKey: .paragraph)
        isCut = try c.decodeIfPresent(Bool.self, forKey: .isCut) ?? false
    }

    /// Encodes; `isCut` only when true, so ordinary sentences encode as before.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(span, forKey: .span)
        try c.encode(paragraph, forKey: .paragraph)
        if isCut { try c.encode(isCut, forKey: .isCut) }
    }
}
