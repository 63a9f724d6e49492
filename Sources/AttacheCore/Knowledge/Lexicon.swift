/// Word lists the recognizers consult, as sets of folded hashes (see `Folding`).
///
/// Each list is a file in `lexicon/` of a knowledge-base directory; users can extend any of them.
public struct Lexicon: Sendable {
    var givenNames: KeySet = KeySet()
    var particles: KeySet = KeySet()
    var commonWords: KeySet = KeySet()
    var orgHeads: KeySet = KeySet()
    var locationHeads: KeySet = KeySet()
    var locationOpeners: KeySet = KeySet()
    var locativePrepositions: KeySet = KeySet()
    var placeModifiers: KeySet = KeySet()
    var directionPrepositions: KeySet = KeySet()
    var motionWords: KeySet = KeySet()
    var partsOfPlaces: KeySet = KeySet()
    var speechVerbs: KeySet = KeySet()
    var honorifics: KeySet = KeySet()
    /// Titles are matched as phrases in the gazetteer; this holds their one-word forms for quick tests.
    var titleWords: KeySet = KeySet()
    /// Month and weekday names and other capitalised words that are never names.
    var neverNames: KeySet = KeySet()
    /// Words before "by" or a colon in a credit line ("Reporting by", "Photo:").
    var creditWords: KeySet = KeySet()
    /// Lower-case nouns next to a newspaper's or agency's name ("the daily X", "X newspaper").
    var mediaNouns: KeySet = KeySet()
    /// Verbs whose object after "the" is a medium ("told the Guardian").
    var mediaVerbs: KeySet = KeySet()
    /// Short English words that end hyphen compounds ("Cold War-era", "US-led").
    var compoundEndings: KeySet = KeySet()
    /// Words that, capitalised after a place, name a district of it ("Kowloon West").
    var districtWords: KeySet = KeySet()
    /// Words that open the name of a military operation or exercise ("Operation Inherent Resolve"), which
    /// is neither a place nor a person.
    var operationWords: KeySet = KeySet()
    /// Nouns that head the names of military units ("Abel Battery", "3rd Battalion"), which may open with an
    /// ordinal.
    var unitHeads: KeySet = KeySet()
    /// Compass initials of wire headlines ("S." in "S.AFRICA") → the word they stand for.
    var compassInitials: [UInt64: String] = [:]
    /// Combining forms of countries ("Sino", "Franco") → ISO 3166-1 alpha-2 code; from lines "Sino CN".
    var combiningForms: [UInt64: String] = [:]

    init() {}

    init(lists: [String: [String]]) {
        func set(_ name: String) -> KeySet { KeySet(words: lists[name] ?? []) }
        givenNames = set("given-names")
        // Particles may be written with their hyphen ("al-"): the tokenizer drops hyphens.
        let particleList = lists["name-particles"] ?? []
        particles = KeySet(words: particleList + particleList.filter { $0.hasSuffix("-") }.map { String($0.dropLast()) })
        commonWords = set("common-words")
        orgHeads = set("org-heads")
        locationHeads = set("location-heads")
        locationOpeners = set("location-openers")
        locativePrepositions = set("locative-prepositions")
        placeModifiers = set("place-modifiers")
        directionPrepositions = set("direction-prepositions")
        motionWords = set("motion-words")
        partsOfPlaces = set("parts-of-places")
        speechVerbs = set("speech-verbs")
        honorifics = set("honorifics")
        titleWords = KeySet(words: (lists["titles"] ?? []).filter { !$0.contains(" ") })
        neverNames = KeySet(words: Lexicon.calendarWords + (lists["never-names"] ?? []))
        creditWords = set("credit-words")
        mediaNouns = set("media-nouns")
        mediaVerbs = set("media-verbs")
        compoundEndings = set("compound-endings")
        districtWords = set("district-words")
        operationWords = set("operation-words")
        unitHeads = set("unit-heads")
        for pair in Lexicon.pairs(lists["combining-forms"] ?? []) { combiningForms[Folding.hash(pair.word)] = pair.value }
        for pair in Lexicon.pairs(lists["compass-initials"] ?? []) { compassInitials[Folding.hash(pair.word)] = pair.value }
    }

    /// Lines of two fields, "word VALUE"; a line of any other shape is a mistake in the file and is reported
    /// by `malformedPairs` (checked by the tests on the built-in lexicon).
    static func pairs(_ lines: [String]) -> [(word: String, value: String)] {
        lines.compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
        }
    }

    static func malformedPairs(_ lines: [String]) -> [String] {
        lines.filter { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).count != 2 }
    }

    static let calendarKeys = KeySet(words: calendarWords)

    static let calendarWords = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
}
