import DemarcheText

extension ArticleScore {
    /// The score as one line of compact JSON with sorted keys, byte for byte what
    /// `JSONEncoder` with `outputFormatting = [.sortedKeys]` writes, without its boxing.
    ///
    /// `score --format jsonl` spent most of its time in `JSONEncoder` (a dictionary per object,
    /// a generic container per value); this writes straight into one byte buffer.
    /// - Complexity: O(size of the output).
    public func compactJSON() -> String {
        var w = CompactJSONWriter()
        w.bytes.reserveCapacity(512 + 400 * sentences.count)
        w.open()
        if let date {
            w.key("date"); w.string(date)
        }
        w.key("dyads"); w.array(dyads) { w, d in w.dyad(d) }
        if let id {
            w.key("id"); w.string(id)
        }
        w.key("parties"); w.array(parties) { w, p in w.summary(p) }
        w.key("sentences"); w.array(sentences) { w, s in w.sentence(s) }
        w.close()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

/// Appends JSON tokens to a byte buffer, the way Foundation's `JSONEncoder` spells them.
struct CompactJSONWriter {
    var bytes: [UInt8] = []
    private var needsComma = false

    mutating func open() { comma(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func close() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    /// Ends a line of JSON Lines: a line feed, and the next value starts without a comma.
    mutating func newline() { bytes.append(0x0A); needsComma = false }

    /// A key (written as given: callers pass keys in sorted order) and its colon.
    mutating func key(_ name: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func array<T>(_ items: [T], _ body: (inout CompactJSONWriter, T) -> Void) {
        comma()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { body(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func int(_ value: Int) {
        comma()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func null() {
        comma()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func bool(_ value: Bool) {
        comma()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// Swift's shortest round-trip spelling, with a trailing `.0` dropped (as `JSONEncoder` does).
    ///
    /// Written through `Double.write(to:)`, which hands its digits (the same as `description`'s)
    /// to `_writeASCII` of the stream: no `String` per number (most probabilities take 18–19
    /// characters, past a small string's 15, so `description` allocated for each).
    mutating func double(_ value: Double) {
        comma()
        let start = bytes.count
        var stream = ByteStream(bytes: [])
        swap(&stream.bytes, &bytes)  // the stream holds the only reference: appends stay in place
        value.write(to: &stream)
        swap(&stream.bytes, &bytes)
        let n = bytes.count
        if n - start >= 2 && bytes[n - 2] == UInt8(ascii: ".") && bytes[n - 1] == UInt8(ascii: "0") { bytes.removeLast(2) }
        needsComma = true
    }

    /// A text stream appending to a byte buffer; ASCII buffers (a number's digits) are appended
    /// as they are, without a `String`.
    private struct ByteStream: TextOutputStream {
        var bytes: [UInt8]
        mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
    }

    /// A string literal, escaping `"`, `\`, `/` and control characters as `JSONEncoder` does.
    mutating func string(_ value: String) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            // Eight bytes at a time up to the first one that needs escaping (most text has none).
            let clean = Self.cleanPrefix(utf8)
            if clean == utf8.count {
                bytes.append(contentsOf: utf8)
                return
            }
            for i in clean..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C || b == 0x2F else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case 0x22: bytes.append(UInt8(ascii: "\""))
                case 0x5C: bytes.append(UInt8(ascii: "\\"))
                case 0x2F: bytes.append(UInt8(ascii: "/"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// How many leading bytes of `utf8` need no escaping (no control character, `"`, `\` or
    /// `/`), found a word of eight bytes at a time: a byte of the word is flagged when it is
    /// below 0x20 or equal to one of the three (the classic "has zero byte" test on the word, on
    /// the word XOR each character; no false negatives, and the exact position is found bytewise).
    @inline(__always)
    static func cleanPrefix(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = utf8.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base), n = utf8.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        var i = 0
        while i &+ 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // Bytes below 0x20: (b - 0x20) borrows into bit 7 only for b < 0x20 among bytes < 0x80.
            let control = (w &- ones &* 0x20) & ~w & highs
            let flagged = control | hasZero(w ^ (ones &* 0x22)) | hasZero(w ^ (ones &* 0x5C)) | hasZero(w ^ (ones &* 0x2F))
            if flagged != 0 { break }
            i &+= 8
        }
        while i < n {
            let b = base[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x2F { return i }
            i &+= 1
        }
        return n
    }

    private mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    // MARK: The score's types, keys in sorted order.

    mutating func probabilities(_ p: StanceProbabilities) {
        open()
        key("conciliatory"); double(p.conciliatory)
        key("hostile"); double(p.hostile)
        key("neutral"); double(p.neutral)
        close()
    }

    mutating func span(_ s: TextSpan) {
        open()
        key("end"); int(s.end)
        key("start"); int(s.start)
        close()
    }

    mutating func summary(_ p: PartySummary) {
        open()
        key("conciliatorySentences"); int(p.conciliatorySentences)
        if let e = p.expressed {
            key("expressed")
            open()
            key("conciliatory"); int(e.conciliatory)
            key("hostile"); int(e.hostile)
            key("overall"); string(e.overall.rawValue)
            key("sentences"); int(e.sentences)
            key("targets"); array(e.targets) { w, t in w.string(t) }
            close()
        }
        key("hostileSentences"); int(p.hostileSentences)
        key("kind"); string(p.kind.rawValue)
        key("meanProbabilities"); probabilities(p.meanProbabilities)
        key("mentions"); int(p.mentions)
        key("name"); string(p.name)
        key("netTone"); double(p.netTone)
        key("neutralSentences"); int(p.neutralSentences)
        key("overall"); string(p.overall.rawValue)
        key("partyID"); string(p.partyID)
        key("sentences"); int(p.sentences)
        close()
    }

    mutating func partyRef(_ p: PartyRef) {
        open()
        key("name"); string(p.name)
        key("partyID"); string(p.partyID)
        close()
    }

    mutating func dyad(_ d: Dyad) {
        open()
        key("conciliatory"); int(d.conciliatory)
        key("hostile"); int(d.hostile)
        key("meanProbabilities"); probabilities(d.meanProbabilities)
        key("neutral"); int(d.neutral)
        key("overall"); string(d.overall.rawValue)
        key("sentences"); int(d.sentences)
        key("source"); partyRef(d.source)
        key("target"); partyRef(d.target)
        close()
    }

    mutating func mention(_ m: Mention) {
        open()
        key("isDemonym"); bool(m.isDemonym)
        key("partyID"); string(m.partyID)
        key("span"); span(m.span)
        key("surface"); string(m.surface)
        key("tokenRange"); array([m.tokenRange.lowerBound, m.tokenRange.upperBound]) { w, v in w.int(v) }
        close()
    }

    mutating func sentence(_ s: SentenceScore) {
        open()
        key("parties"); array(s.parties) { w, p in
            w.open()
            w.key("label"); w.string(p.label.rawValue)
            w.key("mentions"); w.array(p.mentions) { w, m in w.mention(m) }
            w.key("partyID"); w.string(p.partyID)
            w.key("probabilities"); w.probabilities(p.probabilities)
            if let source = p.source {
                w.key("source")
                w.open()
                w.key("name"); w.optionalString(source.name)
                w.key("partyID"); w.optionalString(source.partyID)
                w.key("probability"); w.double(source.probability)
                w.close()
            }
            w.close()
        }
        key("sentence")
        open()
        if s.sentence.isCut { key("isCut"); bool(true) }  // only on a piece of an over-long sentence
        key("paragraph"); int(s.sentence.paragraph)
        key("span"); span(s.sentence.span)
        key("text"); string(s.sentence.text)
        close()
        close()
    }
}
