import Foundation

/// Errors of the text and party layer: unreadable text files and malformed gazetteers.
///
/// Every case names the file (or `"<memory>"` for in-memory input) and the line or byte offset
/// of the problem, and its description says what was expected.
public enum TextError: Error, LocalizedError, Equatable, Sendable {
    /// The file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// The file is not valid UTF-8; `byteOffset` is the 0-based offset of the first bad byte.
    case invalidUTF8(path: String, byteOffset: Int)
    /// A gazetteer row does not have the expected shape.
    case malformedGazetteerRow(path: String, line: Int, expected: String)
    /// Two gazetteer rows use the same id.
    case duplicatePartyID(path: String, line: Int, id: String, firstLine: Int)
    /// An alias list contains an empty entry (for example `US||U.S.` or a trailing `|`).
    case emptyAlias(path: String, line: Int, id: String, column: String)
    /// A gazetteer holds no party at all.
    case emptyGazetteer(path: String)

    /// A one-line message naming the place of the problem and what to do about it.
    public var errorDescription: String? {
        switch self {
        case let .unreadableFile(path, reason):
            return "\(path): cannot read file: \(reason)"
        case let .invalidUTF8(path, offset):
            return "\(path): invalid UTF-8 at byte offset \(offset); save the file as UTF-8"
        case let .malformedGazetteerRow(path, line, expected):
            return "\(path):\(line): malformed gazetteer row: expected \(expected)"
        case let .duplicatePartyID(path, line, id, firstLine):
            return "\(path):\(line): duplicate party id '\(id)' (first defined on line \(firstLine)); ids must be unique"
        case let .emptyAlias(path, line, id, column):
            return "\(path):\(line): empty entry in column '\(column)' of party '\(id)'; remove the extra '|'"
        case let .emptyGazetteer(path):
            return "\(path): the gazetteer defines no party; add at least one row"
        }
    }
}
