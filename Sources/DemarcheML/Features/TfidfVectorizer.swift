import Foundation

/// A fitted TF-IDF vectorizer: a sorted vocabulary, its inverse document frequencies and the
/// settings that turn documents into L2-normalised sparse rows, equal to scikit-learn's
/// `TfidfVectorizer` with the same settings.
///
/// The weight of term `t` in document `d` is `tf(t, d) · idf(t)`, then the row is scaled to unit
/// Euclidean norm (when `normalizeRows`). `tf` is the raw count, or `1 + ln(count)` with
/// `sublinearTF`. With `n` training documents and `df(t)` of them containing `t`:
///
/// - `smoothIDF`: `idf(t) = ln((1 + n) / (1 + df(t))) + 1` (as if one extra document held every term);
/// - otherwise:   `idf(t) = ln(n / df(t)) + 1`.
///
/// The `+ 1` keeps terms present in every document from being zeroed out entirely ("log+1 instead of
/// log makes sure terms with zero idf don't get suppressed entirely", scikit-learn `TfidfTransformer`).
/// With `useIDF == false`, `idf` is all ones.
///
/// Fitted values are immutable: `fit` returns a new vectorizer.
public struct TfidfVectorizer: Sendable, Codable {
    /// The settings the vectorizer was fitted with.
    public let configuration: TfidfConfiguration
    /// Column `j`'s term. Sorted by Unicode code points (byte order of UTF-8), like the order of
    /// scikit-learn's `vocabulary_` indices.
    public let terms: [String]
    /// Column `j`'s inverse document frequency (see the type's documentation for the formula).
    public let idf: [Float]
    /// Term bytes → column.
    let table: TermTable
    /// `idf` widened to `Double` once, so `transform` (called per article when scoring) does not
    /// convert the whole vocabulary's idf on every call.
    let weighting: TfidfWeighting
    /// The ``TermIndex`` of `table`, built on first use by ``termIndex()`` and shared by every
    /// copy of this vectorizer (the table never changes).
    let indexCache = TermIndexCache()

    /// The number of columns of the rows this vectorizer produces.
    public var featureCount: Int { terms.count }

    /// Rebuilds a fitted vectorizer, e.g. from a model file, after checking it.
    ///
    /// - Parameters:
    ///   - configuration: the settings (validated).
    ///   - terms: distinct terms, one per column.
    ///   - idf: one finite, positive idf per term.
    /// - Throws: `LearningError.invalidConfiguration` or `.invalidInput` naming the problem.
    /// - Complexity: O(total term length).
    public init(configuration: TfidfConfiguration, terms: [String], idf: [Float]) throws {
        try configuration.validate()
        guard terms.count == idf.count else {
            throw LearningError.invalidInput(what: "vocabulary",
                                             problem: "\(terms.count) terms but \(idf.count) idf values; pass one idf per term")
        }
        if let bad = idf.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw LearningError.invalidInput(what: "vocabulary",
                                             problem: "idf \(idf[bad]) of term \"\(terms[bad])\" must be finite and > 0")
        }
        var table = TermTable(capacity: terms.count)
        table.reserveBytes(terms.reduce(0) { $0 + $1.utf8.count })
        for term in terms where !table.insert(term).isNew {
            throw LearningError.invalidInput(what: "vocabulary", problem: "term \"\(term)\" appears more than once")
        }
        self.init(unchecked: configuration, terms: terms, idf: idf, table: table)
    }

    init(unchecked configuration: TfidfConfiguration, terms: [String], idf: [Float], table: TermTable) {
        self.configuration = configuration
        self.terms = terms
        self.idf = idf
        self.table = table
        self.weighting = TfidfWeighting(configuration: configuration, idf: idf)
    }

    /// The column of `term`, or `nil` if it is not in the vocabulary.
    /// - Complexity: O(term length) expected.
    public func index(of term: String) -> Int? {
        let id = table.find(term)
        return id >= 0 ? id : nil
    }

    /// Learns the vocabulary and idf from `documents`.
    ///
    /// - Parameters:
    ///   - documents: the training documents.
    ///   - configuration: the settings.
    /// - Returns: the fitted vectorizer.
    /// - Throws: `LearningError.invalidConfiguration`, `.emptyInput` for no documents, `.emptyVocabulary`
    ///   when no term is within the document-frequency limits.
    /// - Complexity: O(total n-grams) spread across cores, plus O(V log V) to sort the V kept terms.
    public static func fit(_ documents: [Document], configuration: TfidfConfiguration) throws -> TfidfVectorizer {
        try fitting(documentCount: documents.count, configuration: configuration, transform: false) { documents[$0] }.vectorizer
    }

    /// Learns the vocabulary and idf from `documents` and returns their TF-IDF rows, generating each
    /// n-gram once.
    ///
    /// - Parameters:
    ///   - documents: the training documents.
    ///   - configuration: the settings.
    /// - Returns: the fitted vectorizer and the `documents.count × featureCount` matrix, equal to
    ///   `fit` followed by `transform`.
    /// - Throws: as `fit(_:configuration:)`.
    /// - Complexity: as `fit(_:configuration:)`, plus O(entries).
    public static func fitTransform(_ documents: [Document], configuration: TfidfConfiguration) throws -> (TfidfVectorizer, SparseMatrix) {
        try fitTransform(documentCount: documents.count, configuration: configuration) { documents[$0] }
    }

    /// `fitTransform(_:configuration:)` over documents made on demand: `document(i)` is called
    /// exactly once for each `i` in `0..<documentCount`, concurrently from several threads (it must
    /// be safe to call so), and each document is dropped as soon as its terms are counted. A
    /// training set never has to be held as documents at once (at a million rows, that was
    /// gigabytes); the result equals `fitTransform` of the same documents in index order.
    ///
    /// - Throws: as `fit(_:configuration:)`.
    /// - Complexity: as `fitTransform(_:configuration:)`, plus the cost of `document`.
    public static func fitTransform(documentCount: Int, configuration: TfidfConfiguration,
                                    document: (Int) -> Document) throws -> (TfidfVectorizer, SparseMatrix) {
        let result = try fitting(documentCount: documentCount, configuration: configuration, transform: true, document: document)
        return (result.vectorizer, result.matrix!)
    }

    /// The TF-IDF rows of `documents`; terms outside the vocabulary are ignored (a document with
    /// none of the terms gives an empty row).
    ///
    /// - Parameter documents: any documents.
    /// - Returns: a `documents.count × featureCount` matrix with increasing column indices in each row.
    /// - Complexity: O(total n-grams), in parallel across chunks of documents.
    public func transform(_ documents: [Document]) -> SparseMatrix {
        let weighting = self.weighting
        let chunkCount = Self.chunkCount(for: documents.count)
        var pieces = [TfidfWeighting.Piece](repeating: .init(), count: chunkCount)
        pieces.withUnsafeMutableBufferPointer { out in
            Parallel.forEachChunk(count: documents.count, chunkCount: chunkCount) { chunk, range in
                var generator = TermGenerator(configuration: configuration)
                var piece = TfidfWeighting.Piece()
                var columns = [Int32](), packed = [UInt64]()
                for d in range {
                    generator.generate(documents[d])
                    columns.removeAll(keepingCapacity: true)
                    generator.withTerms { b, starts, lengths, hashes in
                        for t in 0..<starts.count {
                            let column = table.find(b + starts[t], count: lengths[t], hash: hashes[t])
                            if column >= 0 { columns.append(Int32(truncatingIfNeeded: column)) }  // ids < UInt32.max
                        }
                    }
                    TfidfWeighting.countColumns(&columns, into: &packed)
                    weighting.appendRow(packed, to: &piece)
                }
                out[chunk] = piece
            }
        }
        return SparseMatrix.concatenating(pieces.map { ($0.offsets, $0.indices, $0.values) }, columnCount: terms.count)
    }

    /// How many chunks to cut `count` documents into: a few per core, none tiny.
    static func chunkCount(for count: Int) -> Int {
        let workers = Parallel.workerCount(requested: 0)
        return max(1, min(workers * 4, count / 512))
    }

    private enum CodingKeys: String, CodingKey { case configuration, terms, idf }

    /// Decodes and validates a vectorizer (as `init(configuration:terms:idf:)`).
    /// - Throws: a `DecodingError`, or the `LearningError` of the initializer.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(configuration: try container.decode(TfidfConfiguration.self, forKey: .configuration),
                      terms: try container.decode([String].self, forKey: .terms),
                      idf: try container.decode([Float].self, forKey: .idf))
    }

    /// Encodes the configuration, terms and idf.
    /// - Throws: an `EncodingError`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(configuration, forKey: .configuration)
        try container.encode(terms, forKey: .terms)
        try container.encode(idf, forKey: .idf)
    }
}
