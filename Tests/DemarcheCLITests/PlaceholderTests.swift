import XCTest
final class CLITargetTests: XCTestCase { func test_moduleLinks() { XCTAssertTrue(true) } }
