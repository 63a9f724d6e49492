import Testing
@testable import AttacheDates

/// One row: a phrase, the reference date (nil: none), the tense, the expected ISO date (nil: unresolved).
struct ResolveCase: CustomTestStringConvertible, Sendable {
    let phrase: String
    let reference: String?
    let tense: Tense
    let expected: String?
    init(_ phrase: String, _ reference: String?, _ tense: Tense = .unknown, _ expected: String?) {
        self.phrase = phrase
        self.reference = reference
        self.tense = tense
        self.expected = expected
    }
    var testDescription: String { "\"\(phrase)\" @\(reference ?? "none") \(tense) → \(expected ?? "nil")" }
}

// 2015-12-15 is a Tuesday; 2016-01-01 a Friday; 2016-02-29 a Monday; 2000-02-29 a Tuesday;
// 2100-02-26 a Friday (2100 is not a leap year).
let tue = "2015-12-15"

let resolveCases: [ResolveCase] = [
    // Weekdays: past/unknown → on or before the reference, future → on or after; same day counts.
    ResolveCase("Tuesday", tue, .past, "2015-12-15"),
    ResolveCase("Tuesday", tue, .unknown, "2015-12-15"),
    ResolveCase("Tuesday", tue, .future, "2015-12-15"),
    ResolveCase("Tuesday", tue, .present, "2015-12-15"),
    ResolveCase("on Monday", tue, .past, "2015-12-14"),
    ResolveCase("Monday", tue, .future, "2015-12-21"),
    ResolveCase("Wednesday", tue, .past, "2015-12-09"),
    ResolveCase("Wednesday", tue, .unknown, "2015-12-09"),
    ResolveCase("Wednesday", tue, .future, "2015-12-16"),
    ResolveCase("Friday", tue, .future, "2015-12-18"),
    ResolveCase("Sunday", tue, .past, "2015-12-13"),
    ResolveCase("this Friday", tue, .unknown, "2015-12-18"),
    ResolveCase("this Friday", tue, .past, "2015-12-11"),
    ResolveCase("last Friday", tue, .unknown, "2015-12-11"),
    ResolveCase("last Tuesday", tue, .unknown, "2015-12-08"),
    ResolveCase("next Tuesday", tue, .unknown, "2015-12-22"),
    ResolveCase("next Friday", tue, .past, "2015-12-18"),
    ResolveCase("coming Sunday", tue, .unknown, "2015-12-20"),
    ResolveCase("this coming Monday", tue, .unknown, "2015-12-21"),
    ResolveCase("Friday morning", tue, .future, "2015-12-18"),
    ResolveCase("Friday December 18", tue, .unknown, "2015-12-18"),
    ResolveCase("this Friday December 18", tue, .unknown, "2015-12-18"),
    ResolveCase("Friday, Dec. 18", tue, .past, "2015-12-18"),
    // Across month, year and leap-day boundaries.
    ResolveCase("Sunday", "2016-01-01", .past, "2015-12-27"),
    ResolveCase("Monday", "2016-01-01", .past, "2015-12-28"),
    ResolveCase("Monday", "2015-12-31", .future, "2016-01-04"),
    ResolveCase("last Saturday", "2016-03-01", .unknown, "2016-02-27"),
    ResolveCase("Monday", "2016-03-01", .past, "2016-02-29"),
    ResolveCase("Tuesday", "2016-02-29", .future, "2016-03-01"),
    ResolveCase("Tuesday", "2000-02-29", .past, "2000-02-29"),
    ResolveCase("last Tuesday", "2000-03-01", .unknown, "2000-02-29"),
    ResolveCase("next Monday", "2100-02-26", .unknown, "2100-03-01"),
    ResolveCase("yesterday", "2016-03-01", .unknown, "2016-02-29"),
    ResolveCase("yesterday", "2015-03-01", .unknown, "2015-02-28"),
    ResolveCase("yesterday", "2000-03-01", .unknown, "2000-02-29"),
    ResolveCase("tomorrow", "2016-02-28", .unknown, "2016-02-29"),
    ResolveCase("tomorrow", "2100-02-28", .unknown, "2100-03-01"),
    ResolveCase("tomorrow", "2015-12-31", .past, "2016-01-01"),
    // Day words.
    ResolveCase("today", tue, .unknown, "2015-12-15"),
    ResolveCase("Today", tue, .past, "2015-12-15"),
    ResolveCase("tonight", tue, .future, "2015-12-15"),
    ResolveCase("this morning", tue, .unknown, "2015-12-15"),
    ResolveCase("this afternoon", tue, .unknown, "2015-12-15"),
    ResolveCase("this evening", tue, .unknown, "2015-12-15"),
    ResolveCase("last night", tue, .unknown, "2015-12-14"),
    ResolveCase("last night", "2016-01-01", .unknown, "2015-12-31"),
    ResolveCase("overnight", tue, .past, "2015-12-15"),
    ResolveCase("earlier today", tue, .unknown, "2015-12-15"),
    ResolveCase("earlier in the day", tue, .unknown, "2015-12-15"),
    ResolveCase("yesterday morning", tue, .unknown, "2015-12-14"),
    ResolveCase("tomorrow night", tue, .unknown, "2015-12-16"),
    // Weeks (month precision), months, years.
    ResolveCase("this week", tue, .unknown, "2015-12"),
    ResolveCase("last week", tue, .unknown, "2015-12"),
    ResolveCase("last week", "2015-12-03", .unknown, "2015-11"),
    ResolveCase("next week", "2015-12-28", .unknown, "2016-01"),
    ResolveCase("earlier this week", tue, .unknown, "2015-12"),
    ResolveCase("this month", tue, .unknown, "2015-12"),
    ResolveCase("last month", tue, .unknown, "2015-11"),
    ResolveCase("last month", "2016-01-10", .unknown, "2015-12"),
    ResolveCase("next month", tue, .unknown, "2016-01"),
    ResolveCase("earlier this month", tue, .unknown, "2015-12"),
    ResolveCase("later this month", tue, .unknown, "2015-12"),
    ResolveCase("this year", tue, .unknown, "2015"),
    ResolveCase("last year", tue, .unknown, "2014"),
    ResolveCase("next year", tue, .unknown, "2016"),
    ResolveCase("earlier this year", tue, .unknown, "2015"),
    ResolveCase("later this year", tue, .unknown, "2015"),
    ResolveCase("the end of the year", tue, .unknown, "2015"),
    ResolveCase("by the end of next year", tue, .unknown, "2016"),
    ResolveCase("the end of the month", tue, .unknown, "2015-12"),
    ResolveCase("the beginning of next month", tue, .unknown, "2016-01"),
    // Counts.
    ResolveCase("three days ago", tue, .unknown, "2015-12-12"),
    ResolveCase("3 days ago", tue, .future, "2015-12-12"),
    ResolveCase("a day ago", tue, .unknown, "2015-12-14"),
    ResolveCase("16 days ago", tue, .unknown, "2015-11-29"),
    ResolveCase("two weeks ago", tue, .unknown, "2015-12"),
    ResolveCase("three weeks ago", tue, .unknown, "2015-11"),
    ResolveCase("a month ago", tue, .unknown, "2015-11"),
    ResolveCase("six months ago", tue, .unknown, "2015-06"),
    ResolveCase("twelve months ago", tue, .unknown, "2014-12"),
    ResolveCase("two years ago", tue, .unknown, "2013"),
    ResolveCase("a year ago", tue, .unknown, "2014"),
    ResolveCase("two decades ago", tue, .unknown, "1995"),
    ResolveCase("three hours ago", tue, .unknown, "2015-12-15"),
    ResolveCase("a few days ago", tue, .unknown, nil),
    ResolveCase("several weeks ago", tue, .unknown, nil),
    ResolveCase("three and a half years ago", tue, .unknown, nil),
    ResolveCase("in three days", tue, .unknown, "2015-12-18"),
    ResolveCase("in 10 days", tue, .future, "2015-12-25"),
    ResolveCase("in three days", tue, .past, nil),
    ResolveCase("in two weeks", tue, .future, "2015-12"),
    ResolveCase("in a month", tue, .future, "2016-01"),
    ResolveCase("in two years", tue, .future, "2017"),
    // Month and day.
    ResolveCase("December 18", tue, .unknown, "2015-12-18"),
    ResolveCase("Dec. 18", tue, .unknown, "2015-12-18"),
    ResolveCase("Dec 18", tue, .unknown, "2015-12-18"),
    ResolveCase("18 December", tue, .unknown, "2015-12-18"),
    ResolveCase("December 18th", tue, .past, "2015-12-18"),
    ResolveCase("the 18th of December", tue, .unknown, "2015-12-18"),
    ResolveCase("December 18, 2015", nil, .unknown, "2015-12-18"),
    ResolveCase("18 December 2015", nil, .unknown, "2015-12-18"),
    ResolveCase("Nov. 4, 2020", tue, .unknown, "2020-11-04"),
    ResolveCase("on March 3", tue, .past, "2015-03-03"),
    ResolveCase("March 3", tue, .future, "2016-03-03"),
    ResolveCase("March 3", tue, .unknown, "2016-03-03"),
    ResolveCase("January 5", tue, .unknown, "2016-01-05"),
    ResolveCase("June 20", tue, .unknown, "2015-06-20"),
    ResolveCase("Sept. 11", tue, .past, "2015-09-11"),
    ResolveCase("November 30", tue, .future, "2015-11-30"),   // 2016-11-30 is too far: nearest wins
    ResolveCase("December 20", tue, .past, "2015-12-20"),     // 2014-12-20 is too far: nearest wins
    ResolveCase("February 29", tue, .unknown, "2016-02-29"),
    ResolveCase("February 29", "2016-06-01", .past, "2016-02-29"),
    ResolveCase("February 29, 2015", tue, .unknown, "2015"),  // no such day: only the year is kept
    ResolveCase("Sunday, February 15", "2015-02-12", .unknown, "2015-02-15"),
    ResolveCase("Sunday, February 15", "2015-02-12", .past, "2015-02-15"),  // only 2015-02-15 is a Sunday
    ResolveCase("the 15th of February", "2015-02-12", .unknown, "2015-02-15"),
    // Months alone.
    ResolveCase("in March", tue, .past, "2015-03"),
    ResolveCase("in March", tue, .future, "2016-03"),
    ResolveCase("in December", tue, .past, "2015-12"),
    ResolveCase("in December", tue, .future, "2015-12"),
    ResolveCase("in January", tue, .unknown, "2016-01"),
    ResolveCase("in September", tue, .unknown, "2015-09"),
    ResolveCase("late March", tue, .past, "2015-03"),
    ResolveCase("mid-July", "2017-05-04", .future, "2017-07"),
    ResolveCase("the end of December", "2017-05-04", .past, "2016-12"),
    ResolveCase("last May", "2019-01-24", .unknown, "2018-05"),
    ResolveCase("last May", "2019-06-10", .unknown, "2019-05"),
    ResolveCase("last May", "2019-05-10", .unknown, "2018-05"),
    ResolveCase("next March", tue, .unknown, "2016-03"),
    ResolveCase("June last year", "2015-02-12", .unknown, "2014-06"),
    ResolveCase("March 2011", nil, .unknown, "2011-03"),
    ResolveCase("Jan. 2016", nil, .unknown, "2016-01"),
    // Years and decades.
    ResolveCase("in 2014", nil, .unknown, "2014"),
    ResolveCase("2014", tue, .past, "2014"),
    ResolveCase("the 1990s", nil, .unknown, "199X"),
    ResolveCase("mid-2014", nil, .unknown, "2014"),
    ResolveCase("early 2015", nil, .unknown, "2015"),
    ResolveCase("late 2015", tue, .future, "2015"),
    // Weekends and seasons.
    ResolveCase("the weekend", tue, .past, "2015-12-12"),
    ResolveCase("the weekend", tue, .unknown, "2015-12-12"),
    ResolveCase("the weekend", tue, .future, "2015-12-19"),
    ResolveCase("last weekend", tue, .unknown, "2015-12-12"),
    ResolveCase("next weekend", tue, .unknown, "2015-12-19"),
    ResolveCase("this weekend", tue, .unknown, "2015-12-19"),
    ResolveCase("last weekend", "2015-12-20", .unknown, "2015-12-12"),
    ResolveCase("this spring", tue, .unknown, "2015"),
    ResolveCase("next spring", tue, .unknown, "2016"),
    ResolveCase("last summer", tue, .unknown, "2015"),
    // ISO.
    ResolveCase("2015-12-15", nil, .unknown, "2015-12-15"),
    ResolveCase("2015-12-15T10:00:00Z", nil, .unknown, "2015-12-15"),
    ResolveCase("2100-02-29", tue, .unknown, nil),
    // No reference: relative expressions stay unresolved.
    ResolveCase("Friday", nil, .past, nil),
    ResolveCase("last month", nil, .unknown, nil),
    ResolveCase("December 18", nil, .unknown, nil),
    ResolveCase("Friday, Dec. 18", nil, .unknown, nil),
    ResolveCase("yesterday", nil, .unknown, nil),
    // Durations and non-dates.
    ResolveCase("three weeks", tue, .unknown, nil),
    ResolveCase("for 21 days", tue, .unknown, nil),
    ResolveCase("two days later", tue, .unknown, nil),
    // Against a reference known only to the month (an official release dated "2016-11"): the month's year.
    ResolveCase("on November 17", "2016-11", .unknown, "2016-11-17"),
    ResolveCase("on November 17", "2016-11", .future, "2016-11-17"),
    ResolveCase("December 3", "2016-01", .past, "2015-12-03"),
    ResolveCase("February 3", "2016-01", .future, "2016-02-03"),
    ResolveCase("February 30", "2016-01", .unknown, nil),
    ResolveCase("on November 17", "2016", .unknown, nil),     // no month to order it by
    ResolveCase("the march", tue, .unknown, nil),
    ResolveCase("nothing here", tue, .unknown, nil),
]

@Suite struct DateFinderResolveTests {
    let finder = DateFinder()

    @Test func tableIsLarge() {
        #expect(resolveCases.count >= 100)
    }

    @Test(arguments: resolveCases)
    func resolves(_ c: ResolveCase) {
        let reference = c.reference.flatMap(CalendarDate.parse)
        #expect(c.reference == nil || reference != nil)
        #expect(finder.resolve(c.phrase, reference: reference, tense: c.tense)?.iso == c.expected)
    }
}
