import AttacheDates
/// What the event rules ask of each token of an article, found once: one table look-up a word.
///
/// Why: the clause scans around each trigger, the status cues before it and the date finder's choice of
/// sentences all asked the same questions of the same tokens ("does it end a clause?", "is it a
/// negation?", "a month name?"), each with a look-up of its own, and the clause windows of neighbouring
/// triggers overlap, so a token was asked several times. Answered once into an array of small bit sets,
/// every later scan reads a byte or four a token and compares no keys.
struct TokenMarks {
    struct Mark: OptionSet, Sendable {
        let rawValue: UInt32

        // Of the word's key (from `EventLexicon.markTable`), whatever its case.
        /// The first word of a trigger phrase.
        static let trigger = Mark(rawValue: 1 << 0)
        /// The head noun of a named event ("War", "Summit").
        static let namedHead = Mark(rawValue: 1 << 1)
        static let negation = Mark(rawValue: 1 << 2)
        static let hedge = Mark(rawValue: 1 << 3)
        /// The first word of a future cue ("will", "is due to").
        static let future = Mark(rawValue: 1 << 4)
        static let determiner = Mark(rawValue: 1 << 5)
        static let refusal = Mark(rawValue: 1 << 6)
        /// A clause opener's key ("that", "which", "after"); see `opener` for the token.
        static let openerWord = Mark(rawValue: 1 << 7)
        /// A month, weekday or relative day name (`EventWords.calendarWords`).
        static let calendar = Mark(rawValue: 1 << 8)
        /// A unit of time ("week", "days").
        static let unit = Mark(rawValue: 1 << 9)
        /// A word that makes a unit of time a date ("last", "ago").
        static let relative = Mark(rawValue: 1 << 10)
        /// "day" or "days", the word of every relative day phrase.
        static let day = Mark(rawValue: 1 << 11)
        static let and = Mark(rawValue: 1 << 12)
        static let between = Mark(rawValue: 1 << 13)

        // Of the token.
        /// A clause opener written in lower case (a capitalised "After" opens a name or a sentence).
        static let opener = Mark(rawValue: 1 << 16)
        /// A quote mark, straight or curly.
        static let quote = Mark(rawValue: 1 << 17)
        static let semicolon = Mark(rawValue: 1 << 18)
        /// A colon or a bracket.
        static let colonOrParen = Mark(rawValue: 1 << 19)
        static let comma = Mark(rawValue: 1 << 20)

        /// What ends a clause for the participant scans.
        static let endsClause: Mark = [.opener, .quote, .semicolon, .colonOrParen]
        /// What ends a clause for the status cues (an opener right before the trigger does not: "that will").
        static let hardBreak: Mark = [.quote, .semicolon, .colonOrParen]
        /// What puts a date in another clause than its trigger (`EventDating.separated`).
        static let otherClause: Mark = [.opener, .quote, .semicolon]
    }

    let marks: [Mark]

    init(_ tokens: [Token], lexicon: EventLexicon) {
        let table = lexicon.markTable
        self.marks = [Mark](unsafeUninitializedCapacity: tokens.count) { out, count in
            // No branch a token: the table answers words and punctuation alike (a number's or a possessive's
            // key is on no list), and the two marks that depend on the token are bit arithmetic.
            for i in tokens.indices {
                let tok = tokens[i]
                var m = UInt32(truncatingIfNeeded: table[tok.key])
                // An opener's key in lower case ("that", not "That"); a curly or single quote mark by the
                // tokenizer's flags. Both are selects, not branches.
                let opener = m & Mark.openerWord.rawValue != 0 && !tok.has(.capitalized)
                m |= opener ? Mark.opener.rawValue : 0
                m |= tok.has(.openQuote) || tok.has(.closeQuote) ? Mark.quote.rawValue : 0
                out.initializeElement(at: i, to: Mark(rawValue: m))
            }
            count = tokens.count
        }
    }

    @inline(__always) subscript(_ i: Int) -> Mark { marks[i] }
}
