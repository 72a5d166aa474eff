/// A fast 64-bit hash of a byte string, for the vocabulary's open-addressing table.
///
/// Reads 8 bytes at a time (unaligned loads) and finishes with MurmurHash3's `fmix64`, so short
/// n-grams cost a handful of multiplications. Not cryptographic and not stable across versions:
/// it never leaves the process.
enum TermHashing {
    /// The hash of `count` bytes at `bytes`.
    /// - Complexity: O(count).
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var h = seed(count)
        var i = mixWholeWords(UnsafeRawPointer(bytes), count: count, into: &h)
        if i < count {
            var k: UInt64 = 0, shift: UInt64 = 0
            while i < count {
                k |= UInt64(bytes[i]) << shift
                shift &+= 8
                i &+= 1
            }
            mixTail(k, into: &h)
        }
        return finalized(h)
    }

    /// `hash(bytes, count:)` when at least 8 bytes past the last whole word may be read (at least
    /// `count + 7` bytes at `bytes`; a term generator's buffer ends in padding for this): the last
    /// partial word is one unaligned load, masked to its `count % 8` bytes, instead of a loop over
    /// them (the same word, so the same hash; that byte loop was a third of `TermGenerator.generate`).
    /// - Complexity: O(count).
    @inline(__always)
    static func hashPadded(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(bytes)
        var h = seed(count)
        let i = mixWholeWords(raw, count: count, into: &h)
        let rest = count &- i
        if rest > 0 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            mixTail(word & ((1 << UInt64(truncatingIfNeeded: 8 &* rest)) &- 1), into: &h)  // rest ≤ 7
        }
        return finalized(h)
    }

    /// The starting state for `count` bytes.
    @inline(__always)
    private static func seed(_ count: Int) -> UInt64 {
        0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: count) &* 0xFF51_AFD7_ED55_8CCD)
    }

    /// Mixes every whole 8-byte word of the `count` bytes at `raw` into `h`; returns the offset of
    /// the first byte left over.
    @inline(__always)
    private static func mixWholeWords(_ raw: UnsafeRawPointer, count: Int, into h: inout UInt64) -> Int {
        var i = 0
        while i &+ 8 <= count {
            let k = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ (k &* 0x87C3_7B91_1142_53D5)) &* 0x4CF5_AD43_2745_937F
            h = (h << 31) | (h >> 33)
            i &+= 8
        }
        return i
    }

    /// Mixes the last partial word (its bytes little-endian, zero above them) into `h`.
    @inline(__always)
    private static func mixTail(_ k: UInt64, into h: inout UInt64) {
        h = (h ^ (k &* 0x87C3_7B91_1142_53D5)) &* 0x4CF5_AD43_2745_937F
    }

    /// MurmurHash3's `fmix64`.
    @inline(__always)
    private static func finalized(_ h: UInt64) -> UInt64 {
        var h = h
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// The first 8 bytes as a big-endian integer (zero-padded): comparing these keys orders byte
    /// strings like `memcmp` does, except that equal keys need a full comparison.
    /// - Complexity: O(1).
    @inline(__always)
    static func sortPrefix(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var key: UInt64 = 0
        for i in 0..<8 { key = (key << 8) | (i < count ? UInt64(bytes[i]) : 0) }
        return key
    }

    /// The first 16 bytes as two big-endian integers, zero-padded: `(key0, key1)` compares like
    /// `memcmp` on those bytes (ties, including a zero byte against padding, need the full bytes).
    @inline(__always)
    static func sortPrefix16(_ bytes: UnsafePointer<UInt8>, count: Int) -> (UInt64, UInt64) {
        var a: UInt64 = 0, b: UInt64 = 0
        for i in 0..<8 { a = (a << 8) | (i < count ? UInt64(bytes[i]) : 0) }
        for i in 8..<16 { b = (b << 8) | (i < count ? UInt64(bytes[i]) : 0) }
        return (a, b)
    }
}
