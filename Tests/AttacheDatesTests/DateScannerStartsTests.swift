import Testing
@testable import AttacheDates

/// `DateScanner.starts` lets `match(at:)` skip the pattern families that cannot start at a token; skipping
/// must never lose a match.
@Suite struct DateScannerStartsTests {
    static let sentences = [
        "On Tuesday, December 15, 2015, the two sides met again, a day after talks in the 1990s style failed.",
        "The ceasefire, agreed early on Wednesday, takes effect at the end of next month or in three weeks.",
        "Two weeks ago the minister said the 2008 war ended in mid-2014; talks resume this coming Monday morning.",
        "He will travel to Paris on the 15th of February and again in late March, officials said last week.",
        "A few days later, the weekend summit, held 18 December 2015 overnight, was moved to 2016-01-04.",
        "Since 2014 the sanctions have cost several billion; yesterday evening and this spring were quiet.",
        "Oct . 7 , 2023 : the attack came a day before the anniversary , within hours of the vote .",
    ]

    @Test func skippingFamiliesLosesNoMatch() {
        for text in Self.sentences {
            var copy = text
            copy.withUTF8 { bytes in
                for relaxed in [false, true] {
                    let scanner = DateScanner(bytes: bytes, relaxed: relaxed)
                    for i in scanner.tokens.indices {
                        // Every family tried, as before the filter.
                        var all = scanner.matchWrapped(i)
                        if let core = scanner.matchCore(i, anchored: false), core.end > (all?.end ?? i) { all = core }
                        let filtered = scanner.match(at: i)
                        #expect(filtered?.first == all?.first && filtered?.end == all?.end && filtered?.expr == all?.expr,
                                "\(text) at token \(i)")
                    }
                }
            }
        }
    }

    /// `matchCore` tries only the families that can begin with the token; trying all eight, in order, finds
    /// the same match at every token of every sentence (and of every word of the lexicon alone).
    @Test func dispatchingCoreFamiliesLosesNoMatch() {
        let words = DateLexiconWord.all.map(\.text).flatMap { [$0, $0.prefix(1).uppercased() + $0.dropFirst()] }
        // Each word of the lexicon before what could follow it in a date.
        let contexts = ["2015 weeks ago", "this month", "today", "in the week", "weekend", "Friday morning", "of March 2011",
                        "December 18, 2015", "three days ago", "a half years", "year", "-day truce"]
        let probes = words.flatMap { w in contexts.map { "\(w) \($0)" } }
        for text in Self.sentences + probes {
            var copy = text
            copy.withUTF8 { bytes in
                for relaxed in [false, true] {
                    let scanner = DateScanner(bytes: bytes, relaxed: relaxed)
                    for i in 0...scanner.tokens.count {
                        for anchored in [false, true] {
                            var all: DateMatch?
                            for m in [scanner.matchISO(i), scanner.matchWeekdayLed(i), scanner.matchMonthLed(i, anchored: anchored),
                                      scanner.explicitDate(i, weekday: nil), scanner.matchYear(i, anchored: anchored),
                                      scanner.matchRelative(i), scanner.matchCount(i), scanner.matchInCount(i)] {
                                if let m, m.end > (all?.end ?? i) { all = m }
                            }
                            let core = scanner.matchCore(i, anchored: anchored)
                            #expect(core?.first == all?.first && core?.end == all?.end && core?.expr == all?.expr,
                                    "\(text) at token \(i)")
                        }
                    }
                }
            }
        }
    }

    @Test func numbersAndDateWordsStartFamiliesAndOtherWordsNone() {
        var text = "of 2015 Friday the end yesterday in and"
        text.withUTF8 { bytes in
            let t = DateTokenizer.tokenize(bytes)
            #expect(!DateScanner.starts(t[0]).core && !DateScanner.starts(t[0]).wrapped)        // of
            #expect(DateScanner.starts(t[1]).core)                                              // 2015
            #expect(DateScanner.starts(t[2]).core)                                              // Friday
            #expect(DateScanner.starts(t[3]).core && DateScanner.starts(t[3]).wrapped)          // the
            #expect(DateScanner.starts(t[4]).wrapped && !DateScanner.starts(t[4]).core)         // end
            #expect(DateScanner.starts(t[5]).core)                                              // yesterday
            #expect(DateScanner.starts(t[6]).core)                                              // in
            #expect(!DateScanner.starts(t[7]).core)                                             // and
        }
    }
}
