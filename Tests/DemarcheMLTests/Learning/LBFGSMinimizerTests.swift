import XCTest
@testable import DemarcheML

/// The Rosenbrock function in `n` dimensions: minimum 0 at all ones, a curved narrow valley.
private struct Rosenbrock: DifferentiableObjective {
    let dimension: Int
    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> Double {
        var f = 0.0
        for i in 0..<dimension { g[i] = 0 }
        for i in 0..<(dimension - 1) {
            let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
            f += 100 * a * a + b * b
            g[i] += -400 * x[i] * a - 2 * b
            g[i + 1] += 200 * a
        }
        return f
    }
}

/// `½ xᵀ diag(d) x − bᵀx`: minimum at `b / d`.
private struct Quadratic: DifferentiableObjective {
    let d: [Double], b: [Double]
    var dimension: Int { d.count }
    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> Double {
        var f = 0.0
        for i in 0..<dimension {
            f += 0.5 * d[i] * x[i] * x[i] - b[i] * x[i]
            g[i] = d[i] * x[i] - b[i]
        }
        return f
    }
}

/// The same quadratic, telling the minimizer its exact Hessian diagonal.
private struct PreconditionedQuadratic: DifferentiableObjective {
    let quadratic: Quadratic
    var dimension: Int { quadratic.dimension }
    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> Double {
        quadratic.valueAndGradient(at: x, gradient: g)
    }
    func hessianDiagonalEstimate() -> [Double]? { quadratic.d }
}

private struct NaNAfterOneStep: DifferentiableObjective {
    var dimension: Int { 1 }
    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> Double {
        g[0] = x[0] == 0 ? -1 : .nan
        return x[0] == 0 ? 0 : -1
    }
}

final class LBFGSMinimizerTests: XCTestCase {
    func test_hessianDiagonal_removesBadScaling() throws {
        let d = (0..<50).map { pow(10, Double($0) / 10) }  // condition number 10^4.9
        let b = (0..<50).map { Double($0 % 5) - 2 }
        let quadratic = Quadratic(d: d, b: b)
        let minimizer = LBFGSMinimizer(maxIterations: 5000, gradientTolerance: 1e-8)
        let start = [Double](repeating: 0, count: 50)
        let (plainX, plain) = try minimizer.minimize(quadratic, from: start)
        let (x, report) = try minimizer.minimize(PreconditionedQuadratic(quadratic: quadratic), from: start)
        XCTAssertTrue(report.isConverged, "\(report)")
        // With D exact, γ·D⁻¹ is the inverse Hessian: the first full step lands on the minimum.
        XCTAssertLessThanOrEqual(report.iterations, 3, "\(report)")
        XCTAssertGreaterThan(plain.iterations, 10 * report.iterations, "\(plain)")
        for i in 0..<50 {
            assertClose(x[i], b[i] / d[i], absolute: 1e-9)
            assertClose(plainX[i], b[i] / d[i], absolute: 1e-4)  // stops on relative decrease first
        }
    }

    /// With a Hessian diagonal, the first step is the diagonal Newton step `−D⁻¹g` tried at length 1
    /// (not scaled to unit length): with D exact it is the minimizer, found in one iteration of one
    /// evaluation after the start's. Without the diagonal the first step is still scaled to unit length.
    func test_hessianDiagonal_firstStepHasLengthOne() throws {
        let d = (0..<40).map { pow(10, Double($0) / 8) }
        let b = (0..<40).map { Double($0 % 7) - 3 }
        let minimizer = LBFGSMinimizer(maxIterations: 100, gradientTolerance: 1e-10)
        let start = [Double](repeating: 0, count: 40)
        let (x, report) = try minimizer.minimize(PreconditionedQuadratic(quadratic: Quadratic(d: d, b: b)), from: start)
        XCTAssertEqual(report.iterations, 1, "\(report)")
        XCTAssertEqual(report.functionEvaluations, 2, "the start and the unit step only: \(report)")
        for i in 0..<40 { assertClose(x[i], b[i] / d[i], relative: 1e-12, absolute: 1e-12) }
        // The identity Hessian (no diagonal): −g has norm ‖b‖ ≈ 12.4 here, so the first trial is the
        // unit-length step 1/‖b‖, which is too short: the line search doubles it before accepting.
        let (_, plain) = try minimizer.minimize(Quadratic(d: [Double](repeating: 1, count: 40), b: b), from: start)
        XCTAssertGreaterThan(plain.functionEvaluations, 3, "\(plain)")
    }

    /// The gradient test is not trusted on a step that still lowered the objective a lot: here the
    /// first step solves the steep coordinate (the objective falls from 0 to about −0.5) and leaves
    /// the flat one with a gradient of ~1e-3, under the tolerance 5e-3 but above a tenth of it.
    func test_gradientTestMaximumReduction_doesNotStopOnAStepThatStillFallsFast() throws {
        let quadratic = Quadratic(d: [1, 1e-2], b: [1, 1e-3])
        let start = [0.0, 0.0]
        let (_, plain) = try LBFGSMinimizer(gradientTolerance: 5e-3).minimize(quadratic, from: start)
        XCTAssertEqual(plain.iterations, 1, "scipy's rule stops after the first step: \(plain)")
        let guarded = LBFGSMinimizer(gradientTolerance: 5e-3, gradientTestMaximumReduction: 1e-3)
        let (_, report) = try guarded.minimize(quadratic, from: start)
        XCTAssertGreaterThanOrEqual(report.iterations, 2, "\(report)")
        XCTAssertTrue(report.isConverged, "\(report)")
        XCTAssertLessThan(report.finalObjective, plain.finalObjective)
        // A gradient at a tenth of the tolerance or less ends the run whatever the decrease: the
        // exactly preconditioned quadratic still stops after its one (large) step.
        let d = (0..<10).map { pow(10, Double($0) / 4) }, b = (0..<10).map { Double($0) - 4 }
        let (_, exact) = try LBFGSMinimizer(gradientTolerance: 1e-8, gradientTestMaximumReduction: 1e-3)
            .minimize(PreconditionedQuadratic(quadratic: Quadratic(d: d, b: b)), from: [Double](repeating: 0, count: 10))
        XCTAssertEqual(exact.iterations, 1, "\(exact)")
    }

    func test_rosenbrock_reachesMinimum() throws {
        let minimizer = LBFGSMinimizer(historySize: 7, maxIterations: 1000, gradientTolerance: 1e-6)
        let (x, report) = try minimizer.minimize(Rosenbrock(dimension: 6), from: [-1.2, 1, -1.2, 1, -1.2, 1])
        XCTAssertTrue(report.isConverged, "\(report)")
        for v in x { assertClose(v, 1, absolute: 1e-6) }
        XCTAssertLessThanOrEqual(report.gradientNorm, 1e-6)
    }

    func test_badlyScaledQuadratic_solvedToTolerance() throws {
        let d = (0..<50).map { pow(10, Double($0) / 20) }  // condition number 10^2.45
        let b = (0..<50).map { Double($0 % 5) - 2 }
        let (x, report) = try LBFGSMinimizer(maxIterations: 2000, gradientTolerance: 1e-6)
            .minimize(Quadratic(d: d, b: b), from: [Double](repeating: 0, count: 50))
        // Like scipy's L-BFGS-B (maxcor 10: 142 iterations, ‖g‖∞ 1.4e-7), it reaches ~1e-6 and then
        // runs out of floating-point decrease (relative reduction ≤ 64ε).
        XCTAssertTrue(report.isConverged, "\(report)")
        XCTAssertLessThan(report.iterations, 200)
        XCTAssertLessThan(report.gradientNorm, 1e-5)
        // ‖x − x*‖∞ ≤ ‖g‖∞ / min d.
        for i in 0..<50 { assertClose(x[i], b[i] / d[i], absolute: 1e-5) }
    }

    func test_nonFiniteGradient_throwsWithIterationNumber() {
        assertThrowsMessage("The objective or its gradient became NaN or infinite at iteration 1; "
            + "check the features for NaN or infinite values, or use a smaller C") {
            try LBFGSMinimizer().minimize(NaNAfterOneStep(), from: [0])
        }
    }
}
