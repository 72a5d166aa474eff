import Foundation
import XCTest
@testable import DemarcheML

private struct LogisticFixture: Decodable {
    struct Fit: Decodable {
        let name: String
        let c: Double
        let classWeighting: String
        let fitIntercept: Bool
        let coef: [[Double]]
        let intercept: [Double]
        let probabilities: [[Double]]
    }
    let classCount: Int
    let featureCount: Int
    let features: FixtureCSR
    let labels: [Int]
    let fits: [Fit]
}

final class SoftmaxRegressionTests: XCTestCase {
    private func tightConfiguration(_ fit: LogisticFixture.Fit) -> LogisticRegressionConfiguration {
        var configuration = LogisticRegressionConfiguration()
        configuration.c = fit.c
        configuration.classWeighting = ClassWeighting(rawValue: fit.classWeighting)!
        configuration.fitIntercept = fit.fitIntercept
        configuration.gradientTolerance = 1e-10
        configuration.maxIterations = 10_000
        return configuration
    }

    func test_fit_matchesScikitLearnLbfgs_coefficientsAndProbabilities() throws {
        let f = try loadFixture("logistic", as: LogisticFixture.self)
        let x = try f.features.matrix(columns: f.featureCount)
        for fit in f.fits {
            let (model, report) = try SoftmaxRegression.fit(features: x, labels: f.labels, classCount: f.classCount,
                                                            configuration: tightConfiguration(fit))
            XCTAssertTrue(report.isConverged, "\(fit.name): \(report)")
            let scale = fit.coef.joined().map(abs).max()!
            for j in 0..<f.featureCount {
                for c in 0..<f.classCount {
                    assertClose(model.weights[j * f.classCount + c], fit.coef[c][j], relative: 1e-4, absolute: 1e-6 * scale,
                                "\(fit.name) coef[\(c)][\(j)]")
                }
            }
            for c in 0..<f.classCount {
                assertClose(model.intercepts[c], fit.intercept[c], relative: 1e-4, absolute: 1e-7, "\(fit.name) intercept \(c)")
            }
            let p = try model.probabilities(for: x)
            for i in 0..<x.rowCount {
                for c in 0..<f.classCount {
                    assertClose(p[i * f.classCount + c], fit.probabilities[i][c], relative: 1e-4, "\(fit.name) p[\(i)][\(c)]")
                }
            }
        }
    }

    func test_gradient_matchesCentralFiniteDifferences() {
        let x = randomSparse(rows: 60, columns: 8, density: 0.4, seed: 11)
        var g = SplitMix64(seed: 4)
        let labels = (0..<60).map { _ in Int.random(in: 0..<3, using: &g) }
        let weights = labels.map { [0.5, 1.0, 2.0][$0] }
        for fitIntercept in [true, false] {
          for strategy in [SoftmaxCrossEntropy.GradientStrategy.rowScatter, .columnGather] {
            let objective = SoftmaxCrossEntropy(features: x, labels: labels, sampleWeights: weights, classCount: 3, c: 0.7,
                                                fitIntercept: fitIntercept, threadCount: 2, strategy: strategy)
            let n = objective.dimension
            let point = (0..<n).map { _ in Double.random(in: -1...1, using: &g) }
            var gradient = [Double](repeating: 0, count: n)
            _ = point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { objective.valueAndGradient(at: p, gradient: $0) } }
            var scratch = [Double](repeating: 0, count: n)
            func value(_ v: [Double]) -> Double {
                v.withUnsafeBufferPointer { p in scratch.withUnsafeMutableBufferPointer { objective.valueAndGradient(at: p, gradient: $0) } }
            }
            let h = 1e-6
            for i in 0..<n {
                var plus = point, minus = point
                plus[i] += h
                minus[i] -= h
                assertClose(gradient[i], (value(plus) - value(minus)) / (2 * h), absolute: 1e-7, "component \(i) \(strategy)")
            }
          }
        }
    }

    func test_objectiveEvaluation_isBitwiseDeterministic_andMatchesOneThreadClosely() {
        let x = randomSparse(rows: 3000, columns: 50, density: 0.1, seed: 2)
        var g = SplitMix64(seed: 9)
        let labels = (0..<3000).map { _ in Int.random(in: 0..<3, using: &g) }
        func evaluate(threads: Int, strategy: SoftmaxCrossEntropy.GradientStrategy = .rowScatter) -> (Double, [Double]) {
            let objective = SoftmaxCrossEntropy(features: x, labels: labels, sampleWeights: [], classCount: 3, c: 1,
                                                fitIntercept: true, threadCount: threads, strategy: strategy)
            let point = (0..<objective.dimension).map { Double($0 % 7) * 0.01 }
            var gradient = [Double](repeating: 0, count: objective.dimension)
            let v = point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { objective.valueAndGradient(at: p, gradient: $0) } }
            return (v, gradient)
        }
        let a = evaluate(threads: 2), b = evaluate(threads: 2), single = evaluate(threads: 1)
        XCTAssertEqual(a.0.bitPattern, b.0.bitPattern)
        XCTAssertEqual(a.1.map(\.bitPattern), b.1.map(\.bitPattern))
        assertClose(a.0, single.0, relative: 1e-12)
        for (u, v) in zip(a.1, single.1) { assertClose(u, v, relative: 1e-9, absolute: 1e-15) }
        // Column gather: the gradient does not depend on the thread count at all.
        let gather2 = evaluate(threads: 2, strategy: .columnGather), gather1 = evaluate(threads: 1, strategy: .columnGather)
        XCTAssertEqual(gather2.1.map(\.bitPattern), gather1.1.map(\.bitPattern))
        for (u, v) in zip(gather2.1, single.1) { assertClose(u, v, relative: 1e-9, absolute: 1e-15) }
    }

    func test_columnTiles_manyColumns_scoresAndGradientMatchRowScatter() {
        // 40k columns: three tiles (16k, 16k, the rest), rows touching all of them.
        let x = randomSparse(rows: 150, columns: 40_000, density: 0.003, seed: 5)
        var g = SplitMix64(seed: 3)
        let labels = (0..<150).map { _ in Int.random(in: 0..<3, using: &g) }
        let tiled = SoftmaxCrossEntropy(features: x, labels: labels, sampleWeights: [], classCount: 3, c: 1,
                                        fitIntercept: true, threadCount: 2, strategy: .columnGather)
        XCTAssertEqual(tiled.tileBounds, [0, 16_384, 32_768, 40_000])
        let plain = SoftmaxCrossEntropy(features: x, labels: labels, sampleWeights: [], classCount: 3, c: 1,
                                        fitIntercept: true, threadCount: 2, strategy: .rowScatter)
        let point = (0..<tiled.dimension).map { _ in Double.random(in: -1...1, using: &g) }
        func evaluate(_ o: SoftmaxCrossEntropy) -> (Double, [Double]) {
            var gradient = [Double](repeating: 0, count: o.dimension)
            let v = point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { o.valueAndGradient(at: p, gradient: $0) } }
            return (v, gradient)
        }
        let a = evaluate(tiled), b = evaluate(plain)
        // Tiling keeps each row's additions in column order: the value is bit-for-bit the same.
        XCTAssertEqual(a.0.bitPattern, b.0.bitPattern)
        // The Hessian-diagonal estimate (from the transpose here, from the rows there): same bits.
        XCTAssertEqual(tiled.hessianDiagonalEstimate()!.map(\.bitPattern), plain.hessianDiagonalEstimate()!.map(\.bitPattern))
        for (u, v) in zip(a.1, b.1) { assertClose(u, v, relative: 1e-9, absolute: 1e-15) }
    }

    func test_columnGather_tilesAndTransposeBuiltInParallel_gradientEqualsOneThreadBitForBit() {
        // Enough entries for the parallel builds of the tiles and of the transpose.
        let x = randomSparse(rows: 2000, columns: 20_000, density: 0.0045, seed: 12)
        XCTAssertGreaterThan(x.nonzeroCount, 2 * 80_000)
        var g = SplitMix64(seed: 6)
        let labels = (0..<2000).map { _ in Int.random(in: 0..<3, using: &g) }
        let newColumn = x.columnsByDecreasingFrequency()
        let point = (0..<(20_000 * 3 + 3)).map { _ in Double.random(in: -1...1, using: &g) }
        func evaluate(threads: Int) -> (Double, [Double], [Double]) {
            let o = SoftmaxCrossEntropy(features: x, newColumn: newColumn, labels: labels, sampleWeights: [], classCount: 3,
                                        c: 1, fitIntercept: true, threadCount: threads, strategy: .columnGather)
            var gradient = [Double](repeating: 0, count: o.dimension)
            let v = point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { o.valueAndGradient(at: p, gradient: $0) } }
            return (v, gradient, o.hessianDiagonalEstimate()!)
        }
        let one = evaluate(threads: 1), two = evaluate(threads: 2)
        XCTAssertEqual(two.1.map(\.bitPattern), one.1.map(\.bitPattern))
        XCTAssertEqual(two.2.map(\.bitPattern), one.2.map(\.bitPattern))
        assertClose(two.0, one.0, relative: 1e-12)
    }

    func test_columnMap_equalsObjectiveOfPermutedCopy_bitForBit() {
        // Renumbering columns inside the objective (no permuted copy) must give exactly what the
        // objective over a permuted copy gives, with both gradient strategies.
        let x = randomSparse(rows: 120, columns: 40_000, density: 0.003, seed: 9)
        var g = SplitMix64(seed: 4)
        let labels = (0..<120).map { _ in Int.random(in: 0..<3, using: &g) }
        let newColumn = x.columnsByDecreasingFrequency()
        XCTAssertNotEqual(newColumn, (0..<Int32(40_000)).map { $0 })  // a real permutation
        let permuted = x.permutingColumns(newColumn)
        let point = (0..<(40_000 * 3 + 3)).map { _ in Double.random(in: -1...1, using: &g) }
        func evaluate(_ o: SoftmaxCrossEntropy) -> (Double, [Double]) {
            var gradient = [Double](repeating: 0, count: o.dimension)
            let v = point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { o.valueAndGradient(at: p, gradient: $0) } }
            return (v, gradient)
        }
        for strategy in [SoftmaxCrossEntropy.GradientStrategy.columnGather, .rowScatter] {
            let mapped = SoftmaxCrossEntropy(features: x, newColumn: newColumn, labels: labels, sampleWeights: [], classCount: 3,
                                             c: 1, fitIntercept: true, threadCount: 2, strategy: strategy)
            let copied = SoftmaxCrossEntropy(features: permuted, labels: labels, sampleWeights: [], classCount: 3,
                                             c: 1, fitIntercept: true, threadCount: 2, strategy: strategy)
            let a = evaluate(mapped), b = evaluate(copied)
            XCTAssertEqual(a.0.bitPattern, b.0.bitPattern, "\(strategy)")
            XCTAssertEqual(a.1.map(\.bitPattern), b.1.map(\.bitPattern), "\(strategy)")
            XCTAssertEqual(mapped.hessianDiagonalEstimate()!.map(\.bitPattern), copied.hessianDiagonalEstimate()!.map(\.bitPattern))
        }
    }

    func test_rowTiledGather_equalsOnePassPerColumn_bitForBit() {
        // Gradient gathered over row tiles (the frequent columns cut every `tileRows` rows) against
        // one pass over each column: the same additions in the same order, so the same bits, with
        // one and two threads, sample weights, and tiles of 16, 64 and 256 rows (the last tile short).
        // Columns drawn by Zipf's law (∝ 1/(j+1)), so the leading ones are frequent enough to be cut.
        let rows = 1500
        var g = SplitMix64(seed: 8)
        let x = zipfSparse(rows: rows, columns: 20_000, perRow: 20, using: &g)
        let labels = (0..<rows).map { _ in Int.random(in: 0..<3, using: &g) }
        let weights = (0..<rows).map { _ in Double.random(in: 0.5...2, using: &g) }
        let newColumn = x.columnsByDecreasingFrequency()
        let point = (0..<(20_000 * 3 + 3)).map { _ in Double.random(in: -1...1, using: &g) }
        func evaluate(threads: Int, tileRows: Int) -> (SoftmaxCrossEntropy, Double, [Double]) {
            let o = SoftmaxCrossEntropy(features: x, newColumn: newColumn, labels: labels, sampleWeights: weights, classCount: 3,
                                        c: 1, fitIntercept: true, threadCount: threads, strategy: .columnGather, rowTileRows: tileRows)
            var gradient = [Double](repeating: 0, count: o.dimension)
            let v = point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { o.valueAndGradient(at: p, gradient: $0) } }
            return (o, v, gradient)
        }
        for threads in [1, 2] {
            // (The value's partial losses are added per worker: compare within one thread count.)
            let reference = evaluate(threads: threads, tileRows: Int.max / 2)
            XCTAssertEqual(reference.0.rowTiledColumns, 0)
            for tileRows in [16, 64, 256] {
                let tiled = evaluate(threads: threads, tileRows: tileRows)
                // Some columns are cut, and not all (the rare ones keep one pass).
                XCTAssertGreaterThan(tiled.0.rowTiledColumns, 0, "tiles of \(tileRows)")
                XCTAssertLessThan(tiled.0.rowTiledColumns, 1000, "tiles of \(tileRows)")
                XCTAssertEqual(tiled.1.bitPattern, reference.1.bitPattern, "threads \(threads), tiles of \(tileRows)")
                XCTAssertEqual(tiled.2.map(\.bitPattern), reference.2.map(\.bitPattern), "threads \(threads), tiles of \(tileRows)")
                XCTAssertEqual(tiled.0.hessianDiagonalEstimate()!.map(\.bitPattern),
                               reference.0.hessianDiagonalEstimate()!.map(\.bitPattern))
            }
        }
        // And the row-scatter strategy agrees to rounding.
        let reference = evaluate(threads: 1, tileRows: 64)
        let scatter = SoftmaxCrossEntropy(features: x, newColumn: newColumn, labels: labels, sampleWeights: weights, classCount: 3,
                                          c: 1, fitIntercept: true, threadCount: 1, strategy: .rowScatter)
        var gradient = [Double](repeating: 0, count: scatter.dimension)
        _ = point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { scatter.valueAndGradient(at: p, gradient: $0) } }
        for (u, v) in zip(reference.2, gradient) { assertClose(u, v, relative: 1e-9, absolute: 1e-15) }
    }

    func test_rowTiles_cutEachColumnAtItsTilesFirstRow() {
        // Xᵀ of a small matrix: check every cut against a linear scan.
        var g = SplitMix64(seed: 3)
        let x = zipfSparse(rows: 300, columns: 500, perRow: 30, using: &g)
        let t = x.transposed(newColumn: x.columnsByDecreasingFrequency())
        let (cut, starts) = SoftmaxCrossEntropy.rowTiles(of: t, tileRows: 16, threadCount: 2)
        let tiles = (300 + 15) / 16
        // The leading columns with at least 8 entries per tile are cut, and only they.
        XCTAssertGreaterThan(cut, 0)
        XCTAssertLessThan(cut, 500)
        XCTAssertGreaterThanOrEqual(t.rowOffsets[cut] - t.rowOffsets[cut - 1], 8 * tiles)
        XCTAssertLessThan(t.rowOffsets[cut + 1] - t.rowOffsets[cut], 8 * tiles)
        XCTAssertEqual(starts.count, (tiles + 1) * cut)
        for j in 0..<cut {
            for tile in 0...tiles {
                var expected = t.rowOffsets[j]
                while expected < t.rowOffsets[j + 1] && Int(t.columnIndices[expected]) < tile * 16 { expected += 1 }
                XCTAssertEqual(starts[tile * cut + j], expected, "column \(j), tile \(tile)")
            }
        }
        // One tile: nothing to cut.
        XCTAssertEqual(SoftmaxCrossEntropy.rowTiles(of: t, tileRows: 300, threadCount: 1).columns, 0)
    }

    func test_fit_sameDataTwice_givesIdenticalModelBytes() throws {
        let f = try loadFixture("logistic", as: LogisticFixture.self)
        let x = try f.features.matrix(columns: f.featureCount)
        var configuration = LogisticRegressionConfiguration()
        configuration.threadCount = 2
        let a = try SoftmaxRegression.fit(features: x, labels: f.labels, classCount: 3, configuration: configuration)
        let b = try SoftmaxRegression.fit(features: x, labels: f.labels, classCount: 3, configuration: configuration)
        XCTAssertEqual(a.model.weights.map(\.bitPattern), b.model.weights.map(\.bitPattern))
        XCTAssertEqual(a.model.intercepts.map(\.bitPattern), b.model.intercepts.map(\.bitPattern))
        XCTAssertEqual(a.report, b.report)
    }

    func test_warmStartFromSolution_convergesImmediately() throws {
        let f = try loadFixture("logistic", as: LogisticFixture.self)
        let x = try f.features.matrix(columns: f.featureCount)
        let (model, cold) = try SoftmaxRegression.fit(features: x, labels: f.labels, classCount: 3,
                                                      configuration: LogisticRegressionConfiguration())
        let (_, warm) = try SoftmaxRegression.fit(features: x, labels: f.labels, classCount: 3,
                                                  configuration: LogisticRegressionConfiguration(), warmStart: model)
        XCTAssertTrue(cold.isConverged)
        XCTAssertLessThanOrEqual(warm.iterations, 1)
    }

    func test_report_saysNotConverged_atIterationLimit() throws {
        let f = try loadFixture("logistic", as: LogisticFixture.self)
        let x = try f.features.matrix(columns: f.featureCount)
        var configuration = LogisticRegressionConfiguration()
        configuration.maxIterations = 2
        configuration.gradientTolerance = 0
        let (_, report) = try SoftmaxRegression.fit(features: x, labels: f.labels, classCount: 3, configuration: configuration)
        XCTAssertEqual(report.iterations, 2)
        XCTAssertFalse(report.isConverged)
        XCTAssertEqual(report.stopReason, .iterationLimit)
        XCTAssertGreaterThan(report.gradientNorm, 0)
    }

    func test_probabilities_batchEqualsSingleRow_andPredictionsAreArgmax() throws {
        let x = randomSparse(rows: 2500, columns: 30, density: 0.2, seed: 21)
        var g = SplitMix64(seed: 1)
        let model = try SoftmaxRegression(classCount: 4, featureCount: 30,
                                          weights: (0..<120).map { _ in Double.random(in: -2...2, using: &g) },
                                          intercepts: [0.1, -0.2, 0.3, 0])
        let batch = try model.probabilities(for: x)
        let predictions = try model.predictions(for: x)
        var out = [Double](repeating: 0, count: 4)
        for i in stride(from: 0, to: 2500, by: 83) {
            let (indices, values) = x.row(i)
            Array(indices).withUnsafeBufferPointer { ip in Array(values).withUnsafeBufferPointer { vp in
                out.withUnsafeMutableBufferPointer { model.probabilities(forRow: ip, values: vp, into: $0) } } }
            XCTAssertEqual(Array(batch[(i * 4)..<(i * 4 + 4)]), out)
            assertClose(out.reduce(0, +), 1, absolute: 1e-12)
            XCTAssertEqual(predictions[i], out.indices.max { out[$0] < out[$1] })
        }
    }

    func test_errors_haveExactMessages() throws {
        let x = randomSparse(rows: 4, columns: 3, density: 0.5, seed: 1)
        let configuration = LogisticRegressionConfiguration()
        assertThrowsMessage("Got 3 labels for 4 rows; pass exactly one label per row") {
            try SoftmaxRegression.fit(features: x, labels: [0, 1, 0], classCount: 2, configuration: configuration)
        }
        assertThrowsMessage("Label 5 at row 2 is out of range 0..<2; labels must be class indices below classCount") {
            try SoftmaxRegression.fit(features: x, labels: [0, 1, 5, 0], classCount: 2, configuration: configuration)
        }
        let model = try SoftmaxRegression(classCount: 2, featureCount: 5, weights: Array(repeating: 0, count: 10), intercepts: [0, 0])
        assertThrowsMessage("Feature width mismatch: the model has 5 features but the matrix has 3 columns; "
            + "build the features with the vectorizer the model was trained with") {
            try model.probabilities(for: x)
        }
        assertThrowsMessage("Invalid softmax regression model: weights must have featureCount × classCount = 6 values, got 5") {
            try SoftmaxRegression(classCount: 2, featureCount: 3, weights: [0, 0, 0, 0, 0], intercepts: [0, 0])
        }
        assertThrowsMessage("Invalid softmax regression model: intercept inf of class 1 is not finite") {
            try SoftmaxRegression(classCount: 2, featureCount: 0, weights: [], intercepts: [0, .infinity])
        }
        var bad = configuration
        bad.c = -1
        assertThrowsMessage("C must be > 0 and finite, got -1.0; use a positive value such as 1.0") {
            try SoftmaxRegression.fit(features: x, labels: [0, 1, 1, 0], classCount: 2, configuration: bad)
        }
        bad = configuration
        bad.maxIterations = 0
        assertThrowsMessage("maxIterations must be >= 1, got 0; use a positive count such as 500") { try bad.validate() }
        bad = configuration
        bad.gradientTolerance = -1
        assertThrowsMessage("gradientTolerance must be >= 0 and finite, got -1.0; use a small positive value such as 1e-4") {
            try bad.validate()
        }
        bad = configuration
        bad.historySize = 0
        assertThrowsMessage("historySize must be >= 1, got 0; use a small count such as 10") { try bad.validate() }
        bad = configuration
        bad.threadCount = -2
        assertThrowsMessage("threadCount must be >= 0, got -2; use 0 for every core or a positive count") { try bad.validate() }
        assertThrowsMessage("classCount must be >= 2, got 1; pass the number of classes, at least 2") {
            try SoftmaxRegression.fit(features: x, labels: [0, 0, 0, 0], classCount: 1, configuration: configuration)
        }
    }

    func test_nonFiniteFeatures_throwWithIteration() throws {
        // A value this large overflows the scores to infinity at the first evaluation.
        let x = try SparseMatrix(rowCount: 2, columnCount: 1, rowOffsets: [0, 1, 2], columnIndices: [0, 0],
                                 values: [Float.greatestFiniteMagnitude, 1])
        let start = try SoftmaxRegression(classCount: 2, featureCount: 1, weights: [1e300, -1e300], intercepts: [0, 0])
        assertThrowsMessage("The objective or its gradient became NaN or infinite at iteration 0; "
            + "check the features for NaN or infinite values, or use a smaller C") {
            try SoftmaxRegression.fit(features: x, labels: [0, 1], classCount: 2, configuration: LogisticRegressionConfiguration(),
                                      warmStart: start)
        }
    }
}

/// `rows` rows of up to `perRow` distinct columns drawn by Zipf's law (column `j` with probability
/// ∝ 1/(j+1)): a few frequent columns and a long tail, like TF-IDF rows.
private func zipfSparse(rows: Int, columns: Int, perRow: Int, using g: inout SplitMix64) -> SparseMatrix {
    var offsets = [0], indices = [Int32](), values = [Float]()
    for _ in 0..<rows {
        let row = Set((0..<perRow).map { _ in
            Int32(min(columns - 1, Int(exp(Double.random(in: 0..<1, using: &g) * log(Double(columns + 1)))) - 1))
        }).sorted()
        indices += row
        values += row.map { _ in Float.random(in: 0.05...1, using: &g) }
        offsets.append(indices.count)
    }
    return try! SparseMatrix(rowCount: rows, columnCount: columns, rowOffsets: offsets, columnIndices: indices, values: values)
}
