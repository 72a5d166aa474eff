import DemarcheText

/// A small gazetteer covering the parties of the seed article, written for the tests.
enum SeedGazetteer {
    static let tsv = """
    # test gazetteer for the seed article
    id\tkind\tname\taliases\tweak\tdemonyms\taffiliation\trole\tfrom\tto
    USA\tstate\tUnited States\tUS|U.S.|Washington|the United States|America\t\tAmerican|Americans
    PRK\tstate\tNorth Korea\tPyongyang|DPRK\tthe North\tNorth Korean|North Koreans
    KOR\tstate\tSouth Korea\tSeoul|ROK\tthe South\tSouth Korean|South Koreans
    JPN\tstate\tJapan\tTokyo\t\tJapanese
    person:kim-jong-un\tperson\tKim Jong Un\tKim Jong-un|Kim Jong-Un\tKim|Mr Kim\t\tPRK\thead of state\t2011-12-17
    person:donald-trump\tperson\tDonald Trump\tPresident Trump\tTrump\t\tUSA\thead of state\t2017-01-20\t2021-01-20
    person:joe-biden\tperson\tJoe Biden\tPresident Biden\tBiden\t\tUSA\thead of state\t2021-01-20

    not:korean-peninsula\tnonparty\tKorean Peninsula
    not:kcna\tnonparty\tKorean Central News Agency
    not:seoul-station\tnonparty\tSeoul Railway Station
    """

    static func matcher() throws -> PartyMatcher {
        PartyMatcher(gazetteer: try Gazetteer(tsv: tsv, source: "seed.tsv"))
    }
}
