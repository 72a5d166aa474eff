import XCTest
@testable import DemarcheML

/// `TermTable(distinctArena:starts:hashes:)` (the vocabulary's bulk build) must be the table that
/// inserting the same terms one by one makes: the same slots, ids, bytes and lookups.
final class TermTableDistinctTests: XCTestCase {
    private func bothWays(_ terms: [[UInt8]], hash: ([UInt8]) -> UInt64) -> (bulk: TermTable, inserted: TermTable) {
        var inserted = TermTable(capacity: terms.count)
        var arena: [UInt8] = [0], starts = [1], hashes: [UInt64] = []
        for t in terms {
            let h = hash(t)
            let padded = t + [0]  // a valid pointer for the empty term too
            padded.withUnsafeBufferPointer { XCTAssertTrue(inserted.insert($0.baseAddress!, count: t.count, hash: h).isNew) }
            arena += t; starts.append(arena.count); hashes.append(h)
        }
        return (TermTable(distinctArena: arena, starts: starts, hashes: hashes), inserted)
    }

    private func assertSame(_ a: TermTable, _ b: TermTable, _ terms: [[UInt8]], hash: ([UInt8]) -> UInt64,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.slots, b.slots, "slots", file: file, line: line)
        XCTAssertEqual(a.mask, b.mask, file: file, line: line)
        XCTAssertEqual(a.arena, b.arena, file: file, line: line)
        XCTAssertEqual(a.starts, b.starts, file: file, line: line)
        XCTAssertEqual(a.count, terms.count, file: file, line: line)
        for (id, t) in terms.enumerated() {
            XCTAssertEqual(a.hash(of: id), b.hash(of: id), file: file, line: line)
            let found = (t + [0]).withUnsafeBufferPointer { a.find($0.baseAddress!, count: t.count, hash: hash(t)) }
            XCTAssertEqual(found, id, "term \(id)", file: file, line: line)
        }
    }

    func test_distinctArena_equalsInsertingOneByOne_realHashes() {
        var rng = SystemRandomNumberGenerator()
        var seen = Set<[UInt8]>(), terms: [[UInt8]] = [[]]  // the empty term too
        while terms.count < 5_000 {
            let t = (0..<Int.random(in: 1...24, using: &rng)).map { _ in UInt8.random(in: 97...122, using: &rng) }
            if seen.insert(t).inserted { terms.append(t) }
        }
        let hash = { (t: [UInt8]) in (t + [0]).withUnsafeBufferPointer { TermHashing.hash($0.baseAddress!, count: t.count) } }
        let (bulk, inserted) = bothWays(terms, hash: hash)
        assertSame(bulk, inserted, terms, hash: hash)
    }

    /// Hashes that collide on their home slot and on their tag: the probes and the placement order
    /// decide everything, as in the one-by-one insertion.
    func test_distinctArena_equalsInsertingOneByOne_collidingHashes() {
        let terms = (0..<300).map { Array("term\($0)".utf8) }
        let hash = { (t: [UInt8]) -> UInt64 in UInt64(t.reduce(0) { $0 &+ Int($1) } % 7) &* 0x1_0000_0001 }
        let (bulk, inserted) = bothWays(terms, hash: hash)
        assertSame(bulk, inserted, terms, hash: hash)
    }
}
