import Testing
import AttacheDates
@testable import AttacheCore

@Suite struct EventsDatingTests {
    /// Published on Tuesday 2015-12-15.
    static let published = "2015-12-15"

    @Test func theNearestExpressionOfTheSentenceDatesTheEvent() throws {
        let e = try #require(EventsFixture.events("Russia and Turkey met on Monday, a week after the crisis began in November.",
                                                  published: Self.published).first { $0.type == .consult })
        #expect(e.date == "2015-12-14")
        #expect(e.dateText == "Monday")
        #expect(e.dateSource == .text)
    }

    @Test func aSentenceWithoutTimeWordsTakesTheNarrativeDate() throws {
        let text = "Russia condemned Turkey on Sunday.\nIran also condemned Turkey."
        let events = EventsFixture.events(text, published: Self.published)
        #expect(events.map(\.date) == ["2015-12-13", "2015-12-13"])
        #expect(events.map(\.dateSource) == [.text, .published])
    }

    @Test func aYearAloneSetsNoNarrativeDate() throws {
        // The treaty keeps its year; the undated condemnation is of the story's days, not of 1998.
        let text = "Iran threatened Turkey on Monday. Russia signed a treaty with Turkey in 1998. Iran also condemned Turkey."
        let events = EventsFixture.events(text, published: Self.published)
        let treaty = try #require(events.first { $0.type == .agree })
        #expect(treaty.date == "1998")
        let accuse = try #require(events.first { $0.type == .accuse })
        #expect(accuse.date == "2015-12-14")
    }

    @Test func aFutureDateDoesNotDateWhatHappened() throws {
        let text = "The truce in Syria starts on Friday.\nRussia condemned Turkey.\nThe first step came on Monday."
        let events = EventsFixture.events(text, published: Self.published)
        let accuse = try #require(events.first { $0.type == .accuse })
        // The Friday of the first sentence is after publication: not carried to the past tense "condemned".
        #expect(accuse.date != "2015-12-18")
    }

    @Test func aDayAfterShiftsFromTheSentenceDate() throws {
        let text = "Turkey's army backed the government on Thursday, a day after Russia attacked Aleppo."
        let events = EventsFixture.events(text, published: "2015-12-18")
        let attack = try #require(events.first { $0.type == .assault })
        #expect(attack.date == "2015-12-16")
    }

    @Test func aDayAfterCoversTheWholeClauseItOpens() throws {
        let text = "Turkey's army backed the government on Thursday, a day after Russia's defence minister attacked Aleppo and then bombed Homs."
        let events = EventsFixture.events(text, published: "2015-12-18")
        let attacks = events.filter { $0.type == .assault }
        #expect(!attacks.isEmpty)
        #expect(attacks.allSatisfy { $0.date == "2015-12-16" })
    }

    @Test func theNextDayShiftsFromTheLastDate() throws {
        let text = "Russia bombed Aleppo on Dec. 1, and Turkey warned Russia the next day that it would respond."
        let events = EventsFixture.events(text, published: Self.published)
        let warning = try #require(events.first { $0.type == .threaten })
        #expect(warning.date == "2015-12-02")
    }

    @Test func anAttributiveDateBelongsToItsNoun() throws {
        let text = "Iran rejected the 2013 agreement with Turkey on Monday."
        let events = EventsFixture.events(text, published: Self.published)
        #expect(events.first { $0.type == .reject }?.date == "2015-12-14")
    }

    @Test func withoutAPublicationDateRelativeDatesStayUnresolved() throws {
        let events = EventsFixture.events("Russia condemned Turkey on Monday. Iran condemned Turkey in March 2011.", published: nil)
        #expect(events.count == 2)
        #expect(events[0].date == nil)
        #expect(events[0].dateText == "Monday")          // not guessed, but the words are kept
        #expect(events[0].dateSource == .text)
        #expect(events[1].date == "2011-03")
        // With a publication date the same words resolve.
        #expect(EventsFixture.events("Russia condemned Turkey on Monday.", published: "2015-12-15").first?.date == "2015-12-14")
        // No time words and no reference: no date and no words.
        let bare = try #require(EventsFixture.events("Russia condemned Turkey.", published: nil).first)
        #expect(bare.date == nil && bare.dateText == nil)
    }

    @Test func theDatelineDateIsTheReferenceWithoutAPublicationDate() throws {
        let events = EventsFixture.events("Geneva, Dec. 15, 2015 - Russia condemned Turkey on Monday.", published: nil)
        #expect(events.first?.date == "2015-12-14")
    }

    @Test(arguments: [("2015-12", "2015-12-15", true), ("2015", "2015-12-15", true), ("2015-11", "2015-12-15", false),
                      ("2015-12-15", "2015-12-15", true), ("2014", "2015-12-15", false)])
    func prefixOfACalendarDate(_ a: String, _ b: String, _ expected: Bool) throws {
        let x = try #require(CalendarDate.parse(a)), y = try #require(CalendarDate.parse(b))
        #expect(x.isPrefix(of: y) == expected)
    }

    @Test func aWarIsDatedByALaterMentionNotByTheLead() throws {
        let text = "Russia and Turkey signed a deal on Monday to end years of war in Syria.\nThe war, which began in March 2011, has killed many."
        let events = EventsFixture.events(text, published: Self.published)
        let war = try #require(events.first { $0.type == .assault })
        #expect(war.date == "2011-03")
        #expect(events.filter { $0.type == .assault }.count == 1)
        #expect(events.first { $0.type == .agree }?.date == "2015-12-14")
    }

    @Test func aFutureDateDoesNotDateAPastVerb() throws {
        let text = "Russia and Turkey signed a truce due to start on Friday, Iran said on Saturday."
        let events = EventsFixture.events(text, published: "2015-12-13")
        #expect(events.first { $0.type == .agree }?.date == "2015-12-12")
    }

    @Test func aDefiniteEventNounWithADatedParticipleIsAnEventOfItsOwn() throws {
        // No actor in the clause of "The accord", but the participle set off after it dates it: an event.
        let text = "The accord, signed late on Monday after months of haggling, gives Iran access to frozen funds."
        let events = EventsFixture.events(text, published: Self.published)
        let accord = try #require(events.first { $0.type == .agree })
        #expect(accord.date == "2015-12-14")
        #expect(accord.trigger == "accord")
        // Without the dated participle a bare definite noun is no event of its own.
        #expect(EventsFixture.events("The accord runs to eighty pages.", published: Self.published)
            .filter { $0.type == .agree }.isEmpty)
        // An attributive date belongs to the noun it stands before, not to the accord.
        #expect(EventsFixture.events("The accord, a 1991 text, runs to eighty pages.", published: Self.published)
            .filter { $0.type == .agree }.isEmpty)
    }

    @Test func aStrikeToldAsADayEarlierIsDatedByTheShift() throws {
        let text = "Turkish jets struck targets in Syria on Wednesday, a day after Russian warplanes hit a camp near the border."
        let events = EventsFixture.events(text, published: "2019-02-28")
        let hit = try #require(events.first { $0.trigger == "hit" })
        #expect(hit.type == .assault)
        #expect(hit.date == "2019-02-26")
        #expect(hit.participants.contains { $0.entity == "country-rus" && $0.role == .source })
        // "was hit by" names no attacker before the verb: no event from "hit".
        #expect(EventsFixture.events("The economy was hit by falling prices on Monday.", published: Self.published)
            .filter { $0.type == .assault }.isEmpty)
    }

    @Test func theDateLineOfANewsPageDatesNoEvent() throws {
        // Headline, date line, lead: the lead's "Friday" dates the lead and the undated sentence after it.
        let text = "Storm hits the coast\n\nMonday, May 18, 2015\n\nOn Friday, Russia condemned Turkey.\n\nIran threatened Turkey."
        let events = EventsFixture.events(text, published: "2015-05-18")
        #expect(events.map(\.date) == ["2015-05-15", "2015-05-15"])
        // The lead may go on on the date line's own line.
        let sameLine = "Thursday, May 7, 2015 On Tuesday, Russia condemned Turkey. Iran threatened Turkey."
        #expect(EventsFixture.events(sameLine, published: "2015-05-07").map(\.date) == ["2015-05-05", "2015-05-05"])
        // A full date inside a sentence is no date line.
        let inText = "Russia condemned Turkey on Monday, May 18, 2015."
        #expect(EventsFixture.events(inText, published: "2015-05-20").first?.date == "2015-05-18")
    }

    @Test func thePublicationDateDatesOnlyTheLeadOfAStory() throws {
        // A wire story's lead without time words reports today's news.
        let wire = "MOSCOW (Reuters) - Russia has condemned Turkey.\n\nIran threatened Turkey."
        let events = EventsFixture.events(wire, published: Self.published)
        #expect(events.map(\.date) == [Self.published, nil])
        #expect(events.first?.dateSource == .published)
        // A statement with no dateline and no time words: no date at all.
        let statement = EventsFixture.events("Russia condemned Turkey.\n\nIran threatened Turkey.", published: Self.published)
        #expect(statement.count == 2)
        #expect(statement.allSatisfy { $0.date == nil && $0.dateSource == nil })
    }

    @Test func aDateInALaterClauseWithAnEventOfItsOwnIsThatEventsDate() throws {
        let text = "Russia and Turkey held talks on trade on Monday, the first since a summit in Ankara in March."
        let events = EventsFixture.events(text, published: Self.published)
        let talks = try #require(events.first { $0.trigger == "held talks" })
        #expect(talks.date == "2015-12-14")
        let summit = try #require(events.first { $0.trigger == "summit" })
        #expect(summit.date == "2015-03")
        // Without a date of its own the talks do not take the summit's month either.
        let undated = EventsFixture.events("Russia and Turkey held talks on trade, the first since a summit in Ankara in March.",
                                           published: Self.published)
        #expect(try #require(undated.first { $0.trigger == "held talks" }).date == nil)
        // A clause of the same time dates what it joins: the condemnation came as the attack began.
        let same = EventsFixture.events("Iran condemned Turkey as the attack on Aleppo began on Monday.", published: Self.published)
        #expect(try #require(same.first { $0.type == .accuse }).date == "2015-12-14")
    }

    @Test func aStatementIsNotDatedByTheFutureItReports() throws {
        // Nothing else in the text dates the statement, and an article without a dateline is no wire lead.
        let text = "The truce will take effect on Thursday, the Russian statement said."
        let statement = try #require(EventsFixture.events(text, published: Self.published).first { $0.type == .statement })
        #expect(statement.date == nil)
    }

    @Test func aDateThatOpensAPeriodSetsNoNarrativeDate() throws {
        // "since" tells when the talking began, not when the story stands: the next sentence keeps Monday.
        let text = "Iran met Syria on Sunday. Iran has met Syria often since December 2. Britain condemned Iran."
        let events = EventsFixture.events(text, published: Self.published)
        #expect(events.map(\.date) == ["2015-12-13", "2015-12-02", "2015-12-13"])
    }

    @Test func weeksAfterADateTellOnlyItsYear() throws {
        let text = "The United States bombed Syria in October 2015, weeks after Russian jets attacked Aleppo."
        let events = EventsFixture.events(text, published: Self.published)
        #expect(try #require(events.first { $0.trigger == "bombed" }).date == "2015-10")
        #expect(try #require(events.first { $0.trigger == "attacked" }).date == "2015")
        // Without the shift the attack is of the same month.
        let plain = EventsFixture.events("The United States bombed Syria in October 2015, after Russian jets attacked Aleppo.",
                                         published: Self.published)
        #expect(try #require(plain.first { $0.trigger == "attacked" }).date == "2015-10")
    }

    @Test func aDateInAGerundClauseAfterTheTriggerIsThatVerbs() throws {
        // "resuming" has a clause of its own: October dates the resumption, not the calling off; May, across
        // "when", is the sentence's other date.
        let text = "The talks stalled in May when Turkey called them off, before resuming in October."
        let reject = try #require(EventsFixture.events(text, published: Self.published).first { $0.type == .reject })
        #expect(reject.date == "2015-05")
    }

    @Test func onlyAnIngFormRightAfterTheOpenerIsAGerundClause() {
        func tokens(_ text: String) -> (tokens: [Token], bytes: [UInt8]) {
            let bytes = Array(text.utf8)
            return (bytes.withUnsafeBufferPointer { EventsFixture.kb.tokenizer.tokenize($0) }, bytes)
        }
        let simultaneity = EventsFixture.kb.lexicon.dating.simultaneity
        // Token 1 "called" is the trigger, 4 "before" the opener, the date at 7.
        func gerund(_ text: String, opener: Int = 4, date: Int = 7) -> Bool {
            let t = tokens(text)
            let f = EventDating.Found(sentence: 0, token: date, end: date + 1, attributive: false,
                                      date: CalendarDate(year: 2015, month: 10), bytes: 0..<0)
            return EventDating.opensGerundClause(before: f, opener: opener, after: 1..<2, tokens: t.tokens, bytes: t.bytes,
                                                 simultaneity: simultaneity)
        }
        #expect(gerund("Turkey called off, before resuming in October"))
        // Not a verb in -ing: "before lengthy talks".
        #expect(!gerund("Turkey called off, before lengthy talks in October", date: 8))
        // Too short to be a gerund.
        #expect(!gerund("Turkey called off, before king in October"))
        // An opener of the same time.
        #expect(!gerund("Turkey called off, while visiting in October"))
        // The opener before the trigger belongs to the trigger's own clause.
        #expect(!gerund("Turkey called off, before resuming in October", opener: 0))
    }

    @Test func aNounMeasuredInWeeksIsDatedToTheMonth() throws {
        let text = "Iran and Turkey agreed on Monday after three weeks of talks in Geneva."
        let talks = try #require(EventsFixture.events(text, published: Self.published).first { $0.type == .consult })
        #expect(talks.date == "2015-12")
        // Hours are no coarser than a day: the date stays whole.
        let short = "Iran and Turkey agreed on Monday after fifteen hours of talks in Geneva."
        #expect(try #require(EventsFixture.events(short, published: Self.published).first { $0.type == .consult }).date == "2015-12-14")
    }

    @Test func todayInAQuotationIsTheDayItWasSaid() throws {
        // The statement was made on Monday; the article came out on Tuesday.
        let text = "Iran accused Turkey on Monday. Putin said in a statement: \"Today, Russia condemned Turkey.\""
        let events = EventsFixture.events(text, published: Self.published)
        let condemned = try #require(events.first { $0.trigger == "condemned" })
        #expect(condemned.date == "2015-12-14")
        // Outside a quotation "today" is the day of publication.
        let plain = try #require(EventsFixture.events("Iran accused Turkey on Monday. Today Russia condemned Turkey.",
                                                      published: Self.published).first { $0.trigger == "condemned" })
        #expect(plain.date == "2015-12-15")
    }

    @Test func aParagraphOpeningWithAnAdverbOfSequenceGoesOnFromTheOneBefore() throws {
        let before = "Iran threatened Turkey on Sunday.\n\nRussia accused Turkey on Monday.\n\n"
        let after = try #require(EventsFixture.events(before + "Shortly afterwards, Iran condemned Turkey.",
                                                      published: Self.published).first { $0.trigger == "condemned" })
        #expect(after.date == "2015-12-14")
        // A paragraph without one starts from the lead's date.
        let fresh = try #require(EventsFixture.events(before + "Iran condemned Turkey.",
                                                      published: Self.published).first { $0.trigger == "condemned" })
        #expect(fresh.date == "2015-12-13")
    }

    @Test func aSentenceWithoutAnEventSetsTheNarrativeDateToo() throws {
        let text = "Iran threatened Turkey on Sunday. The ambassador flew home on Monday. Russia condemned Turkey."
        let condemned = try #require(EventsFixture.events(text, published: Self.published).first { $0.trigger == "condemned" })
        #expect(condemned.date == "2015-12-14")
    }

    @Test func onlySentencesBeforeAnEventOfTheirParagraphAreNarrativeSources() {
        // Paragraph 0: sentences 0-2, an event in 1; paragraph 1: sentences 3-4, no event; paragraph 2: 5, an event.
        let sources = EventDating.narrativeSources(hasEvent: [false, true, false, false, false, true],
                                                   paragraph: [0, 0, 0, 1, 1, 2])
        #expect(sources == [true, true, false, false, false, true])
    }

    @Test func aDateBeforeTheNarrativesLooksBack() throws {
        let text = "Russia accused Turkey on Monday. The crisis began in November. Iran also condemned Turkey."
        let condemned = try #require(EventsFixture.events(text, published: Self.published).first { $0.trigger == "condemned" })
        #expect(condemned.date == "2015-12-14")
        let monday = CalendarDate(year: 2015, month: 12, day: 14)
        #expect(EventDating.isFlashback(CalendarDate(year: 2015, month: 11), from: monday))
        // The month of the narrative's day contains it; a later day and a first date are no flashback.
        #expect(!EventDating.isFlashback(CalendarDate(year: 2015, month: 12), from: monday))
        #expect(!EventDating.isFlashback(CalendarDate(year: 2015, month: 12, day: 15), from: monday))
        #expect(!EventDating.isFlashback(CalendarDate(year: 2015, month: 11), from: nil))
    }

    @Test func quotationsCloseAtTheirMarkOrAtTheParagraph() {
        let doc = EventsFixture.analyzer.recognize("He said: \"Not now\" and left.\n\nShe said: “Later.\n\nThe ‘hawks’ left. No.",
                                                   date: Self.published)
        let marks = TokenMarks(doc.tokens, table: EventsFixture.analyzer.eventFinder.shared.value.markTable)
        let inside = EventDating.insideQuotes(doc.tokens, marks.marks, bytes: doc.bytes)
        let words = doc.tokens.map { String(decoding: doc.bytes[Int($0.start)..<Int($0.end)], as: UTF8.self) }
        let quoted = zip(words, inside).filter { $0.1 && $0.0.first?.isLetter == true }.map(\.0)
        #expect(quoted == ["Not", "now", "Later"])
    }

    /// Each event's date by its trigger, for the clause-scope rules below.
    static func datesByTrigger(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for e in EventsFixture.events(text, published: published) { out[e.trigger] = e.date ?? "none" }
        return out
    }

    @Test func aParticipleClauseAfterAnEventNounDatesThatNounOnly() {
        let dates = Self.datesByTrigger("Moscow: Russia condemned Turkey on Monday.\n\n"
                                        + "The talks in Geneva produced an agreement, signed on Dec. 1, in which Iran pledged to help.")
        #expect(dates["agreement"] == "2015-12-01")
        // The talks came before the agreement they produced: the signing's day is not theirs, the narrative's is.
        #expect(dates["talks"] == "2015-12-14")
    }

    @Test func aParticipleClauseNeedsAnEventNounBeforeItsComma() {
        // "Aleppo, killed": no event noun heads the clause, so the date still reaches the verb before it.
        #expect(Self.datesByTrigger("Moscow: Russia attacked Aleppo, killed on Monday by the dozen.")["attacked"] == "2015-12-14")
    }

    @Test func anInfinitivesDateStaysInsideItsClause() {
        let dates = Self.datesByTrigger("Moscow: Russia and Turkey agreed on Sunday to hold talks with Iran this week "
                                        + "after intense negotiations between Putin and Erdogan.")
        // The talks to be held are of this week; the negotiations, after the infinitive closed, of Sunday.
        #expect(dates["hold talks"] == "2015-12")
        #expect(dates["negotiations"] == "2015-12-13")
    }

    @Test func toBeforeAnArticleOpensNoInfinitive() {
        // "to a truce" is a preposition's phrase: "this week" is in the same clause as the negotiations.
        let dates = Self.datesByTrigger("Moscow: Russia and Turkey agreed on Sunday to a truce in Syria after negotiations with Iran this week.")
        #expect(dates["negotiations"] == "2015-12")
    }

    @Test func aTrucesDateIsWhenItTakesEffect() {
        let dates = Self.datesByTrigger("Moscow: Russia and Turkey signed a truce on Sunday that will take effect on Friday.")
        #expect(dates["truce"] == "2015-12-18")
        #expect(dates["signed"] == "2015-12-13")
        // In the simple present too: a start on the calendar is a coming day.
        #expect(Self.datesByTrigger("Moscow: Russia and Turkey signed a truce on Sunday that takes effect on Friday.")["truce"]
                == "2015-12-18")
    }

    @Test func anAgreementIsNotDatedByWhenItTakesEffect() {
        let dates = Self.datesByTrigger("Moscow: Iran condemned Turkey on Monday.\n\n"
                                        + "The trade deal between Russia and Turkey came into force on Sunday.")
        // Sunday is when the deal began to apply; it was made before, on a day this sentence does not tell.
        #expect(dates["deal"] != nil)
        #expect(dates["deal"] != "2015-12-13")
    }

    @Test func aParagraphOpeningWithAResponseGoesOnFromTheOneBefore() {
        let lead = "Moscow: Russia condemned Turkey on Monday.\n\nIran accused Turkey on Sunday.\n\n"
        // The expulsion answers Sunday's accusation: the paragraph before sets its time, not the lead.
        #expect(Self.datesByTrigger(lead + "Speaking in Tehran, Turkey responded by expelling Iranian diplomats.")["expelling"]
                == "2015-12-13")
        // Without a response the paragraph starts afresh and takes the lead's date.
        #expect(Self.datesByTrigger(lead + "Speaking in Tehran, Turkey expelled Iranian diplomats.")["expelled"] == "2015-12-14")
    }

    @Test func aQuotedTodaySetsNoNarrativeDate() {
        let dates = Self.datesByTrigger("Moscow: Russia condemned Turkey on Monday.\n\n"
                                        + "Iran accused Turkey on Sunday. Rouhani said: \"Today we stand firm.\" Iran also threatened Turkey.")
        #expect(dates["threatened"] == "2015-12-13")
    }
}
