// Shared by every fuzz target (compiled into each harness by Scripts/fuzz.sh).
import Foundation

/// The fuzzer's input as a `String`: invalid UTF-8 is repaired (U+FFFD), as the readers only ever
/// see text that `TextFile` has already validated.
func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}

/// The repository root: `DEMARCHE_ROOT`, else the current directory.
var fuzzRoot: String { ProcessInfo.processInfo.environment["DEMARCHE_ROOT"] ?? FileManager.default.currentDirectoryPath }
