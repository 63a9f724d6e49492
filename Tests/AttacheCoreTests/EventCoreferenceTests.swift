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

    @Test func aDefiniteNounDatedByTheVerbThatGovernsItRefersBackWhateverItsDate() {
        // "Turkey and Iran held talks on Monday. Russia urged Turkey on Wednesday not to use the talks as a pretext."
        let monday = Fixture.event(.consult, sentence: 0, [(Fixture.turkey, .source), (Fixture.iran, .target)], date: "2015-12-14")
        var urged = Fixture.event(.appeal, sentence: 1, [(Fixture.russia, .source), (Fixture.turkey, .target)], date: "2015-12-09")
        urged.dateBytes = 70..<82
        var talks = Fixture.event(.consult, sentence: 1, [(Fixture.russia, .participant)], date: "2015-12-09", anaphoric: true)
        talks.isNoun = true
        talks.trigger = 16..<17
        talks.dateBytes = 70..<82
        #expect(EventCoreference.borrowsDate(talks, from: urged))
        let merged = EventMerger().merge([monday, urged, talks])
        #expect(merged.map(\.type) == [.consult, .appeal])
        #expect(merged[0].date == CalendarDate(year: 2015, month: 12, day: 14))
        // Dated by other words, by a verb of its own type ("the talks were held"), by a verb after it, or by a verb
        // too far before it to govern it, the noun keeps its date.
        var elsewhere = talks
        elsewhere.dateBytes = 90..<96
        #expect(!EventCoreference.borrowsDate(elsewhere, from: urged))
        var held = urged
        held.type = .consult
        #expect(!EventCoreference.borrowsDate(talks, from: held))
        var after = urged
        after.trigger = 18..<19
        #expect(!EventCoreference.borrowsDate(talks, from: after))
        var far = talks
        far.trigger = (11 + EventCoreference.governedReach + 1)..<(12 + EventCoreference.governedReach + 1)
        #expect(!EventCoreference.borrowsDate(far, from: urged))
        // An indefinite noun names an act of its own.
        var indefinite = talks
        indefinite.anaphoric = false
        #expect(!EventCoreference.borrowsDate(indefinite, from: urged))
        #expect(EventMerger().merge([monday, urged, indefinite]).count == 3)
    }

    @Test func theTalksAVerbDatesJoinTheTalksAlreadyTold() {
        let events = EventsFixture.events("Turkey and Iran held talks in Geneva on Monday. Russia urged Turkey on Wednesday not to use the talks as a pretext for new demands.")
        let talks = events.filter { $0.type == .consult }
        #expect(talks.count == 1)
        #expect(talks.first?.date == "2015-12-14")
        #expect(events.contains { $0.type == .appeal })
    }

    @Test func oneActorActingOnOthersActsTwice() {
        // "Britain urged Iran to act. ... Britain urged Turkey to act."
        let onIran = Fixture.event(.appeal, sentence: 0, [(Fixture.russia, .source), (Fixture.iran, .target)])
        let onTurkey = Fixture.event(.appeal, sentence: 2, [(Fixture.russia, .source), (Fixture.turkey, .target)])
        #expect(EventCoreference.actOnOthers(onIran, onTurkey))
        #expect(EventMerger().merge([onIran, onTurkey]).count == 2)
        // A target in common, or a mention naming none, is the same act told again.
        let again = Fixture.event(.appeal, sentence: 3, [(Fixture.russia, .source), (Fixture.iran, .target), (Fixture.turkey, .target)])
        #expect(!EventCoreference.actOnOthers(onIran, again))
        let bare = Fixture.event(.appeal, sentence: 3, [(Fixture.russia, .source)])
        #expect(!EventCoreference.actOnOthers(onIran, bare))
        #expect(EventMerger().merge([onIran, bare]).count == 1)
        // A meeting names its sides in either order; a noun may name the event with other names.
        let met = Fixture.event(.consult, sentence: 0, [(Fixture.russia, .source), (Fixture.iran, .target)])
        let metAgain = Fixture.event(.consult, sentence: 2, [(Fixture.russia, .source), (Fixture.turkey, .target)])
        #expect(!EventCoreference.actOnOthers(met, metAgain))
        var noun = onTurkey
        noun.isNoun = true
        #expect(!EventCoreference.actOnOthers(onIran, noun))
    }

    @Test func twoAppealsToTwoCountriesAreTwoEvents() {
        let events = EventsFixture.events("Britain urged Iran to release the sailors. The talks in Geneva ended without a deal. Britain also urged Russia to release the prisoners.")
        let appeals = events.filter { $0.type == .appeal }
        #expect(appeals.count == 2)
        #expect(appeals.first?.entityIDs.contains("country-rus") == false)
    }
}

extension EventCoreferenceTests {
    @Test func aVaguerMentionKeepsThePublishedDayOfTheLead() throws {
        // Published 8 March 2031: "Russia and Turkey held talks in Geneva." ... "Russia met Turkey in March, the first time in years."
        let merged = EventMerger().merge([
            Fixture.event(.consult, sentence: 0, [(Fixture.russia, .source), (Fixture.turkey, .target)], date: "2031-03-08",
                          source: .published),
            Fixture.event(.consult, sentence: 3, [(Fixture.russia, .source), (Fixture.turkey, .target)], date: "2031-03"),
        ])
        #expect(merged.count == 1)
        #expect(merged[0].date == CalendarDate(year: 2031, month: 3, day: 8))
        #expect(merged[0].dateSource == .published)
    }

    @Test(arguments: [
        ("2031-03-08", "2031-03", true), ("2031-03-08", "2031", true),
        // A finer or another date is news of the date, and is taken.
        ("2031-03-08", "2031-03-06", false), ("2031-03-08", "2031-02", false), ("2031-03", "2031-03", false),
    ])
    func onlyACoarserDateHoldingThePublishedDayIsVaguer(_ published: String, _ told: String, _ expected: Bool) {
        let lead = Fixture.event(.consult, sentence: 0, [(Fixture.russia, .source)], date: published, source: .published)
        let later = Fixture.event(.consult, sentence: 2, [(Fixture.russia, .source)], date: told)
        #expect(EventCoreference.vaguerThanPublished(later, than: lead) == expected)
        // A date read from the text is the event's own, not a publication date to keep.
        let dated = Fixture.event(.consult, sentence: 0, [(Fixture.russia, .source)], date: published)
        #expect(!EventCoreference.vaguerThanPublished(later, than: dated))
    }
}
