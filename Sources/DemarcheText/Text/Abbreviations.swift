/// The abbreviation lists behind ``SentenceSplitter``'s period rules.
enum Abbreviations {
    enum Kind {
        /// Not an abbreviation: the period ends the sentence (also `etc.` before a capital).
        case none
        /// Always followed by a name or a number: never ends a sentence (`Mr.`, `Gen.`, `Jan.`).
        case title
        /// Can end a sentence; does so only before a common sentence opener (`U.S.`, `W.`, `Inc.`).
        case beforeOpener
    }

    /// Titles, ranks and calendar abbreviations (case-sensitive).
    static let titles: Set<String> = [
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl",
        "Adm", "Cmdr", "Brig", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Pres", "Amb", "Rev", "Hon",
        "Fr", "St", "Mt", "Ft", "No", "Nos", "vs", "v", "cf", "approx", "Vol", "Fig", "Art", "Sec",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    ]

    /// Name and company suffixes that end sentences only before a common opener.
    static let suffixes: Set<String> = ["Inc", "Corp", "Ltd", "Co", "Jr", "Sr", "Bros", "Plc", "LLC", "Ave", "Rd", "Blvd"]

    /// Capitalised words that typically open a sentence (used after `U.S.`, initials, `Inc.`).
    static let openers: Set<String> = [
        "The", "A", "An", "But", "And", "Or", "So", "Yet", "He", "She", "It", "They", "We", "I", "You",
        "His", "Her", "Its", "Their", "Our", "My", "This", "That", "These", "Those", "There", "Here",
        "In", "On", "At", "As", "For", "With", "From", "By", "To", "Of", "After", "Before", "When",
        "While", "Since", "Although", "Though", "If", "Because", "During", "Despite", "Under", "Over",
        "Meanwhile", "However", "Still", "Also", "Now", "Then", "Later", "Earlier", "Last", "Next",
        "Some", "Many", "Most", "Both", "Each", "Such", "Other", "Others", "One", "Two", "No", "Not",
        "What", "Why", "How", "Who", "Where", "Which", "According", "Officials", "Analysts", "Experts",
        "Critics", "Observers", "Asked", "Yes",
    ]

    /// `titles` and `suffixes` as packed words (see ``packed(_:)``): the splitter looks one up at
    /// most sentence ends, and hashing a word is cheaper than building and hashing a `String`.
    private static let titleWords = Set(titles.compactMap { $0.utf8.withContiguousStorageIfAvailable(packed) ?? nil })
    private static let suffixWords = Set(suffixes.compactMap { $0.utf8.withContiguousStorageIfAvailable(packed) ?? nil })

    /// The bytes of a word of 1 to 8 bytes in one little-endian word (distinct words give distinct
    /// values: no word contains a zero byte); nil for a longer word, which no list holds.
    private static func packed(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard word.count <= 8 else { return nil }
        var v: UInt64 = 0
        for (k, b) in word.enumerated() { v |= UInt64(b) << UInt64(8 * k) }
        return v
    }

    /// How the word before a single period (without that period) behaves.
    static func kind(of word: UnsafeBufferPointer<UInt8>) -> Kind {
        if word.contains(UInt8(ascii: ".")) { return .beforeOpener }
        if word.count == 1 { return ByteClass.isUpper(word[0]) ? .beforeOpener : .none }
        guard let w = packed(word) else { return .none }
        if titleWords.contains(w) { return .title }
        if suffixWords.contains(w) { return .beforeOpener }
        return .none
    }

    /// Whether `word` is a common sentence opener.
    static func isSentenceOpener(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        openers.contains(String(decoding: word, as: UTF8.self))
    }
}
