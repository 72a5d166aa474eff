import Foundation
import DemarcheML
import DemarcheText

/// The model file format, version 1 (all integers and floats little-endian):
///
/// ```
/// offset 0   8 bytes  magic "DEMARCHE"
///        8   u32      format version (1)
///       12   u32      reserved (0)
///       16   u64      payload length in bytes (file size − 32)
///       24   u64      FNV-1a 64 checksum of the payload
///       32   payload:
///            u64 + bytes   header JSON (labels, feature settings, TF-IDF settings, counts,
///                          metadata, the gazetteer as TSV, the optional calibration and
///                          source model), keys sorted
///            u64 + bytes   terms, each followed by a NUL byte
///            f32 × terms   idf
///            f64 × terms × classes   weights, feature-major
///            f64 × classes           intercepts
/// ```
/// Every length is checked against what is left before anything is allocated, so a truncated,
/// corrupted or foreign file is a clear error, never a crash or a huge allocation.
extension StanceModel {
    static let magic = Array("DEMARCHE".utf8)
    /// The format version this code writes and reads.
    public static let formatVersion: UInt32 = 1

    struct FileHeader: Codable {
        var labels: [String]
        var features: FeatureConfiguration
        var tfidf: TfidfConfiguration
        var termCount: Int
        var classCount: Int
        var metadata: ModelMetadata
        var gazetteer: String
        var lexicon: String?
        /// Absent in files written before calibration (read as the identity).
        var calibration: Calibration?
        /// Absent in files written before sources (issue 14) or trained without source rows.
        var source: SourceModel?
    }

    /// The model's bytes in the file format above; the same model always gives the same bytes.
    public func serialized() throws -> Data {
        let header = FileHeader(labels: labels.map(\.rawValue), features: features, tfidf: vectorizer.configuration,
                                termCount: vectorizer.terms.count, classCount: labels.count,
                                metadata: metadata, gazetteer: gazetteer.tsv(),
                                lexicon: lexicon.entries.isEmpty ? nil : lexicon.tsv(),
                                calibration: calibration == .identity ? nil : calibration,
                                source: sourceModel)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(header)
        // One buffer of the final size; the numeric arrays go in as their little-endian bytes in bulk.
        let termBytes = vectorizer.terms.reduce(0) { $0 + $1.utf8.count + 1 }
        var payload = [UInt8]()
        let numericBytes = vectorizer.idf.count * 4 + (regression.weights.count + regression.intercepts.count) * 8
        payload.reserveCapacity(16 + json.count + termBytes + numericBytes)
        payload.appendLittleEndian(UInt64(json.count)); payload.append(contentsOf: json)
        payload.appendLittleEndian(UInt64(termBytes))
        for t in vectorizer.terms { payload.append(contentsOf: t.utf8); payload.append(0) }
        precondition(UInt16(1).littleEndian == 1, "Demarche model files are written on little-endian hosts only")
        payload.appendRawBytes(of: vectorizer.idf)
        payload.appendRawBytes(of: regression.weights)
        payload.appendRawBytes(of: regression.intercepts)

        var file = [UInt8]()
        file.reserveCapacity(32 + payload.count)
        file.append(contentsOf: Self.magic)
        file.appendLittleEndian(Self.formatVersion)
        file.appendLittleEndian(UInt32(0))
        file.appendLittleEndian(UInt64(payload.count))
        var h = FNV1a64()
        payload.withUnsafeBytes { h.combine($0) }
        file.appendLittleEndian(h.value)
        file.append(contentsOf: payload)
        return Data(file)
    }

    /// Writes the model atomically: to a temporary file beside `path`, then renamed over it, so a
    /// failed write never leaves a broken model where a good one was (see `AtomicFile`).
    public func write(to path: String) throws {
        try OutputPath.check(path, what: "the model", example: "model.demarche")
        let data = try serialized()
        try AtomicFile.write(data, to: path, what: "the model")
    }

    /// Loads a model file.
    /// - Throws: `StanceError.badModelFile` saying what is wrong (not a model, truncated,
    ///   corrupted, unsupported version, inconsistent sizes); `.io` when it cannot be read.
    public init(contentsOf path: String) throws {
        if let data = PrefaultedFile.read(path) {
            try self.init(serialized: data, path: path)
            return
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw StanceError.io(path: path, message: "cannot read the model: \(TextFile.whyUnreadable(path, error))")
        }
        try self.init(serialized: data, path: path)
    }

    /// Decodes a model from its bytes; `path` only names it in errors.
    ///
    /// Loading is most of the start-up of `demarche score`, so its independent parts run on two
    /// cores in two rounds: the checksum | the header JSON, the checks and the term list; then the
    /// vocabulary index | the gazetteer, the party matcher, the weights and the lexicon. The
    /// problems are reported in the order of the checks, whatever ran first: a damaged file
    /// is "checksum mismatch" even when its header failed to decode on the other core.
    public init(serialized data: Data, path: String = "<model>") throws {
        func bad(_ problem: String) -> StanceError { .badModelFile(path: path, problem: problem) }
        var reader = ByteReader(data: data)
        guard data.count >= 32, Array(data.prefix(8)) == Self.magic else {
            throw bad(data.isEmpty ? "the file is empty" : "it does not start with the Demarche magic bytes (is it another kind of file?)")
        }
        reader.offset = 8
        let version: UInt32 = try reader.read(or: bad("truncated header"))
        guard version == Self.formatVersion else {
            throw bad("format version \(version) is not supported (this Demarche reads version \(Self.formatVersion)); retrain the model or use a matching Demarche")
        }
        // Reserved: always 0. Outside the checksum, so any other value means damage.
        let reserved: UInt32 = try reader.read(or: bad("truncated header"))
        guard reserved == 0 else { throw bad("the reserved header field is \(reserved), not 0: the file is corrupted") }
        let payloadLength: UInt64 = try reader.read(or: bad("truncated header"))
        let checksum: UInt64 = try reader.read(or: bad("truncated header"))
        guard payloadLength == UInt64(data.count - 32) else {
            throw bad("truncated or padded: the header announces \(payloadLength) bytes of payload but the file holds \(data.count - 32)")
        }

        // Round 1: the checksum and the first half of the term strings on one core; the sections,
        // read and checked as if the checksum had passed, and the second half of the terms on the
        // other (every length is checked, so a damaged file cannot make them trap). The first half
        // is cut where the sections will find the term list, before the header is decoded; the
        // counts are checked after.
        var checksumMatches = false
        var sections: Result<Sections, Error>!
        var firstTerms: (range: Range<Int>, terms: [String])?
        let start = reader.offset
        data.withUnsafeBytes { raw in
            Parallel.forEachChunk(count: 2, minimumChunk: 1) { parts in
                for part in parts {
                    if part == 0 {
                        var h = FNV1a64()
                        h.combine(UnsafeRawBufferPointer(rebasing: raw[32..<raw.count]))
                        checksumMatches = h.value == checksum
                        if let range = Sections.termListRange(raw, from: start) {
                            // Room for the second half too, appended in place after the round.
                            let half = Sections.halves(of: range, in: raw).first
                            firstTerms = (range, Sections.terms(in: raw, half, capacity: range.count / 8))
                        }
                    } else {
                        sections = Result {
                            var sections = try Sections(raw, from: start, path: path)
                            let half = Sections.halves(of: sections.termList, in: raw).second
                            sections.terms = Sections.terms(in: raw, half, capacity: half.count / 8)
                            return sections
                        }
                    }
                }
            }
        }
        guard checksumMatches else { throw bad("checksum mismatch: the file is corrupted") }
        var parts = try sections.get()
        // The same bytes as the sections checked, so the same list.
        guard var terms = firstTerms?.terms, firstTerms?.range == parts.termList else { throw bad("the term list could not be read again") }
        firstTerms = nil
        terms.append(contentsOf: parts.terms)
        parts.terms = terms
        guard parts.terms.count == parts.header.termCount else { throw bad("the term list could not be read again") }
        let header = parts.header

        do {
            // Round 2: the vocabulary index and the party matcher are the two costly parts left
            // and independent of each other.
            var vectorizer: Result<TfidfVectorizer, Error>!
            var matcher: Result<PartyMatcher, Error>!
            var regression: Result<SoftmaxRegression, Error>!
            var lexicon: Result<StanceLexicon, Error>!
            let gazetteerSource = path + " (embedded gazetteer)"
            // Two chunks of one part each, run concurrently; each writes only its own results.
            Parallel.forEachChunk(count: 2, minimumChunk: 1) { chunk in
                for part in chunk {
                    if part == 0 {
                        vectorizer = Result { try TfidfVectorizer(configuration: header.tfidf, terms: parts.terms, idf: parts.idf) }
                    } else {
                        matcher = Result { PartyMatcher(gazetteer: try Gazetteer(tsv: header.gazetteer, source: gazetteerSource)) }
                        regression = Result {
                            try SoftmaxRegression(classCount: header.classCount, featureCount: header.termCount,
                                                  weights: parts.weights, intercepts: parts.intercepts)
                        }
                        lexicon = Result {
                            try header.lexicon.map { try StanceLexicon(tsv: $0, source: path + " (embedded lexicon)") } ?? .empty
                        }
                    }
                }
            }
            // The errors in the order the parts were once built in, one after the other.
            try self.init(labels: StanceLabel.all, features: header.features, regression: regression.get(),
                          lexicon: lexicon.get(), vectorizer: vectorizer.get(), matcher: matcher.get(),
                          metadata: header.metadata, calibration: header.calibration ?? .identity, sourceModel: header.source)
        } catch let error as StanceError {
            throw error
        } catch {
            throw bad(error.localizedDescription)
        }
    }

    /// Argument order of the memberwise-style init above: Swift evaluates arguments left to
    /// right, so the first failing part (regression, lexicon, vocabulary, gazetteer) is thrown.
    private init(labels: [StanceLabel], features: FeatureConfiguration, regression: SoftmaxRegression,
                 lexicon: StanceLexicon, vectorizer: TfidfVectorizer, matcher: PartyMatcher, metadata: ModelMetadata,
                 calibration: Calibration, sourceModel: SourceModel?) throws {
        try self.init(labels: labels, features: features, vectorizer: vectorizer, regression: regression, matcher: matcher,
                      lexicon: lexicon, metadata: metadata, calibration: calibration, sourceModel: sourceModel)
    }

    /// The payload after the fixed header, decoded and checked: the header JSON, the terms and
    /// the numbers.
    private struct Sections {
        /// The bytes of the term list of the payload of `raw` from `start` (terms each ended by a
        /// NUL byte); nil when the lengths before it do not fit the file (the sections say why).
        static func termListRange(_ raw: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
            struct DoesNotFit: Error {}
            var reader = RawByteReader(raw: raw, offset: start)
            guard let jsonLength: UInt64 = try? reader.read(or: DoesNotFit()), jsonLength <= UInt64(reader.remaining),
                  (try? reader.bytes(Int(jsonLength), or: DoesNotFit())) != nil,
                  let termsLength: UInt64 = try? reader.read(or: DoesNotFit()), termsLength <= UInt64(reader.remaining)
            else { return nil }
            return reader.offset..<(reader.offset + Int(termsLength))
        }

        /// The term list cut after the first NUL at or past its middle, so each half holds whole terms.
        static func halves(of range: Range<Int>, in raw: UnsafeRawBufferPointer) -> (first: Range<Int>, second: Range<Int>) {
            var cut = range.lowerBound + range.count / 2
            while cut < range.upperBound && (cut == range.lowerBound || raw[cut - 1] != 0) { cut += 1 }
            return (range.lowerBound..<cut, cut..<range.upperBound)
        }

        /// The terms in `raw[range]`: one per NUL byte (bytes after the last NUL are not a term).
        static func terms(in raw: UnsafeRawBufferPointer, _ range: Range<Int>, capacity: Int) -> [String] {
            var terms: [String] = []
            terms.reserveCapacity(capacity)
            var termStart = range.lowerBound
            for i in range where raw[i] == 0 {
                terms.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[termStart..<i]), as: UTF8.self))
                termStart = i + 1
            }
            return terms
        }

        /// Where the term list is in the file.
        var termList: Range<Int>
        var header: FileHeader
        var terms: [String]
        var idf: [Float]
        var weights: [Double]
        var intercepts: [Double]

        /// Reads the payload of `raw` from `start` (the offset after the fixed 32-byte header).
        /// - Throws: `StanceError.badModelFile` for the first problem, in file order.
        init(_ raw: UnsafeRawBufferPointer, from start: Int, path: String) throws {
            func bad(_ problem: String) -> StanceError { .badModelFile(path: path, problem: problem) }
            var reader = RawByteReader(raw: raw, offset: start)
            let jsonLength: UInt64 = try reader.read(or: bad("truncated header JSON"))
            let json = try reader.bytes(Int(clamping: jsonLength), or: bad("header JSON length \(jsonLength) exceeds the file"))
            let header: FileHeader
            do {
                header = try HeaderJSON.decode(FileHeader.self, from: json) { header, gazetteer, lexicon in
                    if let gazetteer { header.gazetteer = gazetteer }
                    if let lexicon { header.lexicon = lexicon }
                }
            } catch {
                throw bad("unreadable header: \(error)")
            }
            guard header.termCount >= 0, header.classCount == StanceLabel.all.count, header.labels == StanceLabel.names else {
                throw bad("bad counts: \(header.termCount) terms, \(header.classCount) classes, labels \(header.labels)")
            }
            // Every setting obeys the rules `train` applies, so no value can make scoring trap or loop.
            do {
                try header.features.validate()
                try header.tfidf.validate()
            } catch {
                throw bad("the header's settings are invalid: \(error.localizedDescription)")
            }
            // Check the remaining size before allocating anything proportional to the counts, with
            // overflow-checked arithmetic (a term count near Int.max / 28 must not wrap around).
            let termsLength: UInt64 = try reader.read(or: bad("truncated term list"))
            let perTerm = header.termCount.multipliedReportingOverflow(by: 4 + 8 * header.classCount)
            let numbers = perTerm.partialValue.addingReportingOverflow(8 * header.classCount)
            guard !perTerm.overflow, !numbers.overflow, termsLength <= UInt64(reader.remaining),
                  UInt64(reader.remaining) - termsLength == UInt64(numbers.partialValue) else {
                throw bad("sizes do not add up: \(header.termCount) terms × \(header.classCount) classes do not fit the \(reader.remaining) bytes left")
            }
            let termListStart = reader.offset
            let termBytes = try reader.bytes(Int(termsLength), or: bad("truncated term list"))
            termList = termListStart..<reader.offset
            // Counted here, cut into strings by `terms(in:_:)` after.
            var termCount = 0
            for b in termBytes where b == 0 { termCount += 1 }
            guard termCount == header.termCount else { throw bad("the term list holds \(termCount) terms, the header says \(header.termCount)") }
            self.header = header
            self.terms = []
            idf = try reader.array(count: header.termCount, or: bad("truncated idf"))
            weights = try reader.array(count: header.termCount * header.classCount, or: bad("truncated weights"))
            intercepts = try reader.array(count: header.classCount, or: bad("truncated intercepts"))
        }
    }
}

/// Reads little-endian values from raw bytes with bounds checks, without copying sections.
struct RawByteReader {
    let raw: UnsafeRawBufferPointer
    var offset: Int
    var remaining: Int { raw.count - offset }

    mutating func read<T: FixedWidthInteger>(or error: @autoclosure () -> Error) throws -> T {
        let n = MemoryLayout<T>.size
        guard remaining >= n else { throw error() }
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)])) }
        offset += n
        return T(littleEndian: v)
    }

    mutating func bytes(_ n: Int, or error: @autoclosure () -> Error) throws -> UnsafeRawBufferPointer {
        guard n >= 0, remaining >= n else { throw error() }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)])
    }

    mutating func array<T: BinaryFloatingPoint>(count: Int, or error: @autoclosure () -> Error) throws -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, count <= remaining / size else { throw error() }
        let out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            PrefaultedFile.populate(UnsafeMutableRawBufferPointer(buffer))
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count * size)]))
            initialized = count
        }
        offset += count * size
        // Stored little-endian; on a big-endian host every value would be byte-swapped here.
        precondition(UInt16(1).littleEndian == 1, "Demarche model files are read on little-endian hosts only")
        return out
    }
}

/// Reads little-endian values from `Data` with bounds checks.
struct ByteReader {
    let data: Data
    var offset = 0
    var remaining: Int { data.count - offset }

    mutating func read<T: FixedWidthInteger>(or error: @autoclosure () -> Error) throws -> T {
        let n = MemoryLayout<T>.size
        guard remaining >= n else { throw error() }
        var v: T = 0
        data.withUnsafeBytes { raw in
            let base = raw.baseAddress! + offset
            withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: n)) }
        }
        offset += n
        return T(littleEndian: v)
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }

    /// Appends the values' bytes as they are in memory: their IEEE bits, little-endian on the
    /// little-endian hosts the format is read and written on (checked in `serialized()`).
    mutating func appendRawBytes<T: BinaryFloatingPoint>(of values: [T]) {
        values.withUnsafeBytes { append(contentsOf: $0) }
    }
}
