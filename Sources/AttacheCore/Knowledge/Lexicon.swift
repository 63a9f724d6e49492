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
    /// Nouns for a kind of place ("the town of X"): what follows "the X of" is a place.
    var placeNouns: KeySet = KeySet()
    /// Auxiliaries and attitude verbs after a capital that make it its government ("Moscow has objected").
    var auxiliaries: KeySet = KeySet()
    /// Prepositions and verbs before a capital that make it its government ("sanctions on Moscow").
    var actorPrepositions: KeySet = KeySet()
    /// Verbs whose subject is a place ("Vilnius lies 30 km from the border").
    var placeVerbs: KeySet = KeySet()
    /// Lower-case links inside organization names ("Ministry of Foreign Affairs").
    var nameConnectors: KeySet = KeySet()
    /// Lower-case links inside place names, fewer than in organization names ("Capella Hotel on Sentosa" is two places).
    var placeNameConnectors: KeySet = KeySet()
    /// Words that open a clause or list after a name ("..., who").
    var clauseLinks: KeySet = KeySet()
    /// Words before a month name that make it a date ("last May").
    var dateCues: KeySet = KeySet()
    /// Particles that belong to the family name after them ("de Mistura", "von der Leyen").
    var surnameParticles: KeySet = KeySet()
    /// Hyphen prefixes of family names that news also drops ("al-Assad" → "Assad").
    var surnamePrefixes: KeySet = KeySet()
    /// ISO 3166-1 alpha-2 codes of the countries whose people put the family name first ("Xi Jinping" → "Xi").
    var familyNameFirst: Set<String> = []
    /// Compass initials of wire headlines ("S." in "S.AFRICA") → the word they stand for.
    var compassInitials: [UInt64: String] = [:]
    /// Combining forms of countries ("Sino", "Franco") → ISO 3166-1 alpha-2 code; from lines "Sino CN".
    var combiningForms: [UInt64: String] = [:]
    /// The event dating rules' word sets (`DatingWords`).
    var dating = DatingWords()

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
        placeNouns = set("place-nouns")
        auxiliaries = set("auxiliaries")
        actorPrepositions = set("actor-prepositions")
        placeVerbs = set("place-verbs")
        nameConnectors = set("name-connectors")
        placeNameConnectors = set("place-name-connectors")
        clauseLinks = set("clause-links")
        dateCues = set("date-cues")
        surnameParticles = set("surname-particles")
        surnamePrefixes = set("surname-prefixes")
        familyNameFirst = Set(lists["family-name-first"] ?? [])
        for pair in Lexicon.pairs(lists["combining-forms"] ?? []) { combiningForms[Folding.hash(pair.word)] = pair.value }
        for pair in Lexicon.pairs(lists["compass-initials"] ?? []) { compassInitials[Folding.hash(pair.word)] = pair.value }
        dating = DatingWords(lists: lists)
    }

    /// How the lines of a lexicon file are written.
    enum FileFormat: Equatable {
        /// One word or phrase a line.
        case words
        /// One word a line, no phrase: the rules that read the list compare one token with it.
        case word
        /// "word VALUE": two fields (`compass-initials.txt`).
        case wordAndValue
        /// "word CODE": a word and an ISO 3166-1 alpha-2 code that a country carries (`combining-forms.txt`).
        case wordAndCountry
        /// One ISO 3166-1 alpha-2 code a line (`territory-codes.txt`).
        case countryCode

        /// What is wrong with one entry (comments and spaces already trimmed), or nil.
        func problem(with entry: String) -> String? {
            switch self {
            case .words:
                return nil
            case .word:
                let isOneWord = !entry.contains(where: { $0 == " " || $0 == "\t" })
                return isOneWord ? nil : "expected one word a line, got \"\(entry)\""
            case .wordAndValue, .wordAndCountry:
                let fields = entry.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard fields.count == 2 else { return "expected two fields, \"word VALUE\", got \"\(entry)\"" }
                return self == .wordAndCountry ? FileFormat.countryCode.problem(with: String(fields[1])) : nil
            case .countryCode:
                let isCode = entry.utf8.count == 2 && entry.utf8.allSatisfy { (0x41...0x5A).contains($0) }
                return isCode ? nil : "expected an ISO 3166-1 alpha-2 code (two upper-case letters), got \"\(entry)\""
            }
        }
    }

    /// Every file `lexicon/` may hold (without `.txt`), with its format; any other file is an error.
    static let files: [String: FileFormat] = [
        "given-names": .words, "name-particles": .words, "common-words": .words, "org-heads": .words,
        "location-heads": .words, "location-openers": .words, "locative-prepositions": .words,
        "place-modifiers": .words, "direction-prepositions": .words, "motion-words": .words,
        "parts-of-places": .words, "speech-verbs": .words, "honorifics": .words, "titles": .words,
        "never-names": .words, "credit-words": .words, "media-nouns": .words, "media-verbs": .words,
        "compound-endings": .words, "district-words": .words, "operation-words": .words, "unit-heads": .words,
        "place-nouns": .words, "auxiliaries": .words,
        "actor-prepositions": .words, "place-verbs": .words, "name-connectors": .words, "place-name-connectors": .words,
        "clause-links": .words, "date-cues": .words, "surname-particles": .words, "surname-prefixes": .words,
        "family-name-first": .countryCode,
        "combining-forms": .wordAndCountry, "compass-initials": .wordAndValue, "territory-codes": .countryCode,
    ].merging(DatingWords.files.map { ($0, FileFormat.word) }) { own, _ in own }

    /// Lines of two fields, "word VALUE"; the loader reports a line of any other shape with its file and line.
    static func pairs(_ lines: [String]) -> [(word: String, value: String)] {
        lines.compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
        }
    }

    static let calendarKeys = KeySet(words: calendarWords)

    static let calendarWords = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
}
