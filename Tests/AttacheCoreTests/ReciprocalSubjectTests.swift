@testable import AttacheCore
import AttacheModel
import Testing

@Suite struct ReciprocalSubjectTests {
    typealias W = ReciprocalSubject.Word

    @Test func aDeterminerAndAPluralNounAreADefinitePluralSubject() {
        // "the leaders met", "the two leaders met", "the two leaders have also met" (nearest word first)
        #expect(ReciprocalSubject.isDefinitePluralSubject([.plural, .determiner]))
        #expect(ReciprocalSubject.isDefinitePluralSubject([.plural, .modifier, .determiner]))
        #expect(ReciprocalSubject.isDefinitePluralSubject([.auxiliary, .auxiliary, .plural, .modifier, .determiner]))
    }

    @Test func aNameANounAloneOrATooLongRunIsNot() {
        // "Russia and Turkey met": a name before the verb.
        #expect(!ReciprocalSubject.isDefinitePluralSubject([.other, .modifier, .other]))
        // "leaders met": no determiner.
        #expect(!ReciprocalSubject.isDefinitePluralSubject([.plural]))
        // "the leader met": no plural.
        #expect(!ReciprocalSubject.isDefinitePluralSubject([.modifier, .determiner]))
        // "the many other senior officials met": more modifiers than the rule reads.
        #expect(!ReciprocalSubject.isDefinitePluralSubject([.plural, .modifier, .modifier, .modifier, .determiner]))
        #expect(!ReciprocalSubject.isDefinitePluralSubject([]))
    }

    @Test func theTwoLeadersMetIsTheMeetingAlreadyTold() {
        let events = EventsFixture.events("Vladimir Putin and John Kerry held talks in Moscow on Tuesday. "
            + "The two leaders met for four hours in the Kremlin.")
        #expect(events.filter { $0.type == .consult }.count == 1)
    }

    @Test func theSameSentenceWithNoMeetingToldBeforeStaysAnEvent() {
        let events = EventsFixture.events("The two leaders met for four hours in Geneva on Tuesday.")
        #expect(events.filter { $0.type == .consult }.count == 1)
    }

    @Test func anUnnamedGroupActingIsNoMentionOfAnAttackTold() {
        // Not a reciprocal type: "the rebels" are no party of the strikes told before.
        let events = EventsFixture.events("Russia bombed Aleppo on Monday. The rebels attacked Geneva on Tuesday.")
        #expect(events.filter { $0.type == .assault }.count == 2)
    }

    /// "was" ends in -s like a plural noun, but it is an auxiliary (the knowledge base's list): "The document was
    /// signed" has no plural subject, "the leaders have met" has one.
    @Test func formsOfBeAndHaveAreAuxiliariesNotPluralNouns() {
        #expect(classes("The document was signed") == [.auxiliary, .modifier, .determiner])
        #expect(!ReciprocalSubject.isDefinitePluralSubject(classes("The document was signed")))
        #expect(classes("the leaders have also met") == [.auxiliary, .auxiliary, .plural, .determiner])
        #expect(ReciprocalSubject.isDefinitePluralSubject(classes("the leaders have also met")))
    }

    /// The classes of the words before the last word of `text`, nearest first.
    private func classes(_ text: String) -> [W] {
        let bytes = Array(text.utf8)
        let tokens = bytes.withUnsafeBufferPointer { EventsFixture.kb.tokenizer.tokenize($0) }
        let lexicon = EventLexicon.builtIn
        let marks = TokenMarks(tokens, table: lexicon.markTable)
        let between = ReciprocalSubject.Between(auxiliaries: EventsFixture.kb.lexicon.auxiliaries, adverbs: lexicon.words.adverbs)
        return stride(from: tokens.count - 2, through: 0, by: -1).map {
            ReciprocalSubject.word($0, tokens: tokens, bytes: bytes, marks: marks.marks, between: between)
        }
    }
}
