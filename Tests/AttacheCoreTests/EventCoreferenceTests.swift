import Testing
import AttacheDates
@testable import AttacheCore

@Suite struct EventCoreferenceTests {
    typealias Fixture = EventsMergerTests

    @Test(arguments: [
        ("2015", "2015-07", true), ("2015-07-14", "2015", true), ("2015-07", "2015-07", true),
        ("2015-07", "2015-07-14", false), ("2015-07", "2015-08", false), ("2014", "2015-07", false),
        ("2015-07-14", "2015-07-15", false),
    ])
    func aYearHoldsTheFinerDatesOfItsEvent(_ a: String, _ b: String, _ expected: Bool) throws {
        let x = try #require(CalendarDate.parse(a)), y = try #require(CalendarDate.parse(b))
        #expect(EventCoreference.compatible(x, y) == expected)
    }

    @Test func theFinerOfTwoDatesIsKept() throws {
        let year = try #require(CalendarDate.parse("2015")), month = try #require(CalendarDate.parse("2015-07"))
        #expect(EventCoreference.finer(year, month) == month)
        #expect(EventCoreference.finer(month, year) == month)
        // "the 2015 agreement with Iran", then "the agreement, reached by Iran in July 2015".
        let merged = EventMerger().merge([
            Fixture.event(.agree, sentence: 0, [(Fixture.iran, .target)], date: "2015"),
            Fixture.event(.agree, sentence: 4, [(Fixture.iran, .source)], date: "2015-07"),
        ])
        #expect(merged.count == 1)
        #expect(merged[0].date == month)
    }

    @Test func aMonthAndADayInItAreTwoActs() {
        // "initialed the accord on Tuesday" and "a separate deal reached earlier this month".
        let merged = EventMerger().merge([
            Fixture.event(.agree, sentence: 0, [(Fixture.turkey, .source)], date: "1995-11-21"),
            Fixture.event(.agree, sentence: 5, [(Fixture.turkey, .source)], date: "1995-11"),
        ])
        #expect(merged.count == 2)
    }

    @Test func aTriggerWithNoActorAfterADefiniteNounOfItsTypeJoinsWhatTheNounRefersTo() {
        // "Turkey and Iran signed a pact on Monday. ... The pact was signed in Geneva."
        var noun = Fixture.event(.agree, sentence: 3, [], anaphoric: true)
        noun.isNoun = true
        noun.orphan = true
        let signed = Fixture.event(.agree, sentence: 3, [], location: Fixture.geneva)
        #expect(EventCoreference.continuesDefiniteNoun(signed, after: noun))
        let merged = EventMerger().merge([Fixture.event(.agree, sentence: 0, [(Fixture.turkey, .source)]), noun, signed])
        #expect(merged.count == 1)
        #expect(merged[0].location == Fixture.geneva)
        // With an actor of its own, or after a noun of another type or sentence, it is an event of its own.
        #expect(!EventCoreference.continuesDefiniteNoun(Fixture.event(.agree, sentence: 3, [(Fixture.iran, .source)]), after: noun))
        #expect(!EventCoreference.continuesDefiniteNoun(Fixture.event(.consult, sentence: 3, [], location: Fixture.geneva), after: noun))
        #expect(!EventCoreference.continuesDefiniteNoun(Fixture.event(.agree, sentence: 4, [], location: Fixture.geneva), after: noun))
    }

    @Test func aVerbOfItsTypeRightAfterAnEventNounTellsMoreOfThatEvent() {
        // Russia hosted the talks between Iran and Turkey: one meeting, not a second one hosted by Russia.
        let hosted = EventsFixture.events("The talks between Iran and Turkey, hosted by Russia, ended in Geneva on Monday.").filter { $0.type == .consult }
        #expect(hosted.count == 1)
        #expect(hosted.first?.entityIDs.contains("country-rus") == true)
        // A verb further on, after words of its own, is an event of its own.
        let later = EventsFixture.events("Iran and Turkey held talks in Geneva on Monday, and Russia hosted Syria in Moscow.")
        #expect(later.filter { $0.type == .consult }.count == 2)
    }
}
