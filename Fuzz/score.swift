// Fuzz target: article text → score (normaliser, sentence splitter, tokenizer, party matcher,
// features, vectorizer, regression, summary, JSON writer) with the bundled model.
import Demarche
import Foundation

let model: StanceModel = {
    do { return try StanceModel(contentsOf: fuzzRoot + "/Models/default.demarche") } catch { fatalError("cannot load the bundled model: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    let score = model.score(article: text, id: "fuzz")
    // Every span must lie inside the text, and the JSON must be valid.
    let scalars = text.unicodeScalars.count
    for s in score.sentences {
        precondition(s.sentence.span.start >= 0 && s.sentence.span.end <= scalars, "sentence span out of the text")
        for p in s.parties { for m in p.mentions { precondition(m.span.end <= scalars, "mention span out of the text") } }
    }
    let json = score.compactJSON()
    precondition((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "score JSON does not parse")
    return 0
}
