import Foundation
import DemarcheText

/// One self-contained HTML page that shows a scored article: the text with every party mention
/// marked, a panel per party, who is hostile toward whom (when known), and why a pair got its label.
///
/// A pure function of values: the ``ArticleScore`` (the same value the JSON output encodes), the
/// text it was scored from, the model's description and precomputed explanations. No stance logic
/// lives here. Every piece of article text is escaped; the page loads nothing (no font, script,
/// stylesheet or image from anywhere) and its Content-Security-Policy allows only its own inline
/// style and the one inline script whose SHA-256 it names, so even a mistake in escaping could not
/// run a script that came with the article.
public enum HTMLReport {
    /// What the page's header says about the model.
    public struct ModelDescription: Sendable, Equatable {
        /// A name for the model (its file name, or "bundled default").
        public var name: String
        /// What the model file says about how it was made.
        public var metadata: ModelMetadata

        /// Creates a description.
        public init(name: String, metadata: ModelMetadata) {
            self.name = name; self.metadata = metadata
        }
    }

    /// Attitudes of one source party toward one target party in an article, for the
    /// "who toward whom" matrix.
    public struct Dyad: Sendable, Equatable {
        /// The party holding the attitude (display name).
        public var source: String
        /// The party the attitude is aimed at (display name).
        public var target: String
        /// Sentences where the source is hostile toward the target.
        public var hostile: Int
        /// Sentences where the source is conciliatory toward the target.
        public var conciliatory: Int

        /// Creates a dyad count.
        public init(source: String, target: String, hostile: Int, conciliatory: Int) {
            self.source = source; self.target = target; self.hostile = hostile; self.conciliatory = conciliatory
        }
    }

    /// The page.
    /// - Parameters:
    ///   - score: the article's score (``StanceModel/score(article:id:date:)``).
    ///   - text: the text that was scored; the score's offsets index its Unicode scalars.
    ///   - model: the model's name and metadata, for the header.
    ///   - explanations: top features per (sentence, party) (``StanceModel/explanations(of:text:top:)``).
    ///   - dyads: source → target counts when the score carries them; nil says they are absent.
    /// - Returns: a complete HTML5 document.
    public static func render(_ score: ArticleScore, text: String, model: ModelDescription,
                              explanations: [PairExplanation] = [], dyads: [Dyad]? = nil) -> String {
        let colours = PartyColours(score)
        let title = articleTitle(score, text: text)
        let script = pageScript
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy(script: script))">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(escape(title)) — Demarche report</title>
            <style>\(styleSheet)</style>
            </head>
            <body>

            """
        html += header(score, title: title, model: model)
        html += "<main class=\"layout\">\n"
        html += article(score, text: text, colours: colours)
        html += "<aside class=\"side\">\n"
        html += partyPanel(score, colours: colours)
        html += dyadPanel(dyads)
        html += whyPanel()
        html += "</aside>\n</main>\n"
        html += footer()
        html += "<script type=\"application/json\" id=\"why-data\">\(whyData(score, explanations: explanations))</script>\n"
        html += "<script>\(script)</script>\n</body>\n</html>\n"
        return html
    }

    /// The policy: nothing may load (`default-src 'none'`), styles only inline (the page's own
    /// `<style>` and the bars' `style` widths), scripts only the one inline script with this hash
    /// (inline event handlers and any `<script>` that slipped in are refused), no forms, no base.
    static func contentSecurityPolicy(script: String) -> String {
        let hash = Data(SHA256.digest(Array(script.utf8))).base64EncodedString()
        return "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(hash)'; img-src data:; base-uri 'none'; form-action 'none'"
    }

    // MARK: Escaping

    /// Text for element content or a quoted attribute value: `& < > " '` become references.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// JSON made safe inside `<script type="application/json">`: no `<`, `>` or `&` (so no
    /// `</script>` and no `<!--`), and U+2028/U+2029 escaped (line terminators in old JS parsers).
    static func scriptSafeJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: Pieces

    /// The article's title: its first non-empty line, at most 200 characters.
    static func articleTitle(_ score: ArticleScore, text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
        let title = line.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if title.isEmpty { return score.id ?? "Untitled article" }
        return title.count > 200 ? String(title.prefix(199)) + "…" : title
    }

    static func header(_ score: ArticleScore, title: String, model: ModelDescription) -> String {
        let m = model.metadata
        var facts = ["model \(escape(model.name))", "Demarche \(escape(m.writer))",
                     "trained on \(m.trainingRows) labeled pairs", "C = \(number(m.c))"]
        if let f1 = m.crossValidatedMacroF1 { facts.append("cross-validated macro-F1 \(String(format: "%.3f", f1))") }
        var article: [String] = []
        if let id = score.id { article.append("id <code>\(escape(id))</code>") }
        if let date = score.date { article.append("dated \(escape(date))") }
        let named = score.sentences.filter { !$0.parties.isEmpty }.count
        article.append("\(score.sentences.count) sentences, \(named) naming a party, \(score.parties.count) parties")
        return """
            <header class="top">
            <p class="kicker">Demarche stance report</p>
            <h1 id="title" dir="auto">\(escape(title))</h1>
            <p class="facts">\(article.joined(separator: " · "))</p>
            <p class="facts model">\(facts.joined(separator: " · "))</p>
            <p class="skip"><a href="#parties">Skip to the parties</a></p>
            </header>

            """
    }

    /// The article, paragraph by paragraph, each sentence a `span.s` (`id="s3"`, 1-based) and
    /// each mention a `mark.m` (`id="s3-p1-m2"`: sentence 3, its first party, that party's second
    /// mention) carrying the pair's label and probabilities.
    static func article(_ score: ArticleScore, text: String, colours: PartyColours) -> String {
        let scalars = Array(text.unicodeScalars)
        func slice(_ from: Int, _ to: Int) -> String {
            let a = max(0, min(from, scalars.count)), b = max(a, min(to, scalars.count))
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[a..<b])
            return String(s)
        }
        var html = "<article class=\"text\" aria-labelledby=\"article-h\">\n<h2 id=\"article-h\" class=\"visually-hidden\">The article</h2>\n"
        var paragraph: Int?
        var previousEnd = 0
        for (i, sentenceScore) in score.sentences.enumerated() {
            let sentence = sentenceScore.sentence
            if sentence.paragraph != paragraph {
                if paragraph != nil { html += "</p>\n" }
                paragraph = sentence.paragraph
                html += "<p class=\"para\" dir=\"auto\" data-para=\"\(sentence.paragraph + 1)\">"
            } else {
                // What lay between two sentences of a paragraph (spaces, a line break), as written.
                html += escape(slice(previousEnd, sentence.span.start))
            }
            previousEnd = sentence.span.end
            var ids: [String] = []
            for p in sentenceScore.parties {
                ids.append(p.partyID)
                for m in p.mentions where !ids.contains(m.partyID) { ids.append(m.partyID) }
            }
            let sid = "s\(i + 1)"
            html += "<span class=\"s\" id=\"\(sid)\" data-parties=\"\(escape(ids.joined(separator: " ")))\">"
            // Every mention of every party, in reading order.
            var marks: [(m: Mention, party: MentionScore, p: Int, k: Int)] = []
            for (j, p) in sentenceScore.parties.enumerated() {
                for (k, m) in p.mentions.enumerated() { marks.append((m, p, j + 1, k + 1)) }
            }
            marks.sort { ($0.m.span.start, $0.m.span.end) < ($1.m.span.start, $1.m.span.end) }
            var cursor = sentence.span.start
            for mark in marks {
                let start = max(cursor, mark.m.span.start)
                html += escape(slice(cursor, start))
                // Overlapping mentions (rare) still get their own element, holding what is left.
                let end = max(start, mark.m.span.end)
                html += mentionElement(mark.m, pair: mark.party, id: "\(sid)-p\(mark.p)", k: mark.k,
                                       sentence: i + 1, surface: slice(start, end), colours: colours)
                cursor = end
            }
            html += escape(slice(cursor, sentence.span.end))
            html += "</span>"
        }
        if paragraph != nil { html += "</p>\n" }
        if score.sentences.isEmpty { html += "<p class=\"empty\">The article has no sentences.</p>\n" }
        return html + "</article>\n"
    }

    static func mentionElement(_ m: Mention, pair: MentionScore, id pairID: String, k: Int, sentence: Int,
                               surface: String, colours: PartyColours) -> String {
        let q = pair.probabilities
        let name = colours.name(pair.partyID)
        let probabilities = "hostile \(percent(q.hostile)), conciliatory \(percent(q.conciliatory)), neutral \(percent(q.neutral))"
        let label = "\(name): \(pair.label) (\(probabilities)), sentence \(sentence)"
        let tip = "\(glyph(pair.label.rawValue)) \(name): \(pair.label) — \(probabilities)"
        return "<mark class=\"m l-\(escape(pair.label.rawValue))\" id=\"\(pairID)-m\(k)\" data-mention=\"\" data-pair=\"\(pairID)\""
            + " data-party=\"\(escape(pair.partyID))\" data-mparty=\"\(escape(m.partyID))\" tabindex=\"0\" role=\"button\""
            + " aria-label=\"\(escape(label))\" data-tip=\"\(escape(tip))\" style=\"\(colours.style(pair.partyID))\">"
            + escape(surface) + "</mark>"
    }

    /// One row per party of the summary: a button that highlights its sentences, a stacked bar
    /// of its hostile / conciliatory / neutral sentences, the verdict and net tone.
    static func partyPanel(_ score: ArticleScore, colours: PartyColours) -> String {
        var html = "<section class=\"panel\" id=\"parties\" aria-labelledby=\"parties-h\">\n<h2 id=\"parties-h\">Parties</h2>\n"
        guard !score.parties.isEmpty else {
            return html + "<p>No party is named in this article.</p>\n</section>\n"
        }
        html += "<p class=\"hint\">Press a party to highlight its sentences.</p>\n<p class=\"status\" id=\"party-status\" aria-live=\"polite\"></p>\n<ul class=\"plist\">\n"
        for p in score.parties {
            let n = max(p.sentences, 1)
            func width(_ c: Int) -> String { String(format: "%.2f", 100 * Double(c) / Double(n)) }
            let counts = "\(p.hostileSentences) hostile, \(p.conciliatorySentences) conciliatory, \(p.neutralSentences) neutral"
            html += """
                <li class="prow">
                <button type="button" class="pbtn" data-party="\(escape(p.partyID))" aria-pressed="false" style="\(colours.style(p.partyID))"><span class="sw" aria-hidden="true"></span>\(escape(p.name)) <span class="kind">\(escape(p.kind.rawValue))</span></button>
                <div class="bar" data-bar="\(escape(p.partyID))" role="img" aria-label="\(escape(p.name)): \(counts) of \(p.sentences) sentences"><span class="seg sh" style="width:\(width(p.hostileSentences))%"></span><span class="seg sc" style="width:\(width(p.conciliatorySentences))%"></span><span class="seg sn" style="width:\(width(p.neutralSentences))%"></span></div>
                <p class="pmeta"><span class="verdict v-\(p.overall.rawValue)">\(glyph(p.overall.rawValue)) \(p.overall.rawValue)</span> · net tone \(signed(p.netTone)) · \(counts) (\(plural(p.sentences, "sentence")), \(plural(p.mentions, "mention")))</p>
                </li>

                """
        }
        return html + "</ul>\n</section>\n"
    }

    /// Who toward whom: a source × target matrix of hostile / conciliatory counts, or a note that
    /// the score carries no sources of attitudes.
    static func dyadPanel(_ dyads: [Dyad]?) -> String {
        var html = "<section class=\"panel\" id=\"dyads\" aria-labelledby=\"dyads-h\">\n<h2 id=\"dyads-h\">Who toward whom</h2>\n"
        guard let dyads, !dyads.isEmpty else {
            let why = dyads == nil ? "this score carries no sources of attitudes (the model labels the stance toward each party, not who holds it)"
                                   : "no sentence gives a source for an attitude"
            return html + "<p class=\"absent\" data-dyads=\"absent\">Sources are absent: \(why).</p>\n</section>\n"
        }
        var sources: [String] = [], targets: [String] = []
        var cell: [String: Dyad] = [:]
        for d in dyads {
            if !sources.contains(d.source) { sources.append(d.source) }
            if !targets.contains(d.target) { targets.append(d.target) }
            var c = cell["\(d.source)\u{1F}\(d.target)"] ?? Dyad(source: d.source, target: d.target, hostile: 0, conciliatory: 0)
            c.hostile += d.hostile; c.conciliatory += d.conciliatory
            cell["\(d.source)\u{1F}\(d.target)"] = c
        }
        html += "<div class=\"scroll\"><table class=\"dyads\" data-dyads=\"matrix\">\n<caption>Rows: source; columns: target; ▼ hostile / ▲ conciliatory sentences</caption>\n<tr><th scope=\"col\">source \\ target</th>"
        for t in targets { html += "<th scope=\"col\">\(escape(t))</th>" }
        html += "</tr>\n"
        for s in sources {
            html += "<tr><th scope=\"row\">\(escape(s))</th>"
            for t in targets {
                if let c = cell["\(s)\u{1F}\(t)"], c.hostile + c.conciliatory > 0 {
                    let tone = c.hostile > c.conciliatory ? "dh" : c.conciliatory > c.hostile ? "dc" : "dm"
                    html += "<td class=\"\(tone)\" aria-label=\"\(escape(s)) toward \(escape(t)): \(c.hostile) hostile, \(c.conciliatory) conciliatory\">▼\(c.hostile) ▲\(c.conciliatory)</td>"
                } else {
                    html += "<td class=\"d0\">·</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</table></div>\n</section>\n"
    }

    static func whyPanel() -> String {
        """
        <section class="panel" id="why" aria-labelledby="why-h">
        <h2 id="why-h">Why</h2>
        <div id="why-body" aria-live="polite"><p>Select a marked mention (click it, or Tab to it and press Enter) to see the features that pushed its label.</p></div>
        </section>

        """
    }

    static func footer() -> String {
        """
        <footer class="legend">
        <h2>Legend</h2>
        <ul>
        <li><mark class="m l-hostile" style="--pc:#555">▼ hostile</mark> vermillion tint and ▼: the sentence is hostile toward the party</li>
        <li><mark class="m l-conciliatory" style="--pc:#555">▲ conciliatory</mark> bluish-green tint and ▲: conciliatory toward the party</li>
        <li><mark class="m l-neutral" style="--pc:#555">● neutral</mark> grey tint and ●: neutral</li>
        <li>The underline's colour (and dash) tells the party; hover or focus a mention for its party, label and the three probabilities.</li>
        <li>A party's verdict: neutral unless at least a third of its sentences carry an attitude; then hostile or conciliatory when one side is at least twice the other, else mixed (◆). Net tone: mean P(conciliatory) − P(hostile), from −1 to +1.</li>
        </ul>
        <p>Colours from the Okabe–Ito palette, chosen to stay distinct with colour-blindness; every colour also has a glyph. This page loads nothing from the network.</p>
        </footer>

        """
    }

    /// The explanations as one JSON object keyed by pair id (`s3-p1`), escaped for a script element.
    static func whyData(_ score: ArticleScore, explanations: [PairExplanation]) -> String {
        struct Feature: Encodable { let term: String; let words: String; let push: String }
        struct Entry: Encodable {
            let sentence: Int; let party: String; let label: String
            let hostile: String; let conciliatory: String; let neutral: String
            let features: [Feature]
        }
        var byPair: [String: PairExplanation] = [:]
        for e in explanations { byPair["\(e.sentence)\u{1F}\(e.partyID)"] = e }
        let names = Dictionary(score.parties.map { ($0.partyID, $0.name) }, uniquingKeysWith: { a, _ in a })
        var entries: [String: Entry] = [:]
        for (i, s) in score.sentences.enumerated() {
            for (j, p) in s.parties.enumerated() {
                let features = (byPair["\(i)\u{1F}\(p.partyID)"]?.contributions ?? []).map {
                    Feature(term: $0.term, words: plainWords($0.term),
                            push: ($0.contribution >= 0 ? "toward " : "away from ") + p.label.rawValue + String(format: " (%+.2f)", $0.contribution))
                }
                let q = p.probabilities
                entries["s\(i + 1)-p\(j + 1)"] = Entry(sentence: i + 1, party: names[p.partyID] ?? p.partyID, label: p.label.rawValue,
                                                       hostile: percent(q.hostile), conciliatory: percent(q.conciliatory),
                                                       neutral: percent(q.neutral), features: features)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return scriptSafeJSON(json)
    }

    /// A feature term in plain words (the term syntax of ``StanceFeaturizer``).
    static func plainWords(_ term: String) -> String {
        func words(_ s: Substring) -> String {
            "“" + s.replacingOccurrences(of: "<target>", with: "[this party]").replacingOccurrences(of: "<party>", with: "[another party]") + "”"
        }
        let cues = ["@quoted": "the party is named inside a quotation", "@first": "the party is named first",
                    "@alone": "the party is the only one named", "@possessive": "the party is named in a possessive",
                    "@headline": "the sentence is a headline"]
        if let cue = cues[term] { return cue }
        if let eq = term.firstIndex(of: "="), term.count > 2, term.first == "L" || term.first == "R",
           let d = Int(term[term.index(after: term.startIndex)..<eq]) {
            let w = words(term[term.index(after: eq)...])
            return "\(w) \(d) word\(d == 1 ? "" : "s") \(term.first == "L" ? "before" : "after") the party"
        }
        for (prefix, phrase) in [("l:", "before the party"), ("r:", "after the party"), ("m:", "between the party's mentions"), ("neg:", "in a negated phrase")] where term.hasPrefix(prefix) {
            return "\(words(term.dropFirst(prefix.count))) \(phrase)"
        }
        if term.hasPrefix("lex"), let phrase = lexiconWords(term) { return phrase }
        if term.hasPrefix("@") || term.contains(":") { return "the cue \(words(Substring(term)))" }
        return "the word\(term.contains(" ") ? "s" : "") \(words(Substring(term)))"
    }

    /// The lexicon's terms (`lex:hostile~`, `lexr:conciliatory`, `lexnear:hostile:l:neg`) in words.
    static func lexiconWords(_ term: String) -> String? {
        var parts = term.split(separator: ":").map(String.init)
        let negated = parts.last == "neg"
        if negated { parts.removeLast() }
        let tail = negated ? ", negated" : ""
        func side(_ s: String) -> String? { s == "l" ? "before" : s == "r" ? "after" : nil }
        switch (parts.first, parts.count) {
        case ("lex", 2):
            let weak = parts[1].hasSuffix("~")
            return "a \(weak ? "weak" : "strong") \(parts[1].replacingOccurrences(of: "~", with: "")) cue word in the sentence\(tail)"
        case ("lexl", 2), ("lexr", 2):
            return "a \(parts[1]) cue word \(side(String(parts[0].suffix(1)))!) the party\(tail)"
        case ("lexnear", 3):
            return side(parts[2]).map { "a \(parts[1]) cue word right \($0) the party\(tail)" }
        case ("lexmid", 3):
            return side(parts[2]).map { "a \(parts[1]) cue word a few words \($0) the party\(tail)" }
        default:
            return nil
        }
    }

    // MARK: Small helpers

    static func glyph(_ label: String) -> String {
        switch label {
        case "hostile": return "▼"
        case "conciliatory": return "▲"
        case "mixed": return "◆"
        default: return "●"
        }
    }

    /// Two decimals with a sign; a value that rounds to zero is `±0.00`, never `-0.00`.
    static func signed(_ x: Double) -> String {
        let s = String(format: "%+.2f", x)
        return s == "-0.00" || s == "+0.00" ? "±0.00" : s
    }

    static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func percent(_ x: Double) -> String { String(format: "%.0f%%", 100 * x) }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format: "%g", x)
    }
}

/// A colour (and underline style) per party, in summary order: Okabe–Ito hues that stay apart
/// under the common colour-vision deficiencies, then the same hues dashed, then dotted.
struct PartyColours {
    static let hues = ["#0072B2", "#E69F00", "#56B4E9", "#CC79A7", "#000000", "#F0E442"]
    static let styles = ["solid", "dashed", "dotted"]
    private var index: [String: Int] = [:]
    private var names: [String: String] = [:]

    init(_ score: ArticleScore) {
        for p in score.parties {
            if index[p.partyID] == nil { index[p.partyID] = index.count }
            names[p.partyID] = p.name
        }
        // Parties of the sentences that a per-mention summary does not list.
        for s in score.sentences {
            for p in s.parties where index[p.partyID] == nil { index[p.partyID] = index.count }
        }
    }

    func name(_ id: String) -> String { names[id] ?? id }

    /// The CSS custom properties of a party's colour.
    func style(_ id: String) -> String {
        let i = index[id] ?? 0
        let hue = Self.hues[i % Self.hues.count]
        let line = Self.styles[(i / Self.hues.count) % Self.styles.count]
        return "--pc:\(hue);--pu:\(line)"
    }
}
