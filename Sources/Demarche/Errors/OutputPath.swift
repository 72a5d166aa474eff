import Foundation

/// Checks that a file can be written at a path before work whose result would go there is done,
/// so that a long training run does not end in an error that loses it.
public enum OutputPath {
    /// Throws `StanceError.io` naming the problem when `path` cannot take a new file: it is a
    /// directory, its directory does not exist, or that directory is not writable.
    /// - Parameters:
    ///   - path: the file to be written (relative paths are taken from the current directory).
    ///   - what: what will be written, for the message ("the model", "predictions").
    ///   - example: a file name to suggest when `path` is a directory.
    public static func check(_ path: String, what: String, example: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if path.isEmpty {
            throw StanceError.io(path: path, message: "cannot write \(what): the path is empty; give a file path such as \(example)")
        }
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let suggestion = (path.hasSuffix("/") ? path : path + "/") + example
            throw StanceError.io(path: path, message: "cannot write \(what): this is a directory; give a file path such as \(suggestion)")
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard manager.fileExists(atPath: parent, isDirectory: &isDirectory) else {
            throw StanceError.io(path: path, message: "cannot write \(what): the directory \(parent) does not exist; create it first")
        }
        guard isDirectory.boolValue else {
            throw StanceError.io(path: path, message: "cannot write \(what): \(parent) is not a directory")
        }
        guard manager.isWritableFile(atPath: parent) else {
            throw StanceError.io(path: path, message: "cannot write \(what): no permission to create files in \(parent)")
        }
    }
}
