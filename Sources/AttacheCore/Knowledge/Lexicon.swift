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
    }

    static let calendarKeys = KeySet(words: calendarWords)

    static let calendarWords = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
}
