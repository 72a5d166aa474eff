extension Gazetteer {
    /// Parses the TSV format documented on ``Gazetteer``.
    /// - Parameters:
    ///   - tsv: the file's text.
    ///   - source: the file's path (or any name), used in error messages.
    /// - Throws: ``TextError/malformedGazetteerRow(path:line:expected:)``,
    ///   ``TextError/emptyAlias(path:line:id:column:)``,
    ///   ``TextError/duplicatePartyID(path:line:id:firstLine:)``, ``TextError/emptyGazetteer(path:)``.
    public init(tsv: String, source: String) throws {
        var text = tsv
        let (parties, lines) = try text.withUTF8 { try Gazetteer.rows(of: $0, source: source) }
        guard !parties.isEmpty else { throw TextError.emptyGazetteer(path: source) }
        try self.init(parties: parties, lines: lines, source: source)
    }

    /// The parties of a TSV text and their 1-based line numbers.
    ///
    /// Lines, fields and list items are cut on UTF-8 bytes and each value becomes one `String`
    /// (splitting a `String` by `Character` walks grapheme clusters, and a `String` per field
    /// before trimming doubled the allocations: together the slowest part of loading a model).
    /// Cutting at a tab, newline or `|` byte never splits a scalar. The few places where bytes and
    /// `Character`s could disagree are handled as `Character`s: the BOM of the first line, the
    /// header's case-insensitive names, and trimming a space that a non-ASCII neighbour could
    /// join into one grapheme (see `trimmedField`).
    private static func rows(of bytes: UnsafeBufferPointer<UInt8>, source: String) throws -> ([Party], [Int]) {
        let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), bar = UInt8(ascii: "|")
        var parties: [Party] = []
        var lines: [Int] = []
        var lineNumber = 0
        var sawRow = false
        var fields: [Range<Int>] = []
        fields.reserveCapacity(10)
        var lineStart = 0
        let n = bytes.count
        while lineStart <= n {
            var lineEnd = lineStart
            while lineEnd < n && bytes[lineEnd] != newline { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            var a = lineStart, b = lineEnd
            if b > a && bytes[b - 1] == UInt8(ascii: "\r") { b -= 1 }
            if lineNumber == 1 && b - a >= 3 && bytes[a] == 0xEF {
                // A BOM is removed only when it is a whole Character (nothing combines with it).
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
                if line.first == "\u{FEFF}" { a += 3 }
            }
            var blank = true
            for i in a..<b where bytes[i] != UInt8(ascii: " ") && bytes[i] != tab { blank = false; break }
            if blank || bytes[a] == UInt8(ascii: "#") { continue }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = a
            for i in a...b where i == b || bytes[i] == tab {
                fields.append(fieldStart..<i)
                fieldStart = i + 1
            }
            func field(_ k: Int) -> String { k < fields.count ? trimmedField(bytes, fields[k]) : "" }
            if !sawRow {
                sawRow = true
                if fields.count >= 2 && field(0).lowercased() == "id" && field(1).lowercased() == "kind" { continue }
            }
            guard fields.count >= 3, fields.count <= 10 else {
                throw TextError.malformedGazetteerRow(
                    path: source, line: lineNumber,
                    expected: "3 to 10 tab-separated columns (\(Gazetteer.columns.joined(separator: ", "))), got \(fields.count)")
            }
            let id = field(0)
            guard Gazetteer.isValidID(id) else {
                throw TextError.malformedGazetteerRow(path: source, line: lineNumber,
                                                      expected: "an id made of letters, digits and _ . : - (got '\(id)')")
            }
            let kindValue = field(1)
            guard let kind = PartyKind(lowercaseGazetteerValue: kindValue) ?? PartyKind(gazetteerValue: kindValue) else {
                throw TextError.malformedGazetteerRow(
                    path: source, line: lineNumber,
                    expected: "kind state, organisation, person, group or nonparty (got '\(kindValue)')")
            }
            func list(_ k: Int) throws -> [String] {
                guard k < fields.count else { return [] }
                let range = fields[k]
                // A field of spaces only is empty once trimmed.
                guard range.contains(where: { bytes[$0] != UInt8(ascii: " ") }) else { return [] }
                var items: [String] = []
                var itemStart = range.lowerBound
                var sawEmpty = false
                for i in range.lowerBound...range.upperBound where i == range.upperBound || bytes[i] == bar {
                    let item = trimmedField(bytes, itemStart..<i)
                    if item.isEmpty { sawEmpty = true }
                    items.append(item)
                    itemStart = i + 1
                }
                if sawEmpty {
                    throw TextError.emptyAlias(path: source, line: lineNumber, id: id, column: Gazetteer.columns[k])
                }
                return items
            }
            parties.append(Party(id: id, kind: kind, name: field(2), aliases: try list(3), weakAliases: try list(4),
                                 demonyms: try list(5), affiliation: field(6), role: field(7), from: field(8), to: field(9)))
            lines.append(lineNumber)
        }
        return (parties, lines)
    }

    /// `bytes[range]` as a string without leading and trailing spaces, as `String.trimmingSpaces`
    /// gives it: that trims space `Character`s, so a space that forms one grapheme with a
    /// non-ASCII neighbour (a combining mark after it, a prepended mark before it) stays. When
    /// such a neighbour is there, the `Character` path decides.
    private static func trimmedField(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let space = UInt8(ascii: " ")
        var a = range.lowerBound, b = range.upperBound
        while a < b && bytes[a] == space { a += 1 }
        while b > a && bytes[b - 1] == space { b -= 1 }
        let trimmedStart = a > range.lowerBound && a < b && bytes[a] >= 0x80
        let trimmedEnd = b < range.upperBound && b > a && bytes[b - 1] >= 0x80
        if trimmedStart || trimmedEnd {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).trimmingSpaces
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
    }

    /// The gazetteer as TSV (header plus one row per party), readable by ``init(tsv:source:)``.
    public func tsv() -> String {
        var out = Gazetteer.columns.joined(separator: "\t") + "\n"
        for p in parties {
            let fields = [p.id, p.kind.rawValue, p.name, p.aliases.joined(separator: "|"), p.weakAliases.joined(separator: "|"),
                          p.demonyms.joined(separator: "|"), p.affiliation ?? "", p.role ?? "", p.from ?? "", p.to ?? ""]
            out += fields.joined(separator: "\t") + "\n"
        }
        return out
    }
}
