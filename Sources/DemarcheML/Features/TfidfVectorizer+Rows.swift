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
        private let vectorizer: TfidfVectorizer
        private var generator: TermGenerator
        private var columns: [Int32] = []
        private var packed: [UInt64] = []
        private var piece = TfidfWeighting.Piece()

        init(vectorizer: TfidfVectorizer) {
            self.vectorizer = vectorizer
            generator = TermGenerator(configuration: vectorizer.configuration)
        }

        /// Calls `body` with the TF-IDF row of `document`: increasing column indices and their
        /// values (both empty when no term of the document is in the vocabulary). The buffers are
        /// valid only inside `body`.
        /// - Complexity: O(n-grams of the document).
        public mutating func withRow<R>(of document: Document,
                                        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
            generator.generate(document)
            columns.removeAll(keepingCapacity: true)
            let table = vectorizer.table
            generator.withTerms { b, starts, lengths, hashes in
                table.findAll(b, starts: starts, lengths: lengths, hashes: hashes, into: &columns)
            }
            TfidfWeighting.countColumns(&columns, into: &packed)
            piece.offsets.removeAll(keepingCapacity: true)
            piece.offsets.append(0)
            piece.indices.removeAll(keepingCapacity: true)
            piece.values.removeAll(keepingCapacity: true)
            vectorizer.weighting.appendRow(packed, to: &piece)
            return try piece.indices.withUnsafeBufferPointer { i in
                try piece.values.withUnsafeBufferPointer { v in try body(i, v) }
            }
        }
    }

    /// A fresh ``RowTransformer`` (one per worker thread).
    public func rowTransformer() -> RowTransformer { RowTransformer(vectorizer: self) }
}
