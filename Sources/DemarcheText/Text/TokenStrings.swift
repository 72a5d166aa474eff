import Foundation

/// The strings of the tokens that do not fit inline: surfaces longer than 16 UTF-8 bytes, and
/// surfaces given an explicit text by ``Token/init(text:surface:span:kind:)``.
///
/// One store serves the whole process, so that a ``Token`` is plain data: it holds an id, not a
/// reference, and token arrays are copied and freed without reference counting. Entries are
/// deduplicated, so the store grows with the number of distinct long surfaces seen (a
/// vocabulary: hyphenated compounds, URLs), not with the amount of text. Long tokens are a few
/// percent of news tokens; each one takes the lock once to be stored and once per access.
final class TokenStrings: @unchecked Sendable {
    /// The store.
    static let shared = TokenStrings()

    private struct Entry {
        let surface: String
        let text: String?
        let hash: UInt64
    }

    /// Everything below is guarded by `lock`.
    private let lock = NSLock()
    private var entries: [Entry] = []
    /// Open-addressing table of indices into `entries` (-1: empty), by `hash`.
    private var slots = [Int32](repeating: -1, count: 1024)

    private init() {}

    /// The id of the entry for surface `bytes` and explicit `text`, stored if new.
    /// - Parameter hash: a hash of `bytes` (the token's key).
    func id(surface bytes: UnsafeBufferPointer<UInt8>, text: String?, hash: UInt64) -> Int {
        lock.lock()
        defer { lock.unlock() }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 {
            let e = Int(slots[slot])
            if entries[e].hash == hash && entries[e].text == text && entries[e].surface.utf8.elementsEqual(bytes) { return e }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = entries.count
        entries.append(Entry(surface: String(decoding: bytes, as: UTF8.self), text: text, hash: hash))
        slots[slot] = Int32(id)
        if entries.count * 2 > slots.count { rehash(capacity: slots.count * 2) }
        return id
    }

    /// The surface of entry `id`.
    func surface(_ id: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return entries[id].surface
    }

    /// The explicit text of entry `id`, if it has one.
    func text(_ id: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return entries[id].text
    }

    /// Rebuilds the table with `capacity` slots (a power of two).
    private func rehash(capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        for (e, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(e)
        }
    }
}
