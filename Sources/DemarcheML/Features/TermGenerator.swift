/// Turns a `Document` into its terms as byte ranges, without building a `String` per term.
///
/// The tokens are written once, joined by single spaces, so the word n-gram `tokens[i..<i+n]` is
/// simply the contiguous bytes from the start of token `i` to the end of token `i+n-1`: exactly
/// scikit-learn's `" ".join(tokens[i:i+n])`. Character n-grams cut each `" tok "` at Unicode
/// scalar boundaries, as Python slices `str`. One generator per worker; reused across documents.
struct TermGenerator {
    let wordRange: ClosedRange<Int>
    let characterRange: ClosedRange<Int>?

    /// Every term's bytes live in here.
    private(set) var bytes: [UInt8] = []
    /// Term `t` is `bytes[termStarts[t] ..< termStarts[t] + termLengths[t]]`.
    private(set) var termStarts: [Int] = []
    private(set) var termLengths: [Int] = []

    private var tokenStarts: [Int] = []
    private var tokenEnds: [Int] = []
    private var scalarStarts: [Int] = []

    init(configuration: TfidfConfiguration) {
        wordRange = configuration.wordNgramRange
        characterRange = configuration.characterNgramRange
    }

    /// The number of terms of the last generated document.
    var termCount: Int { termStarts.count }

    /// Replaces the terms with those of `document`, in scikit-learn's analyzer order: word n-grams
    /// (all unigrams, then bigrams, …), character n-grams, extra terms.
    /// - Complexity: O(bytes of the document · n-gram lengths).
    mutating func generate(_ document: Document) {
        bytes.removeAll(keepingCapacity: true)
        termStarts.removeAll(keepingCapacity: true)
        termLengths.removeAll(keepingCapacity: true)
        tokenStarts.removeAll(keepingCapacity: true)
        tokenEnds.removeAll(keepingCapacity: true)
        bytes.append(0)  // sentinel: the buffer is never empty, its base address never nil

        for (i, token) in document.tokens.enumerated() {
            if i > 0 { bytes.append(0x20) }
            tokenStarts.append(bytes.count)
            bytes.append(contentsOf: token.utf8)
            tokenEnds.append(bytes.count)
        }
        let tokenCount = tokenStarts.count
        for n in wordRange where n <= tokenCount {
            for i in 0...(tokenCount - n) {
                termStarts.append(tokenStarts[i])
                termLengths.append(tokenEnds[i + n - 1] - tokenStarts[i])
            }
        }

        if let range = characterRange {
            for token in document.tokens where !token.isEmpty {
                appendCharacterNgrams(of: token, range: range)
            }
        }

        for term in document.extraTerms {
            termStarts.append(bytes.count)
            bytes.append(contentsOf: term.utf8)
            termLengths.append(bytes.count - termStarts[termStarts.count - 1])
        }
    }

    /// scikit-learn's `_char_wb_ngrams` for one word: windows of `n` scalars over `" word "`; a
    /// padded word no longer than `n` is emitted once, whole, and ends the loop over `n`.
    private mutating func appendCharacterNgrams(of token: String, range: ClosedRange<Int>) {
        let start = bytes.count
        bytes.append(0x20)
        bytes.append(contentsOf: token.utf8)
        bytes.append(0x20)
        let end = bytes.count
        scalarStarts.removeAll(keepingCapacity: true)
        for p in start..<end where bytes[p] & 0xC0 != 0x80 { scalarStarts.append(p) }
        let length = scalarStarts.count
        scalarStarts.append(end)
        for n in range {
            if length <= n {
                termStarts.append(start)
                termLengths.append(end - start)
                break
            }
            for offset in 0...(length - n) {
                termStarts.append(scalarStarts[offset])
                termLengths.append(scalarStarts[offset + n] - scalarStarts[offset])
            }
        }
    }
}
