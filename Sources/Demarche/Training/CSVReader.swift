/// An RFC 4180 CSV reader that keeps the line each record starts on.
///
/// Written by hand because the line of a bad record must reach the user, and a quoted field may
/// hold line breaks, so physical lines and records differ.
enum CSVReader {
    /// One record: its fields and the 1-based line it starts on.
    struct Record { let fields: [String]; let line: Int }

    /// Splits CSV text into records.
    /// - Returns: the records, or the line and message of the first syntax error.
    static func records(_ text: String) -> Result<[Record], RowProblemBuilder> {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, wasQuoted = false, atFieldStart = true
        let bytes = Array(text.utf8)
        // A byte-order mark before the header (spreadsheets save one) is not part of the first name.
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true); wasQuoted = false; atFieldStart = true
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 2; continue }
                    inQuotes = false; i += 1; continue
                }
                // Line ends inside a quoted field stay in it; LF, CRLF and a lone CR each count one line.
                if b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) { line += 1 }
                field.append(b); i += 1; continue
            }
            switch b {
            case UInt8(ascii: "\""):
                guard atFieldStart else {
                    return .failure(RowProblemBuilder(line: line, message: "a double quote inside an unquoted field; quote the whole field and double the quote (\"\")"))
                }
                inQuotes = true; wasQuoted = true; atFieldStart = false
            case UInt8(ascii: ","):
                endField()
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break
            case 0x0A, 0x0D:  // LF, or a lone CR (old Mac line ends): the record ends
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(fields: fields, line: recordLine)) }
                fields.removeAll(); line += 1; recordLine = line
            default:
                if wasQuoted {
                    return .failure(RowProblemBuilder(line: line, message: "text after a closing quote; expected ',' or the end of the line"))
                }
                field.append(b); atFieldStart = false
            }
            i += 1
        }
        if inQuotes { return .failure(RowProblemBuilder(line: recordLine, message: "a quoted field is never closed")) }
        if !field.isEmpty || !fields.isEmpty || wasQuoted {
            endField()
            records.append(Record(fields: fields, line: recordLine))
        }
        return .success(records)
    }
}

/// A problem whose file is filled in by the caller.
struct RowProblemBuilder: Error { let line: Int; let message: String }
