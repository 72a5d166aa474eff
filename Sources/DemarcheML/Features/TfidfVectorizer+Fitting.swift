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
        /// Sum of `TermTable.touch` results, kept so that its loads are not optimised away.
        var sink: UInt64 = 0
    }

    /// Fits in four passes: (1) count terms per chunk of documents in parallel, each chunk with its
    /// own byte-keyed table; (2) merge the chunk tables in chunk order; (3) keep the terms within the
    /// document-frequency limits (and `maxFeatures`), sorted by bytes; (4) optionally write the
    /// training rows from the per-document counts of pass 1, in parallel, without re-generating n-grams.
    ///
    /// Documents come from `document(i)`, called once per index from the worker of the chunk holding
    /// `i` and dropped once counted, so they never need to exist all at once.
    static func fitting(documentCount n: Int, configuration: TfidfConfiguration, transform: Bool,
                        document: (Int) -> Document) throws -> (vectorizer: TfidfVectorizer, matrix: SparseMatrix?) {
        try configuration.validate()
        guard n > 0 else { throw LearningError.emptyInput(what: "documents") }

        // (1) Count per chunk.
        Trace.mark("vectorizer: counting \(n) documents")
        let chunkCount = chunkCount(for: n)
        var chunks = [ChunkCounts](repeating: ChunkCounts(), count: chunkCount)
        chunks.withUnsafeMutableBufferPointer { out in
            Parallel.forEachChunk(count: n, chunkCount: chunkCount) { chunk, range in
                out[chunk] = countTerms(range, document: document, configuration: configuration, keepDocuments: transform)
            }
        }

        // (2) Merge the chunk tables into hash shards, one shard per task: each shard takes the
        //     terms whose hash falls in it, from every chunk in chunk order, so shard contents are
        //     deterministic; `shardIDs` gives every chunk-local term its id within its shard.
        Trace.mark("vectorizer: merging \(chunks.reduce(0) { $0 + $1.table.count }) chunk terms")
        var merged: ShardedCounts? = ShardedCounts(merging: chunks)
        Trace.mark("vectorizer: selecting among \(merged!.globalCount) terms")
        for c in chunks.indices { chunks[c].table = TermTable() }

        // (3) Select (document-frequency limits) per shard in parallel, sort the kept terms by bytes
        //     (two halves in parallel, then merged), and build the vocabulary straight from the
        //     shard tables. At 1M benchmark rows the serial selection into a table of its own, the
        //     serial sort and the serial vocabulary took 25 of 150 s of the vectorizer.
        let maxDocuments = configuration.maxDocumentFrequency * Double(n)
        let minDocuments = configuration.minDocumentFrequency
        let shards = merged!.shards, shardBase = merged!.shardBase
        var perShard = [[KeptTerm]](repeating: [], count: shards.count)
        perShard.withUnsafeMutableBufferPointer { out in
            Parallel.forEachChunk(count: shards.count, chunkCount: shards.count) { s, _ in
                let shard = shards[s]
                var list = [KeptTerm]()
                for g in 0..<shard.table.count where shard.documentFrequency[g] >= minDocuments
                    && Double(shard.documentFrequency[g]) <= maxDocuments {
                    let key = shard.table.withTerm(g) { TermHashing.sortPrefix16($0, count: $1) }
                    list.append(KeptTerm(key0: key.0, key1: key.1, shard: Int32(s), id: Int32(g)))
                }
                out[s] = list
            }
        }
        var kept = perShard.flatMap { $0 }
        perShard = []
        guard !kept.isEmpty else {
            throw LearningError.emptyVocabulary(documentCount: n,
                                                minDocumentFrequency: configuration.minDocumentFrequency,
                                                maxDocumentFrequency: configuration.maxDocumentFrequency)
        }
        Trace.mark("vectorizer: sorting \(kept.count) kept terms")
        kept = sortedByBytes(kept, shards: shards)
        if let limit = configuration.maxFeatures, kept.count > limit {
            // Highest total count first; ties to the earlier (smaller) term, then back to term order.
            let totals = kept.map { shards[Int($0.shard)].totalCount[Int($0.id)] }
            let positions = (0..<kept.count).sorted {
                let a = totals[$0], b = totals[$1]
                return a != b ? a > b : $0 < $1
            }
            kept = positions.prefix(limit).sorted().map { kept[$0] }
        }

        Trace.mark("vectorizer: vocabulary")
        var globalToColumn = [Int32](repeating: -1, count: merged!.globalCount)
        var terms = [String](repeating: "", count: kept.count), idf = [Float](repeating: 0, count: kept.count)
        // The kept terms' bytes, back to back in column order, with their starts and hashes: gathered
        // from the shard tables on every core (each column's random reads are its own), then the
        // table is one pass that only places slots (`TermTable(distinctArena:…)`, the same table as
        // inserting the terms one by one in column order) while the other core makes the strings.
        // (Inserting term by term on one core, each term two or three dependent cache misses into
        // the shard tables, took 0.19 s at 100k benchmark rows and 1.0 s at 1M.)
        var termStarts = [Int](repeating: 0, count: kept.count + 1), termHashes = [UInt64](repeating: 0, count: kept.count)
        let columnJobs = min(64, max(1, kept.count / 8_192)), parallel = kept.count >= 1 << 14
        shards.withUnsafeBufferPointer { shards in
        kept.withUnsafeBufferPointer { kept in
        idf.withUnsafeMutableBufferPointer { idf in
        globalToColumn.withUnsafeMutableBufferPointer { globalToColumn in
        termStarts.withUnsafeMutableBufferPointer { lengths in
        termHashes.withUnsafeMutableBufferPointer { hashes in
            let (idf, globalToColumn, lengths, hashes) = (idf, globalToColumn, lengths, hashes)
            // Every column writes only its own slots and its own term's `globalToColumn` entry.
            Parallel.forEachChunk(count: columnJobs, chunkCount: parallel ? columnJobs : 1) { _, jobs in
                for job in jobs {
                    for column in Parallel.chunk(job, of: columnJobs, count: kept.count) {
                        let s = Int(kept[column].shard), g = Int(kept[column].id)
                        globalToColumn[shardBase[s] + g] = Int32(column)
                        lengths[column + 1] = shards[s].table.withTerm(g) { $1 }
                        hashes[column] = shards[s].table.hash(of: g)
                        idf[column] = Float(inverseDocumentFrequency(shards[s].documentFrequency[g], documents: n,
                                                                     configuration: configuration))
                    }
                }
            }
        }}}}}}
        termStarts[0] = 1  // after the arena's sentinel byte
        for column in 0..<kept.count { termStarts[column + 1] += termStarts[column] }
        let arena = [UInt8](unsafeUninitializedCapacity: termStarts[kept.count]) { bytes, initialized in
            bytes[0] = 0
            shards.withUnsafeBufferPointer { shards in
            kept.withUnsafeBufferPointer { kept in
            termStarts.withUnsafeBufferPointer { starts in
                let bytes = bytes
                Parallel.forEachChunk(count: columnJobs, chunkCount: parallel ? columnJobs : 1) { _, jobs in
                    for job in jobs {
                        for column in Parallel.chunk(job, of: columnJobs, count: kept.count) {
                            let s = Int(kept[column].shard), g = Int(kept[column].id)
                            shards[s].table.withTerm(g) { p, length in
                                (bytes.baseAddress! + starts[column]).initialize(from: p, count: length)
                            }
                        }
                    }
                }
            }}}
            initialized = termStarts[kept.count]
        }
        var table: TermTable?
        arena.withUnsafeBufferPointer { arenaBytes in
        terms.withUnsafeMutableBufferPointer { terms in
        termStarts.withUnsafeBufferPointer { starts in
            let terms = terms
            // Job 0 places the table's slots; jobs 1… make the strings of a range of columns each,
            // handed to whichever core is free.
            let stringJobs = min(32, max(1, kept.count / 16_384))
            Parallel.forEachChunk(count: 1 + stringJobs, chunkCount: parallel ? 1 + stringJobs : 1) { _, jobs in
                for job in jobs {
                    if job == 0 {
                        table = TermTable(distinctArena: arena, starts: termStarts, hashes: termHashes)
                    } else {
                        for column in Parallel.chunk(job - 1, of: stringJobs, count: kept.count) {
                            terms[column] = String(decoding: UnsafeBufferPointer(rebasing: arenaBytes[starts[column]..<starts[column + 1]]),
                                                   as: UTF8.self)
                        }
                    }
                }
            }
        }}}
        termHashes = []
        kept = []
        let vectorizer = TfidfVectorizer(unchecked: configuration, terms: terms, idf: idf, table: table!)
        guard transform else { return (vectorizer, nil) }

        // Each chunk's local ids mapped straight to columns (one random lookup per distinct term
        // rather than per entry), in parallel; then the shards, their tables and the global ids are freed.
        var toColumns = [[Int32]](repeating: [], count: chunkCount)
        let sharded = merged!
        merged = nil
        toColumns.withUnsafeMutableBufferPointer { out in
            globalToColumn.withUnsafeBufferPointer { map in
                Parallel.forEachChunk(count: chunkCount, chunkCount: chunkCount) { c, _ in
                    out[c] = sharded.localIDs(chunk: c).map { map[Int($0)] }
                }
            }
        }
        _ = consume sharded
        globalToColumn = []

        // (4) Training rows from the counts of pass 1. A chunk's counts and column map are freed as
        //     soon as its rows are written, and each piece once it is copied into the matrix, so
        //     the entries exist at most about twice at any moment (not three times).
        Trace.mark("vectorizer: writing rows")
        let weighting = TfidfWeighting(configuration: configuration, idf: idf)
        var pieces = [TfidfWeighting.Piece](repeating: .init(), count: chunkCount)
        pieces.withUnsafeMutableBufferPointer { out in
        chunks.withUnsafeMutableBufferPointer { chunks in
        toColumns.withUnsafeMutableBufferPointer { toColumns in
            let (chunks, toColumns) = (chunks, toColumns)
            Parallel.forEachChunk(count: chunkCount, chunkCount: chunkCount) { _, range in
                for c in range {
                    let counts = chunks[c], toColumn = toColumns[c]
                    chunks[c] = ChunkCounts()
                    toColumns[c] = []
                    var piece = TfidfWeighting.Piece()
                    // At most one entry per (document, term) of the counts: no regrowing while writing.
                    piece.indices.reserveCapacity(counts.ids.count)
                    piece.values.reserveCapacity(counts.ids.count)
                    piece.offsets.reserveCapacity(counts.offsets.count)
                    var packed = [UInt64]()
                    counts.offsets.withUnsafeBufferPointer { offsets in
                    counts.ids.withUnsafeBufferPointer { ids in
                    counts.counts.withUnsafeBufferPointer { termCounts in
                    toColumn.withUnsafeBufferPointer { toColumn in
                        // Pass (1) wrote `offsets` non-decreasing up to `ids.count` (= `termCounts.count`),
                        // and every id is a term of the chunk's table, so within `toColumn`.
                        for d in 0..<(offsets.count &- 1) {
                            packed.removeAll(keepingCapacity: true)
                            for e in offsets[d]..<offsets[d &+ 1] {
                                let column = toColumn[Int(ids[e])]
                                if column >= 0 { packed.append(UInt64(column) << 32 | UInt64(termCounts[e])) }
                            }
                            packed.sort()
                            weighting.appendRow(packed, to: &piece)
                        }
                    }}}}
                    piece.scratch = []
                    out[c] = piece
                }
            }
        }}}
        Trace.mark("vectorizer: concatenating")
        let matrix = SparseMatrix.concatenating(consuming: &pieces, columnCount: terms.count)
        Trace.mark("vectorizer: done")
        return (vectorizer, matrix)
    }

    /// The chunk tables of pass (1) merged into disjoint hash shards, built in parallel.
    ///
    /// A term's shard is the top bits of its hash, so every occurrence of a term, from any chunk,
    /// lands in the same shard and no two shards share a term. Global id of shard `s`'s term `g`
    /// is `shardBase[s] + g`.
    private struct ShardedCounts {
        struct Shard {
            var table = TermTable()
            var documentFrequency: [Int] = []
            var totalCount: [Int] = []
            /// Sum of `TermTable.touch` results, kept so that its loads are not optimised away.
            var sink: UInt64 = 0
        }
        static let shardBits = 3
        private(set) var shards: [Shard]
        private(set) var shardBase: [Int]
        /// Chunk `c`'s local term `id` has global id `globalIDs[chunkStart[c] + id]`.
        private var globalIDs: [Int32]
        private let chunkStart: [Int]
        var globalCount: Int { shardBase.last! }

        init(merging chunks: [ChunkCounts]) {
            let shardCount = 1 << Self.shardBits, shift = UInt64(64 - Self.shardBits)
            var starts = [0]
            for chunk in chunks { starts.append(starts.last! + chunk.table.count) }
            chunkStart = starts
            var ids = [Int32](repeating: 0, count: starts.last!)
            var shards = [Shard](repeating: Shard(), count: shardCount)
            let capacity = chunks.map(\.table.count).max() ?? 0
            ids.withUnsafeMutableBufferPointer { ids in
                shards.withUnsafeMutableBufferPointer { out in
                    let ids = ids
                    Parallel.forEachChunk(count: shardCount, chunkCount: shardCount) { s, _ in
                        var shard = Shard()
                        shard.table = TermTable(capacity: capacity >> Self.shardBits)
                        let batch = UnsafeMutablePointer<Int>.allocate(capacity: 64)
                        let batchHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
                        defer { batch.deallocate(); batchHashes.deallocate() }
                        var batchCount = 0, sink: UInt64 = 0
                        for (c, chunk) in chunks.enumerated() {
                            let local = chunk.table
                            local.withHashes { hashes in
                            chunk.documentFrequency.withUnsafeBufferPointer { frequency in
                            chunk.totalCount.withUnsafeBufferPointer { total in
                                // The chunk's arrays hold one entry per term of its table, and `ids`
                                // has room for every chunk's terms from `starts[c]`.
                                guard !hashes.isEmpty else { return }  // (an empty `ids` has no base address)
                                let chunkIDs = ids.baseAddress! + starts[c]
                                // In batches of 64 terms: their probes' first loads issued together
                                // (`TermTable.touch`), then the inserts, in id order as before.
                                var id = 0
                                while id < hashes.count {
                                    batchCount = 0
                                    while id < hashes.count && batchCount < 64 {
                                        if Int(hashes[id] >> shift) == s {
                                            batch[batchCount] = id
                                            batchHashes[batchCount] = hashes[id]
                                            batchCount += 1
                                        }
                                        id += 1
                                    }
                                    sink &+= shard.table.touch(batchHashes, count: batchCount)
                                    for b in 0..<batchCount {
                                        let id = batch[b]
                                        let g = local.withTerm(id) { shard.table.insert($0, count: $1, hash: hashes[id]) }
                                        if g.isNew {
                                            shard.documentFrequency.append(0)
                                            shard.totalCount.append(0)
                                        }
                                        shard.documentFrequency[g.id] += Int(frequency[id])
                                        shard.totalCount[g.id] += total[id]
                                        chunkIDs[id] = Int32(truncatingIfNeeded: g.id)
                                    }
                                }
                            }}}
                        }
                        shard.sink = sink
                        out[s] = shard
                    }
                }
            }
            var base = [0]
            for shard in shards { base.append(base.last! + shard.table.count) }
            // Shard-local ids to global ids.
            for (c, chunk) in chunks.enumerated() {
                for id in 0..<chunk.table.count {
                    ids[starts[c] + id] += Int32(base[Int(chunk.table.hash(of: id) >> shift)])
                }
            }
            self.shards = shards
            self.shardBase = base
            self.globalIDs = ids
        }

        /// Chunk `c`'s local term ids mapped to global ids.
        func localIDs(chunk c: Int) -> ArraySlice<Int32> {
            globalIDs[chunkStart[c]..<chunkStart[c + 1]]
        }
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
    private static func countTerms(_ documents: Range<Int>, document: (Int) -> Document, configuration: TfidfConfiguration,
                                   keepDocuments: Bool) -> ChunkCounts {
        var result = ChunkCounts()
        // Room for the distinct terms a chunk usually holds, so the table rarely grows.
        result.table = TermTable(capacity: min(1 << 21, max(1 << 14, documents.count * 16)))
        var generator = TermGenerator(configuration: configuration)
        var ids = [Int32]()
        for d in documents {
            generator.generate(document(d))
            ids.removeAll(keepingCapacity: true)
            // The generator's arrays all hold `termCount` entries, each term inside `bytes`.
            generator.withTerms { b, starts, lengths, hashes in
                if let h = hashes.baseAddress { result.sink &+= result.table.touch(h, count: hashes.count) }
                for t in 0..<starts.count {
                    let entry = result.table.insert(b + starts[t], count: lengths[t], hash: hashes[t])
                    if entry.isNew {
                        result.documentFrequency.append(0)
                        result.totalCount.append(0)
                    }
                    ids.append(Int32(truncatingIfNeeded: entry.id))  // ids are < UInt32.max - 1 (TermTable)
                }
            }
            guard !ids.isEmpty else {
                result.offsets.append(result.ids.count)
                continue
            }
            ids.sort()
            // Runs of equal ids; every id is a term of the table, so within `documentFrequency` and
            // `totalCount`, which grow with it. Indices stay below `ids.count`: wrap-add.
            ids.withUnsafeBufferPointer { ids in
            result.documentFrequency.withUnsafeMutableBufferPointer { documentFrequency in
            result.totalCount.withUnsafeMutableBufferPointer { totalCount in
                let p = ids.baseAddress!, count = ids.count
                var start = 0
                while start < count {
                    let first = p[start]
                    var end = start &+ 1
                    while end < count && p[end] == first { end &+= 1 }
                    let id = Int(first)
                    documentFrequency[id] &+= 1
                    totalCount[id] &+= end &- start
                    if keepDocuments {
                        result.ids.append(first)
                        result.counts.append(Int32(truncatingIfNeeded: end &- start))
                    }
                    start = end
                }
            }}}
            result.offsets.append(result.ids.count)
        }
        return result
    }

    /// A kept term: its first 16 bytes as two big-endian keys (zero-padded), and where it lives.
    fileprivate struct KeptTerm {
        var key0: UInt64
        var key1: UInt64
        var shard: Int32
        var id: Int32
    }

    /// `kept` ordered by the terms' bytes (`memcmp` order, then length: for UTF-8, code-point order,
    /// as Python sorts `str`). Compares the 16-byte prefix keys first and the full bytes only on ties;
    /// sorts two halves on two cores and merges them. Terms are distinct, so the order is total and
    /// the result does not depend on the split.
    private static func sortedByBytes(_ kept: [KeptTerm], shards: [ShardedCounts.Shard]) -> [KeptTerm] {
        shards.withUnsafeBufferPointer { shards in
            func less(_ a: KeptTerm, _ b: KeptTerm) -> Bool {
                if a.key0 != b.key0 { return a.key0 < b.key0 }
                if a.key1 != b.key1 { return a.key1 < b.key1 }
                return shards[Int(a.shard)].table.withTerm(Int(a.id)) { pa, la in
                    shards[Int(b.shard)].table.withTerm(Int(b.id)) { pb, lb in
                        let c = memcmp(pa, pb, min(la, lb))
                        return c != 0 ? c < 0 : la < lb
                    }
                }
            }
            var work = kept
            let mid = work.count / 2, halvesInParallel = work.count >= 1 << 15 ? 2 : 1
            work.withUnsafeMutableBufferPointer { buffer in
                let buffer = buffer
                Parallel.forEachChunk(count: 2, chunkCount: halvesInParallel) { _, halves in
                    for half in halves {
                        var part = UnsafeMutableBufferPointer(rebasing: half == 0 ? buffer[..<mid] : buffer[mid...])
                        part.sort(by: less)
                    }
                }
            }
            var merged = [KeptTerm]()
            merged.reserveCapacity(work.count)
            var i = 0, j = mid
            while i < mid && j < work.count {
                if less(work[j], work[i]) { merged.append(work[j]); j += 1 } else { merged.append(work[i]); i += 1 }
            }
            merged.append(contentsOf: work[i..<mid])
            merged.append(contentsOf: work[j...])
            return merged
        }
    }
}
