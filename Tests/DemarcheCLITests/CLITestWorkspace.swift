import Foundation

/// The temporary directory and small model each CLI test class makes for itself (each class
/// removes its own directory when its tests end).
enum CLITestWorkspace {
    /// A new, empty temporary directory named `prefix-<UUID>`.
    static func directory(_ prefix: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A small model trained by the CLI itself on the fixtures, written into `directory`.
    static func smallModel(in directory: String) -> String {
        let path = directory + "/small.demarche"
        let r = CLITests.run(["train", "--data", CLITests.fixtures + "/train.jsonl", "--out", path, "--folds", "0", "--min-df", "1"])
        precondition(r.status == 0, "training the test model failed: \(r.stderr)")
        return path
    }
}
