extension Gazetteer {
    /// Parses the TSV format documented on ``Gazetteer``.
    /// - Parameters:
    ///   - tsv: the file's text.
    ///   - source: the file's path (or any name), used in error messages.
    /// - Throws: ``TextError/malformedGazetteerRow(path:line:expected:)``,
    ///   ``TextError/emptyAlias(path:line:id:column:)``,
    ///   ``TextError/duplicatePartyID(path:line:id:firstLine:)``, ``TextError/emptyGazetteer(path:)``.
    public init(tsv: String, source: String) throws {
        var parties: [Party] = []
        var lines: [Int] = []
        var lineNumber = 0
        var sawRow = false
        // Lines and fields are cut on UTF-8 bytes: splitting a String by Character walks grapheme
        // clusters, which made parsing the bundled gazetteer the slowest part of loading a model.
        for rawLine in tsv.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
            if lineNumber == 1 && line.first == "\u{FEFF}" { line.removeFirst() }
            if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) || line.utf8.first == UInt8(ascii: "#") { continue }
            let fields = line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(Substring($0)).trimmingSpaces }
            if !sawRow {
                sawRow = true
                if fields.count >= 2 && fields[0].lowercased() == "id" && fields[1].lowercased() == "kind" { continue }
            }
            guard fields.count >= 3, fields.count <= 10 else {
                throw TextError.malformedGazetteerRow(
                    path: source, line: lineNumber,
                    expected: "3 to 10 tab-separated columns (\(Gazetteer.columns.joined(separator: ", "))), got \(fields.count)")
            }
            func field(_ k: Int) -> String { k < fields.count ? fields[k] : "" }
            let id = field(0)
            guard Gazetteer.isValidID(id) else {
                throw TextError.malformedGazetteerRow(path: source, line: lineNumber,
                                                      expected: "an id made of letters, digits and _ . : - (got '\(id)')")
            }
            guard let kind = PartyKind(gazetteerValue: field(1)) else {
                throw TextError.malformedGazetteerRow(
                    path: source, line: lineNumber,
                    expected: "kind state, organisation, person, group or nonparty (got '\(field(1))')")
            }
            func list(_ k: Int) throws -> [String] {
                let value = field(k)
                if value.isEmpty { return [] }
                let items = value.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map { String(Substring($0)).trimmingSpaces }
                if items.contains(where: \.isEmpty) {
                    throw TextError.emptyAlias(path: source, line: lineNumber, id: id, column: Gazetteer.columns[k])
                }
                return items
            }
            parties.append(Party(id: id, kind: kind, name: field(2), aliases: try list(3), weakAliases: try list(4),
                                 demonyms: try list(5), affiliation: field(6), role: field(7), from: field(8), to: field(9)))
            lines.append(lineNumber)
        }
        guard !parties.isEmpty else { throw TextError.emptyGazetteer(path: source) }
        try self.init(parties: parties, lines: lines, source: source)
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
