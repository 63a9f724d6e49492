import Testing
@testable import AttacheDates

@Suite struct WordTableTests {
    @Test func everyLexiconWordIsFoundWithItsMeaningAndLists() {
        let table = DateLexicon.table
        for (key, word) in DateLexicon.words {
            #expect(table[key]?.word == word)
        }
        let lists: [([String], WordFlags)] = [
            (DateLexicon.futureCues, .futureCue), (DateLexicon.futureCuesBeforeTo, .futureBeforeTo),
            (DateLexicon.pastCues, .pastCue), (DateLexicon.clauseOpeners, .clauseOpener),
            (DateLexicon.abbreviations, .abbreviation), (DateLexicon.yearPrepositions, .yearPreposition),
            (DateLexicon.weakYearPrepositions, .weakYearPreposition), (DateLexicon.strongMonthCues, .strongMonthCue),
            (DateLexicon.weakMonthCues, .weakMonthCue), (DateLexicon.passiveAuxiliaries, .passiveAuxiliary),
        ]
        for (list, flag) in lists {
            for w in list { #expect(table[DateLexicon.key(w)]?.flags.contains(flag) == true, "\(w)") }
        }
        // On no list and not a date word.
        for w in ["treaty", "summit", "xyzzy", "z", "abcdefghijkl"] { #expect(table[DateLexicon.key(w)] == nil, "\(w)") }
        #expect(table[0] == nil)
        // Words in two lists carry both flags ("in": a date word, a year and a month preposition).
        let inFlags = table[DateLexicon.key("in")]?.flags ?? []
        #expect(inFlags.contains(.yearPreposition) && inFlags.contains(.strongMonthCue))
        #expect(table[DateLexicon.key("in")]?.word == .in)
    }

    @Test func tokensCarryTheirFlags() {
        var text = "It will meet in March, Dec. 3"
        let toks = text.withUTF8 { DateTokenizer.tokenize($0) }
        #expect(toks[1].flags.contains(.futureCue))
        #expect(toks[3].flags.contains(.strongMonthCue))
        #expect(toks[4].word == .month(3))
        #expect(toks[6].flags.contains(.abbreviation) && toks[6].word == .monthAbbrev(12))
        #expect(toks[2].flags.isEmpty && toks[2].word == nil)
    }

    @Test(arguments: ["March", "sept", "abcdefghijkl", "abcdefghijklm", "Brčko", "x", "Über", "YESTERDAY"])
    func theTokenizerPacksTheSameKeyAsTheLexicon(_ word: String) {
        var text = "on " + word + " 3"
        let toks = text.withUTF8 { DateTokenizer.tokenize($0) }
        var w = word
        #expect(toks[1].key == w.withUTF8 { DateLexicon.key($0, 0, $0.count) })
    }
}
