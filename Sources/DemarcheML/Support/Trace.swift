import Foundation

/// Stage stamps for profiling training (`DEMARCHE_TRACE=1`): one line on standard error per stage,
/// with the seconds since the first stamp. Off by default; a disabled stamp costs one branch.
enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["DEMARCHE_TRACE"].map { !$0.isEmpty && $0 != "0" } ?? false
    private static let start = DispatchTime.now().uptimeNanoseconds

    /// Prints `label` with the elapsed seconds when tracing is on.
    @inline(__always)
    static func mark(_ label: @autoclosure () -> String) {
        guard enabled else { return }
        let origin = start  // initialised on first use: read before the clock
        let seconds = Double(DispatchTime.now().uptimeNanoseconds &- origin) / 1e9
        FileHandle.standardError.write(Data(String(format: "[trace %8.3f s] %@\n", seconds, label()).utf8))
    }
}
