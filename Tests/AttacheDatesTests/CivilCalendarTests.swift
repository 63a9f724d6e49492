import Foundation
import Testing
@testable import AttacheDates

@Suite struct CivilCalendarTests {
    static let gregorian: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    @Test func leapYears() {
        #expect(CivilCalendar.isLeapYear(2016))
        #expect(CivilCalendar.isLeapYear(2000))
        #expect(CivilCalendar.isLeapYear(2400))
        #expect(!CivilCalendar.isLeapYear(2100))
        #expect(!CivilCalendar.isLeapYear(1900))
        #expect(!CivilCalendar.isLeapYear(2015))
        #expect(CivilCalendar.daysInMonth(2, year: 2016) == 29)
        #expect(CivilCalendar.daysInMonth(2, year: 2100) == 28)
        #expect(CivilCalendar.daysInMonth(2, year: 2000) == 29)
        #expect(CivilCalendar.daysInMonth(4, year: 2015) == 30)
        #expect(CivilCalendar.daysInMonth(13, year: 2015) == 0)
        #expect(!CivilCalendar.isValid(year: 2100, month: 2, day: 29))
        #expect(CivilCalendar.isValid(year: 2016, month: 2, day: 29))
    }

    @Test func knownDays() {
        #expect(CivilCalendar.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.weekday(daysSinceEpoch: 0) == 4)          // Thursday
        #expect(CivilCalendar.weekday(daysSinceEpoch: -1) == 3)
        let tuesday = CivilCalendar.daysFromCivil(year: 2015, month: 12, day: 15)
        #expect(CivilCalendar.weekday(daysSinceEpoch: tuesday) == 2)
        #expect(CivilCalendar.civilFromDays(tuesday) == (2015, 12, 15))
    }

    /// 10 000 random days between 1600 and 2400 against Foundation's Gregorian calendar.
    @Test func matchesFoundationOnRandomDays() {
        var rng = SplitMix64(seed: 0xA77AC4E)
        let low = CivilCalendar.daysFromCivil(year: 1600, month: 1, day: 1)
        let high = CivilCalendar.daysFromCivil(year: 2400, month: 12, day: 31)
        var mismatches = 0
        for _ in 0..<10_000 {
            let days = low + Int(rng.next() % UInt64(high - low + 1))
            let date = Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
            let c = Self.gregorian.dateComponents([.year, .month, .day, .weekday], from: date)
            let mine = CivilCalendar.civilFromDays(days)
            let foundationWeekday = (c.weekday! + 5) % 7 + 1                  // Sunday = 1 → ISO 7
            if mine != (c.year!, c.month!, c.day!)
                || CivilCalendar.daysFromCivil(year: c.year!, month: c.month!, day: c.day!) != days
                || CivilCalendar.weekday(daysSinceEpoch: days) != foundationWeekday {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test func roundTripsEveryDayOf2000To2101() {
        var days = CivilCalendar.daysFromCivil(year: 2000, month: 1, day: 1)
        var (y, m, d) = (2000, 1, 1)
        while y < 2101 {
            #expect(CivilCalendar.daysFromCivil(year: y, month: m, day: d) == days)
            d += 1
            if d > CivilCalendar.daysInMonth(m, year: y) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
            days += 1
            if CivilCalendar.civilFromDays(days) != (y, m, d) { Issue.record("day \(days) ≠ \(y)-\(m)-\(d)"); return }
        }
    }
}

/// A small deterministic generator so the random test is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
