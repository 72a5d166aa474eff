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
    /// The one prefetch of the process (a constant; its state is guarded by `lock`).
    static let shared = ModelPrefetch()

    private let lock = NSLock()
    private var loading: Concurrently<StanceModel>?

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
        let started = Concurrently { try Bundled.defaultModel() }
        lock.lock()
        loading = started
        lock.unlock()
    }

    /// The prefetched model or its error, waiting for it; nil when no prefetch was started (or it
    /// was already taken).
    func take() -> Result<StanceModel, Error>? {
        lock.lock()
        let started = loading
        loading = nil
        lock.unlock()
        return started.map { started in Result { try started.get() } }
    }
}
