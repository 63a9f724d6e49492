import Testing
import AttacheModel
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

    /// A statement noun at `start` of sentence 0, its speaker named.
    static func statementNoun(at start: Int, _ speaker: EntityRef) -> RawEvent {
        var e = Fixture.event(.statement, sentence: 0, [(speaker, .source)])
        e.isNoun = true
        e.trigger = start..<(start + 1)
        return e
    }

    /// "Turkey said in a statement that Russia would withdraw", the three triggers at the tokens given.
    static func saidInAStatement(saidAt: Int, statementAt: Int, withdrawAt: Int) -> [RawEvent] {
        var said = Self.saying(sentence: 0, Fixture.turkey)
        said.trigger = saidAt..<(saidAt + 1)
        var withdraw = Fixture.event(.concede, sentence: 0, [(Fixture.russia, .source)])
        withdraw.trigger = withdrawAt..<(withdrawAt + 1)
        return [said, Self.statementNoun(at: statementAt, Fixture.turkey), withdraw]
    }

    @Test func theMediumOfADroppedSayingGoesWithIt() {
        // "Turkey said in a statement that Russia would withdraw its troops": the statement is the saying.
        let events = Self.saidInAStatement(saidAt: 1, statementAt: 4, withdrawAt: 8)
        #expect(Self.kept(events, sentences: 1).map(\.type) == [.concede])
    }

    @Test func theMediumOfAKeptSayingStaysForTheMerger() {
        // "Turkey told a news conference on Monday it would not be intimidated."
        var told = Self.saying(sentence: 0, Fixture.turkey)
        told.trigger = 1..<2
        let events = [told, Self.statementNoun(at: 3, Fixture.turkey)]
        #expect(Self.kept(events, sentences: 1).count == 2)
    }

    @Test func aMediumIsANounCloseAfterItsVerbOfSaying() {
        var said = Self.saying(sentence: 0, Fixture.turkey)
        said.trigger = 1..<2
        // "said on Tuesday in a televised address"
        #expect(StatementFilter.isMedium(Self.statementNoun(at: 6, Fixture.turkey), of: said))
        // A speech told far later in the sentence is one of its own.
        #expect(!StatementFilter.isMedium(Self.statementNoun(at: 1 + StatementFilter.mediumReach + 2, Fixture.turkey), of: said))
        // A noun before the verb ("In a statement, Turkey said") is no medium of this rule.
        #expect(!StatementFilter.isMedium(Self.statementNoun(at: 0, Fixture.turkey), of: said))
        // A noun of another type ("said the talks") is what was said.
        var talks = Self.statementNoun(at: 3, Fixture.turkey)
        talks.type = .consult
        #expect(!StatementFilter.isMedium(talks, of: said))
    }

    @Test func theMediumOfATimedSayingStays() {
        // "On Friday, Turkey said in a statement that Russia would withdraw its troops": a dated occasion.
        var events = Self.saidInAStatement(saidAt: 3, statementAt: 6, withdrawAt: 10)
        let n = events.withUnsafeMutableBufferPointer { StatementFilter.apply($0, sentences: 1, layout: .init(timed: [true])) }
        #expect(events.prefix(n).map(\.type) == [.statement, .concede])
        #expect(events[0].isNoun)
    }

    @Test func aSentenceIsTimedByACalendarWord() {
        let marks: [TokenMarks.Mark] = [[], .calendar, [], [], .comma, []]
        #expect(StatementFilter.timedSentences([0..<3, 3..<6], marks: marks) == [true, false])
    }
}

@Suite struct StatementFilterQuotationTests {
    /// A first sentence: a text opening on "... said:" would read it as a dateline ("Dayton, Ohio:").
    static let lead = "The news came late on Monday. "

    @Test func aSayingBeforeAColonFramesTheEventsOfTheQuotation() {
        // The block quotation after "said:" reports the bombing: that is the news, not the saying.
        let events = EventsFixture.events(Self.lead + "The Foreign Secretary, Boris Johnson, said:\n\nRussia bombed Aleppo again on Monday.")
        #expect(!events.contains { $0.type == .statement })
        #expect(events.contains { $0.type == .assault })
    }

    @Test func aSayingBeforeAColonWhoseQuotationReportsNobodysActStays() {
        let events = EventsFixture.events(Self.lead + "The Foreign Secretary, Boris Johnson, said:\n\nWe are deeply worried by the news.")
        #expect(events.map(\.type) == [.statement])
        // The quotation names an attack but nobody who made it: the speaker's words stay the news.
        let unnamed = EventsFixture.events(Self.lead + "Boris Johnson said:\n\nThe horrific attacks in Aleppo have stiffened our resolve.")
        #expect(unnamed.contains { $0.type == .statement })
    }

    @Test func theQuotationEndsAtTheParagraph() {
        // The bombing is told in a paragraph of its own after the quotation: the saying stays.
        let events = EventsFixture.events(Self.lead + "Boris Johnson said:\n\nWe are deeply worried.\n\nRussia bombed Aleppo again on Monday.")
        #expect(events.contains { $0.type == .statement })
    }

    @Test func aSayingFollowedByMoreThanAColonIsNoQuotationOpener() {
        // The colon is not the last token of the sentence: what follows is said inline and the first rule applies.
        let inline = EventsFixture.events(Self.lead + "Boris Johnson said: we are deeply worried by the news.")
        #expect(inline.map(\.type) == [.statement])
    }

    @Test func theQuotationIsTheParagraphAfterTheColon() {
        // Sentences 0 (the saying), 1-2 (the quotation), 3 (a new paragraph).
        let starts = [true, true, false, true]
        #expect(StatementFilter.quotation(after: 0, startsParagraph: starts) == 1..<3)
        #expect(StatementFilter.quotation(after: 3, startsParagraph: starts).isEmpty)
        #expect(StatementFilter.quotation(after: 2, startsParagraph: starts) == 3..<4)
    }

    @Test func onlyASayingEndingOnTheColonOpensAQuotation() {
        var said = StatementFilterTests.saying(sentence: 0, EventsMergerTests.turkey)
        said.trigger = 2..<3
        #expect(StatementFilter.opensQuotation(said, colonEnd: [3]))
        #expect(!StatementFilter.opensQuotation(said, colonEnd: [5]))
        #expect(!StatementFilter.opensQuotation(said, colonEnd: [-1]))
        #expect(!StatementFilter.opensQuotation(said, colonEnd: []))
    }
}

@Suite struct StatementFilterReportedSayingTests {
    @Test func aWelcomeReportedInsideASayingIsWhatWasSaid() {
        // One statement: Kerry's; what Britain welcomed is its content.
        let events = EventsFixture.events("John Kerry said on Monday that Britain welcomed any effort to end the crisis.")
        #expect(events.filter { $0.type == .statement }.map(\.trigger) == ["said"])
    }

    @Test func aCoordinatedSayingIsASecondStatement() {
        let events = EventsFixture.events("John Kerry said on Monday that he was pleased, and Britain also welcomed the news.")
        #expect(events.filter { $0.type == .statement }.map(\.trigger) == ["said", "welcomed"])
    }

    static func verb(_ type: EventType, at start: Int, saying: Bool) -> RawEvent {
        var e = EventsMergerTests.event(type, sentence: 0, [(EventsMergerTests.turkey, .source)])
        e.trigger = start..<(start + 1)
        e.isSaying = saying
        return e
    }

    @Test func theInnerSayingNeedsAThatBetweenAndNoAnd() {
        // Tokens: 0 Turkey, 1 said, 2 that, 3 Iran, 4 welcomed; then the same with "and" for "that".
        let that = StatementFilter.complementizer, and = StatementFilter.coordinator, other: UInt64 = 7
        let outer = Self.verb(.statement, at: 1, saying: true), inner = Self.verb(.statement, at: 4, saying: false)
        #expect(StatementFilter.isReportedSaying(inner, in: outer, keys: { [other, other, that, other, other][$0] }))
        #expect(!StatementFilter.isReportedSaying(inner, in: outer, keys: { [other, other, and, other, other][$0] }))
        #expect(!StatementFilter.isReportedSaying(inner, in: outer, keys: { [other, other, that, and, other][$0] }))
        // Not a statement: "said that Iran attacked" is the first rule's, not this one's.
        #expect(!StatementFilter.isReportedSaying(Self.verb(.assault, at: 4, saying: false), in: outer, keys: { _ in that }))
        // Too far after the outer saying.
        let far = Self.verb(.statement, at: 2 + StatementFilter.reportedSayingReach + 1, saying: false)
        #expect(!StatementFilter.isReportedSaying(far, in: outer, keys: { _ in that }))
    }
}

@Suite struct StatementFilterPressTests {
    /// A speaker whose own act is told first, then a saying of theirs with `verb`.
    static func text(_ verb: String) -> String {
        "The news came late on Monday. Vladimir Putin sent troops to Syria on Monday.\n\n"
            + "\"Our soldiers will stay as long as they are needed,\" Putin \(verb) in Geneva on Tuesday."
    }

    static func putinSpeaks(_ events: [Event]) -> Bool {
        events.contains { $0.type == .statement && $0.role(of: "person-vladimir-putin") == .source }
    }

    @Test func aSayingToThePressIsNewsOfItsOwn() {
        // Putin's deployment is told: "said" is only quoted about it, "told reporters" is a press statement.
        let told = EventsFixture.events(Self.text("told reporters"))
        #expect(Self.putinSpeaks(told))
        #expect(told.contains { $0.type == .mobilize })
        #expect(!Self.putinSpeaks(EventsFixture.events(Self.text("said"))))
    }

    @Test func aSayingToAnotherAudienceIsStillQuotedAboutTheAct() {
        // "told his aides" names no public occasion.
        #expect(!Self.putinSpeaks(EventsFixture.events(Self.text("told his aides"))))
    }

    @Test func thePressIsTheWordRightAfterTheVerb() {
        let press = KeySet(words: ["reporters"])
        let tokens = Array("Lavrov told reporters that told the reporters".utf8).withUnsafeBufferPointer {
            EventsFixture.kb.tokenizer.tokenize($0)
        }
        var told = StatementFilterTests.saying(sentence: 0, EventsMergerTests.turkey)
        told.trigger = 1..<2
        #expect(StatementFilter.addressesPress(told, tokens: tokens, press: press))
        // "told the reporters" puts a word between: not this rule's cue.
        told.trigger = 4..<5
        #expect(!StatementFilter.addressesPress(told, tokens: tokens, press: press))
        // A verb at the end of the text has no audience.
        told.trigger = 6..<7
        #expect(!StatementFilter.addressesPress(told, tokens: tokens, press: press))
    }
}
