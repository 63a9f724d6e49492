import Testing
@testable import AttacheDates

/// What `find` returned, flattened for comparison: text, ISO date or "-" (nil), "D" for durations.
private func found(_ text: String, _ reference: String?) -> [String] {
    DateFinder().find(in: text, reference: reference.flatMap(CalendarDate.parse)).map {
        "\($0.text)=\($0.date?.iso ?? "-")\($0.isDuration ? " D" : "")"
    }
}

struct FindCase: CustomTestStringConvertible, Sendable {
    let text: String
    let reference: String?
    let expected: [String]
    init(_ text: String, _ reference: String?, _ expected: [String]) {
        self.text = text
        self.reference = reference
        self.expected = expected
    }
    var testDescription: String { text }
}

@Suite struct DateFinderTests {
    @Test(arguments: [
        // Corpus-style sentences (publication dates: 2015-12-15 Tue, 1995-11-22 Wed, 2019-02-28 Thu).
        FindCase("The United States and Russia agreed Tuesday to push ahead with Syrian peace talks in New York this week.",
                 "2015-12-15", ["Tuesday=2015-12-15", "this week=2015-12"]),
        FindCase("\"We will meet at the ministerial level this Friday December 18,\" Lavrov said.",
                 "2015-12-15", ["this Friday December 18=2015-12-18"]),
        FindCase("Moscow took issue with last week's unprecedented rebel talks in Riyadh.",
                 "2015-12-15", ["last week=2015-12"]),
        FindCase("It was the timetable set out by world powers in Vienna last month.", "2015-12-15", ["last month=2015-11"]),
        FindCase("More than 250,000 people have died since the conflict erupted in March 2011.", "2015-12-15", ["March 2011=2011-03"]),
        FindCase("The presidents initialed an agreement on Tuesday.", "1995-11-22", ["Tuesday=1995-11-21"]),
        // Text split by another tokenizer: a detached dot after a month abbreviation.
        FindCase("Gunmen stormed the town on Oct . 7 , killing many .", "2023-11-23", ["Oct . 7=2023-10-07"]),
        // ... but a bare "Dec" with no day after it stays no date (as "in Dec" would).
        FindCase("The talks ended in Dec . Then fighting resumed .", "2023-11-23", []),
        FindCase("The formal signing is to take place in Paris next month.", "1995-11-22", ["next month=1995-12"]),
        // A span of days dates its first day, with the span's year.
        FindCase("Soldiers held a live-fire drill October 25-26, 2016, near the border.", nil, ["October 25-26, 2016=2016-10-25"]),
        FindCase("The envoys meet on 3–5 March in Oslo.", "2015-02-20", ["3–5 March=2015-03-03"]),
        // A falling second number is no span of days ("October 25-3" is a score, a count or a typo).
        FindCase("The vote of December 25-3 was close.", "2015-12-28", ["December 25=2015-12-25"]),
        FindCase("Pakistan will hand back a captured pilot on Friday, Khan said on Thursday.",
                 "2019-02-28", ["Friday=2019-03-01", "Thursday=2019-02-28"]),
        FindCase("The pilot, whose jet was shot down on Wednesday, would be released.", "2019-02-28", ["Wednesday=2019-02-27"]),
        FindCase("Rouhani said on Tuesday that Iran would stay in the accord.", "2018-05-09", ["Tuesday=2018-05-08"]),
        FindCase("Hanegbi said late on Wednesday that no hostages would be released before Friday.",
                 "2023-11-23", ["Wednesday=2023-11-22", "Friday=2023-11-24"]),
        FindCase("Leaders were expected on Monday to issue a communique.", "2016-09-05", ["Monday=2016-09-05"]),
        FindCase("Colombians will vote on the accord in a referendum on Sunday.", "2016-09-27", ["Sunday=2016-10-02"]),
        FindCase("Biden was due to deliver a speech on Wednesday evening.", "2023-07-12", ["Wednesday evening=2023-07-12"]),
        FindCase("The talks were held over the weekend.", "2015-12-15", ["the weekend=2015-12-12"]),
        FindCase("Putin said the truce would take effect from the first minute of Sunday, February 15, and both sides agreed.",
                 "2015-02-12", ["Sunday, February 15=2015-02-15"]),
        FindCase("The war broke out in April 1992 after Bosnia voted for independence.", "1995-11-22", ["April 1992=1992-04"]),
        FindCase("The ceiling agreed in 2002 stands; talks were held in 2021 and 2022.", nil, ["2002=2002", "2021=2021", "2022=2022"]),
        FindCase("In 2014 people voted; from 2015 to 2017 and by 2030 it will change.", nil,
                 ["2014=2014", "2015=2015", "2017=2017", "2030=2030"]),
        FindCase("It followed the 2008 war, a 2021 coup and the 1991 Strategic Arms Reduction Treaty.", nil,
                 ["2008=2008", "2021=2021", "1991=1991"]),
        FindCase("The drills were the most menacing since the 1995-96 missile crisis.", nil, ["1995-96=1995"]),
        FindCase("Prices fell in mid-2014 and rose in early 2015 and through the 1990s.", nil,
                 ["mid-2014=2014", "early 2015=2015", "1990s=199X"]),
        FindCase("Earlier this month the body voted not to recognise him.", "2019-01-24", ["Earlier this month=2019-01"]),
        FindCase("Last year Trump threatened North Korea.", "2018-06-12", ["Last year=2017"]),
        FindCase("More than 5,000 people have been killed since June last year.", "2015-02-12", ["June last year=2014-06"]),
        FindCase("He argues that the re-election last May was a sham.", "2019-01-24", ["last May=2018-05"]),
        FindCase("Trump said in a statement: \"Today, I am officially recognizing him.\"", "2019-01-24", ["Today=2019-01-24"]),
        FindCase("The attack on the air base in January killed seven.", "2016-09-05", ["January=2016-01"]),
        FindCase("The treaty expired in December.", "2010-04-08", ["December=2009-12"]),
        FindCase("A deal was reached on Nov. 4, 2020, and on Jan. 2. On Saturday, he wrote.", "2021-01-10",
                 ["Nov. 4, 2020=2020-11-04", "Jan. 2=2021-01-02", "Saturday=2021-01-09"]),
        FindCase("Diplomats met on 18 December 2015 and on the 3rd of March.", "2016-01-20",
                 ["18 December 2015=2015-12-18", "the 3rd of March=2016-03-03"]),
        FindCase("The dateline read 2015-12-15T10:00:00Z in the feed.", nil, ["2015-12-15=2015-12-15"]),
        FindCase("Earlier in the day China suspended imports; the ships sailed overnight.", "2022-08-03",
                 ["Earlier in the day=2022-08-03", "overnight=2022-08-03"]),
        FindCase("The guarantors are to agree on maps by the end of the year.", "2017-05-04", ["the end of the year=2017"]),
        FindCase("The formal talks were held three weeks ago and will resume in two weeks.", "2015-12-15",
                 ["three weeks ago=2015-11", "in two weeks=2015-12"]),
        FindCase("The truce will take effect in two days.", "2015-12-15", ["in two days=2015-12-17"]),
        FindCase("Officials met a few days ago.", "2015-12-15", ["a few days ago=-"]),
        // Durations: never points in time.
        FindCase("They agreed to end more than three and a half years of war after three weeks of closed-door negotiations.",
                 "1995-11-22", ["three and a half years=- D", "three weeks=- D"]),
        FindCase("Holbrooke kept the three leaders at the base for 21 days.", "1995-11-22", ["21 days=- D"]),
        FindCase("They signed a seven-day ceasefire after five weeks of fighting.", "2023-05-21",
                 ["seven-day=- D", "five weeks=- D"]),
        FindCase("She was the first speaker to visit Taiwan in 25 years.", "2022-08-03", ["in 25 years=- D"]),
        // No reference date: relative expressions keep a nil date, explicit ones resolve.
        FindCase("He arrived on Friday, December 18, 2015 and left on Saturday.", nil,
                 ["Friday, December 18, 2015=2015-12-18", "Saturday=-"]),
        FindCase("The vote is on December 18, while talks were last month.", nil, ["December 18=-", "last month=-"]),
    ])
    func findsInSentences(_ c: FindCase) {
        #expect(found(c.text, c.reference) == c.expected)
    }

    /// Ordinary text with words that look like dates.
    @Test(arguments: [
        "May I ask a question?",
        "Thousands joined the march on the capital.",
        "Will said he was pleased.",
        "About 20,000 troops and 1,550 warheads were counted.",
        "It is a 17-nation group.",
        "The meeting starts at 10 a.m. sharp.",
        "Prime Minister Theresa May, who resigned, spoke.",
        "Those talks may resume soon.",
        "The 2014 people who voted were counted.",
        "She won 2015 votes.",
        "Room 1990 is upstairs.",
        "Up to 2000 troops and a force of 1900 men were sent by 1950 volunteers.",
        "June Carter sang and an august body listened.",
        "He read chapter 12 of the report at 18:30.",
        "The score was 3.5 percent in the final round.",
        "The last word was his; the next round is open.",
    ])
    func noFalseHits(_ text: String) {
        #expect(found(text, "2015-12-15") == [])
    }

    @Test func byteOffsetsAfterNonASCII() throws {
        let text = "Brčko said on Tuesday that “the deal” — signed Dec. 18 — holds."
        let hits = DateFinder().find(in: text, reference: CalendarDate(year: 2015, month: 12, day: 22))
        try #require(hits.count == 2)
        #expect(hits[0].range == 15..<22)                       // "Brčko" is 6 bytes
        #expect(hits[0].text == "Tuesday")
        #expect(hits[0].date?.iso == "2015-12-22")
        #expect(hits[0].isRelative)
        let bytes = Array(text.utf8)
        for h in hits {
            #expect(String(decoding: bytes[h.range], as: UTF8.self) == h.text)
        }
        #expect(hits[1].text == "Dec. 18")
        #expect(hits[1].date?.iso == "2015-12-18")
    }

    @Test func bufferAndStringEntryPointsAgree() {
        let text = "Doha, Nov 23 — A four-day truce will take effect at 7 a.m. on Friday, Qatar said on Thursday."
        let ref = CalendarDate(year: 2023, month: 11, day: 23)
        let finder = DateFinder()
        let viaString = finder.find(in: text, reference: ref)
        let viaBuffer = Array(text.utf8).withUnsafeBufferPointer { finder.find(utf8: $0, reference: ref) }
        #expect(viaString == viaBuffer)
        #expect(viaString.map(\.text) == ["Nov 23", "four-day", "Friday", "Thursday"])
        #expect(viaString.map { $0.date?.iso } == ["2023-11-23", nil, "2023-11-24", "2023-11-23"])
    }

    @Test func flagsExplicitAndDurationExpressions() throws {
        let hits = DateFinder().find(in: "In March 2011, after 21 days, on Tuesday.", reference: CalendarDate(year: 2015, month: 12, day: 15))
        try #require(hits.count == 3)
        #expect(!hits[0].isRelative && !hits[0].isDuration)
        #expect(hits[1].isDuration && hits[1].date == nil && !hits[1].isRelative)
        #expect(hits[2].isRelative && !hits[2].isDuration)
    }

    @Test func emptyAndPunctuationOnlyText() {
        #expect(found("", "2015-12-15") == [])
        #expect(found("— … “ ” ,.;", "2015-12-15") == [])
        #expect(found("Tuesday", "2015-12-15") == ["Tuesday=2015-12-15"])
    }
}
