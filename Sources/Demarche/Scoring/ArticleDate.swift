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
}
