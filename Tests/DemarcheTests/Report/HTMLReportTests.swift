import Foundation
import XCTest
@testable import Demarche

final class HTMLReportTests: XCTestCase {
    /// An article that tries to break out of the page: markup, entities, quotes, RTL text, emoji.
    let hostile = """
        Seoul & Tokyo <b>talk</b>

        Seoul condemned Pyongyang <script>alert(1)</script> on "Monday" & it's said O'Brien <img src=x onerror=alert(2)> left.

        The UN thanked Japan 🇯🇵👍🏽 for its aid, said a report in Arabic: مرحبا بالعالم and Hebrew שלום, then Seoul.
        """

    func render(_ text: String, id: String? = "a\"1<x>", dyads: [HTMLReport.Dyad]? = nil) -> (ArticleScore, String) {
        let model = Fixtures.model
        let score = model.score(article: text, id: id)
        let html = HTMLReport.render(score, text: text, model: .init(name: "fixture <model>", metadata: model.metadata),
                                     explanations: model.explanations(of: score, text: text, top: 4), dyads: dyads)
        return (score, html)
    }

    func matches(_ pattern: String, in s: String) -> [[String]] {
        let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = s as NSString
        return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    func test_articleMarkup_isEscapedText_onlyThePagesOwnScriptsRemain() {
        let (_, html) = render(hostile)
        XCTAssertFalse(html.contains("<script>alert"), "the article's script tag came through as markup")
        XCTAssertFalse(html.contains("<img"), "the article's img tag came through as markup")
        XCTAssertFalse(html.contains("<b>talk"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        XCTAssertTrue(html.contains("&quot;Monday&quot; &amp; it&#39;s said O&#39;Brien"))
        XCTAssertTrue(html.contains("مرحبا بالعالم"))
        XCTAssertTrue(html.contains("שלום"))
        XCTAssertTrue(html.contains("🇯🇵👍🏽"))
        // Exactly two script elements: the JSON data block and the page's own script.
        XCTAssertEqual(matches("<script", in: html).count, 2)
        // The id and model name are escaped in the header too.
        XCTAssertTrue(html.contains("a&quot;1&lt;x&gt;"))
        XCTAssertTrue(html.contains("fixture &lt;model&gt;"))
        XCTAssertFalse(html.contains("a\"1<x>"))
    }

    func test_eachSentenceElement_holdsExactlyItsTextAsWritten() throws {
        let (score, html) = render(hostile)
        XCTAssertGreaterThan(score.sentences.count, 2)
        for (i, s) in score.sentences.enumerated() {
            let found = matches("<span class=\"s\" id=\"s\(i + 1)\"[^>]*>(.*?)</span>", in: html)
            XCTAssertEqual(found.count, 1, "sentence s\(i + 1)")
            let inner = try XCTUnwrap(found.first?[1])
            let text = unescape(inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression))
            XCTAssertEqual(text, s.sentence.text)
        }
    }

    func test_oneMarkPerMention_withStableIDs() throws {
        let (score, html) = render(hostile)
        let marks = matches("<mark class=\"m l-(\\w+)\" id=\"(s\\d+-p\\d+-m\\d+)\" data-mention=\"\" data-pair=\"(s\\d+-p\\d+)\"", in: html)
        var expected: [(id: String, label: String)] = []
        for (i, s) in score.sentences.enumerated() {
            for (j, p) in s.parties.enumerated() {
                for k in p.mentions.indices { expected.append(("s\(i + 1)-p\(j + 1)-m\(k + 1)", p.label.rawValue)) }
            }
        }
        XCTAssertEqual(expected.count, 7, "Seoul, Tokyo; Seoul, Pyongyang; UN, Japan, Seoul")
        XCTAssertEqual(marks.count, expected.count)
        XCTAssertEqual(Set(marks.map { $0[2] }), Set(expected.map(\.id)))
        XCTAssertEqual(Set(marks.map { $0[2] }).count, marks.count, "ids are unique")
        for e in expected {
            let m = try XCTUnwrap(marks.first { $0[2] == e.id })
            XCTAssertEqual(m[1], e.label, e.id)
            XCTAssertTrue(e.id.hasPrefix(m[3] + "-m"))
        }
        // Deterministic: the same inputs give the same page byte for byte.
        XCTAssertEqual(render(hostile).1, html)
        // Every mark is focusable and says label and probabilities.
        for tag in matches("<mark [^>]*data-mention[^>]*>", in: html).map({ $0[0] }) {
            XCTAssertTrue(tag.contains("tabindex=\"0\""))
            XCTAssertTrue(tag.contains("hostile ") && tag.contains("conciliatory ") && tag.contains("neutral "), tag)
        }
    }

    func test_partyPanel_hasOneBarPerSummaryParty_withTheCounts() {
        let (score, html) = render(hostile)
        XCTAssertFalse(score.parties.isEmpty)
        for p in score.parties {
            XCTAssertEqual(matches("data-bar=\"\(p.partyID)\"", in: html).count, 1, p.partyID)
            XCTAssertTrue(html.contains("\(p.hostileSentences) hostile, \(p.conciliatorySentences) conciliatory, \(p.neutralSentences) neutral"))
            XCTAssertTrue(html.contains("class=\"verdict v-\(p.overall.rawValue)\""))
        }
    }

    func test_whyData_isValidJSON_withAnEntryPerPair_andNoRawAngleBrackets() throws {
        let (score, html) = render(hostile)
        let blob = try XCTUnwrap(matches("<script type=\"application/json\" id=\"why-data\">(.*?)</script>", in: html).first?[1])
        XCTAssertFalse(blob.contains("<") || blob.contains(">") || blob.contains("&"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(blob.utf8)) as? [String: [String: Any]])
        let pairs = score.sentences.map(\.parties.count).reduce(0, +)
        XCTAssertEqual(object.count, pairs)
        let first = try XCTUnwrap(object["s2-p1"])
        XCTAssertFalse((first["features"] as? [Any] ?? []).isEmpty, "the why panel has features for a scored pair")
    }

    func test_scriptSafeJSON_escapesScriptEndAndLineSeparators() {
        let safe = HTMLReport.scriptSafeJSON("{\"a\":\"</script><!-- & \u{2028}\u{2029}\"}")
        XCTAssertEqual(safe, "{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029\"}")
    }

    func test_contentSecurityPolicy_namesTheHashOfThePagesScript() throws {
        let (_, html) = render(hostile)
        let script = try XCTUnwrap(matches("<script>(.*?)</script>", in: html).first?[1])
        let hash = Data(SHA256.digest(Array(script.utf8))).base64EncodedString()
        XCTAssertTrue(html.contains("script-src 'sha256-\(hash)'"))
        XCTAssertTrue(html.contains("default-src 'none'"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "the page refers to nothing on the network")
        XCTAssertEqual(matches(" on[a-z]+=\"", in: html).count, 0, "no inline event handlers")
    }

    func test_sha256_matchesTheFIPSVectors() {
        func hex(_ s: String) -> String { SHA256.digest(Array(s.utf8)).map { String(format: "%02x", $0) }.joined() }
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func test_dyads_absentOrAMatrix() {
        XCTAssertTrue(render(hostile).1.contains("data-dyads=\"absent\""))
        let dyads = [HTMLReport.Dyad(source: "North <Korea>", target: "South Korea", hostile: 2, conciliatory: 0),
                     HTMLReport.Dyad(source: "Japan", target: "South Korea", hostile: 0, conciliatory: 1)]
        let html = render(hostile, dyads: dyads).1
        XCTAssertTrue(html.contains("data-dyads=\"matrix\""))
        XCTAssertFalse(html.contains("data-dyads=\"absent\""))
        XCTAssertTrue(html.contains("North &lt;Korea&gt; toward South Korea: 2 hostile, 0 conciliatory"))
        XCTAssertTrue(html.contains("▼0 ▲1"))
    }

    func test_explanations_followTheArticlesLabels() {
        let model = Fixtures.model
        let score = model.score(article: hostile)
        let explanations = model.explanations(of: score, text: hostile, top: 3)
        XCTAssertEqual(explanations.count, score.sentences.map(\.parties.count).reduce(0, +))
        for e in explanations {
            let pair = score.sentences[e.sentence].parties.first { $0.partyID == e.partyID }
            XCTAssertEqual(pair?.label, e.label)
            XCTAssertLessThanOrEqual(e.contributions.count, 3)
            let pushes = e.contributions.map { abs($0.contribution) }
            XCTAssertEqual(pushes, pushes.sorted(by: >))
        }
    }

    func test_plainWords() {
        XCTAssertEqual(HTMLReport.plainWords("accused <target>"), "the words “accused [this party]”")
        XCTAssertEqual(HTMLReport.plainWords("L1=and"), "“and” 1 word before the party")
        XCTAssertEqual(HTMLReport.plainWords("lexr:hostile:neg"), "a hostile cue word after the party, negated")
        XCTAssertEqual(HTMLReport.plainWords("lex:conciliatory~"), "a weak conciliatory cue word in the sentence")
        XCTAssertEqual(HTMLReport.plainWords("@quoted"), "the party is named inside a quotation")
    }
}
