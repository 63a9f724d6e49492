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
        /// A word that opens a condition ("if", "unless").
        static let condition = Mark(rawValue: 1 << 14)

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

    /// Takes the lexicon's mark table only: passed the whole lexicon, the caller copied it (two dozen tables,
    /// a reference count each) for every article.
    init(_ tokens: [Token], table: FrozenTable<UInt64>) {
        let n = tokens.count
        // Two passes, so that no branch depends on the text: the first asks the table's filter about every
        // token and notes the answers as bits (about a third of the words pass), the second looks up only those,
        // walking the set bits. One pass with a branch on the filter's answer cost ~300 mispredicted branches an
        // article in a cachegrind model, about as many cycles as the look-ups themselves.
        var hits = [UInt64](repeating: 0, count: (n + 63) / 64)
        // Numbers now, calendar words and units of time in the second pass: the dater's anchors are among them.
        var candidates = [UInt64](repeating: 0, count: (n + 63) / 64)
        var starts = [UInt64](repeating: 0, count: (n + 63) / 64)
        var marks = [Mark](unsafeUninitializedCapacity: n) { out, count in
            hits.withUnsafeMutableBufferPointer { hits in
                for i in 0..<n {
                    let tok = tokens[i]
                    hits[i &>> 6] |= (table.mayContain(tok.key) ? 1 : 0) &<< UInt64(i & 63)
                    candidates[i &>> 6] |= (tok.kind == .number ? 1 : 0) &<< UInt64(i & 63)
                    // A curly or single quote mark, by the tokenizer's flags (a select, not a branch).
                    out.initializeElement(at: i, to: tok.has(.openQuote) || tok.has(.closeQuote) ? .quote : [])
                }
            }
            count = n
        }
        marks.withUnsafeMutableBufferPointer { marks in
            for (w, word) in hits.enumerated() {
                var bits = word
                while bits != 0 {
                    let i = w &<< 6 | bits.trailingZeroBitCount
                    bits &= bits &- 1
                    let tok = tokens[i]
                    var m = UInt32(truncatingIfNeeded: table[tok.key] ?? 0)
                    // An opener's key in lower case ("that", not "That").
                    let opener = m & Mark.openerWord.rawValue != 0 && !tok.has(.capitalized)
                    m |= opener ? Mark.opener.rawValue : 0
                    marks[i].formUnion(Mark(rawValue: m))
                    if m & (Mark.calendar.rawValue | Mark.unit.rawValue) != 0 { candidates[w] |= 1 &<< UInt64(i & 63) }
                    if m & (Mark.trigger.rawValue | Mark.namedHead.rawValue) != 0 { starts[w] |= 1 &<< UInt64(i & 63) }
                }
            }
        }
        self.marks = marks
        self.anchorCandidates = candidates
        self.eventStarts = starts
    }

    /// Bit i set for a number, a calendar word or a unit of time: every date anchor is one
    /// (`EventDating.SentenceDates.isAnchor`), so the dater looks for anchors among these bits, not in every token.
    let anchorCandidates: [UInt64]

    /// Bit i set for a token marked `trigger` or `namedHead`: the extractor visits these, not every token (a
    /// test of each token's marks was a branch the text decides, mispredicted at every trigger).
    let eventStarts: [UInt64]

    /// The first candidate in `range`, or nil.
    func firstCandidate(in range: Range<Int>) -> Int? { TokenMarks.first(in: anchorCandidates, range) }

    /// The first set bit of `bitmap` in `range`, or nil.
    @inline(__always)
    static func first(in bitmap: [UInt64], _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        while i < range.upperBound {
            let w = i &>> 6
            let bits = bitmap[w] & (~0 &<< UInt64(i & 63))
            if bits != 0 {
                let k = w &<< 6 | bits.trailingZeroBitCount
                return k < range.upperBound ? k : nil
            }
            i = (w + 1) &<< 6
        }
        return nil
    }

    /// The last candidate in `range`, or nil.
    func lastCandidate(in range: Range<Int>) -> Int? {
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            let w = i &>> 6
            let bits = anchorCandidates[w] & (~0 &>> UInt64(63 - (i & 63)))
            if bits != 0 {
                let k = w &<< 6 | (63 - bits.leadingZeroBitCount)
                return k >= range.lowerBound ? k : nil
            }
            i = (w &<< 6) - 1
        }
        return nil
    }

    @inline(__always) subscript(_ i: Int) -> Mark { marks[i] }
}
