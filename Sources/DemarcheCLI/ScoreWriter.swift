import Demarche
import Foundation

/// Prints article scores as a table, JSON, JSON Lines or CSV, or writes HTML pages.
struct ScoreWriter {
    let format: OutputFormat
    let showSentences: Bool
    /// Per party (rolled up) or per mention; the JSON formats always carry both views (the
    /// sentence entries are rolled up, each mention keeps its own party id).
    let unit: SummaryUnit
    let model: StanceModel
    /// CSV: the dyad table instead of the party table.
    let dyadTable: Bool
    /// JSON: the first article's document, held until a second one shows whether the output is
    /// one object or an array; the rest are written as they come (see ``writeJSON(_:)``).
    private var firstJSON: String?
    /// JSON: the number of articles written or held.
    private var jsonCount = 0
    /// HTML pages waiting for ``finish()`` (which knows whether there is one or several).
    private var pages: [(id: String?, html: String)] = []
    /// The model's name for the HTML header.
    let modelName: String
    /// Where HTML goes: a file, a directory (one page per article), or nil for standard output.
    let out: String?
    private var wroteHeader = false
    private let encoder: JSONEncoder

    init(format: OutputFormat, showSentences: Bool, unit: SummaryUnit = .party, model: StanceModel,
         modelName: String = "bundled default", out: String? = nil, dyadTable: Bool = false) {
        self.format = format
        self.dyadTable = dyadTable
        self.modelName = modelName
        self.out = out
        self.showSentences = showSentences
        self.unit = unit
        self.model = model
        encoder = JSONEncoder()
        encoder.outputFormatting = format == .json ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
    }

    mutating func write(_ score: ArticleScore, text: String) {
        var score = score
        if unit == .mention {
            score = ArticleScore(id: score.id, date: score.date, sentences: score.sentences,
                                 parties: model.summaries(of: score.sentences, by: .mention), dyads: score.dyads)
        }
        switch format {
        case .json:
            writeJSON(score)
        case .jsonl:
            Console.out.write(score.compactJSON())
            Console.out.write("\n")
            Console.out.flush()
        case .csv:
            writeCSV(score)
            Console.out.flush()
        case .table:
            writeTable(score)
            Console.out.flush()
        case .tsv:
            preconditionFailure("score offers no tsv (Score.validate)")
        case .html:
            let html = HTMLReport.render(score, text: text, model: .init(name: modelName, metadata: model.metadata),
                                         explanations: model.explanations(of: score, text: text, top: 5),
                                         dyads: model.sourceModel == nil ? nil : score.dyads.map {
                                             HTMLReport.Dyad(source: $0.source.name, target: $0.target.name,
                                                             hostile: $0.hostile, conciliatory: $0.conciliatory)
                                         })
            pages.append((score.id, html))
        }
    }

    mutating func finish() throws {
        if format == .html { try writePages() }
        if format == .json {
            switch jsonCount {
            case 0:
                let value = try? encoder.encode([ArticleScore]())
                Console.out.write(String(decoding: value ?? Data(), as: UTF8.self) + "\n")
            case 1: Console.out.write((firstJSON ?? "") + "\n")
            default: Console.out.write("\n]\n")
            }
        }
        Console.out.flush()
    }

    /// JSON, streamed in bounded memory with the bytes `JSONEncoder` gives for the whole document:
    /// one article is its pretty-printed object; several are an array whose elements are those
    /// objects indented two more spaces (a JSON string holds no raw line break, so indenting after
    /// every line end is exact), separated by `,` and a line end.
    private mutating func writeJSON(_ score: ArticleScore) {
        let value = (try? encoder.encode(score)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        jsonCount += 1
        if jsonCount == 1 {
            firstJSON = value
            return
        }
        if let first = firstJSON {
            Console.out.write("[\n  " + Self.indented(first))
            firstJSON = nil
        }
        Console.out.write(",\n  " + Self.indented(value))
        Console.out.flush()
    }

    /// `json` with two spaces after each line end that starts a non-empty line (the encoder
    /// leaves the blank line of an empty array or object unindented).
    static func indented(_ json: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(json.utf8.count + json.utf8.count / 8)
        var afterLineEnd = false
        for b in json.utf8 {
            if afterLineEnd && b != 0x0A { out.append(0x20); out.append(0x20) }
            out.append(b)
            afterLineEnd = b == 0x0A
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One page: to `--out` or standard output. Several: one file each in the `--out` directory,
    /// named by position and id (`001-article.html`), so names never collide.
    private func writePages() throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let outIsDirectory = out.map { $0.hasSuffix("/") || (manager.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue) } ?? false
        if pages.count == 1 && !outIsDirectory {
            guard let out else {
                Console.out.write(pages[0].html)
                return
            }
            try OutputPath.check(out, what: "the HTML report", example: "report.html")
            try write(pages[0].html, to: out)
            return
        }
        guard let out, outIsDirectory else {
            throw ValidationFailure("\(pages.count) articles give \(pages.count) HTML pages: name an existing directory with --out DIR (\(out.map { "'\($0)' is not a directory" } ?? "no --out given"))")
        }
        for (i, page) in pages.enumerated() {
            let slug = String((page.id ?? "article").unicodeScalars.map { s -> Character in
                s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "-" || s == "_") ? Character(s) : "-"
            }.prefix(40))
            let name = String(format: "%03d-", i + 1) + slug + ".html"
            try write(page.html, to: URL(fileURLWithPath: out).appendingPathComponent(name).path)
        }
        Console.error("wrote \(pages.count) HTML pages to \(out)")
    }

    private func write(_ html: String, to path: String) throws {
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw StanceError.io(path: path, message: "cannot write the HTML report: \(error.localizedDescription)")
        }
    }

    private mutating func writeCSV(_ score: ArticleScore) {
        let article = csvField(score.id ?? "")
        if dyadTable {
            if !wroteHeader {
                Console.out.write("article,source_id,source,target_id,target,sentences,hostile,conciliatory,neutral,p_hostile,p_conciliatory,p_neutral,overall\n")
                wroteHeader = true
            }
            for d in score.dyads {
                let q = d.meanProbabilities
                Console.out.write("\(article),\(csvField(d.source.partyID)),\(csvField(d.source.name)),\(csvField(d.target.partyID)),\(csvField(d.target.name)),\(d.sentences),\(d.hostile),\(d.conciliatory),\(d.neutral),\(fmt(q.hostile)),\(fmt(q.conciliatory)),\(fmt(q.neutral)),\(d.overall.rawValue)\n")
            }
        } else if showSentences {
            if !wroteHeader {
                Console.out.write("article,sentence,start,end,party_id,label,p_hostile,p_conciliatory,p_neutral,text\n")
                wroteHeader = true
            }
            for (i, s) in score.sentences.enumerated() {
                for p in s.parties {
                    let q = p.probabilities
                    Console.out.write("\(article),\(i + 1),\(s.sentence.span.start),\(s.sentence.span.end),\(csvField(p.partyID)),\(p.label.rawValue),\(fmt(q.hostile)),\(fmt(q.conciliatory)),\(fmt(q.neutral)),\(csvField(s.sentence.text))\n")
                }
            }
        } else {
            if !wroteHeader {
                Console.out.write("article,party_id,party,kind,sentences,mentions,p_hostile,p_conciliatory,p_neutral,overall,net_tone\n")
                wroteHeader = true
            }
            for p in score.parties {
                let q = p.meanProbabilities
                Console.out.write("\(article),\(csvField(p.partyID)),\(csvField(p.name)),\(p.kind.rawValue),\(p.sentences),\(p.mentions),\(fmt(q.hostile)),\(fmt(q.conciliatory)),\(fmt(q.neutral)),\(p.overall.rawValue),\(fmt(p.netTone))\n")
            }
        }
    }

    private func writeTable(_ score: ArticleScore) {
        let named = score.sentences.filter { !$0.parties.isEmpty }.count
        let cut = score.sentences.filter(\.sentence.isCut).count
        let cutNote = cut == 0 ? "" : "; \(cut) runs of text without a sentence end were cut at \(SentenceSplitter.maximumSentenceBytes) bytes"
        Console.out.write("\(score.id ?? "article"): \(score.sentences.count) sentences, \(named) naming a party, \(score.parties.count) parties\(cutNote)\n")
        if showSentences {
            for (i, s) in score.sentences.enumerated() where !s.parties.isEmpty {
                let text = s.sentence.text.split(whereSeparator: \.isNewline).joined(separator: " ")
                Console.out.write("\n[\(i + 1)] \(text)\n")
                for p in s.parties {
                    let q = p.probabilities
                    let surface = p.mentions.first?.surface ?? p.partyID
                    Console.out.write("    \(pad(surface + " (" + p.partyID + ")", 34)) \(pad(p.label.rawValue, 13)) H \(fmt(q.hostile))  C \(fmt(q.conciliatory))  N \(fmt(q.neutral))\n")
                }
                for p in s.parties {
                    guard let source = p.source else { continue }
                    let target = model.gazetteer.party(id: p.partyID)?.name ?? p.partyID
                    Console.out.write("    \(pad((source.name ?? "(none)") + " → " + target, 47)) \(p.label.rawValue)  (source p \(fmt(source.probability)))\n")
                }
            }
            Console.out.write("\n")
        }
        guard !score.parties.isEmpty else {
            Console.out.write("no party named\n\n")
            return
        }
        Console.out.write("\(pad("party", 30)) \(pad("kind", 12)) \(lpad("sent", 4)) \(lpad("H/C/N", 8)) \(lpad("hostile", 7)) \(lpad("concil.", 7)) \(lpad("neutral", 7))  \(pad("overall", 12)) \(lpad("net tone", 8))\n")
        for p in score.parties {
            let q = p.meanProbabilities
            Console.out.write("\(pad(p.name + " (" + p.partyID + ")", 30)) \(pad(p.kind.rawValue, 12)) \(lpad("\(p.sentences)", 4)) \(lpad("\(p.hostileSentences)/\(p.conciliatorySentences)/\(p.neutralSentences)", 8)) \(lpad(fmt(q.hostile), 7)) \(lpad(fmt(q.conciliatory), 7)) \(lpad(fmt(q.neutral), 7))  \(pad(p.overall.rawValue, 12)) \(lpad(signed(p.netTone), 8))\n")
        }
        if !score.dyads.isEmpty {
            Console.out.write("\n\(pad("source → target", 44)) \(lpad("sent", 4)) \(lpad("H/C/N", 8)) \(lpad("hostile", 7)) \(lpad("concil.", 7)) \(lpad("neutral", 7))  overall\n")
            for d in score.dyads {
                let q = d.meanProbabilities
                Console.out.write("\(pad(d.source.name + " → " + d.target.name, 44)) \(lpad("\(d.sentences)", 4)) \(lpad("\(d.hostile)/\(d.conciliatory)/\(d.neutral)", 8)) \(lpad(fmt(q.hostile), 7)) \(lpad(fmt(q.conciliatory), 7)) \(lpad(fmt(q.neutral), 7))  \(d.overall.rawValue)\n")
            }
            let expressed = score.parties.filter { $0.expressed != nil }
            if !expressed.isEmpty {
                Console.out.write("\n\(pad("party", 30)) \(pad("received", 12)) \(pad("expressed", 12)) as source (H/C)\n")
                for p in expressed {
                    let e = p.expressed!
                    Console.out.write("\(pad(p.name, 30)) \(pad(p.overall.rawValue, 12)) \(pad(e.overall.rawValue, 12)) \(e.sentences) (\(e.hostile)/\(e.conciliatory))\n")
                }
            }
        }
        Console.out.write("\n")
    }
}

/// Two decimals, the way tables show probabilities.
func fmt(_ x: Double) -> String { String(format: "%.2f", x) }
/// Two decimals with an explicit sign.
func signed(_ x: Double) -> String { String(format: "%+.2f", x) }
/// Left-aligned in `width` columns (cut with an ellipsis when longer).
func pad(_ s: String, _ width: Int) -> String {
    let n = s.count
    if n > width { return String(s.prefix(width - 1)) + "…" }
    return s + String(repeating: " ", count: width - n)
}
/// Right-aligned in `width` columns.
func lpad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}
/// An RFC 4180 field: quoted when it holds a comma, quote or line break.
func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
