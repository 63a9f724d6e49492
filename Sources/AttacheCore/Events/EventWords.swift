import AttacheDates

/// The fixed words the event rules compare tokens with, as folded keys held in one object.
///
/// Why an object and not `static let`s: a static is a lazily initialised global, and reading one in a loop
/// over tokens pays a once-check each time; a field of an object made once per lexicon is a plain load, and
/// passing the object on costs one reference count, not one for each of its tables.
final class EventWords: Sendable {
    let comma = Folding.hash(",")
    let colon = Folding.hash(":")
    let semicolon = Folding.hash(";")
    let quote = Folding.hash("\"")
    let openParen = Folding.hash("(")
    let closeParen = Folding.hash(")")
    let and = Folding.hash("and")
    let to = Folding.hash("to")
    let of = Folding.hash("of")
    let the = Folding.hash("the")
    let he = Folding.hash("he")
    let she = Folding.hash("she")
    /// Before an -ed form, they make it an adjective ("a captured pilot").
    let articles = KeySet(words: ["a", "an", "the", "its", "their", "his", "her", "this", "these"])
    /// Before a name of the knowledge base, they make it the event it names ("during the Munich Security
    /// Conference", "attended the ..."), besides the place prepositions.
    let namedEventCues = KeySet(words: ["during", "before", "after", "ahead", "to", "attend", "attended", "attending", "addressed", "host", "hosted", "hosting"])
    /// Allowed between "and" and a coordinated verb ("and also warned").
    let adverbs = KeySet(words: ["also", "then", "later", "again", "subsequently", "quickly"])
    /// Before a date, they make it part of a noun phrase ("the 2015 nuclear agreement").
    let dateDeterminers = KeySet(words: ["the", "a", "an", "its", "their", "this", "that", "his", "her"])
    /// Calendar words that make a sentence worth giving to the date finder.
    static let calendarWords: [String] = {
        var words = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                     "today", "tonight", "yesterday", "tomorrow", "weekend", "overnight", "spring", "summer", "autumn",
                     "fall", "winter"]
        for a in DateFinder.monthAbbreviations + ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"] {
            words += [a, a + "."]
        }
        return words
    }()
    /// Units of time: a date only with a relative word near ("last week", "two days ago"); otherwise a length
    /// ("three weeks of talks"), which the finder drops anyway.
    static let unitWords = ["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
                            "year", "years", "decade", "decades", "century", "centuries"]
    /// Words that make a unit of time a date ("last week", "two days ago").
    static let relativeWords = ["ago", "last", "next", "this", "coming", "earlier", "later", "past", "previous", "in",
                                "within", "following", "same"]

    init() {}
}
