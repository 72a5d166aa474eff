import Foundation

/// Strict reading of UTF-8 text files.
public enum TextFile {
    /// Reads the file at `path` as UTF-8.
    ///
    /// A leading byte-order mark is kept (the ``Normalizer`` removes it).
    /// - Throws: ``TextError/unreadableFile(path:reason:)`` when the file cannot be read;
    ///   ``TextError/invalidUTF8(path:byteOffset:)`` with the offset of the first invalid byte.
    public static func read(_ path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TextError.unreadableFile(path: path, reason: whyUnreadable(path, error))
        }
        return try decode(data, path: path)
    }

    /// Why the file at `path` could not be read, in words a user can act on: no such file, a
    /// directory, no permission; otherwise the system's description of `error`.
    public static func whyUnreadable(_ path: String, _ error: Error) -> String {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if !manager.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory, not a file" }
        if !manager.isReadableFile(atPath: path) { return "permission denied" }
        return (error as NSError).localizedDescription
    }

    /// Decodes `data` as strict UTF-8; `path` names the source in errors.
    /// - Throws: ``TextError/invalidUTF8(path:byteOffset:)``.
    public static func decode(_ data: Data, path: String) throws -> String {
        try data.withUnsafeBytes { raw -> String in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let offset = firstInvalidUTF8Offset(bytes) {
                throw TextError.invalidUTF8(path: path, byteOffset: offset)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    public static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // ASCII runs eight bytes at a time (most of a file of English rows).
            while i &+ 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i &+= 8 }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int, lowest: UInt32
            switch b {
            case 0xC2...0xDF: (len, lowest) = (2, 0x80)
            case 0xE0...0xEF: (len, lowest) = (3, 0x800)
            case 0xF0...0xF4: (len, lowest) = (4, 0x10000)
            default: return i
            }
            guard i + len <= n else { return i }
            var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for k in 1..<len {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                v = v << 6 | UInt32(c & 0x3F)
            }
            // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid.
            if v < lowest || (0xD800...0xDFFF).contains(v) || v > 0x10FFFF { return i }
            i += len
        }
        return nil
    }
}
