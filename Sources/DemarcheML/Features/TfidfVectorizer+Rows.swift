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
        private let weighting: TfidfWeighting
        private var generator: TermGenerator
        private var columns: [Int32] = []
        private var packed: [UInt64] = []
        /// The row's columns, idf and values (`count` of each in use).
        private var indices: [Int32] = []
        private var idf: [Double] = []
        private var unscaled: [Double] = []
        private var values: [Float] = []

        init(vectorizer: TfidfVectorizer) {
            table = vectorizer.table
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
            generator.withTerms { b, starts, lengths, hashes in
                table.findAll(b, starts: starts, lengths: lengths, hashes: hashes, into: &columns)
            }
            Self.countColumns(&columns, into: &packed)
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
        /// integers has one result), with `sortAscending` instead of the standard library's
        /// stable merge sort of a generic array (6k instructions a row of ~100 columns).
        static func countColumns(_ columns: inout [Int32], into packed: inout [UInt64]) {
            packed.removeAll(keepingCapacity: true)
            guard !columns.isEmpty else { return }
            columns.withUnsafeMutableBufferPointer { sortAscending($0.baseAddress!, count: $0.count) }
            var current = columns[0], run: UInt64 = 0
            for column in columns {
                if column != current {
                    packed.append(UInt64(truncatingIfNeeded: current) << 32 | run)  // columns are ≥ 0
                    current = column
                    run = 0
                }
                run &+= 1
            }
            packed.append(UInt64(truncatingIfNeeded: current) << 32 | run)
        }

        @inline(__always)
        private static func exchange(_ a: UnsafeMutablePointer<Int32>, _ x: Int, _ y: Int) {
            let t = a[x]; a[x] = a[y]; a[y] = t
        }

        /// Sorts `count` integers in place: quicksort (median of three, Hoare partition) down to
        /// ranges of 16, then one insertion-sort pass. The smaller side is sorted first and the
        /// larger one stacked, so the stack holds at most log2(count) ranges.
        static func sortAscending(_ a: UnsafeMutablePointer<Int32>, count n: Int) {
            guard n > 1 else { return }
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Int.bitWidth) { stack in
                var top = 0, lo = 0, hi = n - 1
                while true {
                    while hi - lo > 16 {
                        let mid = lo + (hi - lo) / 2
                        if a[mid] < a[lo] { exchange(a, mid, lo) }
                        if a[hi] < a[lo] { exchange(a, hi, lo) }
                        if a[hi] < a[mid] { exchange(a, hi, mid) }
                        let pivot = a[mid]
                        var i = lo, j = hi
                        while i <= j {
                            while a[i] < pivot { i += 1 }
                            while a[j] > pivot { j -= 1 }
                            if i <= j { exchange(a, i, j); i += 1; j -= 1 }
                        }
                        // Now [lo, j] ≤ pivot ≤ [i, hi].
                        if j - lo < hi - i {
                            stack[top] = i; stack[top + 1] = hi; top += 2; hi = j
                        } else {
                            stack[top] = lo; stack[top + 1] = j; top += 2; lo = i
                        }
                    }
                    if top == 0 { break }
                    top -= 2; lo = stack[top]; hi = stack[top + 1]
                }
            }
            for k in 1..<n {
                let v = a[k]
                var m = k
                while m > 0 && a[m - 1] > v { a[m] = a[m - 1]; m -= 1 }
                a[m] = v
            }
        }
    }

    /// A fresh ``RowTransformer`` (one per worker thread).
    public func rowTransformer() -> RowTransformer { RowTransformer(vectorizer: self) }
}
