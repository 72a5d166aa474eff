/// Line ends of text files: LF, CRLF and a lone CR each end a line.
public enum TextLines {
    /// The byte ranges of the lines of `bytes`, without their line ends. A final line end does not
    /// start one more line.
    /// - Complexity: O(n).
    public static func ranges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 128 + 1)
        var start = 0, i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                lines.append(start..<i); i += 1; start = i
            } else if b == 0x0D {
                lines.append(start..<i); i += 1
                if i < n, bytes[i] == 0x0A { i += 1 }
                start = i
            } else {
                i += 1
            }
        }
        if start < n { lines.append(start..<n) }
        return lines
    }

    /// The lines of `text`, without their line ends (LF, CRLF or CR).
    public static func lines(_ text: String) -> [Substring] {
        var text = text
        let ranges = text.withUTF8 { Self.ranges($0) }
        let utf8 = text.utf8
        return ranges.map { r in
            let from = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
            let to = utf8.index(from, offsetBy: r.count)
            return text[from..<to]
        }
    }
}
