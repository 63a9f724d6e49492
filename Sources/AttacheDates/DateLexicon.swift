// Word lists for the date finder, kept as data so they can be reviewed and extended without
// touching the matcher. Every entry is lowercase ASCII, at most 12 letters (see `DateLexicon.key`).

/// What a word means to the date matcher.
enum DateWord: Sendable, Equatable {
    case month(Int)               // full month name, 1...12
    case monthAbbrev(Int)         // "jan", "sept": needs a following "." or day/year number
    case weekday(Int)             // 1 = Monday ... 7 = Sunday
    case number(Int)              // "one" ... "twenty", "thirty" ...
    case article                  // "a", "an": a count of one
    case vagueCount               // "few", "several", "couple": an unresolvable count
    case unit(DateUnit)
    case relativeDay(Int)         // "today" 0, "yesterday" -1, "tomorrow" +1
    case overnight
    case partOfDay(night: Bool)   // "morning", "afternoon", "evening", "night"
    case modifier(DateModifier)   // "this", "last", "next", "coming"
    case edge                     // "early", "late", "mid"
    case vague                    // "earlier", "later"
    case anchor                   // "end", "beginning", "start", "middle"
    case season(Int)              // first month of the season
    case weekend
    case ago
    case half
    case ordinalSuffix            // "st", "nd", "rd", "th"
    case the, of, `in`, and, or, within
    case yearPreposition          // words after which a bare year is a date ("since 2014")
    case determiner               // "a 2021 coup", "the 2008 war"
    case anaphoric                // "later", "earlier", "before", "after" after a count: "two days later"
    case countNoun                // plural-less counted nouns: "2014 people"
}

/// A calendar unit in a count ("three weeks").
enum DateUnit: Sendable, Equatable {
    case minute, hour, day, week, month, year, decade, century
}

/// "this", "last", "next", "coming" in front of a weekday, month, unit or season.
enum DateModifier: Sendable, Equatable {
    case this, last, next, coming
}

enum DateLexicon {
    static let months: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
        ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ]
    static let monthAbbreviations: [(String, Int)] = [
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
        ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ]
    /// Month names that are also common English words or names ("May I", "the march"):
    /// alone (without a day or year) they need a strong preceding cue such as "in" or "last".
    static let ambiguousMonths: Set<Int> = [3, 5, 8]
    static let weekdays: [(String, Int)] = [
        ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5),
        ("saturday", 6), ("sunday", 7),
    ]
    static let numbers: [(String, Int)] = [
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
        ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
        ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
        ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50),
        ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100),
    ]
    static let units: [(String, DateUnit)] = [
        ("minute", .minute), ("minutes", .minute), ("hour", .hour), ("hours", .hour),
        ("day", .day), ("days", .day), ("week", .week), ("weeks", .week),
        ("month", .month), ("months", .month), ("year", .year), ("years", .year),
        ("decade", .decade), ("decades", .decade), ("century", .century), ("centuries", .century),
    ]
    static let relativeDays: [(String, Int)] = [("today", 0), ("tonight", 0), ("yesterday", -1), ("tomorrow", 1)]
    static let partsOfDay: [(String, Bool)] = [("morning", false), ("afternoon", false), ("evening", false), ("night", true)]
    static let modifiers: [(String, DateModifier)] = [("this", .this), ("last", .last), ("next", .next), ("coming", .coming)]
    static let seasons: [(String, Int)] = [("spring", 3), ("summer", 6), ("autumn", 9), ("fall", 9), ("winter", 12)]
    /// Words after which a bare year is a date whatever follows ("in 2014 people voted").
    static let yearPrepositions = [
        "in", "since", "until", "till", "through", "during", "early", "late", "mid", "circa",
    ]
    /// Words after which a bare year is a date unless a counted noun follows ("by 2030", but not
    /// "up to 2000 troops", "a force of 1900 men").
    static let weakYearPrepositions = ["by", "from", "to", "of", "before", "after", "between", "around"]
    static let determiners = ["its", "his", "her", "their", "our"]
    /// Counted nouns that do not end in "s", so "the 2014 people" is not read as a year.
    static let countNouns = ["people", "men", "women", "children", "police", "personnel", "staff", "dead", "killed", "wounded", "injured", "strong", "more", "percent", "per", "feet", "metres", "meters", "km", "miles"]
    static let miscellaneous: [(String, DateWord)] = [
        ("a", .article), ("an", .article), ("few", .vagueCount), ("several", .vagueCount), ("couple", .vagueCount),
        ("overnight", .overnight), ("early", .edge), ("late", .edge), ("mid", .edge),
        ("earlier", .vague), ("later", .vague),
        ("end", .anchor), ("beginning", .anchor), ("start", .anchor), ("middle", .anchor),
        ("weekend", .weekend), ("ago", .ago), ("half", .half),
        ("st", .ordinalSuffix), ("nd", .ordinalSuffix), ("rd", .ordinalSuffix), ("th", .ordinalSuffix),
        ("the", .the), ("of", .of), ("in", .in), ("and", .and), ("or", .or), ("within", .within),
        ("before", .anaphoric), ("after", .anaphoric),
    ]

    /// Abbreviations whose trailing "." does not end a sentence.
    static let abbreviations = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sen", "rep", "gov", "no", "vs", "jr",
        "sr", "inc", "co", "corp", "ltd", "prof", "capt", "sgt", "maj", "adm", "gov", "pres",
    ]

    /// Words that make a clause future: modal and scheduling vocabulary ("takes": the simple present of a
    /// scheduled start, "the truce takes effect on Friday").
    static let futureCues = [
        "will", "would", "shall", "ll", "should", "must", "planned", "planning", "scheduled", "expected", "upcoming",
        "forthcoming", "next", "tomorrow", "may", "might", "later", "takes",
    ]
    /// Words that make a clause future only when "to" follows ("plans to", "was due to leave").
    static let futureCuesBeforeTo = [
        "plan", "plans", "hope", "hopes", "aim", "aims", "intend", "intends",
        "due", "set", "going", "expects", "is", "are", "am",
    ]
    /// Words that make a clause past, besides lowercase "-ed" forms.
    static let pastCues = [
        "said", "was", "were", "had", "did", "told", "met", "held", "took", "began", "broke", "came",
        "went", "made", "gave", "left", "sent", "led", "spoke", "flew", "fought", "struck", "won",
        "lost", "saw", "brought", "sought", "rose", "fell", "stood", "wrote", "drew", "ran",
        "became", "ago", "yesterday", "last", "earlier", "previously", "already", "fled", "hit",
        "overnight",
    ]
    /// Lowercase words ending in "-ed" that are not past-tense verbs in news text.
    static let notPastEdForms = [
        "hundred", "sacred", "naked", "wicked", "armed", "united", "unprecedented", "interested",
        "concerned", "advanced", "detailed", "limited", "related", "based", "supposed", "aged",
        "beloved", "embed", "need", "indeed", "speed", "proceed", "exceed", "succeed", "feed",
        "seed", "bleed", "breed", "greed", "deed", "creed", "heed", "weed", "steed", "shed", "sled",
    ]

    /// Packs a lowercase-folded ASCII word of 1...12 letters into 5 bits per letter, so a
    /// dictionary lookup needs no allocation. Returns 0 (never a valid key) for anything else.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        let n = end - start
        guard n >= 1, n <= 12 else { return 0 }
        var k: UInt64 = 0
        for i in start..<end {
            let c = bytes[i] | 0x20
            guard c >= 0x61, c <= 0x7A else { return 0 }
            k = (k << 5) | UInt64(c - 0x60)
        }
        return k
    }

    static func key(_ word: String) -> UInt64 {
        var w = word
        return w.withUTF8 { key($0, 0, $0.count) }
    }

    /// Word → meaning. Later lists do not override earlier ones.
    static let words: [UInt64: DateWord] = {
        var table: [UInt64: DateWord] = [:]
        func add(_ word: String, _ meaning: DateWord) {
            let k = key(word)
            precondition(k != 0, "date lexicon word not packable: \(word)")
            if table[k] == nil { table[k] = meaning }
        }
        for (w, m) in months { add(w, .month(m)) }
        for (w, m) in monthAbbreviations { add(w, .monthAbbrev(m)) }
        for (w, d) in weekdays { add(w, .weekday(d)) }
        for (w, n) in numbers { add(w, .number(n)) }
        for (w, u) in units { add(w, .unit(u)) }
        for (w, n) in relativeDays { add(w, .relativeDay(n)) }
        for (w, night) in partsOfDay { add(w, .partOfDay(night: night)) }
        for (w, m) in modifiers { add(w, .modifier(m)) }
        for (w, s) in seasons { add(w, .season(s)) }
        for (w, m) in miscellaneous { add(w, m) }
        for w in yearPrepositions { add(w, .yearPreposition) }
        for w in determiners { add(w, .determiner) }
        for w in countNouns { add(w, .countNoun) }
        return table
    }()

    /// Words that open a subordinate or coordinate clause: the cue search to the right of an
    /// expression stops there ("said on Tuesday that it would ..." is past).
    static let clauseOpeners = [
        "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "if",
        "although", "though", "but", "and", "whether", "unless",
    ]
    static let passiveAuxiliaries = ["be", "been", "being", "a", "an", "the"]
    /// Prepositions before a month name alone: strong ones admit March, May and August too.
    static let strongMonthCues = ["in", "since", "until", "till", "through", "during"]
    static let weakMonthCues = ["by", "from", "before", "after", "between", "to", "and", "or", "of"]

    /// Every word above with its meaning and the lists it is on, looked up once per token.
    static let table = WordTable(entries)

    /// The words of `table` by packed key.
    static let entries: [UInt64: WordTable.Entry] = {
        var all: [UInt64: WordTable.Entry] = [:]
        for (k, w) in words { all[k] = WordTable.Entry(word: w, flags: []) }
        func mark(_ list: [String], _ f: WordFlags) {
            for w in list {
                // A word of more than 12 letters has no key; the finder ignores such words anyway.
                let k = key(w)
                guard k != 0 else { continue }
                all[k, default: WordTable.Entry(word: nil, flags: [])].flags.insert(f)
            }
        }
        mark(futureCues, .futureCue)
        mark(futureCuesBeforeTo, .futureBeforeTo)
        mark(pastCues, .pastCue)
        mark(notPastEdForms, .notPastEd)
        mark(clauseOpeners, .clauseOpener)
        mark(passiveAuxiliaries, .passiveAuxiliary)
        mark(abbreviations, .abbreviation)
        mark(yearPrepositions, .yearPreposition)
        mark(weakYearPrepositions, .weakYearPreposition)
        mark(strongMonthCues, .strongMonthCue)
        mark(weakMonthCues, .weakMonthCue)
        return all
    }()
    static let keyTo = key("to")
    static let keyS = key("s"), keyOn = key("on"), keyAt = key("at"), keyOver = key("over"), keyFor = key("for")
}
