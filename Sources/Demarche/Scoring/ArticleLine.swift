/// One article of JSON Lines input: `{"id": "…", "text": "…"}` (`id` optional).
public struct ArticleLine: Sendable, Equatable {
    /// The caller's identifier, if given.
    public let id: String?
    /// The article text.
    public let text: String

    /// Parses one line.
    /// - Throws: `StanceError.invalidRows` with the file and line when the line is not such an object.
    public static func parse(_ line: Substring, path: String, line number: Int) throws -> ArticleLine {
        do {
            let members = try JSONLineParser.parseObject(line)
            let text: String?, id: String?
            do throws(FieldTypeError) {
                text = try JSONLineParser.Value.stringField(members["text"], "text").get()
                id = try JSONLineParser.Value.idField(members["id"]).get()
            } catch {
                throw StanceError.invalidRows([RowProblem(path: path, line: number, message: "\(error.message); expected {\"id\": \"…\", \"text\": \"…\"}")])
            }
            guard let text else {
                throw StanceError.invalidRows([RowProblem(path: path, line: number, message: "missing \"text\"; expected {\"id\": \"…\", \"text\": \"…\"}")])
            }
            return ArticleLine(id: id, text: text)
        } catch let failure as JSONLineParser.Failure {
            throw StanceError.invalidRows([RowProblem(path: path, line: number, message: "malformed JSON at column \(failure.column): \(failure.message); expected {\"id\": \"…\", \"text\": \"…\"}")])
        }
    }
}
