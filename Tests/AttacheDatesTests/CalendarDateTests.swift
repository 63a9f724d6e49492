import Testing
@testable import AttacheDates

@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("2015-12-15", "2015-12-15"), ("2015-12", "2015-12"), ("2015", "2015"),
        ("2015-12-15T10:00:00Z", "2015-12-15"), ("2015-12-15T23:30:00+01:00", "2015-12-15"),
        ("2016-02-29", "2016-02-29"), ("2000-02-29", "2000-02-29"), ("1990s", "199X"), ("199X", "199X"),
        ("0045-01-02", "0045-01-02"),
    ])
    func parsesAndPrints(input: String, iso: String) throws {
        let d = try #require(CalendarDate.parse(input))
        #expect(d.iso == iso)
        #expect(d.description == iso)
    }

    @Test(arguments: [
        "2015-02-29", "2100-02-29", "2015-13-01", "2015-00", "2015-12-32", "20151215", "15-12-2015",
        "2015-12-15T", "2015-12-15X10:00:00", "", "abcd", "1995s", "2015-1-5",
    ])
    func rejects(input: String) {
        #expect(CalendarDate.parse(input) == nil)
    }

    @Test func weekdayAndAdding() {
        let d = CalendarDate(year: 2015, month: 12, day: 15)
        #expect(d.weekday == 2)
        #expect(d.adding(days: 17) == CalendarDate(year: 2016, month: 1, day: 1))
        #expect(d.adding(days: -15) == CalendarDate(year: 2015, month: 11, day: 30))
        #expect(CalendarDate(year: 2016, month: 2, day: 28).adding(days: 1).iso == "2016-02-29")
        #expect(CalendarDate(year: 2100, month: 2, day: 28).adding(days: 1).iso == "2100-03-01")
        #expect(CalendarDate(year: 2015, month: 12).weekday == nil)
        #expect(CalendarDate(year: 2015, month: 12).adding(days: 3) == CalendarDate(year: 2015, month: 12))
        #expect(CalendarDate(year: 2015, month: 2, day: 30).weekday == nil)
    }

    @Test func addingMonths() {
        #expect(CalendarDate(year: 2016, month: 1, day: 31).adding(months: 1).iso == "2016-02-29")
        #expect(CalendarDate(year: 2015, month: 12).adding(months: 1).iso == "2016-01")
        #expect(CalendarDate(year: 2015, month: 1).adding(months: -1).iso == "2014-12")
        #expect(CalendarDate(year: 2015, month: 3).adding(months: -27).iso == "2012-12")
        #expect(CalendarDate(year: 2015).adding(months: 5).iso == "2015")
    }

    @Test func orderingAndValidity() {
        let dates = ["2015-12-15", "2015", "2015-12", "2014-12-31", "1990s", "1990"].compactMap(CalendarDate.parse)
        #expect(dates.sorted().map(\.iso) == ["199X", "1990", "2014-12-31", "2015", "2015-12", "2015-12-15"])
        #expect(CalendarDate(year: 2015, month: 2, day: 29).isValid == false)
        #expect(CalendarDate(year: 2015, month: 13).isValid == false)
        #expect(CalendarDate(year: 2015, day: 3).day == nil)       // a day without a month is dropped
        #expect(CalendarDate(decade: 1994).iso == "199X")
    }

    @Test func isoPadsAndHandlesYearsOutsideFourDigits() {
        #expect(CalendarDate(year: 5, month: 1, day: 2).iso == "0005-01-02")
        #expect(CalendarDate(year: 9999, month: 12, day: 31).iso == "9999-12-31")
        #expect(CalendarDate(year: 12345, month: 6).iso == "12345-06")
        #expect(CalendarDate(year: -44, month: 3, day: 15).iso == "-0044-03-15")
        #expect(CalendarDate(decade: 800).iso == "080X")
        #expect(CalendarDate(year: 2015, month: 123).iso == "2015-123")   // out of range: printed as is, never cut
    }
}
