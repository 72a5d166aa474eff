import Foundation
import XCTest
@testable import DemarcheML

/// `TermIndex` (inline keys) must give exactly the ids `TermTable.find` gives, term by term.
final class TermIndexTests: XCTestCase {
    /// Looks every query up in the table and through the index's `findAll` (with and without
    /// readable bytes after the last term) and `find`.
    private func check(_ table: TermTable, _ queries: [[UInt8]], padding: Int, file: StaticString = #filePath, line: UInt = #line) {
        let index = TermIndex(table: table)
        var bytes: [UInt8] = [0], starts: [Int] = [], lengths: [Int] = [], hashes: [UInt64] = []
        for q in queries {
            starts.append(bytes.count); lengths.append(q.count); bytes += q
            hashes.append(q.withUnsafeBufferPointer { TermHashing.hash($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count) })
        }
        let byteCount = bytes.count
        bytes += [UInt8](repeating: 0xAB, count: padding)  // not part of any term
        var want: [Int32] = [], single: [Int32] = [], batch: [Int32] = [], blocked: [Int32] = []
        bytes.withUnsafeBufferPointer { b in
            for t in starts.indices {
                let id = table.find(b.baseAddress! + starts[t], count: lengths[t], hash: hashes[t])
                if id >= 0 { want.append(Int32(id)) }
                let viaIndex = index.find(b.baseAddress! + starts[t], count: lengths[t], hash: hashes[t], readable: byteCount - starts[t])
                if viaIndex >= 0 { single.append(Int32(viaIndex)) }
            }
            starts.withUnsafeBufferPointer { s in
                lengths.withUnsafeBufferPointer { l in
                    hashes.withUnsafeBufferPointer { h in
                        index.findAll(b.baseAddress!, byteCount: byteCount + padding, starts: s, lengths: l, hashes: h, into: &batch)
                        index.findAllBlocked(b.baseAddress!, byteCount: byteCount + padding, starts: s, lengths: l, hashes: h, into: &blocked)
                    }
                }
            }
        }
        XCTAssertEqual(single, want, file: file, line: line)
        XCTAssertEqual(batch, want, file: file, line: line)
        XCTAssertEqual(batch, blocked, file: file, line: line)  // the prefetching loop against the previous one
    }

    private func insert(_ terms: [[UInt8]], into table: inout TermTable) {
        for w in terms {
            w.withUnsafeBufferPointer { b in
                let p = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
                _ = table.insert(p, count: b.count, hash: TermHashing.hash(p, count: b.count))
            }
        }
    }

    /// Random byte strings of every length around the 8/16/24-byte word edges and far past them
    /// (up to 300 bytes: longer than the 255 the slot's length field holds), non-ASCII bytes
    /// and zero bytes included; queries are stored terms, near misses (one byte changed, one byte
    /// longer or shorter) and random strings.
    func test_findAndFindAll_equalTheTable_onFuzzedTerms() {
        var g = SplitMix64(seed: 99)
        func word(_ n: Int) -> [UInt8] { (0..<n).map { _ in g.next() % 7 == 0 ? UInt8(g.next() % 256) : UInt8(97 + g.next() % 4) } }
        var stored: [[UInt8]] = []
        for n in 0...40 { for _ in 0..<40 { stored.append(word(n)) } }
        for n in [63, 64, 65, 254, 255, 256, 300] { for _ in 0..<5 { stored.append(word(n)) } }
        stored.append([0]); stored.append([0, 0]); stored.append(Array("é naïve 中文 términos".utf8))
        var table = TermTable()
        insert(stored, into: &table)
        var queries: [[UInt8]] = []
        for s in stored {
            queries.append(s)
            if !s.isEmpty {
                var changed = s; changed[Int(g.next() % UInt64(s.count))] ^= 1; queries.append(changed)
                queries.append(Array(s.dropLast()))
            }
            queries.append(s + [UInt8(g.next() % 256)])
            queries.append(s + [0])
        }
        for n in 0...60 { queries.append(word(n)) }
        queries.append([]); queries.append(Array("é naïve 中文 términos".utf8)); queries.append(Array("é naïve 中文 término".utf8))
        for padding in [0, 3, 24, 64] { check(table, queries, padding: padding) }
        let found = queries.filter { q in q.withUnsafeBufferPointer { table.find($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count, hash: TermHashing.hash($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)) >= 0 } }.count
        XCTAssertGreaterThan(found, stored.count / 2)  // many found, many not
        XCTAssertLessThan(found, queries.count - 1000)
    }

    /// A table whose index takes more than 2 MiB (the mapped, huge-page path: 300k slots of 32
    /// bytes) and queries in runs far longer than the prefetch distance, with misses between hits.
    func test_largeIndex_prefetchingFindAll_equalsTheTable() {
        var g = SplitMix64(seed: 7)
        func word() -> [UInt8] { (0..<(3 + Int(g.next() % 20))).map { _ in UInt8(97 + g.next() % 26) } }
        var stored: [[UInt8]] = []
        for _ in 0..<150_000 { stored.append(word()) }
        var table = TermTable()
        insert(stored, into: &table)
        var queries: [[UInt8]] = []
        for _ in 0..<3_000 { queries.append(g.next() % 3 == 0 ? word() : stored[Int(g.next() % UInt64(stored.count))]) }
        for padding in [0, 24] { check(table, queries, padding: padding) }
        for n in [0, 1, TermIndex.prefetchDistance - 1, TermIndex.prefetchDistance, TermIndex.prefetchDistance + 1] {
            check(table, Array(queries.prefix(n)), padding: 24)
        }
    }

    /// `termIndex()` builds the index once and hands every caller (and every copy of the
    /// vectorizer) the same instance, also when called from several threads at once.
    func test_termIndex_isBuiltOnceAndShared() throws {
        let documents = (0..<50).map { Document(tokens: ["w\($0 % 7)", "x\($0 % 5)", "y"]) }
        let vectorizer = try TfidfVectorizer.fit(documents, configuration: TfidfConfiguration())
        let copy = vectorizer
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var ids: [ObjectIdentifier] = []
        }
        let seen = Seen()
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            let id = ObjectIdentifier((k % 2 == 0 ? vectorizer : copy).termIndex())
            seen.lock.lock(); seen.ids.append(id); seen.lock.unlock()
        }
        XCTAssertEqual(Set(seen.ids).count, 1)
        XCTAssertEqual(seen.ids.count, 8)
    }

    /// Terms that share their first 24 bytes and their length class and differ only after them
    /// (the table's bytes decide), and terms whose lengths differ past 255 only.
    func test_longTermsSharingTheirInlineBytes() {
        let head = [UInt8](repeating: 120, count: 24)
        var stored: [[UInt8]] = []
        for tail in ["a", "b", "ab", "ba", String(repeating: "c", count: 300)] { stored.append(head + Array(tail.utf8)) }
        stored.append([UInt8](repeating: 121, count: 256)); stored.append([UInt8](repeating: 121, count: 257))
        var table = TermTable()
        insert(stored, into: &table)
        let queries = stored + [head, head + [99], [UInt8](repeating: 121, count: 258), [UInt8](repeating: 121, count: 255)]
        for padding in [0, 24] { check(table, queries, padding: padding) }
    }

    /// The vocabulary of a fitted vectorizer through `rowTransformer(index:)`: the rows of
    /// `transform`, bit for bit (words, bigrams, extra terms, non-ASCII words).
    func test_rowTransformerWithIndex_givesTheRowsOfTransform() throws {
        var g = SplitMix64(seed: 5)
        let words = (0..<400).map { "w\($0)" } + ["é", "naïve", "<target>", "a", "antidisestablishmentarianism-like", "中文"]
        func documents(_ n: Int) -> [Document] {
            (0..<n).map { _ in
                let tokens = (0..<Int(g.next() % 30)).map { _ in words[Int(g.next() % UInt64(words.count))] }
                let extra = (0..<Int(g.next() % 5)).map { _ in "L\(g.next() % 3)=" + words[Int(g.next() % 60)] }
                return Document(tokens: tokens, extraTerms: extra)
            }
        }
        let train = documents(2000), test = documents(600) + [Document()]
        var configuration = TfidfConfiguration()
        configuration.wordNgramRange = 1...3
        for characters in [nil, 2...5] as [ClosedRange<Int>?] {
            configuration.characterNgramRange = characters
            let vectorizer = try TfidfVectorizer.fit(train, configuration: configuration)
            let matrix = vectorizer.transform(test)
            var rows = vectorizer.rowTransformer(index: vectorizer.termIndex())
            for (r, document) in test.enumerated() {
                let span = matrix.rowOffsets[r]..<matrix.rowOffsets[r + 1]
                rows.withRow(of: document) { indices, values in
                    XCTAssertEqual(Array(indices), Array(matrix.columnIndices[span]), "row \(r)")
                    XCTAssertEqual(Array(values).map(\.bitPattern), Array(matrix.values[span]).map(\.bitPattern), "row \(r)")
                }
            }
        }
    }
}

/// `TermHashing.hashPadded` (one masked load for the last partial word) must be `hash`, bit for bit.
final class TermHashingPaddedTests: XCTestCase {
    func test_hashPadded_equalsHash_onEveryLengthAndOffset() {
        var g = SplitMix64(seed: 11)
        // Bytes after each term are not zero: the mask, not the padding, must cut them off.
        let buffer = (0..<600).map { _ in UInt8(truncatingIfNeeded: g.next()) } + [UInt8](repeating: 0xFF, count: 24)
        buffer.withUnsafeBufferPointer { b in
            for start in 0..<40 {
                for count in 0...(600 - start) where count < 80 || count % 37 == 0 {
                    let p = b.baseAddress! + start
                    XCTAssertEqual(TermHashing.hashPadded(p, count: count), TermHashing.hash(p, count: count), "start \(start) count \(count)")
                }
            }
        }
    }
}
