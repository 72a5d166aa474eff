// Fuzz target: the gazetteer TSV reader, then the party matcher built from what it accepts,
// run over a fixed sentence and over the input itself.
import Demarche
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    guard let gazetteer = try? Gazetteer(tsv: text, source: "fuzz.tsv") else { return 0 }
    let matcher = PartyMatcher(gazetteer: gazetteer)
    _ = matcher.analyze("Seoul accused Pyongyang of provocation, and the U.S. said Washington would talk to Kim Jong Un.")
    _ = matcher.analyze(text)
    _ = gazetteer.tsv()
    return 0
}
