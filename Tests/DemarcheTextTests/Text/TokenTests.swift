import Foundation
import XCTest
@testable import DemarcheText

final class TokenTests: XCTestCase {
    private let tokenizer = Tokenizer()

    func test_shortTokens_carryNoStorage_longOnesTheirOwn() {
        // 16 inline bytes, the span, count, kind, flags and one reference.
        XCTAssertEqual(MemoryLayout<Token>.stride, 40)
        let tokens = tokenizer.tokenize("The Abcdefghijklmnop ceasefire held, Abcdefghijklmnopq-rst said.")
        XCTAssertEqual(tokens.filter { $0.storage != nil }.map(\.surface), ["Abcdefghijklmnopq-rst"])
        XCTAssertEqual(tokens.filter(\.isStored).map(\.surface), ["Abcdefghijklmnopq-rst"])
        // Copies share the storage; a new tokenisation has its own.
        let copy = tokens[5]
        XCTAssertTrue(copy.storage === tokens[5].storage)
        XCTAssertFalse(tokenizer.tokenize("Abcdefghijklmnopq-rst")[0].storage === tokens[5].storage)
        XCTAssertEqual(tokenizer.tokenize("Abcdefghijklmnopq-rst")[0].shifted(by: 37), copy)
    }

    func test_textBytesAndSameText_agreeWithText_forEveryKindOfToken() {
        // Inline ASCII (with and without capitals, exactly 16 bytes), long stored, non-ASCII,
        // punctuation and numbers, and a token with an explicit text.
        let text = "SEOUL's Pyongyang-Watchers ABCDEFGHIJKLMNOP abcdefghijklmnop ÉLYSÉE élysée "
            + "Counterinsurgency-Minded counterinsurgency-minded “quoted” 3,000 U.S. u.s. n't"
        var tokens = tokenizer.tokenize(text)
        tokens.append(Token(text: "<target>", surface: "Seoul", span: TextSpan(start: 0, end: 5), kind: .word))
        tokens.append(Token(text: "seoul", surface: "SEOUL", span: TextSpan(start: 0, end: 5), kind: .word))
        for a in tokens {
            XCTAssertEqual(a.withTextBytes { String(decoding: $0, as: UTF8.self) }, a.text, "\(a.surface)")
            for b in tokens {
                XCTAssertEqual(a.hasSameText(as: b), a.text == b.text, "\(a.surface) / \(b.surface)")
            }
        }
        // The pairs that must match across case and storage.
        func token(_ s: String) -> Token { tokens.first { $0.surface == s }! }
        XCTAssertTrue(token("ABCDEFGHIJKLMNOP").hasSameText(as: token("abcdefghijklmnop")))
        XCTAssertTrue(token("Counterinsurgency-Minded").hasSameText(as: token("counterinsurgency-minded")))
        XCTAssertTrue(token("ÉLYSÉE").hasSameText(as: token("élysée")))
        XCTAssertTrue(token("U.S.").hasSameText(as: token("u.s.")))
        XCTAssertFalse(token("ABCDEFGHIJKLMNOP").hasSameText(as: token("élysée")))
    }

    func test_longSurfaces_keepSurfaceAndLowercasedText() {
        let text = "Anti-Americanism and counterinsurgency-minded Ökonomieprofessoren in https://example.com/x-y-z"
        let tokens = tokenizer.tokenize(text)
        XCTAssertEqual(tokens.map(\.surface),
                       ["Anti-Americanism", "and", "counterinsurgency-minded", "Ökonomieprofessoren", "in", "https", ":", "/", "/",
                        "example", ".", "com", "/", "x-y-z"])
        XCTAssertEqual(tokens[2].text, "counterinsurgency-minded")
        XCTAssertEqual(tokens[3].text, "ökonomieprofessoren")
        let scalars = Array(text.unicodeScalars)
        for t in tokens { XCTAssertEqual(String(String.UnicodeScalarView(scalars[t.span.range])), t.surface) }
    }

    func test_longTokens_copiedBetweenArraysAndOutlivingTheirAnalysis_keepTheirText() throws {
        var kept: [Token] = []
        do {
            let matcher = PartyMatcher(gazetteer: try Gazetteer(tsv: "USA\tstate\tUnited States\tUS", source: "t.tsv"))
            let sentences = matcher.analyze("The US-brokered-and-financed ceasefire held. Extraordinarily-long-compound words too.")
            kept += sentences[0].tokens[1...2]
            kept.append(sentences[1].tokens[0].shifted(by: 5))
        }
        XCTAssertEqual(kept.map(\.surface), ["US-brokered-and-financed", "ceasefire", "Extraordinarily-long-compound"])
        XCTAssertEqual(kept[2].text, "extraordinarily-long-compound")
        XCTAssertEqual(kept[2].span, TextSpan(start: 50, end: 79))
        // Equal tokens from separate tokenisations are equal and hash alike.
        let again = tokenizer.tokenize("The US-brokered-and-financed")[1]
        XCTAssertEqual(again, kept[0])
        XCTAssertEqual(Set([again, kept[0]]).count, 1)
        XCTAssertNotEqual(again, tokenizer.tokenize("The US-brokered-and-financet")[1])
    }

    func test_publicInit_keepsExplicitText_andMatchesAliasesBySurface() throws {
        let token = Token(text: "united states", surface: "US", span: TextSpan(start: 0, end: 2), kind: .word)
        XCTAssertEqual(token.text, "united states")
        XCTAssertEqual(token.surface, "US")
        let plain = Token(text: "us", surface: "US", span: TextSpan(start: 0, end: 2), kind: .word)
        XCTAssertEqual(plain, tokenizer.tokenize("US")[0])
        XCTAssertNotEqual(token, plain)
        let matcher = PartyMatcher(gazetteer: try Gazetteer(tsv: "USA\tstate\tUnited States\tUS", source: "t.tsv"))
        XCTAssertEqual(matcher.mentions(in: [token]).map(\.partyID), ["USA"])
    }

    func test_codableRoundTrip_keepsLongAndExplicitTokens() throws {
        let tokens = tokenizer.tokenize("A state-of-the-art-weapons test") + [
            Token(text: "korea", surface: "Korea", span: TextSpan(start: 0, end: 5), kind: .word),
            Token(text: "dprk", surface: "North-Korean-Regime-Officials", span: TextSpan(start: 6, end: 35), kind: .word),
        ]
        let decoded = try JSONDecoder().decode([Token].self, from: JSONEncoder().encode(tokens))
        XCTAssertEqual(decoded, tokens)
        XCTAssertEqual(decoded.last?.text, "dprk")
    }

    /// Long tokens made on many threads at once, read on others (and after their makers are gone),
    /// give their own surface and text, and compare equal to the same word tokenised elsewhere.
    func test_longTokensFromManyThreads_keepTheirSurfaces() {
        let n = 2_000
        @Sendable func word(_ k: Int) -> String { "Supercalifragilistic-\(k)-Expialidocious" }
        var made = [Token?](repeating: nil, count: n)
        made.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out  // each iteration writes its own slot
            DispatchQueue.concurrentPerform(iterations: n) { k in out[k] = Tokenizer().tokenize("The \(word(k)) plan")[1] }
        }
        let tokens = made.map { $0! }
        // Read them back on many threads, each token by a thread other than its maker's iteration.
        var right = [Bool](repeating: false, count: n)
        right.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out  // each iteration writes its own slot
            DispatchQueue.concurrentPerform(iterations: n) { k in
                let j = (k * 7 + 3) % n, t = tokens[j]
                out[k] = t.surface == word(j) && t.text == word(j).lowercased()
                    && t == Tokenizer().tokenize("The \(word(j)) plan")[1]
                    && t.withTextBytes({ String(decoding: $0, as: UTF8.self) }) == word(j).lowercased()
            }
        }
        XCTAssertEqual(right.filter { !$0 }.count, 0)
        XCTAssertEqual(Set(tokens.map(\.surface)).count, n)
    }

    /// A long-running loop over documents full of distinct long words (a stream of articles) keeps
    /// no token strings once its documents are done: the storage of every long token is freed
    /// with its last copy, and the resident memory does not grow with the number of documents. (The
    /// former process-wide store kept every distinct long surface: 160,000 here, ~15 MB.)
    func test_manyDocumentsOfDistinctLongWords_leaveNoStorageBehind() throws {
        let matcher = PartyMatcher(gazetteer: try Gazetteer(tsv: "USA\tstate\tUnited States\tUS", source: "t.tsv"))
        func document(_ d: Int) -> String {
            (0..<20).map { "The US-\(d)-\($0)-brokered Extraordinarily-\(d * 20 + $0)-Long words were said." }.joined(separator: " ")
        }
        weak var sample: TokenStorage?
        func run(_ documents: Range<Int>) -> Int {
            var wrong = 0
            for d in documents {
                let sentences = matcher.analyze(document(d))
                for (k, s) in sentences.enumerated() {
                    if s.tokens[1].surface != "US-\(d)-\(k)-brokered" || s.tokens[2].text != "extraordinarily-\(d * 20 + k)-long" {
                        wrong += 1
                    }
                }
                if d == documents.lowerBound { sample = sentences[0].tokens[2].storage }
            }
            return wrong
        }
        XCTAssertEqual(run(0..<200), 0)  // warm-up: scratch buffers, the allocator's pools
        XCTAssertNil(sample, "a document's long tokens outlived it")
        let before = heapInUse()
        XCTAssertEqual(run(200..<4_200), 0)  // 160,000 distinct long surfaces
        XCTAssertNil(sample)
        if let before, let after = heapInUse() {
            XCTAssertLessThan(after - before, 6_000_000, "resident memory grew by \(after - before) bytes over 4,000 documents")
        }
    }

    /// Resident bytes of this process (/proc/self/statm), or nil where it is not available. Freed
    /// heap memory is reused, so after a warm-up it stays level unless something is kept.
    private func heapInUse() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A token kept from the first document gives its surface after thousands of others.
    func test_keptLongToken_givesItsSurface_afterManyDocuments() {
        let kept = tokenizer.tokenize("Its Counter-Counterinsurgency-Minded ÉLYSÉE-Watchers-Association")
        for d in 0..<5_000 {
            let t = tokenizer.tokenize("Other-Counter-Counterinsurgency-\(d) Élysée-Watchers-\(d)")
            XCTAssertEqual(t[0].surface, "Other-Counter-Counterinsurgency-\(d)")
            XCTAssertEqual(t[1].text, "élysée-watchers-\(d)")
        }
        XCTAssertEqual(kept.map(\.surface), ["Its", "Counter-Counterinsurgency-Minded", "ÉLYSÉE-Watchers-Association"])
        XCTAssertEqual(kept.map(\.text), ["its", "counter-counterinsurgency-minded", "élysée-watchers-association"])
    }
}
