import XCTest
@testable import Demarche

/// `TextLines.ranges` (memchr-based) against the byte-by-byte rule: LF, CRLF and a lone CR each end
/// a line; a final line end does not start another line.
final class TextLinesTests: XCTestCase {
    private func reference(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = [], start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                lines.append(start..<i); i += 1; start = i
            } else if bytes[i] == 0x0D {
                lines.append(start..<i); i += 1
                if i < bytes.count, bytes[i] == 0x0A { i += 1 }
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        return lines
    }

    /// Every string of length ≤ 7 over {a, CR, LF}, and longer random ones.
    func test_ranges_matchTheByteByByteRule() {
        let alphabet: [UInt8] = [0x61, 0x0D, 0x0A]
        for length in 0...7 {
            var total = 1
            for _ in 0..<length { total *= 3 }
            for code in 0..<total {
                var c = code
                let bytes = (0..<length).map { _ -> UInt8 in defer { c /= 3 }; return alphabet[c % 3] }
                XCTAssertEqual(bytes.withUnsafeBufferPointer { TextLines.ranges($0) }, reference(bytes), "\(bytes)")
            }
        }
        var state: UInt64 = 42
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...2000)).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let r = state >> 33
                return r % 17 == 0 ? 0x0A : r % 23 == 0 ? 0x0D : UInt8(0x20 + r % 90)
            }
            XCTAssertEqual(bytes.withUnsafeBufferPointer { TextLines.ranges($0) }, reference(bytes))
        }
    }
}
