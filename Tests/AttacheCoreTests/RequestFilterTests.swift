@testable import AttacheCore
import AttacheModel
import Testing

@Suite struct RequestFilterTests {
    @Test func whatAnAppealAsksForIsNoEvent() {
        let events = EventsFixture.events("Britain urged Iran and Turkey to work together.")
        #expect(events.contains { $0.type == .appeal })
        #expect(!events.contains { $0.type == .cooperate })
        let negative = EventsFixture.events("The United States asked Turkey not to attack Syria.")
        #expect(negative.contains { $0.type == .appeal })
        #expect(!negative.contains { $0.type == .assault })
    }

    @Test func aClauseOfItsOwnAfterTheAppealIsTheNews() {
        // After a comma the clause has its own subject.
        let events = EventsFixture.events("Britain urged Iran to act, and Russia attacked Aleppo.")
        #expect(events.contains { $0.type == .assault && $0.entityIDs.contains("country-rus") })
    }

    @Test func toBeforeANounPhraseIsAPreposition() {
        // "an end to Russian attacks": the attacks happened; the end of them is what is asked.
        let events = EventsFixture.events("Britain called for an end to Russian attacks on Aleppo.")
        #expect(events.contains { $0.type == .assault })
    }

    @Test func theWordAfterToTellsAnInfinitiveFromAPreposition() {
        let bytes = Array("to cease to the to Syria to now".utf8)
        let tokens = bytes.withUnsafeBufferPointer { Tokenizer().tokenize($0) }
        let words = EventWords()
        #expect(RequestFilter.isVerbAfterTo(tokens[1], determiners: words.articles))
        #expect(!RequestFilter.isVerbAfterTo(tokens[3], determiners: words.articles))
        #expect(!RequestFilter.isVerbAfterTo(tokens[5], determiners: words.articles))
        #expect(RequestFilter.isVerbAfterTo(tokens[7], determiners: words.articles))
    }
}
