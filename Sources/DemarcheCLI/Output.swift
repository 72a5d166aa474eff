import ArgumentParser
import Demarche
import Foundation

/// How a command prints its result: the one `--format` option of every command.
///
/// Each command offers the formats that fit its result (``OutputOptions/validate(for:)``):
/// - `score`: table, json, jsonl, csv, html (`ScoreWriter`, one article at a time);
/// - `eval`, `explain`, `parties`, `train`: table, json, jsonl, csv (``ResultWriter``), and
///   `parties` also tsv (the gazetteer file format that `--parties` reads).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Aligned text for a person at a terminal.
    case table
    /// One JSON document (pretty-printed, keys sorted).
    case json
    /// JSON Lines: one compact object per line (per article, party, feature…).
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
    /// A self-contained HTML page per article (`score` only).
    case html
    /// Gazetteer TSV (`parties` only).
    case tsv
}

/// The shared `--format` option, with the deprecated switches it replaces mapped onto it.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table, json, jsonl or csv (score: also html; parties: also tsv).", valueName: "format"))
    var format: OutputFormat = .table

    /// Deprecated: `--format json`.
    @Flag(name: .customLong("json"), help: .hidden)
    var jsonAlias = false

    /// Deprecated: `--format tsv` (parties).
    @Flag(name: .customLong("tsv"), help: .hidden)
    var tsvAlias = false

    /// The format chosen, the deprecated switches included.
    var chosen: OutputFormat {
        if jsonAlias { return .json }
        if tsvAlias { return .tsv }
        return format
    }

    /// Checks that the command offers the format, and that an alias does not contradict `--format`.
    func validate(for command: String, offers formats: [OutputFormat]) throws {
        if (jsonAlias || tsvAlias) && format != .table && format != chosen {
            throw ValidationError("--\(jsonAlias ? "json" : "tsv") and --format \(format.rawValue) disagree; give --format only")
        }
        if jsonAlias && tsvAlias { throw ValidationError("--json and --tsv disagree; give --format only") }
        guard formats.contains(chosen) else {
            throw ValidationError("\(command) does not write --format \(chosen.rawValue); use one of \(formats.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// A command's result in every format: the value comes from the library, and each format is one
/// view of it. JSON is the value's own encoding; the other views are given by the command.
struct ResultWriter<Value: Encodable> {
    /// The result.
    let value: Value
    /// The table view.
    let table: (Value) -> String
    /// The CSV view: a header and rows of fields (quoted here as needed).
    let csv: (Value) -> (header: [String], rows: [[String]])
    /// The JSON Lines view: the values of the lines (by default the value on one line).
    var lines: ((Value) -> [any Encodable])? = nil

    /// Prints the value in `format` to standard output (table, json, jsonl or csv).
    func write(_ format: OutputFormat) throws {
        switch format {
        case .table:
            Console.print(table(value))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Console.print(String(decoding: try encoder.encode(value), as: UTF8.self))
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for line in lines?(value) ?? [value] {
                Console.print(String(decoding: try encoder.encode(line), as: UTF8.self))
            }
        case .csv:
            let (header, rows) = csv(value)
            Console.print(header.map(csvField).joined(separator: ","))
            for row in rows { Console.print(row.map(csvField).joined(separator: ",")) }
        case .html, .tsv:
            // Refused by OutputOptions.validate(for:offers:) for the commands that use this writer.
            throw ValidationFailure("--format \(format.rawValue) is not available here")
        }
        Console.out.flush()
    }
}

/// A number for CSV: as many digits as it takes to read it back exactly.
func csvNumber(_ x: Double) -> String { "\(x)" }
