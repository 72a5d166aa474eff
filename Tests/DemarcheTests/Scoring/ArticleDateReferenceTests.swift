import Foundation
import XCTest
@testable import Demarche

/// ``ArticleDate/latestYear(in:)`` reads UTF-8 bytes; this is the first version, on Unicode
/// scalars and whole-text word lists, kept verbatim as the reference it must agree with.
final class ArticleDateReferenceTests: XCTestCase {
    static func referenceLatestYear(in text: String) -> String? {
            let scalars = Array(text.unicodeScalars)
            func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
            // Words (lowercased) with their sentence, and the years that stand as numbers of their own.
            var words: [(text: String, sentence: Int, year: Int?)] = []
            var sentence = 0
            var i = 0
            while i < scalars.count {
                let c = scalars[i]
                if c.properties.isAlphabetic || isDigit(c) {
                    var j = i
                    while j < scalars.count, scalars[j].properties.isAlphabetic || isDigit(scalars[j]) { j += 1 }
                    let word = String(String.UnicodeScalarView(scalars[i..<j]))
                    var year: Int?
                    if j - i == 4, word.unicodeScalars.allSatisfy(isDigit), let y = Int(word), (1900...2100).contains(y) {
                        let before: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
                        let after: Unicode.Scalar? = j < scalars.count ? scalars[j] : nil
                        let afterNext: Unicode.Scalar? = j + 1 < scalars.count ? scalars[j + 1] : nil
                        // Not "1,987", "$2000", "2022-23", "2022–2023", "3.2016".
                        let partOfNumber = before.map { [",", ".", "$", "£", "€", "-", "–", "/"].contains($0) } ?? false
                        let range = after.map { ["-", "–", "/"].contains($0) } == true && afterNext.map(isDigit) == true
                        let amount = after.map { [",", "."].contains($0) } == true && afterNext.map(isDigit) == true
                        if !partOfNumber, !range, !amount { year = y }
                    }
                    words.append((word.lowercased(), sentence, year))
                    i = j
                } else {
                    // A sentence ends at a line break or at ". " / "! " / "? " (not inside "0.5" or "U.S.-led").
                    let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
                    if c == "\n" || (["." as Unicode.Scalar, "!", "?"].contains(c) && (next.map { $0 == " " || $0 == "\n" } ?? true)) {
                        sentence += 1
                    }
                    i += 1
                }
            }
            var best: Int?
            for (k, w) in words.enumerated() {
                guard let year = w.year else { continue }
                let before = words[max(0, k - 6)..<k].filter { $0.sentence == w.sentence }.map(\.text)
                let after = words[(k + 1)..<min(words.count, k + 4)].filter { $0.sentence == w.sentence }.map(\.text)
                if let last = before.last, ArticleDate.limitMarks.contains(last) { continue }
                if before.contains(where: ArticleDate.futureMarks.contains) || after.contains(where: ArticleDate.futureMarks.contains) { continue }
                best = max(best ?? year, year)
            }
            return best.map(String.init)
        }


    func test_bytes_agreeWithTheScalarReference() throws {
        var texts: [String] = []
        // Every corpus and dev file's sentences, a hundred at a time as one "article".
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for dir in ["TrainingData/corpus", "TrainingData/dev"] {
            let url = root.appendingPathComponent(dir)
            for file in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where file.hasSuffix(".jsonl") {
                let lines = try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8).split(separator: "\n")
                let sentences = lines.compactMap { line -> String? in
                    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) .flatMap { ($0 as? [String: Any])?["text"] as? String }
                }
                stride(from: 0, to: sentences.count, by: 100).forEach { texts.append(sentences[$0..<min(sentences.count, $0 + 100)].joined(separator: " ")) }
            }
        }
        XCTAssertGreaterThan(texts.count, 300)
        var rng = SystemRandomNumberGenerator()
        let pieces = ["2016", "1987", "2101", " ", ".", ". ", "\n", "by ", "will ", "-", "–", "—", "$", "£", "€", ",", "0",
                      "é", "🙂", "in ", "May ", "“", "”", "outlook ", "x", "12345", "/"]
        for _ in 0..<5000 {
            texts.append((0..<Int.random(in: 0...16, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        var withYear = 0
        for text in texts {
            let expected = Self.referenceLatestYear(in: text)
            XCTAssertEqual(ArticleDate.latestYear(in: text), expected, text)
            if expected != nil { withYear += 1 }
        }
        XCTAssertGreaterThan(withYear, 100, "the texts name years")
    }
}
