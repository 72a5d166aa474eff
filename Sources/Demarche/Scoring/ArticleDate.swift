/// Finds the date an article was written from its first lines (a dateline or a date line), for
/// deciding who was in office (``DemarcheText/Gazetteer/rollUp(_:on:)``).
public enum ArticleDate {
    private static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// The first full date with a year in the first `window` characters: `March 3, 1987`,
    /// `3 March 1987`, `Nov. 3, 2022`, `1987-03-03`. Years outside 1900…2100 are ignored.
    /// - Returns: `YYYY-MM-DD`, or nil when none is found.
    public static func detect(in text: String, window: Int = 400) -> String? {
        let head = Array(text.unicodeScalars.prefix(window))
        // Words: runs of letters or digits, with their positions.
        var words: [(text: String, start: Int, end: Int)] = []
        var i = 0
        while i < head.count {
            let c = head[i]
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                var j = i
                var w = String.UnicodeScalarView()
                while j < head.count, head[j].properties.isAlphabetic || ("0"..."9").contains(head[j]) {
                    w.append(head[j]); j += 1
                }
                words.append((String(w), i, j))
                i = j
            } else {
                i += 1
            }
        }
        func number(_ s: String, _ range: ClosedRange<Int>) -> Int? {
            guard s.count <= 4, s.allSatisfy(\.isASCII), let n = Int(s), range.contains(n) else { return nil }
            return n
        }
        func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(y)-\(two(m))-\(two(d))"
        }
        for k in words.indices {
            // 1987-03-03
            if k + 2 < words.count, let y = number(words[k].text, 1900...2100), words[k].text.count == 4,
               let m = number(words[k + 1].text, 1...12), let d = number(words[k + 2].text, 1...31),
               words[k + 1].start == words[k].end + 1, words[k + 2].start == words[k + 1].end + 1,
               head[words[k].end] == "-", head[words[k + 1].end] == "-" {
                return iso(y, m, d)
            }
            guard let m = months[words[k].text.lowercased()] else { continue }
            // Month D, YYYY
            if k + 2 < words.count, let d = number(words[k + 1].text, 1...31), let y = number(words[k + 2].text, 1900...2100),
               words[k + 2].text.count == 4 {
                return iso(y, m, d)
            }
            // D Month YYYY
            if k >= 1, k + 1 < words.count, let d = number(words[k - 1].text, 1...31),
               let y = number(words[k + 1].text, 1900...2100), words[k + 1].text.count == 4 {
                return iso(y, m, d)
            }
        }
        return nil
    }
    /// The article's date for deciding who is in office: a full date in the first lines
    /// (``detect(in:window:)``), else `YYYY+` ("that year or later") from the latest year the
    /// article names as reached (``latestYear(in:)``); nil when neither is found.
    ///
    /// An article that names "the 2016 presidential election" was written in 2016 or later, so a
    /// secretary of state who left office in 2013 no longer speaks for her state there, while
    /// a minister who took office after the latest year named still does.
    public static func infer(in text: String) -> String? {
        detect(in: text) ?? latestYear(in: text).map { $0 + "+" }
    }

    /// Words right before a year that make it a limit or a span's end rather than a time the
    /// article has reached ("by 2030", "until 2025", "from 2009 to 2013").
    static let limitMarks: Set<String> = ["by", "until", "till", "through", "before", "to", "from", "next", "and"]
    /// Words up to six before a year or three after it that make it a future ("will grow in 2023",
    /// "the outlook for 2023", "2023 will feel like a recession", "growth for 2023 is predicted").
    static let futureMarks: Set<String> = [
        "will", "would", "could", "might", "forecast", "forecasts", "expects", "expected", "projected",
        "projects", "predicts", "predicted", "plans", "planned", "target", "targets", "goal", "aims", "should",
        "outlook", "projection", "projections", "estimate", "estimates", "ahead", "upcoming", "scheduled",
    ]

    /// The latest year from 1900 to 2100 that the text names as a number of its own (not part of
    /// a longer number, an amount or a range), leaving out a year right after a limit ("by",
    /// "until", "to") and one with a future mark ("will", "expected", "outlook") among the six
    /// words before it or the three after it in its sentence.
    /// - Returns: `YYYY`, or nil when the text names no such year.
    public static func latestYear(in text: String) -> String? {
        var text = text
        return text.withUTF8 { latestYear(bytes: $0) }
    }

    /// ``latestYear(in:)`` on UTF-8 bytes: only the four-digit runs are looked at closely, so an
    /// article costs one pass over its bytes (it runs for every article `score` reads).
    static func latestYear(bytes b: UnsafeBufferPointer<UInt8>) -> String? {
        let n = b.count
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < n && b[i] >= 0x30 && b[i] <= 0x39 }
        // A word is letters (Unicode alphabetic) and ASCII digits, as ``detect(in:window:)`` reads
        // them; a non-ASCII byte is read as part of the scalar its lead byte starts.
        func isWordByte(_ i: Int) -> Bool {
            guard i >= 0 && i < n else { return false }
            let c = b[i]
            if c < 0x80 { return (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
            var lead = i
            while lead > 0 && b[lead] & 0xC0 == 0x80 && i - lead < 3 { lead -= 1 }
            let length = b[lead] >= 0xF0 ? 4 : b[lead] >= 0xE0 ? 3 : b[lead] >= 0xC0 ? 2 : 1
            guard length > 1, lead + length <= n else { return false }
            var value = UInt32(b[lead]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = value << 6 | (UInt32(b[lead + k]) & 0x3F) }
            return Unicode.Scalar(value)?.properties.isAlphabetic ?? false
        }
        // A sentence ends at a line break or at ". " / "! " / "? ".
        func endsSentence(_ i: Int) -> Bool {
            b[i] == 0x0A || ((b[i] == 0x2E || b[i] == 0x21 || b[i] == 0x3F) && (i + 1 >= n || b[i + 1] == 0x20 || b[i + 1] == 0x0A))
        }
        func word(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self).lowercased() }
        // Up to `count` words before `start` (nearest first) or from `end` on, within the sentence.
        func words(before start: Int, count: Int) -> [String] {
            var result: [String] = []
            var i = start - 1
            while i >= 0 && result.count < count {
                if endsSentence(i) { break }
                if isWordByte(i) {
                    var j = i
                    while j - 1 >= 0 && isWordByte(j - 1) { j -= 1 }
                    result.append(word(j..<(i + 1)))
                    i = j - 1
                } else {
                    i -= 1
                }
            }
            return result
        }
        func words(after end: Int, count: Int) -> [String] {
            var result: [String] = []
            var i = end
            while i < n && result.count < count {
                if endsSentence(i) { break }
                if isWordByte(i) {
                    var j = i
                    while j < n && isWordByte(j) { j += 1 }
                    result.append(word(i..<j))
                    i = j
                } else {
                    i += 1
                }
            }
            return result
        }
        var best: Int?
        var i = 0
        while i < n {
            guard isDigit(i), !isWordByte(i - 1) else { i += 1; continue }
            var j = i
            while j < n && isWordByte(j) { j += 1 }
            defer { i = j }
            guard j - i == 4, (i..<j).allSatisfy(isDigit) else { continue }
            let year = (i..<j).reduce(0) { $0 * 10 + Int(b[$1] - 0x30) }
            guard (1900...2100).contains(year) else { continue }
            // Not "1,987", "$2000", "3.2016", "2022-23", "2022–2023", "2022/23", "2019.5".
            let before: UInt8? = i > 0 ? b[i - 1] : nil
            if let c = before, [0x2C, 0x2E, 0x24, 0x2D, 0x2F].contains(c) { continue }
            if i >= 2, b[i - 2] == 0xC2, b[i - 1] == 0xA3 { continue }                      // £
            if i >= 3, b[i - 3] == 0xE2, b[i - 2] == 0x82, b[i - 1] == 0xAC { continue }    // €
            if i >= 3, b[i - 3] == 0xE2, b[i - 2] == 0x80, b[i - 1] == 0x93 { continue }    // –
            if j < n, [0x2D, 0x2F, 0x2C, 0x2E].contains(b[j]), isDigit(j + 1) { continue }
            if j + 3 < n, b[j] == 0xE2, b[j + 1] == 0x80, b[j + 2] == 0x93, isDigit(j + 3) { continue }
            let previous = words(before: i, count: 6)
            if let last = previous.first, limitMarks.contains(last) { continue }
            if previous.contains(where: futureMarks.contains) { continue }
            if words(after: j, count: 3).contains(where: futureMarks.contains) { continue }
            best = max(best ?? year, year)
        }
        return best.map(String.init)
    }
}
