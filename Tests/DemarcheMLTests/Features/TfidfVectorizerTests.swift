import XCTest
@testable import DemarcheML

private struct TfidfFixture: Decodable {
    struct Doc: Decodable { let tokens: [String]; let extraTerms: [String] }
    struct Settings: Decodable {
        let wordNgramRange: [Int]
        let characterNgramRange: [Int]?
        let minDocumentFrequency: Int
        let maxDocumentFrequency: Double
        let maxFeatures: Int?
        let sublinearTF: Bool
        let smoothIDF: Bool
        let useIDF: Bool
        let normalizeRows: Bool
    }
    struct Case: Decodable {
        let name: String
        let configuration: Settings
        let terms: [String]
        let idf: [Double]
        let train: FixtureCSR
        let heldOut: FixtureCSR
    }
    let documents: [Doc]
    let heldOut: [Doc]
    let cases: [Case]
}

private extension TfidfFixture.Settings {
    var configuration: TfidfConfiguration {
        var c = TfidfConfiguration()
        c.wordNgramRange = wordNgramRange[0]...wordNgramRange[1]
        c.characterNgramRange = characterNgramRange.map { $0[0]...$0[1] }
        c.minDocumentFrequency = minDocumentFrequency
        c.maxDocumentFrequency = maxDocumentFrequency
        c.maxFeatures = maxFeatures
        c.sublinearTF = sublinearTF
        c.smoothIDF = smoothIDF
        c.useIDF = useIDF
        c.normalizeRows = normalizeRows
        return c
    }
}

final class TfidfVectorizerTests: XCTestCase {
    private func fixture() throws -> (TfidfFixture, [Document], [Document]) {
        let f = try loadFixture("tfidf", as: TfidfFixture.self)
        return (f, f.documents.map { Document(tokens: $0.tokens, extraTerms: $0.extraTerms) },
                f.heldOut.map { Document(tokens: $0.tokens, extraTerms: $0.extraTerms) })
    }

    private func assertMatrix(_ actual: SparseMatrix, _ expected: FixtureCSR, columns: Int, _ name: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let e = try expected.matrix(columns: columns)
        XCTAssertEqual(actual.rowCount, e.rowCount, name, file: file, line: line)
        XCTAssertEqual(actual.columnCount, columns, name, file: file, line: line)
        XCTAssertEqual(actual.rowOffsets, e.rowOffsets, "\(name): row structure", file: file, line: line)
        XCTAssertEqual(actual.columnIndices, e.columnIndices, "\(name): columns", file: file, line: line)
        for (k, (a, b)) in zip(actual.values, expected.values).enumerated() {
            assertClose(Double(a), b, absolute: 1e-5, "\(name) entry \(k)", file: file, line: line)
        }
    }

    func test_fitTransform_equalsScikitLearn_forEverySetting() throws {
        let (f, documents, heldOut) = try fixture()
        for c in f.cases {
            let (vectorizer, train) = try TfidfVectorizer.fitTransform(documents, configuration: c.configuration.configuration)
            XCTAssertEqual(vectorizer.terms, c.terms, c.name)
            XCTAssertEqual(vectorizer.idf.count, c.idf.count, c.name)
            for (a, b) in zip(vectorizer.idf, c.idf) { assertClose(Double(a), b, relative: 1e-6, c.name) }
            try assertMatrix(train, c.train, columns: c.terms.count, "\(c.name) train")
            try assertMatrix(vectorizer.transform(heldOut), c.heldOut, columns: c.terms.count, "\(c.name) held out")
        }
    }

    func test_fitThenTransform_equalsFitTransform() throws {
        let (f, documents, _) = try fixture()
        for c in f.cases {
            let configuration = c.configuration.configuration
            let (fitted, train) = try TfidfVectorizer.fitTransform(documents, configuration: configuration)
            let vectorizer = try TfidfVectorizer.fit(documents, configuration: configuration)
            XCTAssertEqual(vectorizer.terms, fitted.terms)
            XCTAssertEqual(vectorizer.transform(documents), train, c.name)
        }
    }

    func test_manyDocuments_parallelChunksGiveTheSameMatrixAsOneChunk() throws {
        let (_, documents, _) = try fixture()
        let many = Array((0..<200).map { _ in documents }.joined())  // 4000 documents: several chunks
        let (vectorizer, matrix) = try TfidfVectorizer.fitTransform(many, configuration: TfidfConfiguration())
        let single = try TfidfVectorizer.fitTransform(documents, configuration: TfidfConfiguration())
        XCTAssertEqual(vectorizer.terms, single.0.terms)
        // Any block of rows equals transforming those documents alone (one chunk, sequential).
        for start in stride(from: 0, to: many.count, by: 997) {
            let rows = Array(start..<min(start + 20, many.count))
            XCTAssertTrue(matrix.selectingRows(rows) == vectorizer.transform(rows.map { many[$0] }), "rows from \(start)")
        }
        XCTAssertTrue(vectorizer.transform(many) == matrix)
    }

    func test_idfWithoutSmoothing_followsDocumentedFormula_andRowsHaveUnitNorm() throws {
        var configuration = TfidfConfiguration()
        configuration.wordNgramRange = 1...1
        configuration.smoothIDF = false
        let docs = [Document(tokens: ["a", "b"]), Document(tokens: ["a", "a", "c"]), Document(tokens: ["c"])]
        let (v, m) = try TfidfVectorizer.fitTransform(docs, configuration: configuration)
        XCTAssertEqual(v.terms, ["a", "b", "c"])
        assertClose(Double(v.idf[0]), log(3.0 / 2) + 1, relative: 1e-6)
        assertClose(Double(v.idf[1]), log(3.0) + 1, relative: 1e-6)
        for i in 0..<m.rowCount {
            let norm = m.row(i).values.reduce(0) { $0 + Double($1) * Double($1) }
            assertClose(norm, 1, absolute: 1e-6)
        }
    }

    func test_index_findsTermsByExactUTF8Bytes() throws {
        // "é" precomposed and decomposed are different terms, as in Python.
        let docs = [Document(tokens: ["caf\u{E9}", "cafe\u{301}"], extraTerms: ["L1=x"])]
        var configuration = TfidfConfiguration()
        configuration.wordNgramRange = 1...1
        let v = try TfidfVectorizer.fit(docs, configuration: configuration)
        XCTAssertEqual(v.terms.count, 3)
        XCTAssertNotNil(v.index(of: "caf\u{E9}"))
        XCTAssertNotNil(v.index(of: "cafe\u{301}"))
        XCTAssertNotEqual(v.index(of: "caf\u{E9}"), v.index(of: "cafe\u{301}"))
        XCTAssertEqual(v.index(of: "L1=x"), 0)
        XCTAssertNil(v.index(of: "missing"))
    }

    func test_codableRoundTrip_transformsIdentically() throws {
        let (_, documents, heldOut) = try fixture()
        let v = try TfidfVectorizer.fit(documents, configuration: TfidfConfiguration())
        let decoded = try JSONDecoder().decode(TfidfVectorizer.self, from: JSONEncoder().encode(v))
        XCTAssertEqual(decoded.terms, v.terms)
        XCTAssertEqual(decoded.transform(heldOut), v.transform(heldOut))
    }

    func test_minDocumentFrequencyTooHigh_throwsEmptyVocabulary() {
        var configuration = TfidfConfiguration()
        configuration.minDocumentFrequency = 3
        assertThrowsMessage("Empty vocabulary: no term of the 2 documents occurs in at least 3 documents "
            + "(minDocumentFrequency) and at most 1.0 of them (maxDocumentFrequency). "
            + "Try a smaller minDocumentFrequency or a larger maxDocumentFrequency") {
            try TfidfVectorizer.fit([Document(tokens: ["a"]), Document(tokens: ["b"])], configuration: configuration)
        }
    }

    func test_invalidConfigurations_nameParameterRuleValueAndFix() {
        var c = TfidfConfiguration()
        c.minDocumentFrequency = 0
        assertThrowsMessage("minDocumentFrequency must be >= 1, got 0; use 1 to keep every term, or a small count such as 2") {
            try c.validate()
        }
        c = TfidfConfiguration()
        c.maxDocumentFrequency = 1.5
        assertThrowsMessage("maxDocumentFrequency must be in (0, 1], got 1.5; use a proportion such as 1.0 (keep all) or 0.5") {
            try TfidfVectorizer.fit([Document(tokens: ["a"])], configuration: c)
        }
        c = TfidfConfiguration()
        c.wordNgramRange = 0...2
        assertThrowsMessage("wordNgramRange lower bound must be >= 1, got 0...2; use a range such as 1...2") { try c.validate() }
        c = TfidfConfiguration()
        c.characterNgramRange = 0...3
        assertThrowsMessage("characterNgramRange lower bound must be >= 1, got 0...3; use a range such as 2...4, or nil for no character n-grams") {
            try c.validate()
        }
        c = TfidfConfiguration()
        c.maxFeatures = 0
        assertThrowsMessage("maxFeatures must be >= 1, got 0; use nil for no limit or a positive count") { try c.validate() }
        assertThrowsMessage("No documents to fit on; pass at least one") {
            try TfidfVectorizer.fit([], configuration: TfidfConfiguration())
        }
    }

    func test_loadingVocabulary_rejectsDuplicatesAndBadIdf() {
        assertThrowsMessage("Invalid vocabulary: term \"a\" appears more than once") {
            try TfidfVectorizer(configuration: TfidfConfiguration(), terms: ["a", "a"], idf: [1, 1])
        }
        assertThrowsMessage("Invalid vocabulary: 2 terms but 1 idf values; pass one idf per term") {
            try TfidfVectorizer(configuration: TfidfConfiguration(), terms: ["a", "b"], idf: [1])
        }
        assertThrowsMessage("Invalid vocabulary: idf -1.0 of term \"b\" must be finite and > 0") {
            try TfidfVectorizer(configuration: TfidfConfiguration(), terms: ["a", "b"], idf: [1, -1])
        }
    }
}
