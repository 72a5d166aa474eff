import XCTest
@testable import DemarcheText

final class TextFileTests: XCTestCase {
    private func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "demarche-\(UUID().uuidString).txt"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func test_validUTF8_isRead() throws {
        let path = try temporaryFile(Array("Seoul “ok”".utf8))
        XCTAssertEqual(try TextFile.read(path), "Seoul “ok”")
    }

    func test_invalidUTF8_throwsWithByteOffset() throws {
        let path = try temporaryFile(Array("Seoul ".utf8) + [0xE2, 0x80] + Array(" x".utf8))
        XCTAssertThrowsError(try TextFile.read(path)) { error in
            XCTAssertEqual(error as? TextError, .invalidUTF8(path: path, byteOffset: 6))
            XCTAssertTrue(error.localizedDescription.contains("byte offset 6"), error.localizedDescription)
        }
    }

    func test_overlongAndSurrogateEncodings_areInvalid() throws {
        let overlong = try temporaryFile([0x41, 0xC0, 0xAF])
        XCTAssertThrowsError(try TextFile.read(overlong)) { XCTAssertEqual($0 as? TextError, .invalidUTF8(path: overlong, byteOffset: 1)) }
        let surrogate = try temporaryFile([0xED, 0xA0, 0x80])
        XCTAssertThrowsError(try TextFile.read(surrogate)) { XCTAssertEqual($0 as? TextError, .invalidUTF8(path: surrogate, byteOffset: 0)) }
    }

    func test_missingFile_throwsUnreadable_sayingSo() {
        XCTAssertThrowsError(try TextFile.read("/nonexistent/demarche.txt")) { error in
            XCTAssertEqual(error as? TextError, .unreadableFile(path: "/nonexistent/demarche.txt", reason: "no such file"))
        }
    }

    func test_directory_throwsUnreadable_sayingItIsADirectory() {
        let dir = NSTemporaryDirectory()
        XCTAssertThrowsError(try TextFile.read(dir)) { error in
            XCTAssertEqual(error as? TextError, .unreadableFile(path: dir, reason: "it is a directory, not a file"))
        }
    }

    /// The byte-at-a-time validation as it was before ASCII runs were skipped eight bytes at a
    /// time: the reference.
    private static func referenceFirstInvalid(_ bytes: [UInt8]) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int, lowest: UInt32
            switch b {
            case 0xC2...0xDF: (len, lowest) = (2, 0x80)
            case 0xE0...0xEF: (len, lowest) = (3, 0x800)
            case 0xF0...0xF4: (len, lowest) = (4, 0x10000)
            default: return i
            }
            guard i + len <= n else { return i }
            var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for k in 1..<len {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                v = v << 6 | UInt32(c & 0x3F)
            }
            if v < lowest || (0xD800...0xDFFF).contains(v) || v > 0x10FFFF { return i }
            i += len
        }
        return nil
    }

    /// ASCII runs of every length around the eight-byte words, with valid and invalid sequences
    /// (truncated, overlong, surrogates, stray continuation bytes) at every offset.
    func test_firstInvalidUTF8Offset_equalsTheBytewiseReference_fuzzed() {
        var seed: UInt64 = 31
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % UInt64(n)) }
        let pieces: [[UInt8]] = [Array("é".utf8), Array("中".utf8), Array("🇯🇵".utf8), [0xC3], [0xE4, 0xB8], [0x80], [0xC0, 0xAF],
                                 [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x7F], [0x00]]
        var invalid = 0
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(6) {
                bytes += (0..<next(20)).map { _ in UInt8(32 + next(90)) }
                if next(3) == 0 { bytes += pieces[next(pieces.count)] }
            }
            let want = Self.referenceFirstInvalid(bytes)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { TextFile.firstInvalidUTF8Offset($0) }, want, "\(bytes)")
            XCTAssertEqual(want == nil, String(validating: bytes, as: UTF8.self) != nil)
            if want != nil { invalid += 1 }
        }
        XCTAssertGreaterThan(invalid, 500)
        XCTAssertLessThan(invalid, 4500)
    }
}
