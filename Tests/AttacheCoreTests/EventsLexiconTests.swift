@testable import AttacheCore
import AttacheModel
import Testing

@Suite struct EventsLexiconTests {
    @Test(arguments: [
        ("agree", "v", ["agree", "agrees", "agreed", "agreeing"]),
        ("urge", "v", ["urge", "urges", "urged", "urging"]),
        ("deny", "v", ["deny", "denies", "denied", "denying"]),
        ("veto", "v", ["veto", "vetoes", "vetoed", "vetoing"]),
        ("expel", "v2", ["expel", "expels", "expelled", "expelling"]),
        ("air strike", "n", ["air strike", "air strikes"]),
        ("talks", "x", ["talks"]),
        ("take/takes/took/taking issue with", "x", ["take issue with", "takes issue with", "took issue with", "taking issue with"]),
        ("call/called on", "x", ["call on", "called on"]),
        ("inquiry", "n", ["inquiry", "inquiries"]),
    ])
    func formsOfAPhrase(_ phrase: String, _ form: String, _ expected: [String]) {
        #expect(EventLexicon.forms(of: phrase, form: form) == expected)
    }

    @Test func unknownFormCodeIsRejected() {
        #expect(EventLexicon.forms(of: "meet", form: "q") == nil)
        #expect(throws: KnowledgeBaseLoader.LoadError.self) {
            try EventLexicon.make(triggers: "meet\tconsult\tq\t-\tany\n")
        }
        #expect(throws: KnowledgeBaseLoader.LoadError.self) {
            try EventLexicon.make(triggers: "meet\tgreet\tx\t-\tany\n")
        }
    }

    @Test func aNeedIsOneOfTheKnownCodes() throws {
        let lex = try EventLexicon.make(triggers: "released\tconcede\tx\t-\tcap\nmeet\tconsult\tv\t-\tany\nsaid\tstatement\tx\t-\n")
        #expect(lex.phrases(startingWith: Folding.hash("released"))?.first?.need == .captives)
        #expect(lex.phrases(startingWith: Folding.hash("meets"))?.first?.need == .any)
        #expect(lex.phrases(startingWith: Folding.hash("said"))?.first?.need == .any)
        // A misspelt need was read as `any`, silently widening the trigger: it is an error with its line.
        #expect(throws: KnowledgeBaseLoader.LoadError.self) { try EventLexicon.make(triggers: "released\tconcede\tx\t-\tcaptive\n") }
    }

    @Test func aRowNamesOneOfItsTypesCameoRoots() throws {
        let lex = try EventLexicon.make(triggers: "arrest\tsanction:17\tv\t-\tany\nsanctions\tsanction\tnx\t-\tany\n")
        #expect(lex.phrases(startingWith: Folding.hash("arrested"))?.first?.cameo == 17)
        #expect(lex.phrases(startingWith: Folding.hash("sanctions"))?.first?.cameo == 0)
        // A root of another type, or no root at all, is an error with its line.
        for bad in ["arrest\tsanction:18\tv\t-\tany\n", "arrest\tsanction:\tv\t-\tany\n", "cold war\tnone:19\tn\t-\tany\n"] {
            #expect(throws: KnowledgeBaseLoader.LoadError.self, "\(bad)") { try EventLexicon.make(triggers: bad) }
        }
    }

    @Test func phrasesAreIndexedByFirstWordLongestFirst() throws {
        let lex = try EventLexicon.make(triggers: """
            # comment
            strike\tassault\tn\t-\tany
            strike/struck a deal\tagree\tx\t-\tany
            said\tstatement\tx\t-\tsrc
            """)
        let strike = try #require(lex.phrases(startingWith: Folding.hash("strike")))
        #expect(strike.map(\.type) == [.agree, .assault])
        #expect(lex.phrases(startingWith: Folding.hash("struck"))?.first?.keys.count == 3)
        #expect(lex.phrases(startingWith: Folding.hash("said"))?.first?.need == .source)
        #expect(lex.phrases(startingWith: Folding.hash("talks")) == nil)
        #expect(lex.phraseCount == 5)
    }

    @Test func builtInListsLoad() {
        let lex = EventLexicon.builtIn
        #expect(lex.phraseCount > 300)
        for type in EventType.allCases {
            #expect(lex.phrases.contains { $0.type == type && $0.isEvent }, "no trigger for \(type)")
        }
        #expect(lex.negations.contains(Folding.hash("not")))
        #expect(lex.negations.contains(Folding.hash("didn’t")))
        #expect(lex.futureCues[Folding.hash("will")] != nil)
        func marks(_ word: String) -> TokenMarks.Mark {
            TokenMarks.Mark(rawValue: UInt32(truncatingIfNeeded: lex.markTable[Folding.hash(word)] ?? 0))
        }
        #expect(marks("never").contains(.negation))
        #expect(marks("which").contains(.openerWord))
        #expect(marks("will").contains(.future))
        #expect(marks("meeting").isDisjoint(with: [.negation, .hedge, .future, .openerWord, .determiner, .refusal]))
        #expect(marks("War").contains(.namedHead))
        #expect(lex.captiveNouns.contains(Folding.hash("hostages")))
        #expect(!lex.captiveNouns.contains(Folding.hash("statement")))
    }
}
