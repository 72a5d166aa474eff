/// Splits news prose into sentences.
///
/// Rules, in the order they are applied while scanning the normalised text once:
/// - A blank line ends the sentence and the paragraph (``Sentence/paragraph`` counts blocks).
/// - A line that does not end in terminal punctuation (`.` `?` `!`, maybe followed by closing
///   quotes or brackets) is a sentence on its own: headlines, captions, datelines, "Leave a Reply".
///   Exception: wrapped prose, where the line ends in `,` `;` `-` or the next line starts with a
///   lower-case letter.
/// - `.` `?` `!` (or a run such as `...`, `?!`), followed by any closing quotes or brackets, then
///   whitespace, then a plausible sentence start (upper-case letter, digit, opening quote or
///   bracket) ends a sentence after the closing quotes. So `…war." He added` splits after the quote,
///   `…," Kim said.` does not split, `3.5` and `tones.(AP)` do not split, `etc. and` does not split.
/// - A single `.` after a title or calendar abbreviation (`Mr.`, `Gen.`, `Gov.`, `Jan.`, `Sat.`,
///   `No.`, `vs.` …) never ends a sentence.
/// - A single `.` after a dotted abbreviation (`U.S.`, `a.m.`), a one-letter initial (`W.`) or a
///   company/name suffix (`Inc.`, `Corp.`, `Ltd.`, `Jr.`) ends a sentence only when the next word is
///   a common sentence opener (`The`, `But`, `He`, `In` …) or an opening quote: "bases in the U.S.
///   The talks" splits, "U.S. military" and "George W. Bush" do not. After `etc.` any upper-case
///   word starts a new sentence.
///
/// A run of text longer than ``maximumSentenceBytes`` without a sentence end (a text with no full
/// stops, a table flattened to one line) is cut into pieces of at most that size, at the last
/// space before the limit, each marked ``Sentence/isCut`` but the last: the work per sentence
/// (mentions, target features) grows faster than its length, so it must be bounded.
public struct SentenceSplitter: Sendable {
    /// The longest sentence, in UTF-8 bytes of normalised text, before it is cut: about 1,000
    /// words, ten times the longest sentences of real news.
    public static let maximumSentenceBytes = 6_000

    /// Creates a splitter.
    public init() {}

    /// The sentences of `text`, with spans in `text`'s scalar offsets.
    /// - Complexity: O(n), one pass over the normalised UTF-8.
    public func split(_ text: String) -> [Sentence] {
        let normalized = Normalizer.normalize(text)
        return TextLayout.with(normalized) { layout in
            let ranges = Self.sentenceRanges(layout.bytes)
            return ranges.map { layout.sentence($0) }
        }
    }

    /// A sentence found in the normalised bytes.
    struct ByteSentence {
        var range: Range<Int>
        var paragraph: Int
        /// Cut at the length limit; the next sentence continues it.
        var isCut = false
    }

    /// Sentence byte ranges of normalised UTF-8, trimmed of whitespace.
    static func sentenceRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [ByteSentence] {
        let n = bytes.count
        var result: [ByteSentence] = []
        result.reserveCapacity(n / 100 + 1)
        var start = -1              // first byte of the open sentence, -1 if none
        var lastNonSpace = -1       // last non-space byte of the open sentence
        var lastWasTerminal = false // the open sentence's last non-space run is terminal punctuation
        var paragraph = 0
        var paragraphHasContent = false

        var i = 0
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                var j = i + 1
                while j < n && bytes[j] == 0x20 { j += 1 }
                let blank = j >= n || bytes[j] == 0x0A
                if start >= 0 {
                    if blank {
                        result.append(ByteSentence(range: start..<(lastNonSpace + 1), paragraph: paragraph))
                        start = -1
                    } else if !lastWasTerminal {
                        let last = bytes[lastNonSpace]
                        let wrapped = last == UInt8(ascii: ",") || last == UInt8(ascii: ";") || last == UInt8(ascii: "-")
                            || ByteClass.isLower(bytes[j])
                        if !wrapped {
                            result.append(ByteSentence(range: start..<(lastNonSpace + 1), paragraph: paragraph))
                            start = -1
                        }
                    }
                }
                if blank && paragraphHasContent {
                    paragraph += 1
                    paragraphHasContent = false
                }
                i = j
                continue
            }
            // Fast path inside a sentence: skip, eight bytes at a time, to the next byte that can
            // end it (`.` `?` `!` or a line break), then note the last non-space byte skipped.
            if start >= 0 && !isBreakCandidate(b) {
                let j = nextBreakCandidate(bytes, from: i + 1)
                var k = j - 1
                while k >= i && bytes[k] == 0x20 { k -= 1 }
                if k >= i {
                    lastNonSpace = k
                    lastWasTerminal = false
                }
                i = j
                continue
            }
            if b == 0x20 { i += 1; continue }
            if start < 0 {
                start = i
                paragraphHasContent = true
            }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "?") || b == UInt8(ascii: "!") {
                var j = i
                while j < n, ByteClass.isTerminal(bytes[j]) { j += 1 }
                var k = j
                while k < n, ByteClass.isCloser(bytes[k]) { k += 1 }
                lastNonSpace = k - 1
                lastWasTerminal = true
                if k < n, bytes[k] == 0x20 || bytes[k] == 0x0A {
                    if shouldSplit(bytes, terminal: i..<j, after: k) {
                        result.append(ByteSentence(range: start..<k, paragraph: paragraph))
                        start = -1
                    }
                }
                i = k
                continue
            }
            lastNonSpace = i
            lastWasTerminal = false
            i += 1
        }
        if start >= 0 { result.append(ByteSentence(range: start..<(lastNonSpace + 1), paragraph: paragraph)) }
        if result.contains(where: { $0.range.count > maximumSentenceBytes }) {
            result = result.flatMap { cut($0, bytes) }
        }
        return result
    }

    /// `sentence` cut into pieces of at most `maximumSentenceBytes`, each at the last space (or
    /// line break) before the limit, trimmed. A cut never falls inside a word, so the tokens are
    /// those of the whole sentence; a run without any space longer than the limit stays whole
    /// (its tokens are few or glued, and cost little).
    static func cut(_ sentence: ByteSentence, _ bytes: UnsafeBufferPointer<UInt8>) -> [ByteSentence] {
        guard sentence.range.count > maximumSentenceBytes else { return [sentence] }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A }
        var pieces: [ByteSentence] = []
        var start = sentence.range.lowerBound
        let end = sentence.range.upperBound
        while end - start > maximumSentenceBytes {
            var split = start + maximumSentenceBytes
            while split > start, !isSpace(bytes[split]) { split -= 1 }
            if split == start {
                // No space before the limit: cut at the first one after it, if any.
                split = start + maximumSentenceBytes
                while split < end, !isSpace(bytes[split]) { split += 1 }
                if split == end { break }
            }
            var pieceEnd = split
            while pieceEnd > start, isSpace(bytes[pieceEnd - 1]) { pieceEnd -= 1 }
            pieces.append(ByteSentence(range: start..<pieceEnd, paragraph: sentence.paragraph, isCut: true))
            start = split
            while start < end, isSpace(bytes[start]) { start += 1 }
        }
        if start < end { pieces.append(ByteSentence(range: start..<end, paragraph: sentence.paragraph, isCut: sentence.isCut)) }
        return pieces
    }

    /// `.` `?` `!` or `\n`.
    @inline(__always)
    private static func isBreakCandidate(_ b: UInt8) -> Bool {
        b == 0x0A || b == UInt8(ascii: ".") || b == UInt8(ascii: "?") || b == UInt8(ascii: "!")
    }

    /// The offset of the first `.` `?` `!` or `\n` at or after `from`, or the end of `bytes`.
    @inline(__always)
    static func nextBreakCandidate(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = bytes.count
        var j = from
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            let ones: UInt64 = 0x0101_0101_0101_0101
            // Bit 7 of byte k is set where byte k of `v` is zero; exact up to the first zero byte.
            @inline(__always) func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & (ones &* 0x80) }
            while j + 8 <= n {
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                let hits = zeroBytes(w ^ (ones &* 0x0A)) | zeroBytes(w ^ (ones &* 0x2E)) | zeroBytes(w ^ (ones &* 0x3F))
                    | zeroBytes(w ^ (ones &* 0x21))
                if hits != 0 { return j + hits.trailingZeroBitCount >> 3 }
                j += 8
            }
        }
        while j < n && !isBreakCandidate(bytes[j]) { j += 1 }
        return j
    }

    /// Whether the terminal punctuation at `terminal`, followed by whitespace at `after`, ends a sentence.
    private static func shouldSplit(_ bytes: UnsafeBufferPointer<UInt8>, terminal: Range<Int>, after: Int) -> Bool {
        let n = bytes.count
        var m = after
        while m < n && (bytes[m] == 0x20 || bytes[m] == 0x0A) { m += 1 }
        if m >= n { return true }
        let next = bytes[m]
        let startsSentence: Bool
        var quoteFollows = false
        if ByteClass.isOpener(next) {
            quoteFollows = true
            startsSentence = m + 1 < n && !ByteClass.isLower(bytes[m + 1]) && bytes[m + 1] != 0x20
        } else if next >= 0x80 {
            let (scalar, _) = Normalizer.decode(bytes, at: m)
            startsSentence = !scalar.properties.isLowercase && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
        } else {
            startsSentence = ByteClass.isUpper(next) || ByteClass.isDigit(next)
        }
        guard startsSentence else { return false }
        // Only a single period can belong to an abbreviation.
        guard terminal.count == 1, bytes[terminal.lowerBound] == UInt8(ascii: ".") else { return true }
        var w = terminal.lowerBound
        while w > 0, terminal.lowerBound - w < 12, ByteClass.isLetter(bytes[w - 1]) || bytes[w - 1] == UInt8(ascii: ".") {
            w -= 1
        }
        if w == terminal.lowerBound { return true }
        if w > 0 && bytes[w - 1] >= 0x80 { return true } // part of a non-ASCII word: not an abbreviation
        let word = UnsafeBufferPointer(rebasing: bytes[w..<terminal.lowerBound])
        switch Abbreviations.kind(of: word) {
        case .none: return true
        case .title: return false
        case .beforeOpener:
            if quoteFollows { return true }
            var e = m
            while e < n && ByteClass.isLetter(bytes[e]) { e += 1 }
            return Abbreviations.isSentenceOpener(UnsafeBufferPointer(rebasing: bytes[m..<e]))
        }
    }
}

extension TextLayout {
    /// The public sentence for a normalised byte range.
    mutating func sentence(_ s: SentenceSplitter.ByteSentence) -> Sentence {
        let span = originalSpan(ofBytes: s.range, sentenceLevel: true)
        return Sentence(text: originalText(span), span: span, paragraph: s.paragraph, isCut: s.isCut)
    }
}
