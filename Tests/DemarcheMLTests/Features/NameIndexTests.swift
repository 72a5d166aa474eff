import XCTest
@testable import DemarcheML

/// `NameIndex` against the `Dictionary` it replaces in the source model: the same position for
/// every name, nil for names it does not hold.
final class NameIndexTests: XCTestCase {
    func test_positions_equalADictionaryOfTheNames() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghij&=_-.“é0123456789 ")
        var names: [String] = ["", "bias", "ctx", "ctx&dist=3&quote", "none&preSaid=ministry", "prev=“", "prev=été",
                               "hostile&chain3First", String(repeating: "x", count: 40)]
        while names.count < 3_000 {
            let length = Int.random(in: 1...30, using: &generator)
            names.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        var seen = Set<String>()
        names = names.filter { seen.insert($0).inserted }
        let index = NameIndex(names)
        let dictionary = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        for name in names { XCTAssertEqual(index.position(of: name), dictionary[name], name) }
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...31, using: &generator)
            let probe = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(index.position(of: probe), dictionary[probe], probe)
        }
        XCTAssertNil(index.position(of: "not a name at all, longer than any"))
    }

    func test_aRepeatedName_keepsItsFirstPosition() {
        let index = NameIndex(["a", "b", "a", "c"])
        XCTAssertEqual(index.position(of: "a"), 0)
        XCTAssertEqual(index.position(of: "c"), 2)
    }
}
