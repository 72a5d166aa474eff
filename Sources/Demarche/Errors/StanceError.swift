import Foundation

/// One bad row of an input file: where it is and what was expected.
public struct RowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as the user named it.
    public let path: String
    /// 1-based line number (for CSV, the line the record starts on).
    public let line: Int
    /// What is wrong and what was expected.
    public let message: String

    /// Creates a problem report.
    public init(path: String, line: Int, message: String) {
        self.path = path; self.line = line; self.message = message
    }

    /// `path:line: message`, the form compilers use so editors can jump to it (`path: message` for
    /// a row built in code, which has no line: line 0).
    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}

/// Errors of the stance layer: input files, configuration, model files.
public enum StanceError: Error, LocalizedError, Equatable {
    /// A setting out of its range.
    case invalidConfiguration(parameter: String, rule: String, value: String, fix: String)
    /// One or more rows of the input could not be used; nothing was trained or written.
    case invalidRows([RowProblem])
    /// An input file or directory holds no rows.
    case noRows(path: String)
    /// A file could not be read or written.
    case io(path: String, message: String)
    /// A model file that is not a Demarche model, or is damaged.
    case badModelFile(path: String, problem: String)
    /// Training data with fewer than two labels, or too few rows for cross-validation.
    case unusableData(message: String)
    /// A file that ships with Demarche (`Bundled`) is in none of the places it is looked for.
    case missingResource(name: String, searched: [String], variable: String)

    public var errorDescription: String? {
        switch self {
        case let .invalidConfiguration(parameter, rule, value, fix):
            return "\(parameter) \(rule), got \(value); \(fix)"
        case let .invalidRows(problems):
            let shown = problems.prefix(50).map(\.description)
            let more = problems.count > 50 ? ["… and \(problems.count - 50) more bad rows"] : []
            return (shown + more).joined(separator: "\n")
        case let .noRows(path):
            return "\(path): no labeled rows found; expected JSON Lines ({\"text\",\"target\",\"label\"} per line) or CSV with a header row text,target,label"
        case let .io(path, message):
            return "\(path): \(message)"
        case let .badModelFile(path, problem):
            return "\(path): not a usable Demarche model: \(problem)"
        case let .unusableData(message):
            return message
        case let .missingResource(name, searched, variable):
            return "the bundled \(name) was not found (looked in \(searched.joined(separator: ", "))); "
                + "install with Scripts/install.sh, which puts it in PREFIX/share/demarche, "
                + "or set \(variable) to its path (or DEMARCHE_DATA to its directory)"
        }
    }
}

import DemarcheText

/// Reads a UTF-8 text file, turning the text layer's error into `StanceError.io` without
/// repeating the path.
func readTextFile(_ path: String) throws -> String {
    do {
        return try TextFile.read(path)
    } catch let error as TextError {
        switch error {
        case let .unreadableFile(_, reason): throw StanceError.io(path: path, message: "cannot read file: \(reason)")
        case let .invalidUTF8(_, offset): throw StanceError.io(path: path, message: "invalid UTF-8 at byte offset \(offset); save the file as UTF-8")
        default: throw StanceError.io(path: path, message: error.localizedDescription)
        }
    }
}
