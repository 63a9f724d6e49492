/// The word sets of the event dating rules, read from the knowledge base's `lexicon/` like the other word lists
/// (a user's directory adds to them). Each file's header says which rule reads it.
struct DatingWords: Sendable {
    /// Clause openers of the same time ("when", "while", "as"): the clause they open dates the one it joins as
    /// well ("was still going on when the attack began on Wednesday").
    var simultaneity = KeySet()
    /// Before a date, they make it the start of a period ("negotiating since May 6").
    var periodOpeners = KeySet()
    /// Units of an inexact shift ("weeks after", "two months before"): see `EventDating.inexactShift`.
    var inexactShiftUnits = KeySet()
    /// The word after such a unit that makes it a shift.
    var shiftDirections = KeySet()
    /// Adverbs of sequence that open a paragraph going on from the one before ("Shortly afterwards, ...").
    var sequenceOpeners = KeySet()
    /// Words that name their speaker's day ("today"): in a quotation, the day the words were said.
    var speechTime = KeySet()
    /// Nouns of taking effect ("effect", "force") and the words before them that make them so ("took", "into"):
    /// a date after them is when a truce starts (`EventDating.tellsOnset`).
    var onsetNouns = KeySet()
    /// Verbs of responding ("responded", "retaliated"): a paragraph opening with a response goes on from the one
    /// before (`EventDating.paragraphs`).
    var responseVerbs = KeySet()
    var onsetLeadIns = KeySet()

    /// The files of `lexicon/` (without `.txt`) the sets are read from. Each is required: without one, a dating
    /// rule would silently stop applying.
    static let files = ["simultaneity-openers", "period-openers", "inexact-shift-units", "shift-directions", "sequence-openers",
                        "speech-time-words", "onset-nouns", "onset-lead-ins",
                        "response-verbs"]

    init() {}

    /// The sets from the loaded lexicon lists (`KnowledgeBaseLoader.load`), by file name.
    init(lists: [String: [String]]) {
        func set(_ name: String) -> KeySet { KeySet(words: lists[name] ?? []) }
        simultaneity = set("simultaneity-openers")
        periodOpeners = set("period-openers")
        inexactShiftUnits = set("inexact-shift-units")
        shiftDirections = set("shift-directions")
        sequenceOpeners = set("sequence-openers")
        speechTime = set("speech-time-words")
        onsetNouns = set("onset-nouns")
        onsetLeadIns = set("onset-lead-ins")
        responseVerbs = set("response-verbs")
    }
}
