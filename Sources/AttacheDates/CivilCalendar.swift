/// Proleptic Gregorian calendar arithmetic on plain integers.
///
/// Why: the date finder resolves many relative expressions per request, and Foundation's
/// `Calendar` costs microseconds per call and allocates. These functions are pure integer math.
/// Day numbers count days since 1970-01-01 (day 0; negative before it) in the proleptic
/// Gregorian calendar, so they work for any year an `Int` can hold.
public enum CivilCalendar {
    /// True for Gregorian leap years: divisible by 4, except centuries not divisible by 400
    /// (2000 and 2016 are leap years; 1900 and 2100 are not).
    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in `month` (1...12) of `year`; 0 for a month outside 1...12.
    @inlinable
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// True when `year-month-day` names a real day (month 1...12, day within the month).
    @inlinable
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        day >= 1 && day <= daysInMonth(month, year: year)
    }

    /// Days since 1970-01-01 for a civil date. The date must be valid.
    ///
    /// The year is shifted to start on March 1, so the leap day is the last day of a shifted
    /// year; the count is then era (400-year block of 146 097 days) + year of era + day of year.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400                                      // 0...399
        let shiftedMonth = month > 2 ? month - 3 : month + 9               // March = 0
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1             // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468                           // 0000-03-01 → 1970-01-01
    }

    /// The civil date for a day count since 1970-01-01: the inverse of `daysFromCivil`.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097                                                         // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365 // 0...399
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)           // 0...365
        let shiftedMonth = (5 * dayOfYear + 2) / 153                                             // 0...11
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// ISO weekday of a day count: 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday (4).
    @inlinable
    public static func weekday(daysSinceEpoch days: Int) -> Int {
        let r = (days + 3) % 7                 // Monday → 0
        return (r < 0 ? r + 7 : r) + 1
    }
}
