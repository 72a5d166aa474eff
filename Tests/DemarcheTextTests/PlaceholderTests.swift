import XCTest
@testable import DemarcheText
final class TextTargetTests: XCTestCase { func test_moduleLinks() { XCTAssertTrue(true) } }
