import Demarche
import Foundation

/// The bundled model, loaded on another thread while the arguments are parsed.
///
/// `demarche score` spends a tenth of its instructions parsing its arguments (swift-argument-parser
/// reflects over every command's options) before it loads the model, which is most of its start-up.
/// When the command line is `score` without `--model`, loading starts at once on a thread of its
/// own and `ModelOptions.load()` takes the result (waiting if it is not done). Anything unusual —
/// another command, `--model`, a help or version request — leaves loading to `load()`, as before.
/// Errors are kept and thrown by `load()`, so they are reported exactly as before; if parsing
/// fails, the process exits and the result is never looked at.
final class ModelPrefetch: @unchecked Sendable {
    /// The one prefetch of the process (a constant; its state is guarded by `condition`).
    static let shared = ModelPrefetch()

    private let condition = NSCondition()
    private var started = false
    private var result: Result<StanceModel, Error>?

    /// Whether `arguments` (the process's, program name first) are a `score` command that will
    /// load the bundled model: no `--model`, no help or version request.
    static func shouldPrefetch(_ arguments: [String]) -> Bool {
        guard arguments.count >= 2, arguments[1] == "score" else { return false }
        return !arguments.dropFirst(2).contains { argument in
            argument == "--model" || argument.hasPrefix("--model=") || argument == "-h" || argument == "--help"
                || argument == "--version" || argument == "--experimental-dump-help"
                || argument.hasPrefix("--generate-completion")
        }
    }

    /// Starts loading the bundled model on a new thread if `arguments` call for it.
    func start(arguments: [String]) {
        guard Self.shouldPrefetch(arguments) else { return }
        condition.lock()
        started = true
        condition.unlock()
        Thread.detachNewThread { [self] in
            let loaded = Result { try Bundled.defaultModel() }
            condition.lock()
            result = loaded
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The prefetched model or its error, waiting for it; nil when no prefetch was started (or it
    /// was already taken).
    func take() -> Result<StanceModel, Error>? {
        condition.lock()
        defer { condition.unlock() }
        guard started else { return nil }
        while result == nil { condition.wait() }
        started = false
        defer { result = nil }
        return result
    }
}
