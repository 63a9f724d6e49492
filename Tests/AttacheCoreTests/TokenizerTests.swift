import Testing
@testable import AttacheCore

struct TokenizerTests {
    func tokens(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        let toks = bytes.withUnsafeBufferPointer { Tokenizer().tokenize($0) }
        return toks.map { String(decoding: bytes[Int($0.start)..<Int($0.end)], as: UTF8.self) }
    }

    @Test(arguments: [
        ("Russia's strikes", ["Russia", "'s", "strikes"]),
        ("Russia’s strikes", ["Russia", "’s", "strikes"]),
        ("Russia 's strikes", ["Russia", "'s", "strikes"]),
        ("the allies' plan", ["the", "allies", "'", "plan"]),
        ("U.S. officials", ["U.S.", "officials"]),
        ("the U.N. Security Council", ["the", "U.N.", "Security", "Council"]),
        ("Gen. Mladic", ["Gen.", "Mladic"]),
        ("S. Jaishankar", ["S.", "Jaishankar"]),
        ("R.G.K. Kapoor", ["R.G.K.", "Kapoor"]),
        ("US-led coalition", ["US", "led", "coalition"]),
        ("Côte d'Ivoire", ["Côte", "d'Ivoire"]),
        ("250,000 people", ["250,000", "people"]),
        ("a 17-nation group", ["a", "17", "nation", "group"]),
        ("\"We support\" he said.", ["\"", "We", "support", "\"", "he", "said", "."]),
        ("MOSCOW (AFP) - Talks", ["MOSCOW", "(", "AFP", ")", "-", "Talks"]),
        ("Erdoğan said", ["Erdoğan", "said"]),
    ])
    func splits(_ input: String, _ expected: [String]) {
        #expect(tokens(input) == expected)
    }

    @Test func hyphenJoinsButSpacedDashDoesNot() {
        let s = "US-Russia ties - strained"
        let bytes = Array(s.utf8)
        let toks = bytes.withUnsafeBufferPointer { Tokenizer().tokenize($0) }
        #expect(toks[1].has(.hyphenBefore))
        #expect(toks[3].kind == .punct)
        #expect(!toks[4].has(.hyphenBefore))
    }

    @Test func foldingIgnoresCaseAndAccents() {
        #expect(Folding.hash("Erdoğan") == Folding.hash("ERDOGAN"))
        #expect(Folding.hash("Tuđman") == Folding.hash("tudjman"))
        #expect(Folding.hash("Brčko") == Folding.hash("Brcko"))
        #expect(Folding.hash("Moscow") != Folding.hash("Moscov"))
        #expect(Folding.stripAccents("António Guterres") == "Antonio Guterres")
        #expect(Folding.stripAccents("İbrahim Kalın") == "Ibrahim Kalin")
    }

    @Test func sentencesSplitAtStopsNotAbbreviations() {
        var toks: [Token] = []
        let s = "Gen. Smith met U.S. officials on Jan. 5. He left. \"It is over.\" The talks ended\n\nNew headline"
        let bytes = Array(s.utf8)
        toks = bytes.withUnsafeBufferPointer { Tokenizer().tokenize($0) }
        let ranges = SentenceSplitter().split(&toks)
        let sentences = ranges.map { r in String(decoding: bytes[Int(toks[r.lowerBound].start)..<Int(toks[r.upperBound - 1].end)], as: UTF8.self) }
        #expect(sentences == ["Gen. Smith met U.S. officials on Jan. 5.", "He left.", "\"It is over.\"", "The talks ended", "New headline"])
    }

    @Test func aDetachedDotAfterAMonthAbbreviationBeforeANumberEndsNoSentence() {
        // Text split by another tokenizer: "Oct . 7" is a date; "in Dec . Then" still ends a sentence.
        let s = "Gunmen stormed the town on Oct . 7 , killing many . Talks ended in Dec . Then fighting resumed ."
        let bytes = Array(s.utf8)
        var toks = bytes.withUnsafeBufferPointer { Tokenizer().tokenize($0) }
        let ranges = SentenceSplitter().split(&toks)
        let sentences = ranges.map { r in String(decoding: bytes[Int(toks[r.lowerBound].start)..<Int(toks[r.upperBound - 1].end)], as: UTF8.self) }
        #expect(sentences == ["Gunmen stormed the town on Oct . 7 , killing many .", "Talks ended in Dec .", "Then fighting resumed ."])
    }
}
