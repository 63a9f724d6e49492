import Testing
@testable import AttacheCore

@Suite struct ConditionFilterTests {
    @Test(arguments: [
        ("Russia could not turn a blind eye if Iran kept rejecting offers from Turkey.", "rejecting"),
        ("The pact with Turkey would hold unless Russia attacked Aleppo again.", "attacked"),
        ("Lavrov hopes that if Iran and Turkey can agree a truce, talks will follow.", "agree"),
    ])
    func anEventInsideAConditionIsNone(_ text: String, _ conditional: String) {
        let events = EventsFixture.events(text)
        #expect(!events.contains { $0.trigger.hasPrefix(conditional) }, "\(events.map(\.trigger))")
        // The same clause without the condition word is an event.
        let plain = text.replacingOccurrences(of: "unless ", with: "when ").replacingOccurrences(of: "if ", with: "as ")
        #expect(EventsFixture.events(plain).contains { $0.trigger.hasPrefix(conditional) }, "\(plain)")
    }

    @Test func theMainClauseAfterTheConditionIsTheNews() throws {
        // "If Russia attacks, Turkey will retaliate": the threat is told; the attack is not.
        let events = EventsFixture.events("If Russia attacks Aleppo, Turkey will retaliate against Russia.")
        #expect(events.contains { $0.type == .threaten })
        #expect(!events.contains { $0.type == .assault })
    }

    @Test func aConditionWordFarBackOrBehindAnotherClauseDoesNotReach() {
        var marks = [TokenMarks.Mark](repeating: [], count: 30)
        marks[2] = [.condition, .openerWord, .opener]
        #expect(ConditionFilter.isConditional(5, marks: marks, lowest: 0))
        #expect(!ConditionFilter.isConditional(2 + ConditionFilter.reach + 1, marks: marks, lowest: 0))
        marks[4] = [.comma]
        #expect(!ConditionFilter.isConditional(5, marks: marks, lowest: 0))
        // Nor from before the sentence.
        marks[4] = []
        #expect(!ConditionFilter.isConditional(5, marks: marks, lowest: 3))
    }

    @Test func theBuiltInConditionWordsAreMarked() {
        let lex = EventLexicon.builtIn
        for word in ["if", "unless"] {
            let m = TokenMarks.Mark(rawValue: UInt32(truncatingIfNeeded: lex.markTable[Folding.hash(word)] ?? 0))
            #expect(m.contains(.condition), "\(word)")
        }
    }
}
