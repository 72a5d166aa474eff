/// A strict RFC 8259 parser for one line of JSON Lines input.
///
/// Foundation's JSON decoding costs about as much as all of training on large files, so this reads
/// the one shape we need (an object) straight from UTF-8 bytes. Every value is checked against the
/// RFC 8259 grammar; only the top-level members are kept, each with its JSON type, so a caller can
/// refuse a number where a string is expected. Nested objects and arrays are checked by an
/// iterative scanner with an explicit stack: no recursion, so any depth of nesting is a clear
/// answer, never a stack overflow.
///
/// Choices where RFC 8259 leaves room (section 8 and 9): a duplicate member name keeps the last
/// value (as `JSONSerialization`, Python and jq do); an escaped lone UTF-16 surrogate (`"\ud800"`),
/// valid in the grammar but not a Unicode scalar, becomes U+FFFD; numbers are kept as written.
struct JSONLineParser {
    /// Why a line is not a JSON object, with the byte column (1-based).
    struct Failure: Error { let column: Int; let message: String }

    /// A top-level member's value: scalars with their text, containers without their contents.
    enum Value: Equatable {
        case string(String)
        /// A number, exactly as written (`-1.5e3`).
        case number(String)
        case bool(Bool)
        case null
        case object
        case array

        /// The JSON type's name, for messages ("a number").
        var typeName: String {
            switch self {
            case .string: return "a string"
            case .number: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            case .object: return "an object"
            case .array: return "an array"
            }
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// Scratch for strings with escapes (reused).
    private var scratch: [UInt8] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one line into its top-level members.
    static func parseObject(_ line: Substring) throws(Failure) -> [String: Value] {
        var copy = String(line)
        let result: Result<[String: Value], Failure> = copy.withUTF8 { buffer in
            var parser = JSONLineParser(buffer)
            do throws(Failure) { return .success(try parser.topLevelObject()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses one line, given as its UTF-8 bytes (without the line end), into its top-level members.
    static func parseObject(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) -> [String: Value] {
        var parser = JSONLineParser(line)
        return try parser.topLevelObject()
    }

    private func fail(_ message: String) -> Failure { Failure(column: i + 1, message: message) }

    /// JSON's four whitespace bytes (RFC 8259 `ws`); nothing else counts.
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

    private mutating func topLevelObject() throws(Failure) -> [String: Value] {
        var members = AllMembers()
        try topLevelObject(into: &members)
        return members.values
    }

    /// Every member, by name (a repeated member keeps its last value).
    private struct AllMembers: Members {
        var values: [String: Value] = Dictionary(minimumCapacity: 6)  // a row's text, target, label, id, source: no regrowth

        mutating func take(_ key: String, from parser: inout JSONLineParser) throws(Failure) {
            values[key] = try parser.value()
        }
    }

    /// What a top-level object's members go into.
    protocol Members {
        /// Takes the value of member `key` from `parser` (standing at the value): reads it with
        /// `parser.value()`, or checks it with `parser.discardValue()` when it is not wanted.
        mutating func take(_ key: String, from parser: inout JSONLineParser) throws(Failure)
    }

    /// The members a labeled row reads (`text`, `target`, `label`, `source`, `id`); the others are
    /// parsed (so a malformed one is reported as before) but not kept. Equal to looking these five
    /// up in `parseObject`'s dictionary: a repeated member keeps its last value.
    struct RowMembers: Members {
        var text: Value?, target: Value?, label: Value?, source: Value?, id: Value?

        mutating func take(_ key: String, from parser: inout JSONLineParser) throws(Failure) {
            switch key {
            case "text": text = try parser.value()
            case "target": target = try parser.value()
            case "label": label = try parser.value()
            case "source": source = try parser.value()
            case "id": id = try parser.value()
            default: try parser.discardValue()
            }
        }
    }

    /// Parses one line as `parseObject` does (the same errors), keeping only a row's members.
    static func parseRowObject(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) -> RowMembers {
        var parser = JSONLineParser(line)
        var members = RowMembers()
        try parser.topLevelObject(into: &members)
        return members
    }

    private mutating func topLevelObject<M: Members>(into members: inout M) throws(Failure) {
        // A byte-order mark before the first object of a file (RFC 8259 section 8.1 lets a parser ignore it).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { throw fail("expected a JSON object starting with '{'") }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a member name in double quotes") }
                let key = try string(keep: true)
                try expect(UInt8(ascii: ":"), "':' after a member name")
                try members.take(key, from: &self)
                skipSpace()
                guard i < bytes.count else { throw fail("expected ',' or '}', found the end of the line") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        if i < bytes.count { throw fail("unexpected text after the JSON object") }
    }

    /// `value()` without keeping it: the same bytes read and the same errors, no string made.
    mutating func discardValue() throws(Failure) {
        skipSpace()
        guard i < bytes.count else { throw fail("expected a value, found the end of the line") }
        switch bytes[i] {
        case UInt8(ascii: "\""): _ = try string(keep: false)
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipContainer()
        default: _ = try scalar(keep: false)
        }
    }

    /// Parses one value at `i`: scalars are returned with their text; an object or array is
    /// checked to its end by `skipContainer()`.
    mutating func value() throws(Failure) -> Value {
        skipSpace()
        guard i < bytes.count else { throw fail("expected a value, found the end of the line") }
        switch bytes[i] {
        case UInt8(ascii: "\""): return .string(try string(keep: true))
        case UInt8(ascii: "{"): try skipContainer(); return .object
        case UInt8(ascii: "["): try skipContainer(); return .array
        default: return try scalar(keep: true)
        }
    }

    /// `true`, `false`, `null` or a number at `i`.
    private mutating func scalar(keep: Bool) throws(Failure) -> Value {
        switch bytes[i] {
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = i
            try number()
            return keep ? .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) : .null
        default: throw fail("expected a JSON value")
        }
    }

    /// Checks an object or array at `i` (its opening byte) and everything nested in it, without
    /// recursion: `stack` holds whether each open container is an object.
    private mutating func skipContainer() throws(Failure) {
        var stack: [Bool] = []
        // Where the scanner stands: right after an opening byte, before a value, or after one.
        enum State { case opened, beforeValue, afterValue }
        var state = State.beforeValue
        while true {
            switch state {
            case .beforeValue:
                skipSpace()
                guard i < bytes.count else { throw fail("expected a value, found the end of the line") }
                switch bytes[i] {
                case UInt8(ascii: "{"): stack.append(true); i += 1; state = .opened
                case UInt8(ascii: "["): stack.append(false); i += 1; state = .opened
                case UInt8(ascii: "\""): _ = try string(keep: false); state = .afterValue
                default: _ = try scalar(keep: false); state = .afterValue
                }
            case .opened:
                skipSpace()
                let isObject = stack[stack.count - 1]
                if i < bytes.count, bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1; stack.removeLast(); state = .afterValue
                } else if isObject {
                    try memberName()
                    state = .beforeValue
                } else {
                    state = .beforeValue
                }
            case .afterValue:
                guard let isObject = stack.last else { return }
                skipSpace()
                guard i < bytes.count else { throw fail("expected ',' or '\(isObject ? "}" : "]")', found the end of the line") }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    if isObject { try memberName() }
                    state = .beforeValue
                } else if bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1; stack.removeLast()
                } else {
                    throw fail("expected ',' or '\(isObject ? "}" : "]")'")
                }
            }
        }
    }

    /// A member name and its colon inside a nested object.
    private mutating func memberName() throws(Failure) {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a member name in double quotes") }
        _ = try string(keep: false)
        try expect(UInt8(ascii: ":"), "':' after a member name")
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw fail("expected \(word)") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("expected \(word)") }
        i += n
    }

    /// RFC 8259 `number = [ minus ] int [ frac ] [ exp ]`, `int = zero / ( digit1-9 *DIGIT )`.
    private mutating func number() throws(Failure) {
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw fail("expected a digit in a number") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw fail("a number cannot start with 0 followed by digits") }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("expected a digit after the decimal point") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("expected a digit in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
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

    /// Parses a string at `i` (which holds the opening quote); returns it when `keep`, else "".
    private mutating func string(keep: Bool) throws(Failure) -> String {
        i += 1
        let start = i
        // Fast path: no escapes. Eight bytes at a time while none is a quote, a backslash or a
        // control character (a word's flags can be set above the first such byte, never missed).
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base), ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i &+ 8 <= bytes.count {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
                let flagged = ((w &- ones &* 0x20) & ~w) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                if flagged & highs != 0 { break }
                i &+= 8
            }
        }
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return keep ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) : ""
        }
        scratch.removeAll(keepingCapacity: true)
        if keep { scratch.append(contentsOf: bytes[start..<i]) }
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("control character inside a string (escape it as \\n, \\t, …)") }
            if b != UInt8(ascii: "\\") { if keep { scratch.append(b) }; i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[i]; i += 1
            let decoded: UInt8
            if let simple = Self.simpleEscape(e) {
                decoded = simple
            } else if e == UInt8(ascii: "u") {
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate takes the low one of a following `\uDC00`–`\uDFFF`; alone it is U+FFFD.
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        let mark = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD; i = mark
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                if keep { scratch.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8) }
                continue
            } else {
                throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
            if keep { scratch.append(decoded) }
        }
        return keep ? String(decoding: scratch, as: UTF8.self) : ""
    }
}

extension JSONLineParser {
    /// The byte a one-letter JSON escape stands for (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`);
    /// nil for `\u` and for anything JSON does not allow.
    @inline(__always)
    static func simpleEscape(_ e: UInt8) -> UInt8? {
        switch e {
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }
}

extension JSONLineParser.Value {
    /// The value as a string field: a string, or nil when the member is absent (`nil` self).
    /// - Throws: a message when it is another type.
    static func stringField(_ value: Self?, _ name: String) -> Result<String?, FieldTypeError> {
        switch value {
        case nil: return .success(nil)
        case .string(let s)?: return .success(s)
        case let other?: return .failure(FieldTypeError(message: "\"\(name)\" must be a string, found \(other.typeName)"))
        }
    }

    /// An identifier: a string or a number (kept as written); null or absent is none.
    static func idField(_ value: Self?) -> Result<String?, FieldTypeError> {
        switch value {
        case nil, .null?: return .success(nil)
        case .string(let s)?: return .success(s)
        case .number(let s)?: return .success(s)
        case let other?: return .failure(FieldTypeError(message: "\"id\" must be a string or a number, found \(other.typeName)"))
        }
    }
}

/// A member of the wrong JSON type.
struct FieldTypeError: Error { let message: String }
