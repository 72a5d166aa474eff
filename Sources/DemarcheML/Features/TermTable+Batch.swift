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
    /// results is needed: first every term's home slot, then for each home slot whose tag matches
    /// the candidate's start and length, then the candidate's first byte. The final pass resolves
    /// each term exactly as `find` does, from loads that are by then in cache.
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
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: block) { home in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: block) { verdict in
                            var lo = 0
                            while lo < n {
                                let hi = min(n, lo + block)
                                // 1. Every home slot (independent loads).
                                for t in lo..<hi { home[t &- lo] = s[Int(truncatingIfNeeded: hashes[t]) & mask] }
                                // 2. For a home slot with the term's tag: the candidate's extent
                                //    (independent loads); the candidate's start when the lengths agree.
                                for t in lo..<hi {
                                    let packed = home[t &- lo]
                                    var v = -1  // -1: the home slot does not hold the term (or is empty)
                                    if packed != 0 && packed >> 32 == hashes[t] >> 32 {
                                        let id = Int(packed & 0xFFFF_FFFF) &- 1
                                        let start = st[id]
                                        if st[id &+ 1] &- start == lengths[t] { v = start }
                                    }
                                    verdict[t &- lo] = v
                                }
                                // 3. The candidate's first byte (independent loads); a different
                                //    first byte rules the candidate out.
                                for t in lo..<hi {
                                    let start = verdict[t &- lo]
                                    if start >= 0 && lengths[t] > 0 && a[start] != bytes[starts[t]] { verdict[t &- lo] = -1 }
                                }
                                // 4. Resolve each term as `find` does, from cached slots and bytes.
                                for t in lo..<hi {
                                    let count = lengths[t], term = bytes + starts[t]
                                    let tag = hashes[t] >> 32
                                    var slot = Int(truncatingIfNeeded: hashes[t]) & mask
                                    var packed = home[t &- lo]
                                    let start = verdict[t &- lo]
                                    if packed != 0 && start >= 0 && memcmp(a.baseAddress! + start, term, count) == 0 {
                                        ids.append(Int32(truncatingIfNeeded: Int(packed & 0xFFFF_FFFF) &- 1))
                                        continue
                                    }
                                    // The home slot is empty or holds another term: probe on.
                                    while packed != 0 {
                                        slot = (slot &+ 1) & mask
                                        packed = s[slot]
                                        if packed != 0 && packed >> 32 == tag {
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
