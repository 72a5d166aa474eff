import XCTest
import CLinearAlgebra

final class LinkTests: XCTestCase {
    func test_cblasDdot_matchesHandSum() {
        let x: [Double] = [1, 2, 3], y: [Double] = [4, 5, 6]
        XCTAssertEqual(cblas_ddot(3, x, 1, y, 1), 32)
    }
}
