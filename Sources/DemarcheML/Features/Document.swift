/// One document for the vectorizer: its tokens, and extra terms added as they are.
///
/// Word n-grams are built over `tokens` joined by a single space, as scikit-learn does
/// (`"the talks"`); character n-grams, when configured, over each token padded with one space on
/// each side. `extraTerms` become terms unchanged, with no n-grams, so a caller can add its own
/// features such as `"L1=accused"`. Tokens are expected to contain no whitespace.
///
/// Storage: the tokens' UTF-8 bytes joined by single spaces in one buffer and the extra terms'
/// bytes back to back in another, with end offsets. A featurizer appends bytes straight into
/// these buffers (`appendToken`, `appendExtraBytes`/`endExtraTerm`), so building a document
/// allocates a few arrays rather than one `String` per term, and the vectorizer reads every word
/// n-gram as a contiguous byte range. `tokens` and `extraTerms` rebuild the strings on access.
/// Two documents are equal when their tokens and extra terms are equal byte for byte.
public struct Document: Sendable, Hashable {
    /// The tokens' UTF-8 bytes joined by single spaces (`0x20`).
    public private(set) var tokenBytes: [UInt8] = []
    /// Token `i` ends at `tokenEnds[i]` in `tokenBytes` and starts one byte after the end of
    /// token `i - 1` (at 0 for the first).
    public private(set) var tokenEnds: [Int32] = []
    /// The extra terms' UTF-8 bytes, back to back.
    public private(set) var extraBytes: [UInt8] = []
    /// Extra term `i` is `extraBytes[extraEnds[i - 1] ..< extraEnds[i]]` (from 0 for the first).
    public private(set) var extraEnds: [Int32] = []

    /// An empty document.
    public init() {}

    /// Creates a document.
    /// - Parameters:
    ///   - tokens: the tokens, in order.
    ///   - extraTerms: terms added unchanged (default none).
    public init(tokens: [String], extraTerms: [String] = []) {
        self.tokens = tokens
        self.extraTerms = extraTerms
    }

    /// The document's tokens, in order.
    public var tokens: [String] {
        get { (0..<tokenCount).map { String(decoding: tokenBytes[tokenRange($0)], as: UTF8.self) } }
        set {
            tokenBytes.removeAll(keepingCapacity: true)
            tokenEnds.removeAll(keepingCapacity: true)
            for token in newValue { appendToken(token) }
        }
    }

    /// Terms added as they are, after the n-grams.
    public var extraTerms: [String] {
        get { (0..<extraTermCount).map { String(decoding: extraBytes[extraTermRange($0)], as: UTF8.self) } }
        set {
            extraBytes.removeAll(keepingCapacity: true)
            extraEnds.removeAll(keepingCapacity: true)
            for term in newValue { appendExtraTerm(term) }
        }
    }

    /// The number of tokens.
    @inlinable public var tokenCount: Int { tokenEnds.count }
    /// The number of extra terms.
    @inlinable public var extraTermCount: Int { extraEnds.count }

    /// Token `i`'s byte range in `tokenBytes`.
    @inlinable
    public func tokenRange(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(tokenEnds[i - 1]) + 1)..<Int(tokenEnds[i])
    }

    /// Extra term `i`'s byte range in `extraBytes`.
    @inlinable
    public func extraTermRange(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(extraEnds[i - 1]))..<Int(extraEnds[i])
    }

    /// Removes every token and extra term, keeping the storage (a caller reusing one document).
    public mutating func removeAll() {
        tokenBytes.removeAll(keepingCapacity: true)
        tokenEnds.removeAll(keepingCapacity: true)
        extraBytes.removeAll(keepingCapacity: true)
        extraEnds.removeAll(keepingCapacity: true)
    }

    /// Reserves room for about `tokens` tokens of `bytes` bytes and `extraTerms` extra terms of
    /// `extraBytes` bytes.
    public mutating func reserveCapacity(tokens: Int, bytes: Int, extraTerms: Int, extraBytes: Int) {
        tokenEnds.reserveCapacity(tokens)
        tokenBytes.reserveCapacity(bytes)
        extraEnds.reserveCapacity(extraTerms)
        self.extraBytes.reserveCapacity(extraBytes)
    }

    // MARK: Appending tokens

    /// Appends a token given as UTF-8 bytes.
    public mutating func appendToken(_ utf8: UnsafeRawBufferPointer) {
        if !tokenEnds.isEmpty { tokenBytes.append(0x20) }
        tokenBytes.append(contentsOf: utf8)
        tokenEnds.append(Int32(truncatingIfNeeded: tokenBytes.count))
    }

    /// Appends a token.
    public mutating func appendToken(_ token: String) {
        if !tokenEnds.isEmpty { tokenBytes.append(0x20) }
        tokenBytes.append(contentsOf: token.utf8)
        tokenEnds.append(Int32(truncatingIfNeeded: tokenBytes.count))
    }

    // MARK: Appending extra terms

    /// Appends bytes to the extra term being built; `endExtraTerm()` finishes it.
    public mutating func appendExtraBytes(_ utf8: UnsafeRawBufferPointer) {
        extraBytes.append(contentsOf: utf8)
    }

    /// Appends a literal's bytes to the extra term being built.
    public mutating func appendExtraBytes(_ literal: StaticString) {
        extraBytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends one byte to the extra term being built.
    public mutating func appendExtraByte(_ byte: UInt8) {
        extraBytes.append(byte)
    }

    /// Appends token `i`'s bytes to the extra term being built.
    public mutating func appendExtraBytes(ofToken i: Int) {
        let range = tokenRange(i)
        tokenBytes.withUnsafeBufferPointer { t in
            extraBytes.append(contentsOf: UnsafeBufferPointer(rebasing: t[range]))
        }
    }

    /// Ends the extra term whose bytes were appended since the previous term ended.
    public mutating func endExtraTerm() {
        extraEnds.append(Int32(truncatingIfNeeded: extraBytes.count))
    }

    /// Appends a whole extra term.
    public mutating func appendExtraTerm(_ term: String) {
        extraBytes.append(contentsOf: term.utf8)
        endExtraTerm()
    }

    /// Appends a whole extra term given as a literal.
    public mutating func appendExtraTerm(_ literal: StaticString) {
        appendExtraBytes(literal)
        endExtraTerm()
    }

    /// Appends the extra term `prefix` + token `i` (`"l:" + word`).
    public mutating func appendExtraTerm(_ prefix: StaticString, token i: Int) {
        appendExtraBytes(prefix)
        appendExtraBytes(ofToken: i)
        endExtraTerm()
    }

    /// Equality of tokens and extra terms, byte for byte.
    public static func == (a: Document, b: Document) -> Bool {
        a.tokenEnds == b.tokenEnds && a.tokenBytes == b.tokenBytes
            && a.extraEnds == b.extraEnds && a.extraBytes == b.extraBytes
    }

    /// Hashes tokens and extra terms.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(tokenEnds)
        hasher.combine(tokenBytes)
        hasher.combine(extraEnds)
        hasher.combine(extraBytes)
    }
}
