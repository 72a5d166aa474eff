/// A small, strict JSON parser for one line of JSON Lines input.
///
/// Foundation's JSON decoding costs about as much as all of training on large files, so this reads
/// the one shape we need (an object) straight from UTF-8 bytes. Nested values are parsed and
/// checked but only top-level string, number and boolean members are kept (as strings).
struct JSONLineParser {
    /// Why a line is not a JSON object, with the byte column (1-based).
    struct Failure: Error { let column: Int; let message: String }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one line into its top-level scalar members.
    static func parseObject(_ line: Substring) throws(Failure) -> [String: String] {
        var copy = String(line)
        let result: Result<[String: String], Failure> = copy.withUTF8 { buffer in
            var parser = JSONLineParser(buffer)
            do throws(Failure) { return .success(try parser.topLevelObject()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses one line, given as its UTF-8 bytes, into its top-level scalar members.
    static func parseObject(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) -> [String: String] {
        var parser = JSONLineParser(line)
        return try parser.topLevelObject()
    }

    private func fail(_ message: String) -> Failure { Failure(column: i + 1, message: message) }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else {
            throw fail(i < bytes.count ? "expected \(what)" : "expected \(what), found the end of the line")
        }
        i += 1
    }

    private mutating func topLevelObject() throws(Failure) -> [String: String] {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { throw fail("expected a JSON object starting with '{'") }
        var members: [String: String] = [:]
        try object { (key, value: String?) in if let value { members[key] = value } }
        skipSpace()
        if i < bytes.count { throw fail("unexpected text after the JSON object") }
        return members
    }

    /// Parses `{...}` at `i`, calling `member` with each key and its scalar value (nil for nested values).
    private mutating func object(_ member: (String, String?) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "{"), "'{'")
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a member name in double quotes") }
            let key = try string()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            member(key, try value())
            skipSpace()
            guard i < bytes.count else { throw fail("expected ',' or '}', found the end of the line") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return }
            throw fail("expected ',' or '}'")
        }
    }

    /// Parses any JSON value; returns scalars as text, nil for objects, arrays and null.
    private mutating func value() throws(Failure) -> String? {
        skipSpace()
        guard i < bytes.count else { throw fail("expected a value, found the end of the line") }
        switch bytes[i] {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "{"): try object { _, _ in }; return nil
        case UInt8(ascii: "["):
            i += 1; skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return nil }
            while true {
                _ = try value(); skipSpace()
                guard i < bytes.count else { throw fail("expected ',' or ']', found the end of the line") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return nil }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "t"): try literal("true"); return "true"
        case UInt8(ascii: "f"): try literal("false"); return "false"
        case UInt8(ascii: "n"): try literal("null"); return nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = i
            i += 1
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) || bytes[i] == UInt8(ascii: ".")
                    || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        default: throw fail("expected a JSON value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw fail("expected \(word)") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("expected \(word)") }
        i += n
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("expected four hex digits after \\u") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("expected four hex digits after \\u")
            }
            v = v << 4 | d; i += 1
        }
        return v
    }

    /// Parses a string at `i` (which holds the opening quote).
    private mutating func string() throws(Failure) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("control character inside a string (escape it as \\n, \\t, …)") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[i]; i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("unpaired surrogate in \\u escape")
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default: throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
