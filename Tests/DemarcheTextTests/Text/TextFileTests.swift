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
}
