import Foundation

/// One document at a time: the TF-IDF row of a document handed straight to the caller, so a
/// scoring loop can featurise, vectorise and predict each row while its bytes are still in cache,
/// without holding every document and the whole sparse matrix at once.
extension TfidfVectorizer {
    /// Per-worker scratch that turns documents into TF-IDF rows one by one; the row's entries are
    /// the bits of the same document's row in ``TfidfVectorizer/transform(_:)``.
    ///
    /// Not shareable between threads (it owns mutable buffers): make one per worker with
    /// ``TfidfVectorizer/rowTransformer()``.
    public struct RowTransformer {
        private let table: TermTable
        /// When given, lookups go through it (the same ids as `table`, fewer cache misses).
        private let index: TermIndex?
        private let weighting: TfidfWeighting
        private var generator: TermGenerator
        private var columns: [Int32] = []
        private var packed: [UInt64] = []
        private var sortScratch: [Int32] = []
        /// The row's columns, idf and values (`count` of each in use).
        private var indices: [Int32] = []
        private var idf: [Double] = []
        private var unscaled: [Double] = []
        private var values: [Float] = []

        init(vectorizer: TfidfVectorizer, index: TermIndex? = nil) {
            table = vectorizer.table
            self.index = index
            weighting = vectorizer.weighting
            generator = TermGenerator(configuration: vectorizer.configuration)
        }

        /// Calls `body` with the TF-IDF row of `document`: increasing column indices and their
        /// values (both empty when no term of the document is in the vocabulary). The buffers are
        /// valid only inside `body`.
        ///
        /// The arithmetic is `TfidfWeighting.appendRow`'s, operation for operation; the idf of all
        /// the row's columns is loaded first in a loop of independent loads (a trained vocabulary's
        /// idf does not fit in cache: that load was three quarters of this function's own time
        /// when it sat among `appendRow`'s appends).
        /// - Complexity: O(n-grams of the document).
        public mutating func withRow<R>(of document: Document,
                                        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
            generator.generate(document)
            columns.removeAll(keepingCapacity: true)
            if let index {
                let byteCount = generator.byteCount
                generator.withTerms { b, starts, lengths, hashes in
                    index.findAll(b, byteCount: byteCount, starts: starts, lengths: lengths, hashes: hashes, into: &columns)
                }
            } else {
                generator.withTerms { b, starts, lengths, hashes in
                    table.findAll(b, starts: starts, lengths: lengths, hashes: hashes, into: &columns)
                }
            }
            Self.countColumns(&columns, into: &packed, scratch: &sortScratch)
            let n = packed.count
            if indices.count < n {
                indices = [Int32](repeating: 0, count: n)
                idf = [Double](repeating: 1, count: n)
                unscaled = [Double](repeating: 0, count: n)
                values = [Float](repeating: 0, count: n)
            }
            let w = weighting
            packed.withUnsafeBufferPointer { packed in
                indices.withUnsafeMutableBufferPointer { indices in
                    idf.withUnsafeMutableBufferPointer { idf in
                        unscaled.withUnsafeMutableBufferPointer { unscaled in
                            values.withUnsafeMutableBufferPointer { values in
                                w.idf.withUnsafeBufferPointer { vocabularyIDF in
                                    for e in 0..<n {
                                        let column = Int(packed[e] >> 32)
                                        precondition(column < vocabularyIDF.count, "TfidfWeighting: column \(column) outside the vocabulary")
                                        indices[e] = Int32(truncatingIfNeeded: column)
                                    }
                                    if w.useIDF {
                                        for e in 0..<n { idf[e] = vocabularyIDF[Int(indices[e])] }
                                    }
                                }
                                var squares = 0.0
                                for e in 0..<n {
                                    let count = Double(packed[e] & 0xFFFF_FFFF)
                                    var value = w.sublinearTF ? 1 + log(count) : count
                                    if w.useIDF { value *= idf[e] }
                                    squares += value * value
                                    unscaled[e] = value
                                }
                                let scale = w.normalizeRows && squares > 0 ? 1 / squares.squareRoot() : 1
                                for e in 0..<n { values[e] = Float(unscaled[e] * scale) }
                            }
                        }
                    }
                }
            }
            return try indices.withUnsafeBufferPointer { i in
                try values.withUnsafeBufferPointer { v in
                    try body(UnsafeBufferPointer(rebasing: i[0..<n]), UnsafeBufferPointer(rebasing: v[0..<n]))
                }
            }
        }

        /// `TfidfWeighting.countColumns`: the same sorted `column << 32 | count` entries (a sort of
        /// integers has one result), sorting with `sortAscending` instead of the standard
        /// library's generic stable sort (6k instructions a row of ~100 columns).
        static func countColumns(_ columns: inout [Int32], into packed: inout [UInt64], scratch: inout [Int32]) {
            packed.removeAll(keepingCapacity: true)
            guard !columns.isEmpty else { return }
            if scratch.count < columns.count { scratch = [Int32](repeating: 0, count: columns.count) }
            columns.withUnsafeMutableBufferPointer { c in
                scratch.withUnsafeMutableBufferPointer { sortAscending(c.baseAddress!, count: c.count, scratch: $0.baseAddress!) }
            }
            TfidfWeighting.packRuns(of: columns, into: &packed)
        }

        /// Sorts `count` (24–512) non-negative integers in place when they spread evenly, and
        /// returns whether it did: one counting pass into about `count` buckets of equal width
        /// over `min...max` (the row's ~50–100 columns of a large vocabulary: about one per
        /// bucket), then an insertion sort of the bucketed values, which only moves values within
        /// a bucket. A bucket of more than 16 values (clustered columns) gives up before anything
        /// is moved, and the caller radix-sorts. A row's three byte passes of 256 counters cost
        /// ~4.5k instructions (the largest piece of `withRow` after the lookups); this ~1k.
        static func bucketSort(_ a: UnsafeMutablePointer<Int32>, count n: Int, scratch: UnsafeMutablePointer<Int32>) -> Bool {
            var low = a[0], high = a[0]
            for k in 1..<n { low = min(low, a[k]); high = max(high, a[k]) }
            let range = UInt32(bitPattern: high &- low)  // both non-negative: no overflow
            var bucketBits = 4
            while 1 << bucketBits < n { bucketBits += 1 }
            var shift: UInt32 = 0
            while range >> shift >= UInt32(1 << bucketBits) { shift += 1 }
            let buckets = (Int(range >> shift)) + 1
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: buckets + 1) { counts -> Bool in
                counts.initialize(repeating: 0)
                for k in 0..<n { counts[Int(UInt32(bitPattern: a[k] &- low) >> shift)] &+= 1 }
                var sum: Int32 = 0
                for d in 0..<buckets {
                    let c = counts[d]
                    if c > 16 { return false }
                    counts[d] = sum; sum &+= c
                }
                for k in 0..<n {
                    let v = a[k], d = Int(UInt32(bitPattern: v &- low) >> shift)
                    scratch[Int(counts[d])] = v
                    counts[d] &+= 1
                }
                a[0] = scratch[0]
                for k in 1..<n {
                    let v = scratch[k]
                    var m = k
                    while m > 0 && a[m - 1] > v { a[m] = a[m - 1]; m -= 1 }
                    a[m] = v
                }
                return true
            }
        }

        /// Sorts `count` non-negative integers in place (`scratch`: room for `count` more):
        /// insertion sort below 24, else a least-significant-digit radix sort on bytes, only as
        /// many passes as the largest value has bytes (3 for a vocabulary under 2²⁴ terms). The
        /// radix passes do not branch on the data: a comparison sort of a row's ~100 random column
        /// ids mispredicts about every other comparison (a quicksort here took more cycles than
        /// the standard library's sort though it ran fewer instructions).
        static func sortAscending(_ a: UnsafeMutablePointer<Int32>, count n: Int, scratch: UnsafeMutablePointer<Int32>) {
            guard n > 1 else { return }
            if n < 24 {
                for k in 1..<n {
                    let v = a[k]
                    var m = k
                    while m > 0 && a[m - 1] > v { a[m] = a[m - 1]; m -= 1 }
                    a[m] = v
                }
                return
            }
            if n <= 512 && bucketSort(a, count: n, scratch: scratch) { return }
            var bits: UInt32 = 0
            for k in 0..<n { bits |= UInt32(bitPattern: a[k]) }
            var source = a, target = scratch
            var shift: UInt32 = 0
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
                while shift < 32 && bits >> shift != 0 {
                    counts.initialize(repeating: 0)
                    for k in 0..<n { counts[Int(UInt32(bitPattern: source[k]) >> shift & 0xFF)] &+= 1 }
                    var sum = 0
                    for d in 0..<256 { let c = counts[d]; counts[d] = sum; sum &+= c }
                    for k in 0..<n {
                        let v = source[k], d = Int(UInt32(bitPattern: v) >> shift & 0xFF)
                        target[counts[d]] = v
                        counts[d] &+= 1
                    }
                    swap(&source, &target)
                    shift += 8
                }
            }
            if source != a { a.update(from: source, count: n) }
        }
    }

    /// A fresh ``RowTransformer`` (one per worker thread); with `index` (``termIndex()`` of this
    /// vectorizer, shared by the workers) its lookups take fewer cache misses, same rows.
    public func rowTransformer(index: TermIndex? = nil) -> RowTransformer { RowTransformer(vectorizer: self, index: index) }
}
