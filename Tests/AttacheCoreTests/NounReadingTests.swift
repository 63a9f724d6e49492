@testable import AttacheCore
import AttacheModel
import Testing

@Suite struct NounReadingTests {
    typealias Fixture = EventsMergerTests

    @Test func aVerbTriggerAfterADeterminerIsANounThatRefersBack() {
        // "attack" is a verb row: read as a verb, Russia (who said) was its source, and it made a second assault.
        let events = EventsFixture.events("The United States bombed Aleppo on Monday. Russia said it was not surprised by the attack.")
        let assaults = events.filter { $0.type == .assault }
        #expect(assaults.count == 1)
        #expect(assaults.first?.trigger == "bombed")
        #expect(assaults.first?.entityIDs.contains("country-rus") == false)
    }

    @Test func aNounWithNothingToReferBackToIsNoEvent() {
        let events = EventsFixture.events("Britain and Iran held talks in Geneva on Monday. Russia said it was not surprised by the attack.")
        #expect(!events.contains { $0.type == .assault })
    }

    @Test func aVerbAfterItsSubjectStaysAVerb() {
        let events = EventsFixture.events("Britain and Iran held talks in Geneva on Monday. The rebels attack Aleppo every night, Russia said.")
        #expect(events.contains { $0.type == .assault && $0.trigger == "attack" })
    }

    @Test func onlyANounThatNamesNothingAfterItIsReadAgain() {
        // "Russia said it was not surprised by the attack": the source is the saying's.
        var bySpeaker = Fixture.event(.assault, sentence: 1, [(Fixture.russia, .source)])
        #expect(NounReading.namesNothingAfter(bySpeaker))
        // "Russia condemned the attack on Iran", "the attack in Geneva": a target or a place of its own.
        let onIran = Fixture.event(.assault, sentence: 1, [(Fixture.russia, .source), (Fixture.iran, .target)])
        #expect(!NounReading.namesNothingAfter(onIran))
        bySpeaker.location = Fixture.geneva
        #expect(!NounReading.namesNothingAfter(bySpeaker))
    }
}
