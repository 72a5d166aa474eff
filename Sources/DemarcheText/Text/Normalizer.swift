import Foundation

/// Normalises news text so that matching and tokenising see one spelling per character.
///
/// - Curly single quotes, primes and modifier apostrophes become `'`; curly double quotes and
///   guillemets become `"`.
/// - Hyphens, en and em dashes, minus signs become `-` (em dashes are remembered as word breaks).
/// - No-break and other Unicode spaces and tabs become a space; line and paragraph separators and
///   NEL become `\n`; `\r\n` becomes `\n`, a lone `\r` becomes `\n`.
/// - Zero-width characters, soft hyphens, bidi marks, the BOM and other control characters are
///   removed.
/// - Everything else is brought to NFKC (compatibility forms such as `ﬁ`, full-width letters,
///   `…` become plain letters and dots; a letter followed by a combining accent is composed).
///
/// The result keeps a map back to the original scalar offsets.
public enum Normalizer {
    /// Normalises `text`.
    /// - Complexity: O(n). Plain ASCII text without control characters is returned as is (one scan).
    public static func normalize(_ text: String) -> NormalizedText {
        var source = text
        source.makeContiguousUTF8()
        return source.utf8.withContiguousStorageIfAvailable { bytes in
            normalize(bytes: bytes, original: source)
        }!
    }

    private static func normalize(bytes: UnsafeBufferPointer<UInt8>, original: String) -> NormalizedText {
        let n = bytes.count
        // Fast path: plain printable ASCII (plus \n) needs no change at all.
        let clean = isPrintableASCII(bytes)
        if clean {
            return NormalizedText(original: original, text: original, startMap: OffsetMap(), endMap: OffsetMap(),
                                  scalarCount: n, originalScalarCount: n, isASCII: true, originalIsASCII: true,
                                  dashBreaks: [], originalByteOffsets: OffsetMap())
        }

        var state = Output(capacity: n)
        var origScalar = 0          // original scalar offset of the cluster being read
        var origIsASCII = true
        var originalByteOffsets = OffsetMap()
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                // Fast path: a run of printable ASCII (and \n) is copied as is.
                if b >= 0x20 && b < 0x7F || b == 0x0A {
                    // Eight bytes at a time, then byte by byte through the word that stopped the
                    // fast scan (often just a `\n`), and on.
                    var j = i + 1
                    while true {
                        j = printableRunEnd(bytes, from: j)
                        let stop = min(j + 8, n)
                        while j < stop, bytes[j] < 0x7F, bytes[j] >= 0x20 || bytes[j] == 0x0A { j += 1 }
                        if j < stop || j >= n { break }
                    }
                    // A base letter followed by a combining mark is composed with it below.
                    if j < n, bytes[j] >= 0xCC, combiningRun(bytes, from: j) != nil { j -= 1 }
                    if j > i {
                        state.copy(UnsafeBufferPointer(rebasing: bytes[i..<j]), from: origScalar)
                        origScalar += j - i
                        i = j
                        continue
                    }
                }
                // A combining mark after an ASCII base letter must be composed with it.
                if i + 1 < n, bytes[i + 1] >= 0xCC, let (len, count) = combiningRun(bytes, from: i + 1) {
                    let cluster = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + 1 + len)]), as: UTF8.self)
                    state.emitNFKC(cluster, origStart: origScalar, origEnd: origScalar + 1 + count)
                    origIsASCII = false
                    origScalar += 1 + count
                    i += 1 + len
                    originalByteOffsets.mark(origScalar, i)
                    continue
                }
                switch b {
                case 0x0D:
                    if !(i + 1 < n && bytes[i + 1] == 0x0A) { state.emit(UInt8(ascii: "\n"), from: origScalar) }
                case 0x09:
                    state.emit(UInt8(ascii: " "), from: origScalar)
                case 0x0A, 0x20..<0x7F:
                    state.emit(b, from: origScalar)
                default:
                    break // other control characters are dropped
                }
                origScalar += 1
                i += 1
                continue
            }
            origIsASCII = false
            let (scalar, len) = decode(bytes, at: i)
            var clusterLen = len, marks = 0
            if i + len < n, bytes[i + len] >= 0xCC, let (mlen, count) = combiningRun(bytes, from: i + len) {
                clusterLen += mlen
                marks = count
            }
            if marks == 0 {
                switch mapped(scalar) {
                case .keep:
                    state.emit(scalar, from: origScalar, to: origScalar + 1)
                case .drop:
                    break
                case .replace(let r):
                    if r == "-" && (scalar.value == 0x2014 || scalar.value == 0x2015) { state.dashBreaks.append(state.bytes.count) }
                    state.emit(r, from: origScalar, to: origScalar + 1)
                case .compatibility:
                    state.emitNFKC(String(Character(scalar)), origStart: origScalar, origEnd: origScalar + 1)
                }
            } else {
                let cluster = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + clusterLen)]), as: UTF8.self)
                state.emitNFKC(cluster, origStart: origScalar, origEnd: origScalar + 1 + marks)
            }
            origScalar += 1 + marks
            i += clusterLen
            originalByteOffsets.mark(origScalar, i)
        }
        state.startMap.mark(state.scalars, origScalar)
        state.endMap.mark(state.scalars, origScalar)

        let normalized = String(decoding: state.bytes, as: UTF8.self)
        return NormalizedText(original: original, text: normalized, startMap: state.startMap, endMap: state.endMap,
                              scalarCount: state.scalars, originalScalarCount: origScalar, isASCII: state.isASCII,
                              originalIsASCII: origIsASCII, dashBreaks: state.dashBreaks,
                              originalByteOffsets: originalByteOffsets)
    }

    /// The end of the run of printable ASCII starting at `from`, advanced eight bytes at a time
    /// while no byte is a control character, DEL or non-ASCII: the caller finishes it byte by byte.
    @inline(__always)
    static func printableRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return i }
        let ones: UInt64 = 0x0101_0101_0101_0101, high = ones &* 0x80
        while i + 8 <= bytes.count {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let below20 = (w &- ones &* 0x20) & ~w & high
            let del = ((w ^ (ones &* 0x7F)) &- ones) & ~(w ^ (ones &* 0x7F)) & high
            if (w & high) | below20 | del != 0 { break }
            i += 8
        }
        return i
    }

    /// Whether `bytes` are all printable ASCII or `\n` (eight bytes at a time).
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            let ones: UInt64 = 0x0101_0101_0101_0101, high = ones &* 0x80
            while i + 8 <= n {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Bit 7 set in some byte: non-ASCII; a byte below 0x20 or equal to 0x7F: check it
                // byte by byte (it may be an allowed `\n`).
                let below20 = (w &- ones &* 0x20) & ~w & high
                let del = ((w ^ (ones &* 0x7F)) &- ones) & ~(w ^ (ones &* 0x7F)) & high
                if w & high != 0 { return false }
                if below20 | del != 0 {
                    for k in i..<(i + 8) where bytes[k] == 0x7F || (bytes[k] < 0x20 && bytes[k] != 0x0A) { return false }
                }
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b >= 0x7F || (b < 0x20 && b != 0x0A) { return false }
            i += 1
        }
        return true
    }

    /// The normalised text being built, with its offset maps.
    private struct Output {
        var bytes: [UInt8] = []
        var startMap = OffsetMap(), endMap = OffsetMap()
        var dashBreaks: [Int] = []
        /// Scalars written so far.
        var scalars = 0
        var isASCII = true

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        /// Copies ASCII bytes that came 1:1 from original scalars starting at `orig`.
        @inline(__always)
        mutating func copy(_ run: UnsafeBufferPointer<UInt8>, from orig: Int) {
            startMap.mark(scalars, orig)
            endMap.mark(scalars, orig)
            bytes.append(contentsOf: run)
            scalars += run.count
        }

        /// Writes an ASCII byte that came from original scalar `orig`.
        @inline(__always)
        mutating func emit(_ byte: UInt8, from orig: Int) {
            startMap.mark(scalars, orig)
            endMap.mark(scalars, orig)
            bytes.append(byte)
            scalars += 1
        }

        /// Writes one scalar that came from original scalars `origStart..<origEnd`.
        mutating func emit(_ scalar: Unicode.Scalar, from origStart: Int, to origEnd: Int) {
            startMap.mark(scalars, origStart)
            endMap.mark(scalars, origEnd - 1)
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                isASCII = false
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
            scalars += 1
        }

        /// Writes the NFKC form of a cluster of original scalars `origStart..<origEnd`.
        mutating func emitNFKC(_ cluster: String, origStart: Int, origEnd: Int) {
            let normalized = cluster.precomposedStringWithCompatibilityMapping
            let originalCount = cluster.unicodeScalars.count
            let output = Array(normalized.unicodeScalars)
            for (k, s) in output.enumerated() {
                // 1:1 clusters keep per-scalar offsets; others map every output scalar to the whole cluster.
                let (from, to) = output.count == originalCount ? (origStart + k, origStart + k + 1) : (origStart, origEnd)
                switch Normalizer.mapped(s) {
                case .keep, .compatibility: emit(s, from: from, to: to)
                case .drop: break
                case .replace(let r): emit(r, from: from, to: to)
                }
            }
        }
    }

    /// Decodes the scalar starting at byte `i` of valid UTF-8.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 {
            let v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            return (Unicode.Scalar(v)!, 2)
        }
        if b0 < 0xF0 {
            let v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        let v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
    }

    /// Byte length and scalar count of the run of combining marks starting at byte `i`, or nil.
    private static func combiningRun(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> (Int, Int)? {
        var j = i, count = 0
        while j < bytes.count, bytes[j] >= 0xCC {
            let (s, len) = decode(bytes, at: j)
            guard s.properties.canonicalCombiningClass.rawValue != 0 else { break }
            j += len
            count += 1
        }
        return count == 0 ? nil : (j - i, count)
    }

    enum Mapping { case keep, drop, replace(Unicode.Scalar), compatibility }

    /// What normalisation does with one non-combining scalar.
    static func mapped(_ s: Unicode.Scalar) -> Mapping {
        let v = s.value
        switch v {
        case 0x0A: return .keep
        case 0x09: return .replace(" ")
        case 0x0D, 0x85, 0x2028, 0x2029: return .replace("\n")
        case 0x00..<0x20, 0x7F..<0x85, 0x86..<0xA0: return .drop
        case 0x20..<0x7F: return .keep
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC, 0xFF07: return .replace("'")
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0xFF02: return .replace("\"")
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return .replace("-")
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .replace(" ")
        case 0x00AD, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF: return .drop
        // Ranges known to be stable under NFKC: Latin-1 and Latin Extended-A letters (minus the few
        // with compatibility decompositions), Cyrillic, Hiragana, CJK ideographs, Hangul syllables.
        case 0xC0...0xFF, 0x100...0x131, 0x134...0x13E, 0x141...0x148, 0x14A...0x17E, 0x400...0x4FF,
             0x3041...0x3096, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
            return .keep
        default:
            return .compatibility
        }
    }
}
