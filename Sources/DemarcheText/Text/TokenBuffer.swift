/// Growable storage for the tokens being scanned, reused from one sentence to the next.
///
/// Appending is a store and an increment: no uniqueness check as in `Array.append` (and no
/// reference counting for the inline tokens, whose `storage` is nil). The scanned tokens leave
/// as an array of their exact size (one copy).
struct TokenBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<Token>
    private var capacity: Int
    /// Number of tokens appended since the last ``removeAll()``.
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Appends `token`.
    @inline(__always)
    mutating func append(_ token: Token) {
        if count == capacity { grow() }
        (base + count).initialize(to: token)
        count += 1
    }

    /// Forgets the tokens (releasing the storage of long ones), keeping the memory.
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// The tokens, as an array of their exact size.
    func array() -> [Token] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Doubles the capacity.
    @inline(never)
    private mutating func grow() {
        let larger = UnsafeMutablePointer<Token>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
