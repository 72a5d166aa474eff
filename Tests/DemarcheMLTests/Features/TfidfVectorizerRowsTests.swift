import XCTest
@testable import DemarcheML

/// `TfidfVectorizer.RowTransformer` gives each document's row of `transform`, bit for bit.
final class TfidfVectorizerRowsTests: XCTestCase {
    private func documents(_ count: Int, seed: UInt64) -> [Document] {
        var generator = SplitMix64(seed: seed)
        let words = (0..<300).map { "w\($0)" } + ["é", "naïve", "<target>", "a"]
        return (0..<count).map { _ in
            let tokens = (0..<Int(generator.next() % 30)).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            let extra = (0..<Int(generator.next() % 5)).map { _ in "L\(generator.next() % 3)=" + words[Int(generator.next() % 40)] }
            return Document(tokens: tokens, extraTerms: extra)
        }
    }

    func test_rowTransformer_givesTheRowsOfTransform_forEverySetting() throws {
        let train = documents(2000, seed: 1), test = documents(700, seed: 2) + [Document()]
        var settings: [TfidfConfiguration] = []
        var c = TfidfConfiguration(); settings.append(c)
        c.sublinearTF = true; c.wordNgramRange = 1...3; settings.append(c)
        c = TfidfConfiguration(); c.characterNgramRange = 2...4; c.useIDF = false; settings.append(c)
        c = TfidfConfiguration(); c.normalizeRows = false; c.minDocumentFrequency = 3; settings.append(c)
        for configuration in settings {
            let vectorizer = try TfidfVectorizer.fit(train, configuration: configuration)
            let matrix = vectorizer.transform(test)
            var rows = vectorizer.rowTransformer()
            for (r, document) in test.enumerated() {
                let span = matrix.rowOffsets[r]..<matrix.rowOffsets[r + 1]
                rows.withRow(of: document) { indices, values in
                    XCTAssertEqual(Array(indices), Array(matrix.columnIndices[span]), "row \(r), \(configuration)")
                    XCTAssertEqual(Array(values).map(\.bitPattern), Array(matrix.values[span]).map(\.bitPattern), "row \(r), \(configuration)")
                }
            }
        }
    }

    func test_sortAscending_equalsSorted_forManySizesAndDuplicates() {
        var generator = SplitMix64(seed: 11)
        for n in [0, 1, 2, 3, 15, 16, 17, 18, 23, 24, 25, 33, 55, 100, 257, 511, 512, 513, 1000, 5000] {
            for spread in [2, 50, 300, 1_000_000, 1 << 31] as [UInt64] {
                var values = (0..<n).map { _ in Int32(generator.next() % spread) }
                if n > 5 && spread == 50 { values[0...(n / 2)].sort() }  // a sorted run inside
                let want = values.sorted()
                var scratch = [Int32](repeating: -1, count: max(n, 1))
                values.withUnsafeMutableBufferPointer { b in
                    scratch.withUnsafeMutableBufferPointer { s in
                        if let base = b.baseAddress { TfidfVectorizer.RowTransformer.sortAscending(base, count: b.count, scratch: s.baseAddress!) }
                    }
                }
                XCTAssertEqual(values, want, "n \(n), spread \(spread)")
            }
        }
        // Clustered values (most in a few buckets, one far away): the bucket pass gives up and
        // the radix sort runs; and rows of a vocabulary-like spread, where the bucket pass sorts.
        for n in [24, 40, 100, 300, 512] {
            var clustered = (0..<n).map { _ in Int32(generator.next() % 40) }
            clustered[Int(generator.next() % UInt64(n))] = 900_000
            var spread = (0..<n).map { _ in Int32(generator.next() % 259_000) }
            for values in [clustered, spread] {
                var sorted = values
                var scratch = [Int32](repeating: -1, count: n)
                sorted.withUnsafeMutableBufferPointer { b in
                    scratch.withUnsafeMutableBufferPointer { TfidfVectorizer.RowTransformer.sortAscending(b.baseAddress!, count: n, scratch: $0.baseAddress!) }
                }
                XCTAssertEqual(sorted, values.sorted(), "n \(n)")
            }
            var scratch = [Int32](repeating: -1, count: n)
            let gaveUp = !clustered.withUnsafeMutableBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { TfidfVectorizer.RowTransformer.bucketSort(b.baseAddress!, count: n, scratch: $0.baseAddress!) }
            }
            if n >= 100 { XCTAssertTrue(gaveUp, "n \(n)") }
            XCTAssertTrue(spread.withUnsafeMutableBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { TfidfVectorizer.RowTransformer.bucketSort(b.baseAddress!, count: n, scratch: $0.baseAddress!) }
            } || n > 200, "n \(n)")
        }
        // Values needing all four byte passes (an odd number: the result is copied back), and two.
        for top in [Int32.max, 70_000] {
            var descending = (0..<3000).map { top - Int32($0) * 3 }
            var scratch = [Int32](repeating: 0, count: 3000)
            descending.withUnsafeMutableBufferPointer { d in
                scratch.withUnsafeMutableBufferPointer { TfidfVectorizer.RowTransformer.sortAscending(d.baseAddress!, count: d.count, scratch: $0.baseAddress!) }
            }
            XCTAssertEqual(descending, (0..<3000).map { top - Int32(2999 - $0) * 3 })
        }
    }
}
