import ArgumentParser
import Demarche
import Foundation

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score articles: the stance toward each party, per sentence and for the whole article.",
        discussion: """
            Input: plain-text articles (one per file), or JSON Lines of {"id": …, "text": …} \
            (files ending in .jsonl, or stdin starting with '{'), streamed one output line per \
            article with --format jsonl so it works as a filter in a pipeline.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, jsonl, csv }
    enum Input: String, ExpressibleByArgument, CaseIterable { case auto, text, jsonl }

    @Argument(help: ArgumentHelp("Article files, or - for standard input.", valueName: "file"))
    var files: [String] = ["-"]

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Output format.")
    var format: Format = .table

    @Option(help: "Input kind: text (one article per file), jsonl ({\"id\",\"text\"} per line), or auto.")
    var input: Input = .auto

    @Flag(help: "Also show every sentence with its parties' labels.")
    var sentences = false

    func run() throws {
        try reportingErrors {
            let model = try modelOptions.load()
            var writer = ScoreWriter(format: format, showSentences: sentences)
            for file in files {
                let isJSONL: Bool
                switch input {
                case .text: isJSONL = false
                case .jsonl: isJSONL = true
                case .auto: isJSONL = file.lowercased().hasSuffix(".jsonl")
                }
                if file == "-" {
                    try scoreStandardInput(model: model, forceJSONL: input == .jsonl, forceText: input == .text, writer: &writer)
                } else if isJSONL {
                    let text = try TextFile.read(file)
                    try scoreJSONLines(TextLines.lines(text), path: file,
                                       model: model, writer: &writer)
                } else {
                    let text = try TextFile.read(file)
                    writer.write(model.score(article: text, id: file))
                }
            }
            writer.finish()
        }
    }

    /// Standard input: JSON Lines are scored line by line as they arrive; plain text as one article.
    func scoreStandardInput(model: StanceModel, forceJSONL: Bool, forceText: Bool, writer: inout ScoreWriter) throws {
        var number = 0
        guard let first = readLine(strippingNewline: true) else {
            throw ValidationFailure("<stdin>: no input; expected an article as text, or JSON Lines of {\"id\",\"text\"}")
        }
        let looksJSON = first.drop(while: { $0 == " " || $0 == "\t" }).first == "{"
        if forceJSONL || (looksJSON && !forceText) {
            number = 1
            try scoreJSONLine(Substring(first), path: "<stdin>", number: number, model: model, writer: &writer)
            while let line = readLine(strippingNewline: true) {
                number += 1
                try scoreJSONLine(Substring(line), path: "<stdin>", number: number, model: model, writer: &writer)
            }
        } else {
            var text = first + "\n"
            while let line = readLine(strippingNewline: false) { text += line }
            writer.write(model.score(article: text, id: nil))
        }
    }

    /// JSON Lines of a file: parsed in order, scored a batch at a time in parallel, written in order.
    /// A malformed line stops the run after the lines before it are written, as line-by-line scoring would.
    func scoreJSONLines(_ lines: [Substring], path: String, model: StanceModel, writer: inout ScoreWriter) throws {
        let batchSize = 64
        var start = 0
        while start < lines.count {
            var batch: [(text: String, id: String?)] = []
            var failure: Error?
            for number in start..<min(start + batchSize, lines.count) {
                let line = lines[number]
                if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                do {
                    let article = try ArticleLine.parse(line, path: path, line: number + 1)
                    batch.append((article.text, article.id))
                } catch {
                    failure = error
                    break
                }
            }
            for score in model.score(articles: batch) { writer.write(score) }
            if let failure { throw failure }
            start += batchSize
        }
    }

    func scoreJSONLine(_ line: Substring, path: String, number: Int, model: StanceModel, writer: inout ScoreWriter) throws {
        if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return }
        let article = try ArticleLine.parse(line, path: path, line: number)
        writer.write(model.score(article: article.text, id: article.id))
    }
}

/// An error already phrased for the user.
struct ValidationFailure: Error, LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}
