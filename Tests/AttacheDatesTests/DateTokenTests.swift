import Testing
@testable import AttacheDates

@Suite struct DateTokenTests {
    private func tokens(_ text: String) -> [(String, DateToken)] {
        var copy = text
        return copy.withUTF8 { b in
            DateTokenizer.tokenize(b).map { (String(decoding: UnsafeBufferPointer(rebasing: b[$0.start..<$0.end]), as: UTF8.self), $0) }
        }
    }

    @Test func splitsWordsNumbersAndPunctuation() {
        let t = tokens("Brčko, 20,000 troops; 3.5% on Dec. 18th’s mid-2014")
        #expect(t.map(\.0) == ["Brčko", ",", "20,000", "troops", ";", "3.5", "%", "on", "Dec", ".", "18", "th", "’", "s", "mid", "-", "2014"])
        #expect(t[2].1.value == -1)                      // grouped number: not a date number
        #expect(t[5].1.value == -1)
        #expect(t[10].1.value == 18 && t[10].1.digits == 2)
        #expect(t[11].1.attached && !t[10].1.attached)
        #expect(t[12].1.first == 0x99)                   // U+2019
        #expect(t[0].1.key == 0)                         // non-ASCII words have no lexicon key
        #expect(t[7].1.key == DateLexicon.key("on"))
    }

    @Test func spacesIncludeNoBreakAndThinSpaces() {
        let t = tokens("Dec.\u{00A0}18\u{2009}2015")
        #expect(t.map(\.0) == ["Dec", ".", "18", "2015"])
        #expect(!t[2].1.attached)
    }

    @Test func sentenceBreaks() {
        let t = tokens("U.S. officials met on Dec. 18. On Friday they left! Then\nnews at 10 a.m. today")
        let sentenceOf = Dictionary(t.map { ($0.0, $0.1.sentence) }, uniquingKeysWith: { a, _ in a })
        #expect(sentenceOf["officials"] == 0)            // "U.S." does not end a sentence
        #expect(sentenceOf["18"] == 0)                   // nor does "Dec."
        #expect(sentenceOf["Friday"] == 1)
        #expect(sentenceOf["Then"] == 2)
        #expect(sentenceOf["news"] == 3)                 // a line break does
        #expect(sentenceOf["today"] == 3)                // "a.m." followed by lowercase does not
    }

    @Test func lexiconKeys() {
        #expect(DateLexicon.key("Tuesday") == DateLexicon.key("tuesday"))
        #expect(DateLexicon.key("abcdefghijkl") != 0)
        #expect(DateLexicon.key("abcdefghijklm") == 0)   // 13 letters do not fit
        #expect(DateLexicon.key("x2") == 0)
        #expect(DateLexicon.words[DateLexicon.key("sept")] == .monthAbbrev(9))
        #expect(DateLexicon.words[DateLexicon.key("in")] == .in)
    }
}
