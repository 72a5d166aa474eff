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
    /// `TermHashing.hash` of each term.
    private(set) var termHashes: [UInt64] = []

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
    /// (all unigrams, then bigrams, …), character n-grams, extra terms; then hashes them all
    /// (`termHashes`) in one pass, so that table probes which follow are independent loads the
    /// processor can overlap.
    /// - Complexity: O(bytes of the document · n-gram lengths).
    mutating func generate(_ document: Document) {
        bytes.removeAll(keepingCapacity: true)
        termStarts.removeAll(keepingCapacity: true)
        termLengths.removeAll(keepingCapacity: true)
        tokenStarts.removeAll(keepingCapacity: true)
        tokenEnds.removeAll(keepingCapacity: true)
        bytes.append(0)  // sentinel: the buffer is never empty, its base address never nil

        // The document already holds its tokens joined by single spaces.
        let base = bytes.count
        bytes.append(contentsOf: document.tokenBytes)
        let tokenCount = document.tokenCount
        document.tokenEnds.withUnsafeBufferPointer { ends in
            for i in 0..<tokenCount {
                tokenStarts.append(base + (i == 0 ? 0 : Int(ends[i - 1]) + 1))
                tokenEnds.append(base + Int(ends[i]))
            }
        }
        for n in wordRange where n <= tokenCount {
            for i in 0...(tokenCount - n) {
                termStarts.append(tokenStarts[i])
                termLengths.append(tokenEnds[i + n - 1] - tokenStarts[i])
            }
        }

        if let range = characterRange {
            for i in 0..<tokenCount where tokenEnds[i] > tokenStarts[i] {
                appendCharacterNgrams(of: tokenStarts[i]..<tokenEnds[i], range: range)
            }
        }

        let extraBase = bytes.count
        bytes.append(contentsOf: document.extraBytes)
        document.extraEnds.withUnsafeBufferPointer { ends in
            var start = 0
            for end in ends {
                termStarts.append(extraBase + start)
                termLengths.append(Int(end) - start)
                start = Int(end)
            }
        }

        termHashes.removeAll(keepingCapacity: true)
        bytes.withUnsafeBufferPointer { b in
            for t in 0..<termStarts.count {
                termHashes.append(TermHashing.hash(b.baseAddress! + termStarts[t], count: termLengths[t]))
            }
        }
    }

    /// scikit-learn's `_char_wb_ngrams` for one word: windows of `n` scalars over `" word "`; a
    /// padded word no longer than `n` is emitted once, whole, and ends the loop over `n`.
    /// The word is `bytes[word]` (already in the buffer).
    private mutating func appendCharacterNgrams(of word: Range<Int>, range: ClosedRange<Int>) {
        let start = bytes.count
        bytes.append(0x20)
        for p in word { bytes.append(bytes[p]) }
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
