import Foundation

/// A value computed on a thread of its own (`eval` reads its rows while the model loads; `score`
/// loads the bundled model while its arguments are parsed); `get()` waits for it and returns it
/// or throws its error.
final class Concurrently<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, Error>?

    init(_ body: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let computed = Result { try body() }
            condition.lock()
            result = computed
            condition.broadcast()
            condition.unlock()
        }
    }

    func get() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}
