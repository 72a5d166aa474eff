/// One article of JSON Lines input: `{"id": "…", "text": "…", "date": "…"}` (`id` and `date` optional).
public struct ArticleLine: Sendable, Equatable {
    /// The caller's identifier, if given.
    public let id: String?
    /// The article text.
    public let text: String
    /// The article's date (`YYYY[-MM[-DD]]`), if given: who is in office is decided on it.
    public let date: String?

    /// Parses one line.
    /// - Throws: `StanceError.invalidRows` with the file and line when the line is not such an object.
    public static func parse(_ line: Substring, path: String, line number: Int) throws -> ArticleLine {
        do {
            let members = try JSONLineParser.parseObject(line)
            let text: String?, id: String?, date: String?
            do throws(FieldTypeError) {
                text = try JSONLineParser.Value.stringField(members["text"], "text").get()
                id = try JSONLineParser.Value.idField(members["id"]).get()
                date = members["date"] == .null ? nil : try JSONLineParser.Value.stringField(members["date"], "date").get()
            } catch {
                throw StanceError.invalidRows([RowProblem(path: path, line: number, message: "\(error.message); expected {\"id\": \"…\", \"text\": \"…\"}")])
            }
            guard let text else {
                throw StanceError.invalidRows([RowProblem(path: path, line: number, message: "missing \"text\"; expected {\"id\": \"…\", \"text\": \"…\"}")])
            }
            return ArticleLine(id: id, text: text, date: date)
        } catch let failure as JSONLineParser.Failure {
            throw StanceError.invalidRows([RowProblem(path: path, line: number, message: "malformed JSON at column \(failure.column): \(failure.message); expected {\"id\": \"…\", \"text\": \"…\"}")])
        }
    }
}
