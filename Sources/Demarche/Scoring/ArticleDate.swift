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
    private static let limitMarks: Set<String> = ["by", "until", "till", "through", "before", "to", "from", "next", "and"]
    /// Words up to six before a year or three after it that make it a future ("will grow in 2023",
    /// "the outlook for 2023", "2023 will feel like a recession", "growth for 2023 is predicted").
    private static let futureMarks: Set<String> = [
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
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        // Words (lowercased) with their sentence, and the years that stand as numbers of their own.
        var words: [(text: String, sentence: Int, year: Int?)] = []
        var sentence = 0
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c.properties.isAlphabetic || isDigit(c) {
                var j = i
                while j < scalars.count, scalars[j].properties.isAlphabetic || isDigit(scalars[j]) { j += 1 }
                let word = String(String.UnicodeScalarView(scalars[i..<j]))
                var year: Int?
                if j - i == 4, word.unicodeScalars.allSatisfy(isDigit), let y = Int(word), (1900...2100).contains(y) {
                    let before: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
                    let after: Unicode.Scalar? = j < scalars.count ? scalars[j] : nil
                    let afterNext: Unicode.Scalar? = j + 1 < scalars.count ? scalars[j + 1] : nil
                    // Not "1,987", "$2000", "2022-23", "2022–2023", "3.2016".
                    let partOfNumber = before.map { [",", ".", "$", "£", "€", "-", "–", "/"].contains($0) } ?? false
                    let range = after.map { ["-", "–", "/"].contains($0) } == true && afterNext.map(isDigit) == true
                    let amount = after.map { [",", "."].contains($0) } == true && afterNext.map(isDigit) == true
                    if !partOfNumber, !range, !amount { year = y }
                }
                words.append((word.lowercased(), sentence, year))
                i = j
            } else {
                // A sentence ends at a line break or at ". " / "! " / "? " (not inside "0.5" or "U.S.-led").
                let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
                if c == "\n" || (["." as Unicode.Scalar, "!", "?"].contains(c) && (next.map { $0 == " " || $0 == "\n" } ?? true)) {
                    sentence += 1
                }
                i += 1
            }
        }
        var best: Int?
        for (k, w) in words.enumerated() {
            guard let year = w.year else { continue }
            let before = words[max(0, k - 6)..<k].filter { $0.sentence == w.sentence }.map(\.text)
            let after = words[(k + 1)..<min(words.count, k + 4)].filter { $0.sentence == w.sentence }.map(\.text)
            if let last = before.last, limitMarks.contains(last) { continue }
            if before.contains(where: futureMarks.contains) || after.contains(where: futureMarks.contains) { continue }
            best = max(best ?? year, year)
        }
        return best.map(String.init)
    }
}
