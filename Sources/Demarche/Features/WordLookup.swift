import Foundation

/// A fixed set of words, each with a small integer value, looked up by UTF-8 bytes without
/// building a `String`: the featurizer's negation cues and cue lexicon, probed for every word.
///
/// Open addressing (linear probing, load ≤ ½) over FNV-1a hashes of the bytes; words live back
/// to back in one arena. Only ASCII words are stored and looked up here: for ASCII, byte equality
/// is exactly `String` equality. A non-ASCII word may equal a stored word under Unicode canonical
/// equivalence without being byte-equal, so callers look those up in a `String`-keyed dictionary
/// (`isASCII` tells them which path to take).
struct WordLookup: Sendable {
    private var arena: [UInt8] = []
    /// Word `k` is `arena[starts[k]..<starts[k + 1]]`.
    private var starts: [Int] = [0]
    private var values: [Int32] = []
    /// `k + 1` for word `k`; `0` marks an empty slot.
    private var slots: [Int32]
    private let mask: Int

    /// A table of the ASCII words among `words` (non-ASCII ones are skipped).
    init(_ words: [(word: String, value: Int32)]) {
        var size = 16
        while size < words.count * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        for (word, value) in words where word.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(word.utf8)
            let found = bytes.withUnsafeBytes { self.value(of: $0) }
            guard found == nil else { continue }
            let k = values.count
            arena.append(contentsOf: bytes)
            starts.append(arena.count)
            values.append(value)
            var slot = Int(truncatingIfNeeded: bytes.withUnsafeBytes { Self.hash($0) }) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k + 1)
        }
    }

    /// Whether all of `bytes` are ASCII (then `value(of:)` is exact).
    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// The value stored for the word `bytes`, or nil.
    /// - Complexity: O(bytes.count) expected.
    @inline(__always)
    func value(of bytes: UnsafeRawBufferPointer) -> Int32? {
        value(of: bytes, hash: Self.hash(bytes))
    }

    /// `value(of:)` with the bytes' `hash(_:)` already computed (several tables probed for one word
    /// hash it once).
    @inline(__always)
    func value(of bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                while true {
                    let k = Int(s[slot]) - 1
                    if k < 0 { return nil }
                    let start = starts[k], length = starts[k + 1] - start
                    if length == bytes.count && (length == 0 || memcmp(a.baseAddress! + start, bytes.baseAddress!, length) == 0) {
                        return values[k]
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// 64-bit FNV-1a (the same for every table).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }
}
