import Foundation

extension TermTable {
    /// How many terms `findAll` looks up together.
    private static let lookupBlock = 32

    /// Looks up many terms and appends the id of each one found to `ids`, in term order: the same
    /// ids as `find` on each term in turn.
    ///
    /// A vocabulary of a trained model (10⁵–10⁶ terms) does not fit in cache, so each `find` waits
    /// on up to three cache misses in a row (its slot, the term's start, its bytes), and the waits
    /// of consecutive terms barely overlap behind `find`'s branches and `memcmp` call. Here the
    /// terms go in blocks and each kind of load is issued for the whole block before any of its
    /// results is needed: first every term's home slot; then, from it, the first slot that is empty
    /// or carries the term's tag (mostly the same cache line); then the candidate's start and
    /// length; then its first byte. The final pass resolves each term exactly as `find` does, from
    /// loads that are by then in cache.
    /// - Parameters:
    ///   - bytes: the base the terms' starts are relative to.
    ///   - starts, lengths, hashes: term `t` is the `lengths[t]` bytes at `bytes + starts[t]`, with
    ///     `TermHashing` hash `hashes[t]` (all three the same length).
    ///   - ids: found ids are appended (as `Int32`: ids are `< UInt32.max`).
    /// - Complexity: O(total term length) expected.
    func findAll(_ bytes: UnsafePointer<UInt8>, starts: UnsafeBufferPointer<Int>, lengths: UnsafeBufferPointer<Int>,
                 hashes: UnsafeBufferPointer<UInt64>, into ids: inout [Int32]) {
        precondition(starts.count == lengths.count && hashes.count == starts.count, "findAll: one start, length and hash per term")
        let n = starts.count, mask = self.mask, block = Self.lookupBlock
        slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                self.starts.withUnsafeBufferPointer { st in
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: block) { found in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * block) { scratch in
                            let slotOf = scratch.baseAddress!, verdict = scratch.baseAddress! + block
                            var lo = 0
                            while lo < n {
                                let hi = min(n, lo + block)
                                // 1. Every home slot (independent loads: the misses of the block overlap).
                                for t in lo..<hi { found[t &- lo] = s[Int(truncatingIfNeeded: hashes[t]) & mask] }
                                // 2. From the home slot, the first slot that is empty or carries the
                                //    term's tag (the next slots mostly share the home slot's cache line).
                                for t in lo..<hi {
                                    let tag = hashes[t] >> 32
                                    var slot = Int(truncatingIfNeeded: hashes[t]) & mask
                                    var packed = found[t &- lo]
                                    while packed != 0 && packed >> 32 != tag {
                                        slot = (slot &+ 1) & mask
                                        packed = s[slot]
                                    }
                                    found[t &- lo] = packed
                                    slotOf[t &- lo] = slot
                                }
                                // 3. The candidate's extent (independent loads); its start when the
                                //    lengths agree, else -1.
                                for t in lo..<hi {
                                    let packed = found[t &- lo]
                                    var v = -1
                                    if packed != 0 {
                                        let id = Int(packed & 0xFFFF_FFFF) &- 1
                                        let start = st[id]
                                        if st[id &+ 1] &- start == lengths[t] { v = start }
                                    }
                                    verdict[t &- lo] = v
                                }
                                // 4. The candidate's first byte (independent loads); a different
                                //    first byte rules the candidate out.
                                for t in lo..<hi {
                                    let start = verdict[t &- lo]
                                    if start >= 0 && lengths[t] > 0 && a[start] != bytes[starts[t]] { verdict[t &- lo] = -1 }
                                }
                                // 5. Resolve each term as `find` does, from cached slots and bytes: the
                                //    candidate when its bytes are the term's, else probe on from it
                                //    (a 32-bit tag shared by another term: rare).
                                for t in lo..<hi {
                                    var packed = found[t &- lo]
                                    if packed == 0 { continue }
                                    let count = lengths[t], term = bytes + starts[t]
                                    let start = verdict[t &- lo]
                                    if start >= 0 && memcmp(a.baseAddress! + start, term, count) == 0 {
                                        ids.append(Int32(truncatingIfNeeded: Int(packed & 0xFFFF_FFFF) &- 1))
                                        continue
                                    }
                                    let tag = hashes[t] >> 32
                                    var slot = slotOf[t &- lo]
                                    while true {
                                        slot = (slot &+ 1) & mask
                                        packed = s[slot]
                                        if packed == 0 { break }
                                        if packed >> 32 == tag {
                                            let id = Int(packed & 0xFFFF_FFFF) &- 1
                                            let start = st[id], length = st[id &+ 1] &- start
                                            if length == count && memcmp(a.baseAddress! + start, term, count) == 0 {
                                                ids.append(Int32(truncatingIfNeeded: id))
                                                break
                                            }
                                        }
                                    }
                                }
                                lo = hi
                            }
                        }
                    }
                }
            }
        }
    }
}
