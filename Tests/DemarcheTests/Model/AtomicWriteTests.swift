import Foundation
import XCTest
@testable import Demarche

/// Issue 16, defect 5: a write killed half-way (`kill -9`) left Foundation's `.dat.nosync…`
/// temporary file beside the model for ever. Ours is `.NAME.partial-PID`, and the next write to
/// the same path removes those of processes that are gone.
final class AtomicWriteTests: XCTestCase {
    private func tempDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("demarche-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func test_writeLeavesOnlyTheModel_andRemovesLeftoversOfDeadWriters() throws {
        let dir = try tempDirectory()
        let path = dir + "/m.demarche"
        // A leftover of a writer that was killed: a process id that cannot be running.
        let dead = dir + "/.m.demarche.partial-2147483646"
        FileManager.default.createFile(atPath: dead, contents: Data(repeating: 7, count: 1000))
        // One of a live writer (this process's parent) and one of another file stay.
        let live = dir + "/.m.demarche.partial-\(getppid())"
        FileManager.default.createFile(atPath: live, contents: Data())
        let other = dir + "/.other.demarche.partial-2147483646"
        FileManager.default.createFile(atPath: other, contents: Data())
        try Fixtures.model.write(to: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(),
                       [".m.demarche.partial-\(getppid())", ".other.demarche.partial-2147483646", "m.demarche"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), try Fixtures.model.serialized())
    }

    func test_failedWrite_keepsTheOldFile_andLeavesNoTemporary() throws {
        let dir = try tempDirectory()
        let path = dir + "/m.demarche"
        try Fixtures.model.write(to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // Make the directory read-only: the temporary cannot be created (skip when root ignores it).
        chmod(dir, 0o500)
        defer { chmod(dir, 0o700) }
        if access(dir, W_OK) == 0 { throw XCTSkip("running as root: permissions are not enforced") }
        XCTAssertThrowsError(try AtomicFile.write(Data([1, 2, 3]), to: path, what: "the model"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["m.demarche"])
    }
}
