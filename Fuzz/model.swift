// Fuzz target: the model file reader. The fuzzer's mutations would almost never keep the FNV-1a
// checksum right, so the harness writes the right payload length and checksum into every input
// that starts with the magic bytes: mutations then reach the header JSON, the counts, the term
// list, the numbers and the embedded gazetteer and lexicon. A model that loads must then score.
//
// With DEMARCHE_FUZZ_MAKE_SEED=PATH, it writes a small seed model there (trained on the CLI test
// fixture with the first parties of TrainingData/parties.tsv) and exits.
import Demarche
import Foundation

func fnv1a64(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    return h
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>>>) -> CInt {
    guard let seed = ProcessInfo.processInfo.environment["DEMARCHE_FUZZ_MAKE_SEED"] else { return 0 }
    do {
        let tsv = try String(contentsOfFile: fuzzRoot + "/TrainingData/parties.tsv", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).prefix(60).joined(separator: "\n")
        let gazetteer = try Gazetteer(tsv: tsv, source: "parties.tsv (first lines)")
        let rows = try RowReader.read(paths: [fuzzRoot + "/Tests/DemarcheCLITests/Fixtures/train.jsonl"])
        var configuration = TrainingConfiguration()
        configuration.folds = 0
        configuration.tfidf.minDocumentFrequency = 1
        let lexicon = try StanceLexicon(tsv: String(contentsOfFile: fuzzRoot + "/TrainingData/lexicon.tsv", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).prefix(40).joined(separator: "\n"), source: "lexicon.tsv (first lines)")
        let (model, _) = try StanceTrainer.train(rows: rows, gazetteer: gazetteer, lexicon: lexicon, configuration: configuration)
        try model.write(to: seed)
        exit(0)
    } catch {
        fatalError("cannot make the seed model: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.count >= 32, bytes.starts(with: Array("DEMARCHE".utf8)) {
        let length = UInt64(bytes.count - 32).littleEndian
        let checksum = bytes.withUnsafeBufferPointer { fnv1a64(UnsafeBufferPointer(rebasing: $0[32...])) }.littleEndian
        withUnsafeBytes(of: length) { for k in 0..<8 { bytes[16 + k] = $0[k] } }
        withUnsafeBytes(of: checksum) { for k in 0..<8 { bytes[24 + k] = $0[k] } }
    }
    guard let model = try? StanceModel(serialized: Data(bytes), path: "fuzz.demarche") else { return 0 }
    _ = model.score(article: "Seoul accused Pyongyang of provocation. Tokyo welcomed the talks with Beijing.")
    _ = try? model.classify("Seoul accused Pyongyang of provocation.", target: "Pyongyang")
    _ = try? model.serialized()
    return 0
}
