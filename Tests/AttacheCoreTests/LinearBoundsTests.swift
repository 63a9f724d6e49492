@testable import AttacheCore
import AttacheDates
import AttacheModel
import Testing

/// Issue 19, "time linear in the input, whatever its shape": each pass that compared an item with all earlier
/// ones, or walked back to the start of an unending sentence, now reads a bounded stretch or an index. These
/// tests check the bounds and that the indexed forms give what the scans gave; none of them times anything
/// (the adversarial-shape benchmark, scripts/bench/adversarial.py, measures the time).
@Suite struct LinearBoundsTests {
    // MARK: Event dating

    static func found(_ token: Int, _ date: String) -> EventDating.Found {
        EventDating.Found(sentence: 0, token: token, end: token + 1, attributive: false, date: CalendarDate.parse(date)!,
                          bytes: token..<(token + 1))
    }

    @Test func anEventWeighsOnlyTheDatesWithinReachOfItsTrigger() {
        let reach = EventDating.dateReach
        // Reach counts back from the trigger's start and on from its end.
        let list = [0, 100, 500 - reach - 1, 500 - reach, 700, 501 + reach, 502 + reach, 5000].map { Self.found($0, "2015-12-14") }
        let near = EventDating.near(list[...], 500..<501)
        #expect(near.map(\.token) == [500 - reach, 700, 501 + reach])
        // Of a slice, in the slice's own indices.
        #expect(EventDating.near(list[3...], 500..<501).map(\.token) == [500 - reach, 700, 501 + reach])
        #expect(EventDating.near(list[...], 20_000..<20_001).isEmpty)
    }

    @Test func aDateIsInAnotherClauseWhenTheLastBoundaryBeforeTheTriggerFollowsIt() {
        var marks = [TokenMarks.Mark](repeating: [], count: 20)
        marks[5] = .opener
        marks[12] = .quote
        marks[14] = .comma  // not a clause boundary
        #expect(EventDating.lastBarrier(marks, before: 16, lowest: 0) == 12)
        #expect(EventDating.lastBarrier(marks, before: 12, lowest: 0) == 5)
        #expect(EventDating.lastBarrier(marks, before: 12, lowest: 6) == -1)
        let e = EventDating.Spot(RawEvent(type: .agree, trigger: 16..<17, sentence: 0, participants: [], location: nil, date: nil,
                                          dateBytes: nil, dateSource: nil, status: .occurred, negated: false))
        let barrier = EventDating.lastBarrier(marks, before: 16, lowest: 0)
        // Dates at 2 and 10 lie before the boundary at 12; a date at 13 after it.
        #expect(EventDating.separated(Self.found(2, "2015-12-14"), e, barrier: barrier))
        #expect(EventDating.separated(Self.found(10, "2015-12-14"), e, barrier: barrier))
        #expect(!EventDating.separated(Self.found(13, "2015-12-14"), e, barrier: barrier))
        #expect(!EventDating.separated(Self.found(15, "2015-12-14"), e, barrier: -1))
    }

    @Test func theNarrativeDateIsTheLatestOfTheNearestEarlierEventSentenceOfTheParagraph() throws {
        let text = "Russia condemned Turkey on Sunday. Nothing moved on Friday. Iran met Syria on Monday and on Tuesday. "
            + "Nothing happened. Britain met Iran."
        let doc = EventsFixture.analyzer.recognize(text, date: "2015-12-15")
        try #require(doc.sentences.count == 5)
        let marks = TokenMarks(doc.tokens, table: EventsFixture.analyzer.eventFinder.shared.value.markTable)
        var dates = EventDating.SentenceDates(doc: doc, finder: DateFinder(), marks: marks, words: EventsFixture.analyzer.eventFinder.dating.words,
                                              periodOpeners: EventsFixture.kb.lexicon.dating.periodOpeners, reference: CalendarDate.parse("2015-12-15"))
        // Sentence 1 tells no event: its Friday is no narrative date.
        let hasEvent = [true, false, true, false, true]
        let within = EventDating.narrativeDates(&dates, hasEvent: hasEvent, paragraph: [0, 0, 0, 0, 1], limit: CalendarDate.parse("2015-12-15"))
        #expect(within.map { $0?.date.iso } == [nil, "2015-12-13", "2015-12-13", "2015-12-15", nil])
        // In one paragraph the last sentence takes the narrative date.
        let one = EventDating.narrativeDates(&dates, hasEvent: hasEvent, paragraph: [0, 0, 0, 0, 0], limit: CalendarDate.parse("2015-12-15"))
        #expect(one.last??.date.iso == "2015-12-15")
        // A limit before Tuesday: the latest date not after it.
        let limited = EventDating.narrativeDates(&dates, hasEvent: hasEvent, paragraph: [0, 0, 0, 0, 0], limit: CalendarDate.parse("2015-12-14"))
        #expect(limited.last??.date.iso == "2015-12-14")
    }

    @Test func anUndatedEventFarIntoAParagraphTakesItsNarrativeDate() {
        let filler = String(repeating: "The weather stayed cold. ", count: 300)
        let events = EventsFixture.events("Russia condemned Turkey on Sunday. " + filler + "Iran met Syria.")
        #expect(events.map(\.date) == ["2015-12-13", "2015-12-13"])
    }

    @Test func withoutAReferenceDateTheNearestUnresolvedExpressionOfTheSentenceIsQuoted() {
        // The second sentence's second expression is the nearer: its first token must be its own, not the first's.
        let events = EventsFixture.events("Russia condemned Turkey on Tuesday. On Monday the talks ended, and on Friday Iran met Syria.",
                                          published: nil)
        #expect(events.map(\.dateText) == ["Tuesday", "Friday"])
        #expect(events.allSatisfy { $0.date == nil })
    }

    // MARK: Event merging

    @Test func aMentionIsComparedWithABoundedNumberOfEarlierEventsOfItsType() {
        let russia = EntityRef.kb(0)
        func sanction(_ s: Int, by source: EntityRef) -> RawEvent {
            var e = RawEvent(type: .sanction, trigger: s..<(s + 1), sentence: s, participants: [], location: nil, date: nil,
                             dateBytes: nil, dateSource: nil, status: .occurred, negated: false)
            e.add(source, .source)
            return e
        }
        let others = (1...EventMerger.candidates).map { sanction($0, by: .local(Int32($0))) }
        // Russia's second sanction has `candidates` other sanctions between it and the first: the first is out of reach.
        let far = EventMerger().merge([sanction(0, by: russia)] + others + [sanction(others.count + 1, by: russia)])
        #expect(far.count == EventMerger.candidates + 2)
        // One fewer between them: the two merge.
        let near = EventMerger().merge([sanction(0, by: russia)] + others.dropLast() + [sanction(others.count, by: russia)])
        #expect(near.count == EventMerger.candidates)
    }

    @Test func mentionsOutsideTheWindowAreNotCompared() {
        var merger = EventMerger()
        merger.window = 3
        func consult(_ s: Int) -> RawEvent {
            var e = RawEvent(type: .consult, trigger: s..<(s + 1), sentence: s, participants: [], location: nil, date: nil,
                             dateBytes: nil, dateSource: nil, status: .occurred, negated: false)
            e.add(.kb(0), .source)
            return e
        }
        #expect(merger.merge([consult(0), consult(3)]).count == 1)
        #expect(merger.merge([consult(0), consult(4)]).count == 2)
    }

    // MARK: Entities

    @Test func mergedEntitiesSortTheirMentionsOnce() {
        func entity(_ starts: [Int], title: Bool = false) -> Entity {
            var e = Entity(id: "person-ann-lee", type: .person, name: "Ann Lee", source: .pattern)
            e.mentions = starts.map { Mention(start: $0, end: $0 + 3, text: "Lee", sentence: 0, kind: .surname, field: title ? .title : .text) }
            return e
        }
        var other = Entity(id: "country-rus", type: .country, name: "Russia", source: .knowledgeBase)
        other.mentions = [Mention(start: 5, end: 11, text: "Russia", sentence: 0, kind: .name, field: .text)]
        let assembler = EntityAssembler(kb: TestKB.shared, date: nil)
        let (merged, positions) = assembler.merge([entity([40, 10]), other, entity([2], title: true), entity([30, 1])])
        #expect(positions == [0, 1, 0, 0])
        #expect(merged.map(\.id) == ["person-ann-lee", "country-rus"])
        #expect(merged[0].mentions.map(\.start) == [1, 10, 30, 40, 2])
        #expect(merged[0].mentions.last?.field == .title)
    }

    @Test func anEntityKeepsABoundedNumberOfDistinctRoles() {
        let kept = EntityAssembler.addingTextRoles(["President", "Foreign Minister", "President", "Minister"],
                                                   to: ["President of Russia"])
        // "President" is said by the knowledge-base role; "Minister" is not a word prefix of "Foreign Minister".
        #expect(kept == ["President of Russia", "Foreign Minister", "Minister"])
        let many = (0..<1000).map { "Envoy \($0)" }
        #expect(EntityAssembler.addingTextRoles(many, to: []) == Array(many.prefix(EntityAssembler.maxRoles)))
    }

    // MARK: Names and pronouns

    @Test func aRunAroundAHeadNounIsBoundedInATextOfCapitalisedWordsWithoutAFullStop() {
        let text = String(repeating: "The Council Of The Ministry Met The Assembly Of The Party In The Capital And ", count: 40)
        let analysis = TestKB.analyzer.analyze(ArticleInput(text: text))
        let words = analysis.entities.flatMap(\.mentions).map { $0.text.split(separator: " ").count }
        #expect(!words.isEmpty)
        #expect(words.allSatisfy { $0 <= 2 * NamePatterns.runReach + 1 })
        // A long name of a body is still one name.
        #expect(TestKB.entity(of: "Ministry of Foreign Affairs and Trade of the Party", in: "A statement from the Ministry of Foreign Affairs and Trade of the Party followed.")?.type == .organization)
    }

    @Test func aCapitalisedRunLongerThanAnEventsNameNamesNoEvent() {
        // Within the bound: an event of its own, named by the run.
        let named = EventsFixture.events("Russia and Turkey signed a truce after the Second Great Northern War in 1721.")
        #expect(named.contains { $0.trigger == "Second Great Northern War" })
        // Each "War" of a longer run once named an event by the whole run before it.
        let run = EventsFixture.events("Russia and Turkey met. " + String(repeating: "War 2 ", count: 200) + "ended.")
        #expect(run.allSatisfy { $0.trigger.split(separator: " ").count <= EventExtractor.namedEventLength })
        #expect(run.count < 10)
    }

    @Test func aPronounLooksBackABoundedStretchForItsPerson() throws {
        func text(_ clauses: Int) -> String {
            "Sergei Lavrov arrived in Geneva and " + String(repeating: "the delegates waited and ", count: clauses) + "he said nothing had changed."
        }
        // Within reach (four tokens a clause).
        let near = EventsFixture.events(text(10))
        #expect(try #require(near.first { $0.type == .statement }).role(of: "person-sergei-lavrov") == .source)
        let far = EventsFixture.events(text(EventExtractor.pronounReach / 4 + 1))
        #expect(!far.contains { $0.type == .statement })
    }
}
