// Fuzz target: the CSV reader of labeled rows (RFC 4180 with a header row).
import Demarche
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (rows, problems) = RowReader.parse(fuzzText(data, size), path: "fuzz.csv")
    for r in rows { precondition(!r.text.isEmpty && StanceLabel.all.contains(r.label) && r.line >= 1) }
    for p in problems { precondition(p.line >= 0 && !p.message.isEmpty) }
    return 0
}
