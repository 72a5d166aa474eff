import XCTest
@testable import DemarcheText

final class SeedArticleMentionTests: XCTestCase {
    func test_seedArticle_allPartiesFoundWithOriginalOffsets() throws {
        let text = SeedArticle.text
        let analyzed = try SeedGazetteer.matcher().analyze(text)
        let mentions = analyzed.flatMap(\.mentions)
        for mention in mentions { XCTAssertEqual(text.slice(mention.span), mention.surface) }
        for sentence in analyzed {
            for mention in sentence.mentions {
                let tokens = sentence.tokens[mention.tokenRange]
                XCTAssertEqual(mention.span, TextSpan(start: tokens.first!.span.start, end: tokens.last!.span.end))
            }
        }
        let got = mentions.map { "\($0.partyID)|\($0.surface)|\($0.span.start)" }
        let expected = [
            "PRK|North Korean|21", "person:kim-jong-un|Kim Jong Un|41", "USA|the United States|109",
            "USA|Washington|304", "KOR|Seoul|319", "person:kim-jong-un|Kim|326", "KOR|South Korea|390",
            "USA|The United States|608", "person:kim-jong-un|Kim|762",
            "person:kim-jong-un|Kim Jong Un|872", "person:kim-jong-un|Kim|956", "KOR|South Korea|965", "PRK|the North|1051",
            "person:kim-jong-un|Kim|1081", "USA|the United States|1092",
            "KOR|South Korea|1287", "PRK|North Korea|1334", "USA|American|1488",
            "KOR|South Korea|1539", "person:kim-jong-un|Kim|1610",
            "KOR|South Korea|1691",
            "PRK|North Korea|1705",
            "PRK|North Korea|1741",
            "PRK|North Korea|1820", "KOR|South Korea|1935", "JPN|Japan|1951", "USA|U.S.|1980",
            "PRK|North Korean|2053", "person:kim-jong-un|Kim Jong Un|2073",
            "person:kim-jong-un|Mr Kim|2151", "KOR|South Korea|2180",
            "PRK|North Korea|2236", "KOR|South Korea|2283",
            "PRK|North Korea|2340", "KOR|South Korea|2369", "USA|the United States|2433", "PRK|the North|2494",
            "PRK|North Korea|2535", "USA|the United States|2587",
            "USA|US|2710", "PRK|North Korea|2731",
            "USA|Americans|2838", "PRK|North Korea|2857",
            "USA|The United States|2954", "PRK|North Korea|3015",
            "person:donald-trump|Donald Trump|3074", "person:kim-jong-un|Kim Jong-un|3091", "PRK|North Korean|3156",
            "USA|American|3173",
            "person:kim-jong-un|Kim|3189", "USA|US|3240", "person:donald-trump|Donald Trump|3253",
            "person:kim-jong-un|Kim|3301", "USA|US|3354", "PRK|North Korea|3370", "USA|Washington|3395", "KOR|Seoul|3471",
            "person:kim-jong-un|Kim|3550", "USA|US|3649",
            "USA|Washington|3735",
            "person:kim-jong-un|Kim|3763", "person:donald-trump|Donald Trump|3817", "person:donald-trump|Trump|3913",
            "person:joe-biden|Joe Biden|3932",
        ]
        XCTAssertEqual(got, expected)
        XCTAssertEqual(mentions.filter(\.isDemonym).map(\.surface), ["North Korean", "American", "North Korean", "Americans", "North Korean", "American"])
    }

    func test_seedArticle_nonPartiesYieldNoMention() throws {
        let analyzed = try SeedGazetteer.matcher().analyze(SeedArticle.text)
        let surfaces = Set(analyzed.flatMap(\.mentions).map(\.surface))
        XCTAssertFalse(surfaces.contains { $0.contains("Peninsula") || $0.contains("Agency") || $0.contains("Station") })
    }
}
