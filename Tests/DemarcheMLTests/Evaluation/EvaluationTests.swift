import XCTest
@testable import DemarcheML

final class EvaluationTests: XCTestCase {
    func test_metrics_matchScikitLearnByHand() throws {
        // sklearn: y_true=[0,0,1,1,2,2,2], y_pred=[0,1,1,1,2,0,2]
        let m = try ClassificationMetrics(truth: [0, 0, 1, 1, 2, 2, 2], predicted: [0, 1, 1, 1, 2, 0, 2], classCount: 3)
        XCTAssertEqual(m.rows, 7)
        assertClose(m.accuracy, 5.0 / 7, relative: 1e-12)
        XCTAssertEqual(m.confusion, [[1, 1, 0], [0, 2, 0], [1, 0, 2]])
        assertClose(m.perClass[0].precision, 0.5, relative: 1e-12)
        assertClose(m.perClass[1].precision, 2.0 / 3, relative: 1e-12)
        assertClose(m.perClass[2].recall, 2.0 / 3, relative: 1e-12)
        assertClose(m.perClass[1].f1, 0.8, relative: 1e-12)
        XCTAssertEqual(m.perClass.map(\.support), [2, 2, 3])
        assertClose(m.macroF1, (0.5 + 0.8 + 0.8) / 3, relative: 1e-12)  // f1_score(average="macro") = 0.7
    }

    func test_metrics_undefinedRatiosAreZero_andAbsentClassesAreNotAveraged() throws {
        let m = try ClassificationMetrics(truth: [0, 0], predicted: [1, 1], classCount: 3)
        XCTAssertEqual(m.perClass[0], ClassMetrics(precision: 0, recall: 0, f1: 0, support: 2))
        XCTAssertEqual(m.perClass[2], ClassMetrics(precision: 0, recall: 0, f1: 0, support: 0))
        XCTAssertEqual(m.macroF1, 0)
        let n = try ClassificationMetrics(truth: [0, 1], predicted: [0, 1], classCount: 3)
        XCTAssertEqual(n.macroF1, 1)  // class 2 neither true nor predicted: like sklearn's default labels
    }

    /// Issue 16, defect 6: out-of-range classes and mismatched lengths are refused in every
    /// build (a thrown error, which no optimisation level removes), never a crash or a wrong accuracy.
    func test_metrics_refuseMismatchedLengthsAndOutOfRangeClasses() {
        XCTAssertThrowsError(try ClassificationMetrics(truth: [0, 1, 7, 1_000_000], predicted: [0, 1, 1, 0], classCount: 2)) { error in
            XCTAssertTrue("\(error.localizedDescription)".contains("row 2: true class 7"), "\(error.localizedDescription)")
        }
        XCTAssertThrowsError(try ClassificationMetrics(truth: [0, 1, 1], predicted: [0, 1], classCount: 2))
        XCTAssertThrowsError(try ClassificationMetrics(truth: [0], predicted: [-1], classCount: 2))
        XCTAssertThrowsError(try ClassificationMetrics(truth: [], predicted: [], classCount: 0))
    }

    func test_stratifiedKFold_isDeterministic_partitionsRows_andStratifies() throws {
        let labels = (0..<103).map { $0 % 10 < 6 ? 0 : ($0 % 10 < 9 ? 1 : 2) }
        let a = try StratifiedKFold(labels: labels, folds: 5, seed: 42)
        let b = try StratifiedKFold(labels: labels, folds: 5, seed: 42)
        let c = try StratifiedKFold(labels: labels, folds: 5, seed: 43)
        XCTAssertEqual(a.folds.map(\.test), b.folds.map(\.test))
        XCTAssertNotEqual(a.folds.map(\.test), c.folds.map(\.test))
        XCTAssertEqual(a.folds.flatMap(\.test).sorted(), Array(0..<103))
        for fold in a.folds {
            XCTAssertEqual(Set(fold.train).union(fold.test), Set(0..<103))
            XCTAssertTrue(Set(fold.train).isDisjoint(with: fold.test))
            for label in 0..<3 {
                let total = labels.filter { $0 == label }.count
                let inFold = fold.test.filter { labels[$0] == label }.count
                XCTAssertLessThanOrEqual(abs(inFold * 5 - total), 5)
            }
        }
        let sizes = a.folds.map(\.test.count)
        XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1)
    }

    func test_stratifiedKFold_rejectsLabelSeenOnce_andTooFewFolds() {
        assertThrowsMessage("Class 2 is seen once, but stratified 3-fold cross-validation needs at least 3 members per class; "
            + "add examples of class 2 or use fewer folds") {
            try StratifiedKFold(labels: [0, 0, 0, 1, 1, 1, 2], folds: 3, seed: 1)
        }
        assertThrowsMessage("Class 1 has only 2 members, but stratified 3-fold cross-validation needs at least 3 members per class; "
            + "add examples of class 1 or use fewer folds") {
            try StratifiedKFold(labels: [0, 0, 0, 1, 1], folds: 3, seed: 1)
        }
        assertThrowsMessage("folds must be >= 2, got 1; use a small count such as 5") {
            try StratifiedKFold(labels: [0, 1], folds: 1, seed: 1)
        }
    }

    func test_selectC_returnsOneResultPerC_inIncreasingOrder_andBestHasHighestMacroF1() throws {
        // Separable-ish synthetic data: class = argmax of three informative features plus noise.
        var g = SplitMix64(seed: 8)
        var offsets = [0], indices = [Int32](), values = [Float](), labels = [Int]()
        for _ in 0..<240 {
            let y = Int.random(in: 0..<3, using: &g)
            labels.append(y)
            for j in 0..<12 where j == y || Double.random(in: 0..<1, using: &g) < 0.3 {
                indices.append(Int32(j))
                values.append(j == y ? 1 : Float.random(in: 0...0.8, using: &g))
            }
            offsets.append(indices.count)
        }
        let x = try SparseMatrix(rowCount: 240, columnCount: 12, rowOffsets: offsets, columnIndices: indices, values: values)
        let (best, results) = try CrossValidation.selectC(features: x, labels: labels, classCount: 3, cGrid: [10, 0.01, 1, 0.1],
                                                          folds: 4, seed: 3, configuration: LogisticRegressionConfiguration())
        XCTAssertEqual(results.map(\.c), [0.01, 0.1, 1, 10])
        XCTAssertTrue(results.allSatisfy { $0.foldMetrics.count == 4 })
        let top = results.map(\.meanMacroF1).max()!
        XCTAssertEqual(best, results.first { $0.meanMacroF1 == top }!.c)
        XCTAssertGreaterThan(top, 0.8)
        assertThrowsMessage("cGrid value must be > 0 and finite, got 0.0; use positive values such as [0.1, 1, 10]") {
            try CrossValidation.selectC(features: x, labels: labels, classCount: 3, cGrid: [1, 0], folds: 4, seed: 3,
                                        configuration: LogisticRegressionConfiguration())
        }
    }

    func test_splitMix64_knownSequence() {
        var g = SplitMix64(seed: 1234567)
        // Reference values of the published SplitMix64 for seed 1234567.
        XCTAssertEqual(g.next(), 6457827717110365317)
        XCTAssertEqual(g.next(), 3203168211198807973)
    }
}
