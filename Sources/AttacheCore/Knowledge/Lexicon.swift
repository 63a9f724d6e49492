/// Word lists the recognizers consult, as sets of folded hashes (see `Folding`).
///
/// Each list is a file in `lexicon/` of a knowledge-base directory; users can extend any of them.
public struct Lexicon: Sendable {
    public var givenNames: Set<UInt64> = []
    public var particles: Set<UInt64> = []
    public var commonWords: Set<UInt64> = []
    public var orgHeads: Set<UInt64> = []
    public var locationHeads: Set<UInt64> = []
    public var locationOpeners: Set<UInt64> = []
    public var locativePrepositions: Set<UInt64> = []
    public var placeModifiers: Set<UInt64> = []
    public var directionPrepositions: Set<UInt64> = []
    public var motionWords: Set<UInt64> = []
    public var partsOfPlaces: Set<UInt64> = []
    public var speechVerbs: Set<UInt64> = []
    public var honorifics: Set<UInt64> = []
    /// Titles are matched as phrases in the gazetteer; this holds their one-word forms for quick tests.
    public var titleWords: Set<UInt64> = []
    /// Month and weekday names and other capitalised words that are never names.
    public var neverNames: Set<UInt64> = []

    public init() {}

    init(lists: [String: [String]]) {
        func set(_ name: String) -> Set<UInt64> { Set((lists[name] ?? []).map { Folding.hash($0) }) }
        givenNames = set("given-names")
        particles = set("name-particles")
        // Particles may be written with their hyphen ("al-"): the tokenizer drops hyphens.
        for p in lists["name-particles"] ?? [] where p.hasSuffix("-") { particles.insert(Folding.hash(p.dropLast())) }
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
        titleWords = Set((lists["titles"] ?? []).filter { !$0.contains(" ") }.map { Folding.hash($0) })
        neverNames = Set(Lexicon.calendarWords.map { Folding.hash($0) }).union(set("never-names"))
    }

    static let calendarKeys: Set<UInt64> = Set(calendarWords.map { Folding.hash($0) })

    static let calendarWords = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
}
