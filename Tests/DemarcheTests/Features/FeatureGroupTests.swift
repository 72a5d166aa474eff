import XCTest
@testable import Demarche

final class FeatureGroupTests: XCTestCase {
    private func json(_ c: FeatureConfiguration) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(c), as: UTF8.self)
    }

    func test_defaultSet_isMarksWindowNegationRoleLexicon() {
        XCTAssertEqual(FeatureConfiguration().groups, [.marksTargets, .contextWindow, .negationScope, .roleCues, .lexicon])
        XCTAssertEqual(FeatureConfiguration().groups, FeatureConfiguration.defaultGroups)
        XCTAssertEqual(FeatureConfiguration.plain.groups, [])
    }

    func test_header_namesTheOriginalSixAlways_andNewerGroupsOnlyWhenOn() throws {
        XCTAssertEqual(try json(FeatureConfiguration()),
                       #"{"contextWindow":true,"lexicon":true,"marksTargets":true,"negationScope":true,"roleCues":true,"sideOfTarget":false,"windowSize":3}"#)
        var c = FeatureConfiguration()
        c[.aloneCues] = true; c[.lexicon] = false
        XCTAssertEqual(try json(c),
                       #"{"aloneCues":true,"contextWindow":true,"lexicon":false,"marksTargets":true,"negationScope":true,"roleCues":true,"sideOfTarget":false,"windowSize":3}"#)
    }

    func test_decoding_roundTripsEverySingleGroup() throws {
        for group in FeatureGroup.allCases {
            for base in [FeatureConfiguration(), .plain] {
                var c = base
                c[group].toggle()
                let back = try JSONDecoder().decode(FeatureConfiguration.self, from: Data(try json(c).utf8))
                XCTAssertEqual(back, c, "\(group)")
            }
        }
    }

    func test_fileWithoutGroupNames_readsAsTheGroupsBeforeNames() throws {
        let old = try JSONDecoder().decode(FeatureConfiguration.self, from: Data("{}".utf8))
        XCTAssertEqual(old.groups, [.marksTargets, .contextWindow, .sideOfTarget, .negationScope, .roleCues])
        XCTAssertEqual(old.windowSize, 3)
        let partial = try JSONDecoder().decode(FeatureConfiguration.self, from: Data(#"{"lexicon":true,"sideOfTarget":false}"#.utf8))
        XCTAssertEqual(partial.groups, [.marksTargets, .contextWindow, .negationScope, .roleCues, .lexicon])
    }

    func test_shortNames_parseIntoGroups_unknownIsAnError() throws {
        XCTAssertEqual(try FeatureGroup.groups(shortNames: "lexicon, role,,side", parameter: "with"), [.lexicon, .roleCues, .sideOfTarget])
        for group in FeatureGroup.allCases { XCTAssertEqual(FeatureGroup(shortName: group.shortName), group) }
        XCTAssertThrowsError(try FeatureGroup.groups(shortNames: "lexicon,colour", parameter: "without")) { error in
            XCTAssertEqual(error.localizedDescription,
                           "without must name marks, window, side, negation, role, lexicon, attribution, speaker, grammar, clause or alone, got colour; e.g. --without lexicon,role")
        }
    }
}
