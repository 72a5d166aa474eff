import XCTest
import Foundation

/// `demarche score` without `--model` loads the bundled model while it parses its arguments
/// (issue 18): the same output and the same errors as loading it after, and a clean exit when the
/// arguments are bad while the model is still loading.
final class ModelPrefetchCLITests: XCTestCase {
    private func run(_ arguments: [String], environment: [String: String] = [:]) -> CLITests.Result {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try! process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITests.Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                               stderr: String(decoding: e, as: UTF8.self))
    }

    func test_prefetchedBundledModel_scoresAsAnExplicitModel() {
        let article = CLITests.repo + "/Examples/strait-talks.txt"
        let bundled = CLITests.binary.deletingLastPathComponent().appendingPathComponent("Demarche_Demarche.resources/default.demarche").path
        for format in ["table", "json"] {
            let prefetched = run(["score", "--format", format, article])
            let explicit = run(["score", "--model", bundled, "--format", format, article])
            XCTAssertEqual(prefetched.status, 0, prefetched.stderr)
            XCTAssertEqual(prefetched.stdout, explicit.stdout)
            XCTAssertFalse(prefetched.stdout.isEmpty)
        }
    }

    func test_prefetchedModelError_isTheLoadError() throws {
        let damaged = FileManager.default.temporaryDirectory.appendingPathComponent("demarche-\(UUID().uuidString).demarche").path
        defer { try? FileManager.default.removeItem(atPath: damaged) }
        try Data("DEMARCHE but not a model at all".utf8).write(to: URL(fileURLWithPath: damaged))
        let article = CLITests.repo + "/Examples/strait-talks.txt"
        let viaPrefetch = run(["score", article], environment: ["DEMARCHE_MODEL": damaged])
        let viaOption = run(["score", "--model", damaged, article])
        XCTAssertEqual(viaPrefetch.status, 1)
        XCTAssertEqual(viaPrefetch.stderr, viaOption.stderr)
        XCTAssertTrue(viaPrefetch.stderr.contains("not a usable Demarche model"), viaPrefetch.stderr)
    }

    func test_badArgumentsWhileLoading_exitWithTheUsageError() {
        for _ in 0..<5 {
            let r = run(["score", "--no-such-option", "x.txt"])
            XCTAssertEqual(r.status, 64, r.stderr)
            XCTAssertTrue(r.stderr.contains("Unknown option '--no-such-option'"), r.stderr)
            XCTAssertEqual(r.stdout, "")
        }
    }
}
