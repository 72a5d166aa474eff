import Foundation

/// A fast path for decoding the model file's header JSON, whose two long values are strings:
/// the gazetteer TSV (a quarter of a megabyte in the bundled model) and the lexicon TSV.
/// `JSONDecoder` unescapes such a string at a few tens of instructions a byte — a tenth of loading
/// the bundled model. Here the top-level object is scanned, those two string values are unescaped
/// directly from the bytes, and `JSONDecoder` decodes the rest with each of them replaced by `""`.
///
/// The fast path applies only to what `JSONEncoder` writes: a top-level object with plain keys,
/// each of the two keys at most once, and strings of valid UTF-8 without raw control characters,
/// whose escapes are the JSON ones (`\uXXXX` outside the surrogates). Anything else, and any
/// error, goes to `JSONDecoder` on the original bytes, so errors and results are the decoder's.
enum HeaderJSON {
    /// Decodes `T` from `json`, whose top-level string members `gazetteer` and `lexicon` are
    /// unescaped by the fast path and set with `fill`.
    static func decode<T: Decodable>(_ type: T.Type, from json: UnsafeRawBufferPointer,
                                     fill: (inout T, _ gazetteer: String?, _ lexicon: String?) -> Void) throws -> T {
        if let split = split(json.bindMemory(to: UInt8.self)),
           var value = try? JSONDecoder().decode(T.self, from: split.reduced) {
            fill(&value, split.gazetteer, split.lexicon)
            return value
        }
        return try JSONDecoder().decode(T.self, from: Data(json))
    }

    /// The JSON with the `gazetteer` and `lexicon` string values replaced by `""`, and those
    /// values; nil when the fast path does not apply.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (reduced: Data, gazetteer: String?, lexicon: String?)? {
        var i = skipSpace(bytes, 0)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        i = skipSpace(bytes, i + 1)
        var cuts: [(range: Range<Int>, isGazetteer: Bool, value: String)] = []
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
                let keyStart = i + 1
                var k = keyStart
                while k < bytes.count && bytes[k] != UInt8(ascii: "\"") {
                    guard bytes[k] != UInt8(ascii: "\\"), bytes[k] >= 0x20 else { return nil }
                    k += 1
                }
                guard k < bytes.count else { return nil }
                let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<k])
                i = skipSpace(bytes, k + 1)
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i = skipSpace(bytes, i + 1)
                let valueStart = i
                let isGazetteer = key.elementsEqual("gazetteer".utf8)
                let valueEnd: Int
                if (isGazetteer || key.elementsEqual("lexicon".utf8)) && bytes[valueStart] == UInt8(ascii: "\"") {
                    guard !cuts.contains(where: { $0.isGazetteer == isGazetteer }),
                          let (value, end) = string(bytes, from: valueStart) else { return nil }
                    cuts.append((valueStart..<end, isGazetteer, value))
                    valueEnd = end
                } else {
                    guard let end = skipValue(bytes, i) else { return nil }
                    valueEnd = end
                }
                i = skipSpace(bytes, valueEnd)
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "}") { i += 1; break }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(bytes, i + 1)
            }
        }
        guard skipSpace(bytes, i) == bytes.count else { return nil }
        var reduced = Data()
        reduced.reserveCapacity(bytes.count - cuts.reduce(0) { $0 + $1.range.count } + 2 * cuts.count)
        var from = 0
        for cut in cuts {
            reduced.append(UnsafeBufferPointer(rebasing: bytes[from..<cut.range.lowerBound]))
            reduced.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
            from = cut.range.upperBound
        }
        reduced.append(UnsafeBufferPointer(rebasing: bytes[from...]))
        return (reduced, cuts.first(where: \.isGazetteer)?.value, cuts.first(where: { !$0.isGazetteer })?.value)
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        return i
    }

    /// The end of the value starting at `start` (a string, an object, an array or a scalar),
    /// without checking more than its extent; nil if it does not end.
    private static func skipValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        var i = start
        var depth = 0
        repeat {
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < bytes.count else { return nil }
                i += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1; i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return nil }
                depth -= 1; i += 1
            default:
                if depth == 0 {
                    // A number or literal: up to the next delimiter.
                    while i < bytes.count, !(bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}")
                                             || bytes[i] == UInt8(ascii: "]") || bytes[i] <= 0x20) { i += 1 }
                    return i
                }
                i += 1
            }
        } while depth > 0
        return i
    }

    /// The string literal starting at `start` (its opening quote) and the offset after its
    /// closing quote; nil for a raw control character, an unknown or surrogate escape, invalid
    /// UTF-8 or no closing quote. Runs without escapes are copied whole.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        var end = -1
        let out = [UInt8](unsafeUninitializedCapacity: bytes.count - start) { buffer, count in
            var i = start + 1
            var j = 0
            while i < bytes.count {
                var k = i
                while k < bytes.count {
                    let b = bytes[k]
                    if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                    k += 1
                }
                if k > i {
                    UnsafeMutableRawPointer(buffer.baseAddress! + j).copyMemory(from: bytes.baseAddress! + i, byteCount: k - i)
                    j += k - i
                }
                guard k < bytes.count, bytes[k] >= 0x20 else { break }
                if bytes[k] == UInt8(ascii: "\"") { end = k + 1; break }
                // An escape.
                guard k + 1 < bytes.count else { break }
                let escaped: UInt8
                if let simple = JSONLineParser.simpleEscape(bytes[k + 1]) {
                    escaped = simple
                } else if bytes[k + 1] == UInt8(ascii: "u") {
                    guard k + 6 <= bytes.count, let scalar = hexScalar(bytes, at: k + 2) else { count = j; return }
                    for unit in UTF8.encode(scalar)! { buffer[j] = unit; j += 1 }
                    i = k + 6
                    continue
                } else {
                    count = j
                    return
                }
                buffer[j] = escaped
                j += 1
                i = k + 2
            }
            count = j
        }
        guard end > 0, let value = String(validating: out, as: UTF8.self) else { return nil }
        return (value, end)
    }

    /// The scalar of the four hex digits at `at`; nil for a non-hex digit or a surrogate.
    private static func hexScalar(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> Unicode.Scalar? {
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let h = bytes[k]
            let d: UInt32
            switch h {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(h - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(h - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(h - UInt8(ascii: "A") + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return Unicode.Scalar(v)
    }
}
