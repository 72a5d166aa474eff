import Foundation
import DemarcheText

/// Reads labeled rows from JSON Lines and CSV files, or from every such file under a directory.
public enum RowReader {
    /// Reads every row of the given files and directories.
    ///
    /// A directory contributes its `*.jsonl`, `*.json` and `*.csv` files, recursively, in sorted
    /// order. All bad rows are collected so the user can fix them in one go.
    /// - Parameter paths: files, directories, or `-` for standard input (JSON Lines).
    /// - Returns: the rows, in file order.
    /// - Throws: `StanceError.invalidRows` listing every bad row; `.noRows` when nothing was found;
    ///   `.io` for unreadable files (invalid UTF-8 is reported with its byte offset).
    public static func read(paths: [String]) throws -> [LabeledRow] {
        var rows: [LabeledRow] = []
        var problems: [RowProblem] = []
        for path in paths {
            for file in try files(at: path) {
                let text: String
                if file == "-" {
                    let data = FileHandle.standardInput.readDataToEndOfFile()
                    guard let s = String(data: data, encoding: .utf8) else {
                        throw StanceError.io(path: "<stdin>", message: "input is not valid UTF-8")
                    }
                    text = s
                } else {
                    text = try readTextFile(file)
                }
                let (found, bad) = parse(text, path: file == "-" ? "<stdin>" : file)
                if rows.isEmpty { rows = found } else { rows += found }  // one file: take its array, not a copy of each row
                problems += bad
            }
        }
        if !problems.isEmpty { throw StanceError.invalidRows(problems) }
        if rows.isEmpty { throw StanceError.noRows(path: paths.joined(separator: ", ")) }
        return rows
    }

    /// Expands one path into the data files it names.
    static func files(at path: String) throws -> [String] {
        if path == "-" { return ["-"] }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StanceError.io(path: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw StanceError.io(path: path, message: "cannot list the directory")
        }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let ext = (relative as NSString).pathExtension.lowercased()
            if ["jsonl", "json", "csv"].contains(ext) { found.append((path as NSString).appendingPathComponent(relative)) }
        }
        if found.isEmpty { throw StanceError.noRows(path: path) }
        return found.sorted()
    }

    /// Parses one file's text; CSV when the path ends in `.csv`, JSON Lines otherwise.
    public static func parse(_ text: String, path: String) -> (rows: [LabeledRow], problems: [RowProblem]) {
        path.lowercased().hasSuffix(".csv") ? parseCSV(text, path: path) : parseJSONLines(text, path: path)
    }

    /// Parses JSON Lines: lines are found over the UTF-8 bytes (LF, CRLF or a lone CR ends a
    /// line) and parsed in parallel chunks; rows and problems come out in line order.
    ///
    /// Each worker initialises its rows in place, at their line's index of the result's buffer,
    /// and the holes left by blank and bad lines are closed by moving rows down: gathering rows
    /// out of per-line values copied every row (retaining its five strings) on one thread after
    /// the parallel parse, a few percent of a whole `eval`.
    static func parseJSONLines(_ text: String, path: String) -> (rows: [LabeledRow], problems: [RowProblem]) {
        var text = text
        return text.withUTF8 { bytes in
            let lines = TextLines.ranges(bytes)
            var kinds = [LineKind](repeating: .blank, count: lines.count)
            var problemAt = [RowProblem?](repeating: nil, count: lines.count)
            let rows = [LabeledRow](unsafeUninitializedCapacity: lines.count) { buffer, initialized in
                let base = buffer.baseAddress
                kinds.withUnsafeMutableBufferPointer { kinds in
                    problemAt.withUnsafeMutableBufferPointer { problems in
                        let kinds = kinds, problems = problems
                        Parallel.forEachChunk(count: lines.count, minimumChunk: 512) { range in
                            for k in range {
                                switch parseJSONLine(UnsafeBufferPointer(rebasing: bytes[lines[k]]), path: path, line: k + 1) {
                                case .blank: break
                                case .row(let r):
                                    (base! + k).initialize(to: r)
                                    kinds[k] = .row
                                case .problem(let p):
                                    problems[k] = p
                                    kinds[k] = .problem
                                }
                            }
                        }
                    }
                }
                var count = 0
                for k in kinds.indices where kinds[k] == .row {
                    if count != k { (base! + count).moveInitialize(from: base! + k, count: 1) }
                    count += 1
                }
                initialized = count
            }
            var problems: [RowProblem] = []
            for k in kinds.indices where kinds[k] == .problem { problems.append(problemAt[k]!) }
            return (rows, problems)
        }
    }

    /// Which kind of outcome a line had.
    private enum LineKind: UInt8 {
        case blank, row, problem
    }

    /// What one line of JSON Lines holds.
    private enum LineOutcome {
        case blank
        case row(LabeledRow)
        case problem(RowProblem)
    }

    /// One line (without its line end) of JSON Lines.
    private static func parseJSONLine(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int) -> LineOutcome {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
        let members: JSONLineParser.RowMembers
        do {
            members = try JSONLineParser.parseRowObject(line)
        } catch {
            return .problem(malformedJSON(error, path: path, line: number))
        }
        switch row(members: members, path: path, line: number) {
        case .success(let r): return .row(r)
        case .failure(let p): return .problem(p)
        }
    }

    /// The row of one parsed JSON object: `text`, `target`, `label` and `source` must be strings,
    /// `id` a string or a number; other members are ignored whatever their type.
    static func row(members: [String: JSONLineParser.Value], path: String, line: Int) -> Result<LabeledRow, RowProblem> {
        row(members: JSONLineParser.RowMembers(text: members["text"], target: members["target"], label: members["label"],
                                               source: members["source"], id: members["id"]), path: path, line: line)
    }

    /// `row(members:path:line:)` from the five members a row reads.
    static func row(members: JSONLineParser.RowMembers, path: String, line: Int) -> Result<LabeledRow, RowProblem> {
        typealias V = JSONLineParser.Value
        do throws(FieldTypeError) {
            let text = try V.stringField(members.text, "text").get()
            let target = try V.stringField(members.target, "target").get()
            let label = try V.stringField(members.label, "label").get()
            let source: String? = members.source == .null ? nil : try V.stringField(members.source, "source").get()
            let id = try V.idField(members.id).get()
            return row(text, target, label, id: id, source: source, path: path, line: line)
        } catch {
            return .failure(RowProblem(path: path, line: line, message: error.message))
        }
    }

    private static func malformedJSON(_ error: JSONLineParser.Failure, path: String, line: Int) -> RowProblem {
        RowProblem(path: path, line: line, message: "malformed JSON at column \(error.column): \(error.message); expected one object per line like {\"text\": \"…\", \"target\": \"…\", \"label\": \"hostile\"}")
    }

    static func parseCSV(_ text: String, path: String) -> (rows: [LabeledRow], problems: [RowProblem]) {
        let records: [CSVReader.Record]
        switch CSVReader.records(text) {
        case .success(let r): records = r
        case .failure(let f): return ([], [RowProblem(path: path, line: f.line, message: "malformed CSV: \(f.message)")])
        }
        guard let header = records.first else { return ([], []) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let t = names.firstIndex(of: "text"), let g = names.firstIndex(of: "target"), let l = names.firstIndex(of: "label") else {
            return ([], [RowProblem(path: path, line: header.line, message: "expected a header row naming the columns text, target and label (found: \(header.fields.joined(separator: ",")))")])
        }
        let idColumn = names.firstIndex(of: "id"), sourceColumn = names.firstIndex(of: "source")
        var rows: [LabeledRow] = []
        var problems: [RowProblem] = []
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                problems.append(RowProblem(path: path, line: record.line, message: "expected \(names.count) fields as in the header, found \(record.fields.count)"))
                continue
            }
            let f = record.fields
            switch row(f[t], f[g], f[l], id: idColumn.map { f[$0] }, source: sourceColumn.map { f[$0] }, path: path, line: record.line) {
            case .success(let r): rows.append(r)
            case .failure(let p): problems.append(p)
            }
        }
        return (rows, problems)
    }

    /// The labels as the messages list them (joined once, not for every row read: 1.4k
    /// instructions a row in a profile of `eval`).
    private static let expectedLabels = StanceLabel.names.joined(separator: ", ")

    /// Validates the three fields of one row.
    static func row(_ text: String?, _ target: String?, _ label: String?, id: String?, source: String? = nil,
                    path: String, line: Int) -> Result<LabeledRow, RowProblem> {
        func bad(_ m: String) -> Result<LabeledRow, RowProblem> { .failure(RowProblem(path: path, line: line, message: m)) }
        guard let text, !text.allSatisfy(\.isWhitespace) else { return bad("missing or empty \"text\"; expected the sentence") }
        guard let target, !target.allSatisfy(\.isWhitespace) else { return bad("missing or empty \"target\"; expected the party as written in the sentence, or a party id") }
        guard let rawLabel = label else { return bad("missing \"label\"; expected one of \(expectedLabels)") }
        guard let normalized = StanceLabel(rawValue: rawLabel) ?? StanceLabel(rawValue: trimmingWhitespace(rawLabel).lowercased()) else {
            return bad("unknown label \"\(rawLabel)\"; expected one of \(expectedLabels)")
        }
        let source = source.map(trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        return .success(LabeledRow(text: text, target: trimmingWhitespace(target), label: normalized, id: id, source: source,
                                   path: path, line: line))
    }

    /// `s.trimmingCharacters(in: .whitespaces)`, skipping Foundation when `s` starts and ends with
    /// an ASCII byte other than space and tab (the only ASCII members of `.whitespaces`), so
    /// there is nothing to trim.
    static func trimmingWhitespace(_ s: String) -> String {
        if let first = s.utf8.first, let last = s.utf8.last, first < 0x80, last < 0x80,
           first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return s
        }
        return s.trimmingCharacters(in: .whitespaces)
    }
}
