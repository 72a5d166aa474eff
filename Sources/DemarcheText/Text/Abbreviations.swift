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

    /// How the word before a single period (without that period) behaves.
    static func kind(of word: UnsafeBufferPointer<UInt8>) -> Kind {
        if word.contains(UInt8(ascii: ".")) { return .beforeOpener }
        if word.count == 1 { return ByteClass.isUpper(word[0]) ? .beforeOpener : .none }
        let s = String(decoding: word, as: UTF8.self)
        if titles.contains(s) { return .title }
        if suffixes.contains(s) { return .beforeOpener }
        return .none
    }

    /// Whether `word` is a common sentence opener.
    static func isSentenceOpener(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        openers.contains(String(decoding: word, as: UTF8.self))
    }
}
