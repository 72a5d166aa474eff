import Foundation

/// An insert-only hash set of byte strings that numbers its terms `0, 1, 2, …` in insertion order.
///
/// Terms live back to back in one byte arena; the open-addressing slot array (linear probing,
/// load ≤ ½) packs each occupant's upper 32 hash bits with its id, so most probes never touch the
/// arena. Keyed by UTF-8 bytes, so two strings are the same term exactly when Python would say so
/// (no Unicode canonical equivalence, unlike `String ==`).
struct TermTable: Sendable {
    /// All terms' bytes, back to back, after one sentinel byte (so the arena is never empty and
    /// its base address never nil).
    private(set) var arena: [UInt8] = [0]
    /// Term `id` occupies `arena[starts[id]..<starts[id + 1]]`.
    private(set) var starts: [Int] = [1]
    /// Each term's full hash, so growing never rehashes bytes.
    private var hashes: [UInt64] = []
    /// Packed `(hash >> 32) << 32 | (id + 1)`; `0` marks an empty slot.
    private(set) var slots: [UInt64]
    private(set) var mask: Int

    /// The number of distinct terms.
    var count: Int { starts.count - 1 }

    /// An empty table sized for about `capacity` terms.
    init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        starts.reserveCapacity(capacity + 1)
        hashes.reserveCapacity(capacity)
    }

    /// The id of the term `bytes[0..<count]` with hash `hash`, or `-1`.
    /// - Complexity: O(count) expected.
    @inline(__always)
    func find(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64) -> Int {
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                starts.withUnsafeBufferPointer { st in
                    while true {
                        let packed = s[slot]
                        if packed == 0 { return -1 }
                        if packed >> 32 == tag {
                            // An occupied slot holds `id + 1` of a term of the table: `st` has `id + 1`.
                            let id = Int(packed & 0xFFFF_FFFF) &- 1
                            let start = st[id], length = st[id &+ 1] &- start
                            if length == count && Self.bytesEqual(a.baseAddress! + start, bytes, count) {
                                return id
                            }
                        }
                        slot = (slot &+ 1) & mask  // slot ≤ mask: no overflow
                    }
                }
            }
        }
    }

    /// Reads, for each hash, the slot its probe starts at and, when that slot holds a term with the
    /// same tag, the term's start and first byte: the loads a `find`/`insert` of these hashes does
    /// first, issued back to back so that their cache misses overlap instead of coming one probe at
    /// a time. Returns a value that depends on every load (store it somewhere, so the loads stay).
    ///
    /// Counting probes millions of terms in tables far larger than the cache (1M benchmark rows:
    /// eight chunk tables of ~1.5M terms, then shard tables of ~0.9M): each probe's slot, start and
    /// bytes were three dependent misses, paid in sequence.
    /// - Complexity: O(count).
    @inline(__always)
    func touch(_ hashes: UnsafePointer<UInt64>, count: Int) -> UInt64 {
        slots.withUnsafeBufferPointer { s in
            starts.withUnsafeBufferPointer { st in
                arena.withUnsafeBufferPointer { a in
                    var sink: UInt64 = 0
                    for t in 0..<count { sink &+= s[Int(truncatingIfNeeded: hashes[t]) & mask] }
                    for t in 0..<count {
                        let hash = hashes[t]
                        let packed = s[Int(truncatingIfNeeded: hash) & mask]
                        if packed != 0 && packed >> 32 == hash >> 32 {
                            // An occupied slot holds `id + 1` of a term of the table.
                            let start = st[Int(packed & 0xFFFF_FFFF) &- 1]
                            sink &+= UInt64(a[min(start, a.count &- 1)])  // (an empty last term starts at `a.count`)
                        }
                    }
                    return sink
                }
            }
        }
    }

    /// Whether `a[0..<count]` and `b[0..<count]` are equal: eight bytes at a time, inline. Terms are
    /// short (most under 16 bytes), and the call to the C library's `memcmp` made for every probe
    /// that met its tag (every probe of a term already present) was 15% of the samples of the
    /// vectorizer's counting at 1M rows.
    @inline(__always)
    static func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = 0
        while i &+ 8 <= count {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i &+= 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
    }

    /// Inserts the term `bytes[0..<count]` unless present.
    /// - Returns: the term's id, and whether it was new.
    /// - Complexity: O(count) amortised expected.
    @inline(__always)
    @discardableResult
    mutating func insert(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64) -> (id: Int, isNew: Bool) {
        let found = find(bytes, count: count, hash: hash)
        if found >= 0 { return (found, false) }
        if (self.count + 1) * 2 > slots.count { grow() }
        let id = self.count
        precondition(id < Int(UInt32.max) - 1, "TermTable: too many terms")
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        starts.append(arena.count)
        hashes.append(hash)
        place(tag: hash >> 32, slot: Int(truncatingIfNeeded: hash) & mask, id: id)
        return (id, true)
    }

    /// Inserts a Swift string's UTF-8 bytes.
    @discardableResult
    mutating func insert(_ term: String) -> (id: Int, isNew: Bool) {
        Self.withBytes(of: term) { insert($0, count: $1, hash: TermHashing.hash($0, count: $1)) }
    }

    /// A table of terms known to be distinct, numbered in the given order, from their bytes laid
    /// out back to back: the same table as `TermTable(capacity: hashes.count)` after inserting them
    /// one by one (a new term goes to the first free slot of its probe, so the slots depend only on
    /// the hashes and the order), without probing for a match or copying a term at a time.
    ///
    /// - Parameters:
    ///   - arena: the sentinel byte `0`, then every term's bytes in id order.
    ///   - starts: `hashes.count + 1` offsets into `arena`, the first `1` and the last `arena.count`.
    ///   - hashes: each term's hash, in id order.
    /// - Precondition: the terms are distinct.
    /// - Complexity: O(terms) expected.
    init(distinctArena arena: [UInt8], starts: [Int], hashes: [UInt64]) {
        precondition(starts.count == hashes.count + 1 && starts.first == 1 && starts.last == arena.count && arena.first == 0,
                     "TermTable: arena, starts and hashes do not describe the same terms")
        precondition(hashes.count < Int(UInt32.max) - 1, "TermTable: too many terms")
        self.init(capacity: hashes.count)
        self.arena = arena
        self.starts = starts
        self.hashes = hashes
        let mask = self.mask
        slots.withUnsafeMutableBufferPointer { s in
            hashes.withUnsafeBufferPointer { h in
                // The home slot of the term 16 places ahead is read first, so the cache misses of
                // the (random) placements overlap instead of coming one at a time.
                var sink: UInt64 = 0
                for id in 0..<h.count {
                    if id &+ 16 < h.count { sink &+= s[Int(truncatingIfNeeded: h[id &+ 16]) & mask] }
                    var slot = Int(truncatingIfNeeded: h[id]) & mask
                    while s[slot] != 0 { slot = (slot &+ 1) & mask }  // load ≤ ½: a free slot exists
                    s[slot] = ((h[id] >> 32) << 32) | UInt64(id &+ 1)
                }
                if sink == 1 { s[0] = s[0] }  // keeps the look-ahead loads (never changes anything)
            }
        }
    }

    /// The id of a Swift string's UTF-8 bytes, or `-1`.
    func find(_ term: String) -> Int {
        Self.withBytes(of: term) { find($0, count: $1, hash: TermHashing.hash($0, count: $1)) }
    }

    /// Calls `body` with `term`'s UTF-8 bytes in place (a copy only for a bridged, non-contiguous
    /// string), and a valid pointer even for the empty string. Model loading inserts every term of
    /// the vocabulary through here: one array allocation per term was a fifth of a short scoring run.
    @inline(__always)
    private static func withBytes<R>(of term: String, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        var term = term
        return term.withUTF8 { b in
            if let base = b.baseAddress { return body(base, b.count) }
            var sentinel: UInt8 = 0
            return body(&sentinel, 0)
        }
    }

    /// Reserves room for about `bytes` more bytes of terms.
    mutating func reserveBytes(_ bytes: Int) {
        arena.reserveCapacity(arena.count + bytes)
    }

    /// Calls `body` with term `id`'s bytes.
    @inline(__always)
    func withTerm<R>(_ id: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        arena.withUnsafeBufferPointer { a in
            let start = starts[id]
            return body(a.baseAddress! + start, starts[id + 1] - start)
        }
    }

    /// Term `id`'s hash, as given when it was inserted.
    @inline(__always)
    func hash(of id: Int) -> UInt64 { hashes[id] }

    /// Calls `body` with every term's hash (`count` of them, in id order).
    @inline(__always)
    func withHashes<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        try hashes.withUnsafeBufferPointer(body)
    }

    /// Term `id` as a `String` (bytes are valid UTF-8 when they came from Swift strings).
    func term(_ id: Int) -> String {
        String(decoding: arena[starts[id]..<starts[id + 1]], as: UTF8.self)
    }

    private mutating func place(tag: UInt64, slot start: Int, id: Int) {
        var slot = start
        slots.withUnsafeMutableBufferPointer { s in
            while s[slot] != 0 { slot = (slot &+ 1) & mask }  // slot ≤ mask: no overflow
            s[slot] = (tag << 32) | UInt64(id + 1)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for packed in old where packed != 0 {
            let id = Int(packed & 0xFFFF_FFFF) - 1
            place(tag: packed >> 32, slot: Int(truncatingIfNeeded: hashes[id]) & mask, id: id)
        }
    }
}
