import Testing
@testable import AttacheCore

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

    @Test func phrasesAreIndexedByFirstWordLongestFirst() throws {
        let lex = try EventLexicon.make(triggers: """
            # comment
            strike\tassault\tn\t-\tany
            strike/struck a deal\tagree\tx\t-\tany
            said\tstatement\tx\t-\tsrc
            """)
        let strike = try #require(lex.byFirst[Folding.hash("strike")])
        #expect(strike.map(\.type) == [.agree, .assault])
        #expect(lex.byFirst[Folding.hash("struck")]?.first?.keys.count == 3)
        #expect(lex.byFirst[Folding.hash("said")]?.first?.need == .source)
        #expect(lex.phraseCount == 5)
    }

    @Test func builtInListsLoad() {
        let lex = EventLexicon.builtIn
        #expect(lex.phraseCount > 300)
        for type in EventType.allCases {
            #expect(lex.byFirst.values.contains { $0.contains { $0.type == type } }, "no trigger for \(type)")
        }
        #expect(lex.negations.contains(Folding.hash("not")))
        #expect(lex.negations.contains(Folding.hash("didn’t")))
        #expect(lex.futureCues[Folding.hash("will")] != nil)
    }
}
