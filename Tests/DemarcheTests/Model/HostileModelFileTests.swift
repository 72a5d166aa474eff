import Foundation
import XCTest
@testable import Demarche

/// Model files built to hurt (issue 16, defect 3 and the fault tests): header values that pass
/// the checksum but are absurd, every bit flip and truncation of a small model, and 8 threads
/// sharing one model.
final class HostileModelFileTests: XCTestCase {
    /// The fixture model's bytes with its header JSON edited by `edit`, the payload length and
    /// the checksum recomputed, so only the header's values can make it fail.
    private func withHeader(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        let bytes = [UInt8](try Fixtures.model.serialized())
        var reader = ByteReader(data: Data(bytes))
        reader.offset = 32
        let jsonLength = Int(try reader.read(or: StanceError.noRows(path: "")) as UInt64)
        var header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes[40..<(40 + jsonLength)])) as? [String: Any])
        edit(&header)
        let json = [UInt8](try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        var payload: [UInt8] = []
        payload.appendLittleEndian(UInt64(json.count))
        payload += json
        payload += bytes[(40 + jsonLength)...]
        return Self.file(payload: payload)
    }

    /// A file around `payload`, with its length and FNV-1a checksum right.
    static func file(payload: [UInt8]) -> Data {
        var file = StanceModel.magic
        file.appendLittleEndian(StanceModel.formatVersion)
        file.appendLittleEndian(UInt32(0))
        file.appendLittleEndian(UInt64(payload.count))
        var h = FNV1a64()
        payload.withUnsafeBytes { h.combine($0) }
        file.appendLittleEndian(h.value)
        return Data(file + payload)
    }

    private func assertRefused(_ data: Data, containing expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try StanceModel(serialized: data, path: "m.demarche"), file: file, line: line) { error in
            guard case .badModelFile(let path, let problem)? = error as? StanceError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(path, "m.demarche", file: file, line: line)
            XCTAssertTrue(problem.contains(expected), "\(problem)", file: file, line: line)
        }
    }

    func test_helper_rebuildsALoadableFile() throws {
        let data = try withHeader { _ in }
        XCTAssertNoThrow(try StanceModel(serialized: data))
    }

    /// Each of these crashed ("Range requires lowerBound <= upperBound", arithmetic overflow) or
    /// looped for ever when a model was loaded and used; `train` refuses the same values.
    func test_absurdHeaderValues_withAValidChecksum_areRefusedOnLoad() throws {
        for window in [0, -5, Int.max] {
            assertRefused(try withHeader { h in
                var f = h["features"] as! [String: Any]; f["windowSize"] = window; f["contextWindow"] = true; h["features"] = f
            }, containing: "windowSize must be in 1...10")
        }
        assertRefused(try withHeader { $0["termCount"] = 329_406_144_173_384_850 }, containing: "sizes do not add up")
        assertRefused(try withHeader { $0["termCount"] = Int.max }, containing: "sizes do not add up")
        assertRefused(try withHeader { $0["termCount"] = -1 }, containing: "bad counts")
        assertRefused(try withHeader { $0["classCount"] = 4 }, containing: "bad counts")
        assertRefused(try withHeader { h in
            var t = h["tfidf"] as! [String: Any]; t["wordNgramRange"] = [1, Int.max]; h["tfidf"] = t
        }, containing: "wordNgramRange upper bound must be <= 16")
        assertRefused(try withHeader { h in
            var t = h["tfidf"] as! [String: Any]; t["characterNgramRange"] = [2, Int.max]; h["tfidf"] = t
        }, containing: "characterNgramRange upper bound must be <= 16")
        assertRefused(try withHeader { h in
            var t = h["tfidf"] as! [String: Any]; t["wordNgramRange"] = [0, 2]; h["tfidf"] = t
        }, containing: "wordNgramRange lower bound must be >= 1")
        assertRefused(try withHeader { h in
            var t = h["tfidf"] as! [String: Any]; t["wordNgramRange"] = [3, 1]; h["tfidf"] = t
        }, containing: "unreadable header")
        assertRefused(try withHeader { $0["labels"] = ["a", "b", "c"] }, containing: "bad counts")
    }

    /// The same rule on the training side: `train` refuses what loading refuses.
    func test_trainingRefusesTheSameNgramBound() {
        var configuration = TrainingConfiguration()
        configuration.tfidf.wordNgramRange = 1...Int.max
        XCTAssertThrowsError(try configuration.validate())
        configuration.tfidf.wordNgramRange = 1...16
        XCTAssertNoThrow(try configuration.validate())
    }

    /// Every single-bit flip in the header region and a sample of the rest, and every truncation
    /// length in the first 200 bytes and a sample of the rest: refused, never a crash. (With the
    /// checksum, a flip anywhere is refused; the fuzz target `model` recomputes it to go deeper.)
    func test_bitFlipsAndTruncations_areAllRefused() throws {
        let bytes = [UInt8](try Fixtures.model.serialized())
        var positions = Array(0..<min(bytes.count, 256))
        positions += stride(from: 256, to: bytes.count, by: max(1, bytes.count / 400))
        var refused = 0
        for p in positions {
            for bit in 0..<8 {
                var b = bytes
                b[p] ^= UInt8(1 << bit)
                if (try? StanceModel(serialized: Data(b))) == nil { refused += 1 }
            }
        }
        XCTAssertEqual(refused, positions.count * 8, "every flipped bit must be refused")
        var cuts = Array(0..<200)
        cuts += stride(from: 200, to: bytes.count, by: max(1, bytes.count / 300))
        for cut in cuts {
            XCTAssertThrowsError(try StanceModel(serialized: Data(bytes.prefix(cut))), "cut at \(cut)")
        }
    }

    /// A valid checksum over damaged contents (what a deliberate edit gives): each bit flip of the
    /// payload's header JSON either is refused or loads a model that still scores.
    func test_bitFlipsOfTheHeaderJSON_withChecksumRecomputed_areRefusedOrHarmless() throws {
        let bytes = [UInt8](try Fixtures.model.serialized())
        let jsonLength = Int(bytes[32]) | Int(bytes[33]) << 8 | Int(bytes[34]) << 16
        var loaded = 0, refused = 0
        for p in stride(from: 40, to: 40 + jsonLength, by: 3) {
            var payload = Array(bytes[32...])
            payload[p - 32] ^= UInt8(1 << (p % 8))
            if let model = try? StanceModel(serialized: Self.file(payload: payload)) {
                loaded += 1
                _ = model.score(article: "Seoul condemned Tokyo. Tokyo welcomed the talks with Seoul.")
            } else {
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, 0)
        XCTAssertEqual(loaded + refused, (jsonLength + 2) / 3)
    }

    /// Eight threads scoring with one shared model give what one thread gives.
    func test_eightThreadsScoring_equalOneThread() throws {
        let model = Fixtures.model
        let articles = (0..<64).map { i in
            "Seoul condemned Tokyo over the remarks (\(i)). Tokyo welcomed the talks with Seoul. Pyongyang said nothing."
        }
        let expected = articles.map { model.score(article: $0, id: nil).compactJSON() }
        final class Results: @unchecked Sendable {  // guarded by `lock`
            let lock = NSLock()
            var byThread = [[String]](repeating: [], count: 8)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            let mine = articles.map { model.score(article: $0, id: nil).compactJSON() }
            results.lock.lock(); results.byThread[thread] = mine; results.lock.unlock()
        }
        for r in results.byThread { XCTAssertEqual(r, expected) }
    }
}
