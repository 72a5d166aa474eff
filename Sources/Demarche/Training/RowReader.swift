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
                rows += found; problems += bad
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

    static func parseJSONLines(_ text: String, path: String) -> (rows: [LabeledRow], problems: [RowProblem]) {
        var rows: [LabeledRow] = []
        var problems: [RowProblem] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            do {
                let members = try JSONLineParser.parseObject(line)
                switch row(members["text"], members["target"], members["label"], id: members["id"], path: path, line: number) {
                case .success(let r): rows.append(r)
                case .failure(let p): problems.append(p)
                }
            } catch {
                problems.append(RowProblem(path: path, line: number, message: "malformed JSON at column \(error.column): \(error.message); expected one object per line like {\"text\": \"…\", \"target\": \"…\", \"label\": \"hostile\"}"))
            }
        }
        return (rows, problems)
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
        let idColumn = names.firstIndex(of: "id")
        var rows: [LabeledRow] = []
        var problems: [RowProblem] = []
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                problems.append(RowProblem(path: path, line: record.line, message: "expected \(names.count) fields as in the header, found \(record.fields.count)"))
                continue
            }
            let f = record.fields
            switch row(f[t], f[g], f[l], id: idColumn.map { f[$0] }, path: path, line: record.line) {
            case .success(let r): rows.append(r)
            case .failure(let p): problems.append(p)
            }
        }
        return (rows, problems)
    }

    /// Validates the three fields of one row.
    static func row(_ text: String?, _ target: String?, _ label: String?, id: String?, path: String, line: Int) -> Result<LabeledRow, RowProblem> {
        func bad(_ m: String) -> Result<LabeledRow, RowProblem> { .failure(RowProblem(path: path, line: line, message: m)) }
        guard let text, !text.allSatisfy(\.isWhitespace) else { return bad("missing or empty \"text\"; expected the sentence") }
        guard let target, !target.allSatisfy(\.isWhitespace) else { return bad("missing or empty \"target\"; expected the party as written in the sentence, or a party id") }
        guard let rawLabel = label else { return bad("missing \"label\"; expected one of \(StanceLabel.all.joined(separator: ", "))") }
        let normalized = rawLabel.trimmingCharacters(in: .whitespaces).lowercased()
        guard StanceLabel.all.contains(normalized) else {
            return bad("unknown label \"\(rawLabel)\"; expected one of \(StanceLabel.all.joined(separator: ", "))")
        }
        return .success(LabeledRow(text: text, target: target.trimmingCharacters(in: .whitespaces), label: normalized, id: id, path: path, line: line))
    }
}
