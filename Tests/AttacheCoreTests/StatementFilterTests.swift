import Testing
@testable import AttacheCore

@Suite struct StatementFilterTests {
    typealias Fixture = EventsMergerTests

    static func saying(sentence: Int, _ speaker: EntityRef) -> RawEvent {
        var e = Fixture.event(.statement, sentence: sentence, [(speaker, .source)])
        e.isSaying = true
        return e
    }

    static func kept(_ events: [RawEvent], sentences: Int) -> [RawEvent] {
        var events = events
        let n = events.withUnsafeMutableBufferPointer { StatementFilter.apply($0, sentences: sentences) }
        return Array(events.prefix(n))
    }

    @Test func aSayingThatFramesAReportedActIsDropped() {
        // "Johnson said Britain would freeze Russian assets."
        let events = [Self.saying(sentence: 0, Fixture.turkey), Fixture.event(.sanction, sentence: 0, [(Fixture.iran, .source)])]
        #expect(Self.kept(events, sentences: 1).map(\.type) == [.sanction])
    }

    @Test func aSayingAboutANounIsTheNews() {
        // "Putin hailed the deal": the deal is what was said.
        var deal = Fixture.event(.agree, sentence: 0, [(Fixture.iran, .target)])
        deal.isNoun = true
        let events = [Self.saying(sentence: 0, Fixture.russia), deal]
        #expect(Self.kept(events, sentences: 1).map(\.type) == [.statement, .agree])
        #expect(!StatementFilter.reportsAnEvent(deal))
    }

    @Test func aSpeakerWhoseOwnActsAreReportedIsQuotedAboutThem() {
        // "Russia struck Aleppo. ... Russia said the strikes hit only militants."
        let events = [Fixture.event(.assault, sentence: 0, [(Fixture.russia, .source)]), Self.saying(sentence: 2, Fixture.russia)]
        #expect(Self.kept(events, sentences: 3).map(\.type) == [.assault])
        let actors: Set<EntityRef> = [Fixture.russia]
        #expect(StatementFilter.speakerActsElsewhere(Self.saying(sentence: 2, Fixture.russia), actors: actors))
        #expect(!StatementFilter.speakerActsElsewhere(Self.saying(sentence: 2, Fixture.turkey), actors: actors))
    }

    @Test func aSayingOfItsOwnIsKept() {
        // "Turkey said on Monday it would not be intimidated", with no other act of Turkey told.
        let events = [Fixture.event(.assault, sentence: 0, [(Fixture.russia, .source)]), Self.saying(sentence: 1, Fixture.turkey)]
        #expect(Self.kept(events, sentences: 2).map(\.type) == [.assault, .statement])
    }
}
