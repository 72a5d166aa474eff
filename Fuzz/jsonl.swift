// Fuzz target: JSON Lines readers (training rows and score's {"id","text"} articles).
import Demarche
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    let (rows, problems) = RowReader.parse(text, path: "fuzz.jsonl")
    for r in rows { precondition(!r.text.isEmpty && StanceLabel.all.contains(r.label) && r.line >= 1) }
    for p in problems { precondition(p.line >= 1 && !p.message.isEmpty) }
    for (i, line) in TextLines.lines(text).enumerated() {
        _ = try? ArticleLine.parse(line, path: "fuzz.jsonl", line: i + 1)
    }
    return 0
}
