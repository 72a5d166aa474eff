import ArgumentParser
import Demarche
import Foundation

extension SummaryUnit: ExpressibleByArgument {}
extension StanceLabel: ExpressibleByArgument {}

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score articles: the stance toward each party, per sentence and for the whole article.",
        discussion: """
            Input: plain-text articles (one per file), or JSON Lines of {"id": …, "text": …} \
            (files ending in .jsonl, or stdin starting with '{'), streamed one output line per \
            article with --format jsonl so it works as a filter in a pipeline.
            """)

    enum Input: String, ExpressibleByArgument, CaseIterable { case auto, text, jsonl }

    @Argument(help: ArgumentHelp("Article files, or - for standard input.", valueName: "file"))
    var files: [String] = ["-"]

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var output: OutputOptions
    var format: OutputFormat { output.chosen }

    @Option(help: ArgumentHelp("With --format html: the page to write, or a directory for one page per article (default: standard output, one article only).", valueName: "path"))
    var out: String?

    @Option(help: "Input kind: text (one article per file), jsonl ({\"id\",\"text\"} per line), or auto.")
    var input: Input = .auto

    @Flag(help: "CSV: write the source → target dyad table (one row per article and dyad) instead of the party table.")
    var dyads = false

    @Flag(help: "Also show every sentence with its parties' labels.")
    var sentences = false

    @Option(help: ArgumentHelp("The articles' date, YYYY[-MM[-DD]]: leaders count for their state only while in office then (default: a dated dateline, else no earlier than the latest year the article names, else their most recent office).", valueName: "date"))
    var date: String?

    @Option(help: "Summary per party (leaders in office, organs and capitals count for their state; UN organs for the UN) or per mention (each as matched).")
    var by: SummaryUnit = .party

    @Option(name: .customLong("article-context"), help: ArgumentHelp("How much a party's other sentences in the article weigh on each of its sentence labels (0: every sentence on its own, as eval labels rows).", valueName: "weight"))
    var articleContext: Double = ArticleContext.default.weight

    var context: ArticleContext { ArticleContext(weight: articleContext) }

    func validate() throws {
        try output.validate(for: "score", offers: [.table, .json, .jsonl, .csv, .html])
        if out != nil && format != .html {
            throw ValidationError("--out is for --format html; other formats write to standard output")
        }
        if !articleContext.isFinite || articleContext < 0 {
            throw ValidationError("--article-context \(articleContext) is not a weight; expected a number ≥ 0 (0 turns it off; default \(ArticleContext.default.weight))")
        }
        if let date, !Score.isDate(date) {
            throw ValidationError("--date '\(date)' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1987-03-03)")
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible numbers.
    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]), y >= 1 else { return false }
        if parts.count >= 2 { guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return false } }
        if parts.count == 3 { guard parts[2].count == 2, let d = Int(parts[2]), (1...31).contains(d) else { return false } }
        return parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    func run() throws {
        try reportingErrors {
            let model = try modelOptions.load()
            var writer = ScoreWriter(format: format, showSentences: sentences, unit: by, model: model,
                                     modelName: modelOptions.model.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "bundled default",
                                     out: out, dyadTable: dyads)
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
                    var lines = try LineReader(path: file)
                    try scoreJSONLines(&lines, model: model, writer: &writer)
                } else {
                    let text = try TextFile.read(file)
                    writer.write(model.score(article: text, id: file, date: date, context: context), text: text)
                }
            }
            try writer.finish()
        }
    }

    /// Standard input: JSON Lines are scored line by line as they arrive; plain text as one article.
    func scoreStandardInput(model: StanceModel, forceJSONL: Bool, forceText: Bool, writer: inout ScoreWriter) throws {
        var number = 0
        guard let first = readLine(strippingNewline: true) else {
            // An empty stream of JSON Lines is zero articles (an empty partition of a pipeline).
            if forceJSONL { return }
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
            writer.write(model.score(article: text, id: nil, date: date, context: context), text: text)
        }
    }

    /// JSON Lines of a file, streamed: read a batch of lines at a time, parsed in order, scored in
    /// parallel, written in order, so memory stays bounded by one batch whatever the file's size.
    /// A malformed line (or invalid UTF-8) stops the run after the lines before it are written, as
    /// line-by-line scoring would.
    func scoreJSONLines(_ lines: inout LineReader, model: StanceModel, writer: inout ScoreWriter) throws {
        let batchSize = 64
        var done = false
        while !done {
            var batch: [(text: String, id: String?, date: String?)] = []
            var failure: Error?
            while batch.count < batchSize {
                do {
                    guard let line = try lines.next() else { done = true; break }
                    if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                    let article = try ArticleLine.parse(Substring(line), path: lines.path, line: lines.lineNumber)
                    batch.append((article.text, article.id, article.date ?? date))
                } catch {
                    failure = error
                    break
                }
            }
            for (score, article) in zip(model.score(articles: batch, context: context), batch) { writer.write(score, text: article.text) }
            if let failure { throw failure }
        }
    }

    func scoreJSONLine(_ line: Substring, path: String, number: Int, model: StanceModel, writer: inout ScoreWriter) throws {
        if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return }
        let article = try ArticleLine.parse(line, path: path, line: number)
        writer.write(model.score(article: article.text, id: article.id, date: article.date ?? date, context: context), text: article.text)
    }
}

/// An error already phrased for the user.
struct ValidationFailure: Error, LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}
