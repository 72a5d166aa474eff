import Foundation

extension TfidfVectorizer {
    /// Term counts of one chunk of documents, with chunk-local term ids.
    private struct ChunkCounts {
        var table = TermTable(capacity: 1 << 14)
        var documentFrequency: [Int32] = []
        var totalCount: [Int] = []
        /// Document `d` of the chunk has entries `offsets[d]..<offsets[d+1]` of `ids`/`counts`.
        var offsets: [Int] = [0]
        var ids: [Int32] = []
        var counts: [Int32] = []
    }

    /// Fits in four passes: (1) count terms per chunk of documents in parallel, each chunk with its
    /// own byte-keyed table; (2) merge the chunk tables in chunk order; (3) keep the terms within the
    /// document-frequency limits (and `maxFeatures`), sorted by bytes; (4) optionally write the
    /// training rows from the per-document counts of pass 1, in parallel, without re-generating n-grams.
    static func fitting(_ documents: [Document], configuration: TfidfConfiguration,
                        transform: Bool) throws -> (vectorizer: TfidfVectorizer, matrix: SparseMatrix?) {
        try configuration.validate()
        guard !documents.isEmpty else { throw LearningError.emptyInput(what: "documents") }
        let n = documents.count

        // (1) Count per chunk.
        let chunkCount = chunkCount(for: n)
        var chunks = [ChunkCounts](repeating: ChunkCounts(), count: chunkCount)
        chunks.withUnsafeMutableBufferPointer { out in
            Parallel.forEachChunk(count: n, chunkCount: chunkCount) { chunk, range in
                out[chunk] = countTerms(documents[range], configuration: configuration, keepDocuments: transform)
            }
        }

        // (2) Merge into one table, in chunk order (so global ids are deterministic).
        var global = chunks[0].table
        chunks[0].table = TermTable()
        var documentFrequency = chunks[0].documentFrequency.map(Int.init)
        var totalCount = chunks[0].totalCount
        var localToGlobal: [[Int32]] = [Array(0..<Int32(global.count))]
        for c in 1..<chunkCount {
            let local = chunks[c].table
            var map = [Int32](repeating: 0, count: local.count)
            for id in 0..<local.count {
                let g = local.withTerm(id) { global.insert($0, count: $1, hash: local.hash(of: id)) }
                if g.isNew {
                    documentFrequency.append(0)
                    totalCount.append(0)
                }
                documentFrequency[g.id] += Int(chunks[c].documentFrequency[id])
                totalCount[g.id] += chunks[c].totalCount[id]
                map[id] = Int32(g.id)
            }
            chunks[c].table = TermTable()
            localToGlobal.append(map)
        }

        // (3) Select and sort.
        let maxDocuments = configuration.maxDocumentFrequency * Double(n)
        var kept = [Int32]()
        for g in 0..<global.count where documentFrequency[g] >= configuration.minDocumentFrequency
            && Double(documentFrequency[g]) <= maxDocuments {
            kept.append(Int32(g))
        }
        guard !kept.isEmpty else {
            throw LearningError.emptyVocabulary(documentCount: n,
                                                minDocumentFrequency: configuration.minDocumentFrequency,
                                                maxDocumentFrequency: configuration.maxDocumentFrequency)
        }
        kept = sortedByBytes(kept, in: global)
        if let limit = configuration.maxFeatures, kept.count > limit {
            // Highest total count first; ties to the earlier (smaller) term, then back to term order.
            let positions = (0..<kept.count).sorted {
                let a = totalCount[Int(kept[$0])], b = totalCount[Int(kept[$1])]
                return a != b ? a > b : $0 < $1
            }
            kept = positions.prefix(limit).sorted().map { kept[$0] }
        }

        var globalToColumn = [Int32](repeating: -1, count: global.count)
        var table = TermTable(capacity: kept.count)
        var terms = [String](), idf = [Float]()
        terms.reserveCapacity(kept.count)
        idf.reserveCapacity(kept.count)
        for (column, g) in kept.enumerated() {
            globalToColumn[Int(g)] = Int32(column)
            global.withTerm(Int(g)) { _ = table.insert($0, count: $1, hash: global.hash(of: Int(g))) }
            terms.append(global.term(Int(g)))
            idf.append(Float(inverseDocumentFrequency(documentFrequency[Int(g)], documents: n, configuration: configuration)))
        }
        let vectorizer = TfidfVectorizer(unchecked: configuration, terms: terms, idf: idf, table: table)
        guard transform else { return (vectorizer, nil) }

        // (4) Training rows from the counts of pass 1.
        let weighting = TfidfWeighting(configuration: configuration, idf: idf)
        var pieces = [TfidfWeighting.Piece](repeating: .init(), count: chunkCount)
        pieces.withUnsafeMutableBufferPointer { out in
            Parallel.forEachChunk(count: chunkCount, chunkCount: chunkCount) { _, range in
                for c in range {
                    let counts = chunks[c], map = localToGlobal[c]
                    var piece = TfidfWeighting.Piece()
                    var packed = [UInt64]()
                    for d in 0..<(counts.offsets.count - 1) {
                        packed.removeAll(keepingCapacity: true)
                        for e in counts.offsets[d]..<counts.offsets[d + 1] {
                            let column = globalToColumn[Int(map[Int(counts.ids[e])])]
                            if column >= 0 { packed.append(UInt64(column) << 32 | UInt64(counts.counts[e])) }
                        }
                        packed.sort()
                        weighting.appendRow(packed, to: &piece)
                    }
                    out[c] = piece
                }
            }
        }
        let matrix = SparseMatrix.concatenating(pieces.map { ($0.offsets, $0.indices, $0.values) }, columnCount: terms.count)
        return (vectorizer, matrix)
    }

    /// `ln((1 + n) / (1 + df)) + 1` when smoothing, else `ln(n / df) + 1`; `1` without idf.
    static func inverseDocumentFrequency(_ df: Int, documents n: Int, configuration: TfidfConfiguration) -> Double {
        guard configuration.useIDF else { return 1 }
        return configuration.smoothIDF
            ? log(Double(1 + n) / Double(1 + df)) + 1
            : log(Double(n) / Double(df)) + 1
    }

    /// Pass (1) for one chunk: every document's distinct terms with their counts, and per-term
    /// document frequency and total count.
    private static func countTerms(_ documents: ArraySlice<Document>, configuration: TfidfConfiguration,
                                   keepDocuments: Bool) -> ChunkCounts {
        var result = ChunkCounts()
        var generator = TermGenerator(configuration: configuration)
        var ids = [Int32]()
        for document in documents {
            generator.generate(document)
            ids.removeAll(keepingCapacity: true)
            generator.bytes.withUnsafeBufferPointer { b in
                for t in 0..<generator.termCount {
                    let p = b.baseAddress! + generator.termStarts[t], n = generator.termLengths[t]
                    let entry = result.table.insert(p, count: n, hash: TermHashing.hash(p, count: n))
                    if entry.isNew {
                        result.documentFrequency.append(0)
                        result.totalCount.append(0)
                    }
                    ids.append(Int32(entry.id))
                }
            }
            guard !ids.isEmpty else {
                result.offsets.append(result.ids.count)
                continue
            }
            ids.sort()
            var start = 0
            while start < ids.count {
                var end = start + 1
                while end < ids.count && ids[end] == ids[start] { end += 1 }
                let id = Int(ids[start])
                result.documentFrequency[id] += 1
                result.totalCount[id] += end - start
                if keepDocuments {
                    result.ids.append(ids[start])
                    result.counts.append(Int32(end - start))
                }
                start = end
            }
            result.offsets.append(result.ids.count)
        }
        return result
    }

    /// `ids` ordered by their terms' bytes (`memcmp` order, which for UTF-8 is code-point order, as
    /// Python sorts `str`). Sorts by an 8-byte big-endian prefix first, comparing full bytes only on ties.
    private static func sortedByBytes(_ ids: [Int32], in table: TermTable) -> [Int32] {
        var keyed = ids.map { id in (table.withTerm(Int(id)) { TermHashing.sortPrefix($0, count: $1) }, id) }
        table.arena.withUnsafeBufferPointer { arena in
            table.starts.withUnsafeBufferPointer { starts in
                keyed.sort { a, b in
                    if a.0 != b.0 { return a.0 < b.0 }
                    let sa = starts[Int(a.1)], la = starts[Int(a.1) + 1] - sa
                    let sb = starts[Int(b.1)], lb = starts[Int(b.1) + 1] - sb
                    let c = memcmp(arena.baseAddress! + sa, arena.baseAddress! + sb, min(la, lb))
                    return c != 0 ? c < 0 : la < lb
                }
            }
        }
        return keyed.map { $0.1 }
    }
}
