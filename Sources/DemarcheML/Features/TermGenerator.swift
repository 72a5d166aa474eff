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
        precondition(configuration.wordNgramRange.lowerBound >= 1, "TermGenerator: word n-grams start at 1")
        wordRange = configuration.wordNgramRange
        characterRange = configuration.characterNgramRange
    }

    /// Bytes readable at the base `withTerms` passes: the terms' bytes and, after them, zero
    /// padding of `TermIndex.inlineBytes` (so a lookup may load any term's first 24 bytes whole).
    var byteCount: Int { bytes.count }

    /// The number of terms of the last generated document.
    var termCount: Int { termStarts.count }

    /// Calls `body` with the base of `bytes` and the terms' starts, lengths and hashes, taken once
    /// (each `termCount` long; term `t` is the `lengths[t]` bytes at `bytes + starts[t]`).
    @inline(__always)
    func withTerms<R>(_ body: (UnsafePointer<UInt8>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>,
                               UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        precondition(termStarts.count == termLengths.count && termHashes.count == termStarts.count)
        return try bytes.withUnsafeBufferPointer { b in
            try termStarts.withUnsafeBufferPointer { starts in
                try termLengths.withUnsafeBufferPointer { lengths in
                    try termHashes.withUnsafeBufferPointer { hashes in
                        try body(b.baseAddress!, starts, lengths, hashes)  // `bytes` starts with a sentinel: never empty
                    }
                }
            }
        }
    }

    /// Replaces the terms with those of `document`, in scikit-learn's analyzer order: word n-grams
    /// (all unigrams, then bigrams, …), character n-grams, extra terms; then hashes them all
    /// (`termHashes`) in one pass, so that table probes which follow are independent loads the
    /// processor can overlap.
    ///
    /// The word n-grams' and extra terms' starts, lengths and hashes are counted first and written
    /// through pointers: appending them one at a time checked each array's uniqueness and capacity
    /// per term (about a third of this function's instructions). The same terms in the same order
    /// as ``generateByAppending(_:)``, the previous version, which the tests compare it with.
    /// - Complexity: O(bytes of the document · n-gram lengths).
    mutating func generate(_ document: Document) {
        if characterRange != nil {
            // Character n-grams (not in the default features): the appending version.
            generateByAppending(document)
            return
        }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(0)  // sentinel: the buffer is never empty, its base address never nil
        // The document already holds its tokens joined by single spaces.
        let base = bytes.count
        bytes.append(contentsOf: document.tokenBytes)
        let tokenCount = document.tokenCount
        var wordTerms = 0
        for n in wordRange where n <= tokenCount { wordTerms &+= tokenCount &- n &+ 1 }
        let extraBase = bytes.count
        bytes.append(contentsOf: document.extraBytes)
        let extraCount = document.extraTermCount
        // Padding after the last term: a term's first 24 bytes can be read with three loads (and
        // `TermHashing.hashPadded` may read up to 7 bytes past a term's end).
        bytes.append(contentsOf: repeatElement(0, count: TermIndex.inlineBytes))
        let termCount = wordTerms &+ extraCount
        Self.resize(&termStarts, to: termCount)
        Self.resize(&termLengths, to: termCount)
        Self.resize(&termHashes, to: termCount)
        let wordRange = self.wordRange
        termStarts.withUnsafeMutableBufferPointer { starts in
            termLengths.withUnsafeMutableBufferPointer { lengths in
                var t = 0
                document.tokenEnds.withUnsafeBufferPointer { ends in
                    // Token `i` spans `base + (i == 0 ? 0 : ends[i - 1] + 1) ..< base + ends[i]`.
                    for n in wordRange where n <= tokenCount {
                        for i in 0...(tokenCount &- n) {
                            let start = base &+ (i == 0 ? 0 : Int(ends[i &- 1]) &+ 1)
                            starts[t] = start
                            lengths[t] = base &+ Int(ends[i &+ n &- 1]) &- start
                            t &+= 1
                        }
                    }
                }
                document.extraEnds.withUnsafeBufferPointer { ends in
                    var start = 0
                    for end in ends {
                        starts[t] = extraBase &+ start
                        lengths[t] = Int(end) &- start
                        start = Int(end)
                        t &+= 1
                    }
                }
                precondition(t == termCount, "TermGenerator: term count")
                bytes.withUnsafeBufferPointer { b in
                    termHashes.withUnsafeMutableBufferPointer { hashes in
                        for k in 0..<termCount {
                            hashes[k] = TermHashing.hashPadded(b.baseAddress! + starts[k], count: lengths[k])
                        }
                    }
                }
            }
        }
    }

    /// Sets `array` to `count` elements (their values are about to be overwritten), keeping its storage.
    @inline(__always)
    private static func resize<T: FixedWidthInteger>(_ array: inout [T], to count: Int) {
        if array.count > count {
            array.removeLast(array.count &- count)
        } else if array.count < count {
            array.append(contentsOf: repeatElement(0, count: count &- array.count))
        }
    }

    /// ``generate(_:)`` term by term with appends: the version before it, kept for character
    /// n-grams and as the reference the tests compare `generate` with.
    /// - Complexity: O(bytes of the document · n-gram lengths).
    mutating func generateByAppending(_ document: Document) {
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
        tokenStarts.withUnsafeBufferPointer { starts in
            tokenEnds.withUnsafeBufferPointer { ends in
                // Both hold `tokenCount` entries and `1 <= n <= tokenCount`: every index is in range.
                for n in wordRange where n <= tokenCount {
                    for i in 0...(tokenCount &- n) {
                        termStarts.append(starts[i])
                        termLengths.append(ends[i &+ n &- 1] &- starts[i])
                    }
                }
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

        // Padding after the last term: a term's first 24 bytes can be read with three loads (and
        // `TermHashing.hashPadded` may read up to 7 bytes past a term's end).
        bytes.append(contentsOf: repeatElement(0, count: TermIndex.inlineBytes))

        termHashes.removeAll(keepingCapacity: true)
        termHashes.reserveCapacity(termStarts.count)
        bytes.withUnsafeBufferPointer { b in
            termStarts.withUnsafeBufferPointer { starts in
                termLengths.withUnsafeBufferPointer { lengths in
                    for t in 0..<starts.count {  // `termLengths` is as long as `termStarts`
                        termHashes.append(TermHashing.hashPadded(b.baseAddress! + starts[t], count: lengths[t]))
                    }
                }
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
