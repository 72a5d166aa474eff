import XCTest
@testable import Demarche

final class StanceModelFileTests: XCTestCase {
    /// A fresh path in the temporary directory, removed (with any sibling the writer left) when the test ends.
    func tempPath(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("demarche-\(UUID().uuidString)-\(name)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func test_roundTrip_givesSameBytesAndPredictions() throws {
        let model = Fixtures.model
        let path = tempPath("m.demarche")
        try model.write(to: path)
        let loaded = try StanceModel(contentsOf: path)
        XCTAssertEqual(try loaded.serialized(), try model.serialized())
        let a = try model.classify("Seoul condemned Tokyo for the remarks.", target: "Tokyo")
        let b = try loaded.classify("Seoul condemned Tokyo for the remarks.", target: "Tokyo")
        XCTAssertEqual(a, b)
        XCTAssertEqual(loaded.gazetteer.parties.map(\.id), model.gazetteer.parties.map(\.id))
    }

    func test_truncatedFile_isAClearError() throws {
        let bytes = try Fixtures.model.serialized()
        for cut in [0, 5, 31, 40, bytes.count / 2, bytes.count - 1] {
            XCTAssertThrowsError(try StanceModel(serialized: bytes.prefix(cut), path: "m.demarche")) { error in
                guard case .badModelFile(let path, let problem)? = error as? StanceError else { return XCTFail("\(error)") }
                XCTAssertEqual(path, "m.demarche")
                XCTAssertFalse(problem.isEmpty)
            }
        }
        XCTAssertThrowsError(try StanceModel(serialized: bytes.prefix(bytes.count - 1), path: "m")) { error in
            XCTAssertEqual(error.localizedDescription, "m: not a usable Demarche model: truncated or padded: the header announces \(bytes.count - 32) bytes of payload but the file holds \(bytes.count - 33)")
        }
    }

    func test_corruptedByte_failsTheChecksum() throws {
        var bytes = try Fixtures.model.serialized()
        bytes[bytes.count - 20] ^= 0x40
        XCTAssertThrowsError(try StanceModel(serialized: bytes, path: "m")) { error in
            XCTAssertEqual(error.localizedDescription, "m: not a usable Demarche model: checksum mismatch: the file is corrupted")
        }
    }

    func test_foreignFile_isNamedAsSuch() {
        let png = Data([0x89, 0x50, 0x4E, 0x47] + [UInt8](repeating: 0, count: 60))
        XCTAssertThrowsError(try StanceModel(serialized: png, path: "x.png")) { error in
            XCTAssertEqual(error.localizedDescription, "x.png: not a usable Demarche model: it does not start with the Demarche magic bytes (is it another kind of file?)")
        }
    }

    func test_futureVersion_isRefusedWithAHint() throws {
        var bytes = try Fixtures.model.serialized()
        bytes[8] = 9
        XCTAssertThrowsError(try StanceModel(serialized: bytes, path: "m")) { error in
            XCTAssertEqual(error.localizedDescription, "m: not a usable Demarche model: format version 9 is not supported (this Demarche reads version 1); retrain the model or use a matching Demarche")
        }
    }

    func test_hugeCountsInAValidChecksum_doNotAllocate() throws {
        // A header claiming 10^15 terms must be refused by the size check, not by running out of memory.
        let model = Fixtures.model
        var data = try model.serialized()
        let payload = data.subdata(in: 32..<data.count)
        var reader = ByteReader(data: payload)
        let jsonLength: UInt64 = try reader.read(or: StanceError.io(path: "", message: ""))
        var json = String(decoding: payload.subdata(in: 8..<(8 + Int(jsonLength))), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"termCount\":\(model.vectorizer.terms.count)", with: "\"termCount\":1000000000000000")
        var newPayload = Data()
        newPayload.appendLittleEndian(UInt64(json.utf8.count))
        newPayload.append(Data(json.utf8))
        newPayload.append(payload.subdata(in: (8 + Int(jsonLength))..<payload.count))
        var h = FNV1a64()
        newPayload.withUnsafeBytes { h.combine($0) }
        data = data.prefix(16)
        data.appendLittleEndian(UInt64(newPayload.count))
        data.appendLittleEndian(h.value)
        data.append(newPayload)
        XCTAssertThrowsError(try StanceModel(serialized: data, path: "m")) { error in
            XCTAssertTrue(error.localizedDescription.contains("sizes do not add up"), error.localizedDescription)
        }
    }

    func test_writeIntoMissingDirectory_failsAndLeavesNothing() {
        let path = tempPath("no/such/dir/m.demarche")
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        XCTAssertThrowsError(try Fixtures.model.write(to: path)) { error in
            XCTAssertEqual(error as? StanceError,
                           .io(path: path, message: "cannot write the model: the directory \(parent) does not exist; create it first"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func test_writeOverADirectory_failsNamingIt_andLeavesItAlone() throws {
        let path = tempPath("models")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        XCTAssertThrowsError(try Fixtures.model.write(to: path)) { error in
            XCTAssertEqual(error as? StanceError,
                           .io(path: path, message: "cannot write the model: this is a directory; give a file path such as \(path)/model.demarche"))
        }
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    func test_outputPathCheck_acceptsANewFileInAnExistingDirectory() throws {
        XCTAssertNoThrow(try OutputPath.check(tempPath("fresh.demarche"), what: "the model", example: "model.demarche"))
        XCTAssertThrowsError(try OutputPath.check("", what: "the model", example: "model.demarche"))
    }
}

extension Data {
    /// Appends `value`'s little-endian bytes (for hand-built model files).
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }
}
