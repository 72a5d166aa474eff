import CLinearAlgebra
import Foundation

/// A read-only lookup index over a vocabulary's `TermTable` for scoring: the same ids as
/// `TermTable.find`/`findAll`, with each term's first 24 bytes stored inline in its slot.
///
/// Scoring looks up ~200 terms per row in a table of 10⁵–10⁶ terms that does not fit in the
/// core's cache. `TermTable`'s probe waits on three cache lines per term found: its slot, the
/// term's start in `starts`, the term's bytes in the arena (a profile of `eval --predictions` of
/// 200k rows with the 100k benchmark model: `findAll` 15.8% + `memcmp` 3%, the samples split
/// about evenly over those three loads). Here a slot is 32 bytes (half a cache line): the hash's
/// upper 24 bits, the term's length and id, and the term's first 24 bytes, zero-padded. A term of
/// up to 24 bytes (nearly all of them: words, bigrams, `L1=word`) is found or ruled out from its
/// slot's line alone; a longer one compares its remaining bytes with the table's arena.
///
/// Slots: `4 * slotCount` words, load ≤ ½, linear probing from `hash & mask`, home slot by
/// `TermHashing.hash` (the hash `TermGenerator` gives each term). Built once per model and shared
/// by the scoring workers (immutable).
public final class TermIndex: @unchecked Sendable {
    /// `slots[4 * s]`: `(hash >> 40) << 40 | min(length, 255) << 32 | (id + 1)`, `0` empty;
    /// `slots[4 * s + 1 ... 4 * s + 3]`: the term's first 24 bytes, little-endian, zero-padded.
    /// 64-byte aligned, so that a slot never straddles two cache lines.
    private let slots: UnsafeMutablePointer<UInt64>
    private let mask: Int
    /// The table the ids come from (bytes of terms longer than 24 bytes).
    private let table: TermTable

    /// Bytes of a term kept in its slot.
    static let inlineBytes = 24
    private static let lowMask: UInt64 = 0xFFFF_FFFF

    /// Builds the index of every term of `table` (ids as in the table).
    /// - Complexity: O(total bytes of the terms).
    init(table: TermTable) {
        self.table = table
        var size = 16
        while size < table.count * 2 { size <<= 1 }
        mask = size - 1
        let slots = Self.allocateZeroedSlots(words: 4 * size)
        self.byteCount = 32 * size
        let mask = self.mask
        do {
            let s = slots
            for id in 0..<table.count {
                table.withTerm(id) { bytes, count in
                    let hash = TermHashing.hash(bytes, count: count)
                    let (w0, w1, w2) = Self.prefix(bytes, count: count, readable: count)
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while s[4 &* slot] != 0 { slot = (slot &+ 1) & mask }
                    s[4 &* slot] = Self.key(hash: hash, count: count) | UInt64(id + 1)
                    s[4 &* slot &+ 1] = w0
                    s[4 &* slot &+ 2] = w1
                    s[4 &* slot &+ 3] = w2
                }
            }
        }
        self.slots = slots
    }

    deinit { Self.deallocateSlots(slots, byteCount: byteCount) }

    /// Bytes mapped for the slots.
    private let byteCount: Int

    /// `words` zeroed words for the slots, 64-byte aligned.
    ///
    /// On Linux, from 2 MiB on: a fresh anonymous mapping (zeroed by the kernel, so the slots are
    /// not written a second time), aligned to 2 MiB and marked for transparent huge pages before it
    /// is first touched. The 100k benchmark model's index is 16 MiB: 4,096 pages of 4 KiB, more
    /// than the core's second-level TLB holds, so most lookups of a rare term also walked the page
    /// table; in 2 MiB pages the index takes 8 TLB entries. Where the kernel gives no huge page the
    /// memory is simply in small pages.
    private static func allocateZeroedSlots(words: Int) -> UnsafeMutablePointer<UInt64> {
        let bytes = 8 * words
        #if os(Linux)
        if bytes >= hugePage {
            let mapped = mmap(nil, bytes + hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            if let mapped, mapped != MAP_FAILED {
                // Trim to a 2 MiB-aligned run of `bytes` bytes; the rest goes back to the kernel.
                let start = UInt(bitPattern: mapped), aligned = (start + UInt(hugePage - 1)) & ~UInt(hugePage - 1)
                let head = Int(aligned - start), tail = hugePage - head
                if head > 0 { munmap(mapped, head) }
                if tail > 0 { munmap(UnsafeMutableRawPointer(bitPattern: aligned + UInt(bytes)), tail) }
                let memory = UnsafeMutableRawPointer(bitPattern: aligned)!
                _ = madvise(memory, bytes, MADV_HUGEPAGE)
                return memory.bindMemory(to: UInt64.self, capacity: words)
            }
        }
        #endif
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        return raw.initializeMemory(as: UInt64.self, repeating: 0, count: words)
    }

    private static func deallocateSlots(_ slots: UnsafeMutablePointer<UInt64>, byteCount: Int) {
        #if os(Linux)
        if byteCount >= hugePage {
            munmap(UnsafeMutableRawPointer(slots), byteCount)
            return
        }
        #endif
        UnsafeMutableRawPointer(slots).deallocate()
    }

    private static let hugePage = 2 << 20

    /// The upper 32 bits of a slot's first word for a term of `hash` and `count` bytes.
    @inline(__always)
    static func key(hash: UInt64, count: Int) -> UInt64 {
        (hash >> 40) << 40 | UInt64(truncatingIfNeeded: min(count, 255)) << 32
    }

    /// The first 24 bytes of `bytes[0..<count]` as three little-endian words, zero-padded;
    /// `readable` (≥ `count`) bytes may be read at `bytes`: with 24 of them, three unaligned loads.
    @inline(__always)
    static func prefix(_ bytes: UnsafePointer<UInt8>, count: Int, readable: Int) -> (UInt64, UInt64, UInt64) {
        if readable >= inlineBytes {
            let raw = UnsafeRawPointer(bytes)
            let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            let w2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            return (w0 & byteMask(count), w1 & byteMask(count &- 8), w2 & byteMask(count &- 16))
        }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { w in
            for i in 0..<min(count, inlineBytes) { w[i] = bytes[i] }
        }
        return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1), UInt64(littleEndian: words.2))
    }

    /// A mask keeping the low `n` bytes of a word (`n` ≤ 0: none, ≥ 8: all).
    @inline(__always)
    private static func byteMask(_ n: Int) -> UInt64 {
        if n >= 8 { return ~0 }
        if n <= 0 { return 0 }
        return (1 << UInt64(truncatingIfNeeded: 8 &* n)) &- 1
    }

    /// The id of term `bytes[0..<count]` (hash `hash`), or `-1`; `readable` as in `prefix`.
    @inline(__always)
    func find(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64, readable: Int) -> Int {
        Self.probe(slots, mask: mask, table: table, bytes, count: count, hash: hash, readable: readable)
    }

    /// One lookup from the home slot on.
    @inline(__always)
    private static func probe(_ s: UnsafeMutablePointer<UInt64>, mask: Int, table: TermTable,
                              _ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64, readable: Int) -> Int {
        let key = Self.key(hash: hash, count: count)
        let (w0, w1, w2) = prefix(bytes, count: count, readable: readable)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let head = s[4 &* slot]
            if head == 0 { return -1 }
            if head & ~lowMask == key && s[4 &* slot &+ 1] == w0 && s[4 &* slot &+ 2] == w1 && s[4 &* slot &+ 3] == w2 {
                let id = Int(truncatingIfNeeded: head & lowMask) &- 1
                if count <= inlineBytes { return id }
                // A longer term: the rest of its bytes (and its exact length) from the table.
                let same = table.withTerm(id) { stored, length in
                    length == count && TermTable.bytesEqual(stored + inlineBytes, bytes + inlineBytes, count &- inlineBytes)
                }
                if same { return id }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// `TermTable.findAll` over this index: appends the id of each term found to `ids`, in term
    /// order. The home slot's cache line of term `t + prefetchDistance` (and the line after it) is
    /// prefetched while term `t` is resolved, so that the misses of the next terms overlap with
    /// this one's work instead of the lookup waiting on each slot in turn.
    /// - Parameters:
    ///   - bytes: the base the terms' starts are relative to; `byteCount` bytes may be read there.
    ///   - starts, lengths, hashes: term `t` is the `lengths[t]` bytes at `bytes + starts[t]`, with
    ///     `TermHashing` hash `hashes[t]`.
    func findAll(_ bytes: UnsafePointer<UInt8>, byteCount: Int, starts: UnsafeBufferPointer<Int>,
                 lengths: UnsafeBufferPointer<Int>, hashes: UnsafeBufferPointer<UInt64>, into ids: inout [Int32]) {
        precondition(starts.count == lengths.count && hashes.count == starts.count, "findAll: one start, length and hash per term")
        let n = starts.count, mask = self.mask, distance = Self.prefetchDistance
        let table = self.table
        let s = slots
        // Room for every id: appending then never reallocates (nor checks for it out of line).
        ids.reserveCapacity(ids.count &+ n)
        @inline(__always) func fetch(_ t: Int) {
            let home = Int(truncatingIfNeeded: hashes[t]) & mask
            demarche_prefetch(s + 4 &* home)
            // At load ½ an unsuccessful lookup probes two or three slots: often into the next line.
            demarche_prefetch(s + 4 &* (((home | 1) &+ 1) & mask))
        }
        for t in 0..<min(n, distance) { fetch(t) }
        for t in 0..<n {
            if t &+ distance < n { fetch(t &+ distance) }
            let start = starts[t]
            precondition(start >= 0 && start &+ lengths[t] <= byteCount, "findAll: term outside the bytes")
            let id = Self.probe(s, mask: mask, table: table, bytes + start, count: lengths[t], hash: hashes[t],
                                readable: byteCount &- start)
            if id >= 0 { ids.append(Int32(truncatingIfNeeded: id)) }
        }
    }

    /// How many terms ahead `findAll` prefetches.
    static let prefetchDistance = 16

    /// The previous `findAll` (blocks of 32 terms: every home slot loaded first, then each term
    /// resolved), kept as the reference the tests compare with.
    func findAllBlocked(_ bytes: UnsafePointer<UInt8>, byteCount: Int, starts: UnsafeBufferPointer<Int>,
                        lengths: UnsafeBufferPointer<Int>, hashes: UnsafeBufferPointer<UInt64>, into ids: inout [Int32]) {
        precondition(starts.count == lengths.count && hashes.count == starts.count, "findAll: one start, length and hash per term")
        let n = starts.count, mask = self.mask, block = 32
        let table = self.table
        let s = slots
        var lo = 0
        var sink: UInt64 = 0
        while lo < n {
            let hi = min(n, lo &+ block)
            for t in lo..<hi {
                let home = Int(truncatingIfNeeded: hashes[t]) & mask
                sink |= s[4 &* home] | s[4 &* (((home | 1) &+ 1) & mask)]
            }
            for t in lo..<hi {
                let start = starts[t]
                precondition(start >= 0 && start &+ lengths[t] <= byteCount, "findAll: term outside the bytes")
                let id = Self.probe(s, mask: mask, table: table, bytes + start, count: lengths[t], hash: hashes[t],
                                    readable: byteCount &- start)
                if id >= 0 { ids.append(Int32(truncatingIfNeeded: id)) }
            }
            lo = hi
        }
        if sink == 1 { ids.reserveCapacity(ids.count) }  // keeps the loads of the first loop
    }
}

extension TfidfVectorizer {
    /// The ``TermIndex`` of this vocabulary, for ``rowTransformer(index:)``: built on the first
    /// call (~50 ms and 16 MB for the 100k benchmark model's 259k terms), then the same instance
    /// for every call and every copy of this vectorizer, from any thread. A caller that knows
    /// many rows are coming can call it early, e.g. while the rows are still being read.
    public func termIndex() -> TermIndex { indexCache.index(of: table) }
}

/// Holds a vectorizer's ``TermIndex`` once built (thread-safe).
final class TermIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var index: TermIndex?

    func index(of table: TermTable) -> TermIndex {
        lock.lock()
        defer { lock.unlock() }
        if let index { return index }
        let built = TermIndex(table: table)
        index = built
        return built
    }
}
