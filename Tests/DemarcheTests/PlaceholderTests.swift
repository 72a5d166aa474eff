import XCTest
@testable import Demarche
final class DemarcheTargetTests: XCTestCase { func test_moduleLinks() { XCTAssertTrue(true) } }
