/// Heuristics for country names that are also US states or given names.
extension PartyMatcher {
    /// Country names that are also common given names.
    static let givenNameCountries: Set<String> = ["Jordan", "Chad", "Georgia"]

    /// Capitalised words that follow a country name in news text without making it a person.
    static let countryFollowers: Set<String> = [
        "King", "Queen", "Crown", "Prince", "Princess", "Prime", "President", "Foreign", "Minister", "Ministry",
        "Government", "Parliament", "Army", "Armed", "Air", "Navy", "Defence", "Defense", "Embassy", "Ambassador",
        "Border", "Valley", "River", "Rift", "Basin", "National", "Central", "Royal", "Red", "Times", "News",
        "Radio", "TV", "Football", "Olympic", "Interior", "Cabinet", "Senate", "Energy", "Finance",
    ]

    /// Words before a country name that show it is one (titles, prepositions at sentence start).
    static let countryPrecursors: Set<String> = [
        "King", "Queen", "Kingdom", "Hashemite", "President", "Republic", "Minister", "Prince", "Emir", "Sultan",
    ]

    /// US cities that precede `, Georgia`.
    static let georgiaCities: Set<String> = [
        "Atlanta", "Savannah", "Augusta", "Macon", "Athens", "Columbus", "Marietta", "Albany", "Valdosta", "Decatur",
        "Alpharetta", "Sandy", "Roswell",
    ]

    /// Words after `Georgia` that mean the US state.
    static let georgiaStateFollowers: Set<String> = [
        "Gov", "Gov.", "Governor", "Lt", "Sen", "Sen.", "Senator", "Senators", "Rep", "Rep.", "Republican", "Republicans",
        "Democrat", "Democrats", "Democratic", "GOP", "voters", "Tech", "Bulldogs", "Dome", "Aquarium", "Power",
        "legislature", "Legislature", "lawmakers", "Assembly", "General", "Secretary", "Attorney", "Supreme", "runoff",
        "runoffs", "primary", "county", "County", "Southern", "peach", "Peach", "Bureau", "Department", "prosecutors",
        "State",
    ]

    /// US state names (and short country cues) that appear next to `Georgia` the state.
    static let usStateCues: Set<String> = [
        "Alabama", "Florida", "Tennessee", "Carolina", "South", "North", "Texas", "Arizona", "Michigan", "Pennsylvania",
        "Wisconsin", "Nevada", "Ohio", "Virginia", "Mississippi", "Louisiana", "Kentucky", "USA", "U.S.", "US",
    ]

    /// Whether the matched tokens name a country that here is a US state or a person's name.
    func isFalseCountry(_ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>) -> Bool {
        guard range.count == 1 else { return false }
        let surface = tokens[range.lowerBound].surface
        guard PartyMatcher.givenNameCountries.contains(surface) else { return false }
        if surface == "Georgia" && isUSStateGeorgia(tokens, range.lowerBound) { return true }
        return isGivenName(tokens, range.lowerBound)
    }

    private func isCapitalisedWord(_ token: Token) -> Bool {
        guard token.kind == .word, let b = token.surface.utf8.first else { return false }
        return ByteClass.isUpper(b)
    }

    /// `Atlanta, Georgia`, `Georgia Gov.`, `Alabama and Georgia`, `Georgia, USA`, `(R-Georgia)`.
    func isUSStateGeorgia(_ tokens: UnsafeBufferPointer<Token>, _ i: Int) -> Bool {
        let next = i + 1 < tokens.count ? tokens[i + 1].surface : ""
        if PartyMatcher.georgiaStateFollowers.contains(next) { return true }
        if next == "'s", i + 2 < tokens.count, PartyMatcher.georgiaStateFollowers.contains(tokens[i + 2].surface) { return true }
        if next == ",", i + 2 < tokens.count, ["USA", "U.S.", "US", "United"].contains(tokens[i + 2].surface) { return true }
        if i >= 2 {
            let p1 = tokens[i - 1].surface, p2 = tokens[i - 2].surface
            if p1 == ",", PartyMatcher.georgiaCities.contains(p2) { return true }
            if p1 == "-", p2 == "R" || p2 == "D" { return true }
            if p1 == "and" || p1 == "or" || p1 == ",", PartyMatcher.usStateCues.contains(p2), p2 != "US", p2 != "U.S." {
                return true
            }
        }
        if i + 2 < tokens.count, next == "and" || next == "or" || next == ",",
           ["Alabama", "Florida", "Tennessee", "Carolina", "Texas", "Arizona"].contains(tokens[i + 2].surface) {
            return true
        }
        return false
    }

    /// `Jordan Peterson`, `Michael Jordan`, `Chad Smith`.
    func isGivenName(_ tokens: UnsafeBufferPointer<Token>, _ i: Int) -> Bool {
        if i + 1 < tokens.count {
            let next = tokens[i + 1]
            if isCapitalisedWord(next), !PartyMatcher.countryFollowers.contains(next.surface),
               !Abbreviations.openers.contains(next.surface), !index.startsAlias(next) {
                return true
            }
        }
        if i > 0 {
            let previous = tokens[i - 1]
            if isCapitalisedWord(previous), !PartyMatcher.countryPrecursors.contains(previous.surface),
               !Abbreviations.openers.contains(previous.surface), !Abbreviations.titles.contains(previous.surface),
               !index.startsAlias(previous) {
                return true
            }
        }
        return false
    }

    /// Month names that are also weak aliases of persons (`May`).
    static let months: Set<String> = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Words before a month name that make it one: "in May", "since May", "early May", "last May".
    static let monthPrecursors: Set<String> = [
        "in", "In", "since", "Since", "until", "Until", "till", "by", "By", "early", "Early", "late", "Late", "mid",
        "last", "next", "this", "of", "from", "From", "through", "during", "During",
    ]

    /// Whether a one-token match is a month here: a month name after a preposition or a time word
    /// ("in May", "since May") or before a number ("May 3", "May 2019").
    func isMonth(_ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>) -> Bool {
        guard range.count == 1 else { return false }
        let i = range.lowerBound
        guard PartyMatcher.months.contains(tokens[i].surface) else { return false }
        if i > 0, PartyMatcher.monthPrecursors.contains(tokens[i - 1].surface) { return true }
        if i + 1 < tokens.count, let b = tokens[i + 1].surface.utf8.first, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
            return true
        }
        return false
    }
}
