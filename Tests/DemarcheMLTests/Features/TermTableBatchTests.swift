import XCTest
@testable import DemarcheML

/// `TermTable.findAll` (blocked lookups) must give exactly the ids `find` gives term by term.
final class TermTableBatchTests: XCTestCase {
    /// Looks every term of `queries` up both ways.
    private func bothWays(_ table: TermTable, _ queries: [[UInt8]], hash: ([UInt8]) -> UInt64) -> (batch: [Int32], single: [Int32]) {
        var bytes: [UInt8] = [0], starts: [Int] = [], lengths: [Int] = [], hashes: [UInt64] = []
        for q in queries {
            starts.append(bytes.count); lengths.append(q.count); hashes.append(hash(q)); bytes += q
        }
        var batch: [Int32] = []
        bytes.withUnsafeBufferPointer { b in
            starts.withUnsafeBufferPointer { s in
                lengths.withUnsafeBufferPointer { l in
                    hashes.withUnsafeBufferPointer { h in table.findAll(b.baseAddress!, starts: s, lengths: l, hashes: h, into: &batch) }
                }
            }
        }
        var single: [Int32] = []
        bytes.withUnsafeBufferPointer { b in
            for t in starts.indices {
                let id = table.find(b.baseAddress! + starts[t], count: lengths[t], hash: hashes[t])
                if id >= 0 { single.append(Int32(id)) }
            }
        }
        return (batch, single)
    }

    func test_findAll_equalsFind_withRealHashes_presentAbsentAndEmptyTerms() {
        var generator = SplitMix64(seed: 7)
        func word() -> [UInt8] { (0..<Int(generator.next() % 9)).map { _ in UInt8(97 + generator.next() % 6) } }
        var table = TermTable()
        let stored = (0..<3000).map { _ in word() }
        for w in stored { w.withUnsafeBufferPointer { b in _ = table.insert(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: b.count, hash: TermHashing.hash(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: b.count)) } }
        let queries = (0..<5000).map { i in i % 3 == 0 ? stored[i % stored.count] : word() } + [[]]
        let (batch, single) = bothWays(table, queries) { q in q.withUnsafeBufferPointer { TermHashing.hash($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count) } }
        XCTAssertGreaterThan(single.count, 1700)  // many found, many not
        XCTAssertLessThan(single.count, queries.count)
        XCTAssertEqual(batch, single)
    }

    /// Hashes chosen so that terms share home slots, tags, lengths and first bytes: every branch of
    /// the probing (tag match with other bytes, probing past a candidate, empty slot) is taken.
    func test_findAll_equalsFind_whenTagsSlotsAndFirstBytesCollide() {
        // Hash: the same upper 32 bits (tag) for all; home slot from the first byte only.
        func hash(_ q: [UInt8]) -> UInt64 { UInt64(q.first ?? 0) & 7 }
        var table = TermTable(capacity: 64)
        var stored: [[UInt8]] = []
        for a in UInt8(97)...UInt8(100) { for b in UInt8(97)...UInt8(102) { stored.append([a, b]); stored.append([a, b, b]) } }
        for w in stored { w.withUnsafeBufferPointer { _ = table.insert($0.baseAddress!, count: $0.count, hash: hash(w)) } }
        var queries = stored.reversed() + stored
        for a in UInt8(97)...UInt8(104) { queries.append([a, 122]); queries.append([a]); queries.append([a, 97, 98, 99]) }
        queries.append([])
        let (batch, single) = bothWays(table, queries, hash: hash)
        XCTAssertEqual(single.count, 2 * stored.count)
        XCTAssertEqual(batch, single)
    }
}
