extension StanceLexicon {
    /// The entries of `tsv` as ``init(tsv:source:)`` reads them, with lines and fields cut on
    /// bytes instead of `Character`s (the grapheme walk was a twelfth of loading the bundled
    /// model); nil when the two could differ, and the `Character` path then reads the text.
    ///
    /// They can differ only at a carriage return (`\r\n` is one `Character`) and at a `#` that
    /// starts a line and forms one grapheme with a following non-ASCII mark (then not a comment);
    /// a tab or newline is always a `Character` of its own. Within those bounds every check
    /// below is the `Character` path's, on the same `String`s.
    /// - Throws: `StanceError.invalidRows` naming each bad line, as the `Character` path does.
    static func entriesCutOnBytes(_ tsv: String, source: String) throws -> [String: Entry]? {
        var text = tsv
        return try text.withUTF8 { bytes -> [String: Entry]? in
            let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
            guard !bytes.contains(UInt8(ascii: "\r")) else { return nil }
            var entries: [String: Entry] = [:]
            var problems: [RowProblem] = []
            var sawHeader = false
            var lineNumber = 0
            var lineStart = 0
            var fields: [String] = []
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != newline { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                lineNumber += 1
                if lineEnd == lineStart { continue }
                if bytes[lineStart] == UInt8(ascii: "#") {
                    if lineStart + 1 < lineEnd && bytes[lineStart + 1] >= 0x80 { return nil }
                    continue
                }
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                for i in lineStart...lineEnd where i == lineEnd || bytes[i] == tab {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
                    fieldStart = i + 1
                }
                if !sawHeader && fields[0] == "word" { sawHeader = true; continue }
                guard fields.count == 3, !fields[0].isEmpty, fields[1] == "hostile" || fields[1] == "conciliatory",
                      let w = Int(fields[2]), (1...2).contains(w) else {
                    problems.append(RowProblem(path: source, line: lineNumber, message: "expected word<TAB>hostile|conciliatory<TAB>1|2"))
                    continue
                }
                entries[fields[0].lowercased()] = Entry(cls: fields[1], weight: w)
            }
            if !problems.isEmpty { throw StanceError.invalidRows(problems) }
            return entries
        }
    }
}
