/// A civil date that may be partial: a year, a year and month, a full day, or a decade.
///
/// Why partial: news text often gives only "last month" or "in 2014", and the event `date`
/// field (ISO 8601) keeps exactly that precision: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
/// A decade ("the 1990s") is `year` = first year of the decade with `isDecade` set; its `iso`
/// is the ISO 8601-2 unspecified-digit form "199X".
///
/// Ordering compares year, then month (absent sorts first), then day (absent sorts first);
/// a decade sorts before the plain year it starts with.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The proleptic Gregorian year (astronomical numbering; no era).
    public var year: Int
    /// 1...12, or nil for a year-precision date.
    public var month: Int?
    /// 1...31, or nil for a year- or month-precision date. Only meaningful when `month` is set.
    public var day: Int?
    /// True when the date stands for the decade starting at `year` ("the 1990s"); month and day are nil.
    public var isDecade: Bool

    /// A date of the precision given. Values are not validated (see `isValid`).
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
        self.isDecade = false
    }

    /// The decade containing `year` ("the 1990s" is `CalendarDate(decade: 1990)`).
    public init(decade year: Int) {
        self.year = year - ((year % 10) + 10) % 10
        self.month = nil
        self.day = nil
        self.isDecade = true
    }

    /// The full date `days` days after 1970-01-01 (negative: before it).
    public init(daysSinceEpoch days: Int) {
        let c = CivilCalendar.civilFromDays(days)
        self.init(year: c.year, month: c.month, day: c.day)
    }

    /// True when both month and day are present.
    public var isFullDate: Bool { month != nil && day != nil }

    /// True when the month is 1...12 and the day exists in that month (e.g. no 2100-02-29).
    public var isValid: Bool {
        guard let month else { return day == nil }
        guard (1...12).contains(month) else { return false }
        guard let day else { return true }
        return CivilCalendar.isValid(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 for a valid full date; nil for partial or invalid dates.
    public var daysSinceEpoch: Int? {
        guard let month, let day, CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        return CivilCalendar.daysFromCivil(year: year, month: month, day: day)
    }

    /// ISO 8601 text at the date's precision: "2015-12-15", "2015-12", "2015", or "199X" for a
    /// decade. Years 0...9999 are zero-padded to four digits.
    public var iso: String {
        // At most 10 bytes for years 0...9999: written in place into a small (inline, unallocated) string.
        // Events and timelines format a date per item, and the array-and-reverse version was a visible
        // share of an analysis.
        guard (0...9999).contains(year), (0..<100).contains(month ?? 0), (0..<100).contains(day ?? 0) else { return wideISO }
        return String(unsafeUninitializedCapacity: 10) { out in
            @inline(__always) func put(_ v: Int, _ width: Int, at i: Int) {
                var v = v
                for k in stride(from: i + width - 1, through: i, by: -1) {
                    out[k] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                    v /= 10
                }
            }
            if isDecade {
                put(year / 10, 3, at: 0)
                out[3] = UInt8(ascii: "X")
                return 4
            }
            put(year, 4, at: 0)
            guard let month else { return 4 }
            out[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            guard let day else { return 7 }
            out[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            return 10
        }
    }

    /// `iso` for years outside 0...9999 (negative or five digits) and out-of-range fields: rare, so plain.
    private var wideISO: String {
        var out = [UInt8]()
        if isDecade {
            Self.appendDigits(year / 10, width: 3, to: &out)
            out.append(UInt8(ascii: "X"))
            return String(decoding: out, as: UTF8.self)
        }
        Self.appendDigits(year, width: 4, to: &out)
        if let month {
            out.append(UInt8(ascii: "-"))
            Self.appendDigits(month, width: 2, to: &out)
            if let day {
                out.append(UInt8(ascii: "-"))
                Self.appendDigits(day, width: 2, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Same as `iso`.
    public var description: String { iso }

    /// ISO weekday, 1 = Monday ... 7 = Sunday; nil unless this is a valid full date.
    public var weekday: Int? {
        daysSinceEpoch.map { CivilCalendar.weekday(daysSinceEpoch: $0) }
    }

    /// The full date `days` later (negative: earlier). Partial or invalid dates are returned unchanged.
    public func adding(days: Int) -> CalendarDate {
        guard let d = daysSinceEpoch else { return self }
        return CalendarDate(daysSinceEpoch: d + days)
    }

    /// The date `months` months later, keeping the precision. A full date's day is clamped to the
    /// length of the target month (2016-01-31 + 1 month = 2016-02-29). Year-only dates and
    /// decades are returned unchanged.
    public func adding(months: Int) -> CalendarDate {
        guard let month, !isDecade else { return self }
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        guard let day else { return CalendarDate(year: y, month: m) }
        return CalendarDate(year: y, month: m, day: min(day, CivilCalendar.daysInMonth(m, year: y)))
    }

    /// This date cut to month precision (unchanged when already coarser).
    public var monthPrecision: CalendarDate {
        CalendarDate(year: year, month: month)
    }

    /// Parses "2015-12-15", "2015-12", "2015", "199X" or "1990s", and the date part of an RFC 3339
    /// timestamp ("2015-12-15T10:00:00Z", "2015-12-15T10:00:00+01:00": the date as written, no
    /// time-zone shift). Returns nil for anything else, including invalid days (2015-02-29)
    /// and compact forms ("20151215").
    public static func parse(_ s: String) -> CalendarDate? {
        var copy = s
        return copy.withUTF8 { parse(utf8: $0) }
    }

    /// Byte-level `parse(_:)`.
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        if b.count == 4, let y = digits(0, 3), b[3] == UInt8(ascii: "X") {
            return CalendarDate(decade: y * 10)
        }
        if b.count == 5, let y = digits(0, 4), b[4] == UInt8(ascii: "s"), y % 10 == 0 {
            return CalendarDate(decade: y)
        }
        guard let year = digits(0, 4) else { return nil }
        if b.count == 4 { return CalendarDate(year: year) }
        guard b.count >= 7, b[4] == UInt8(ascii: "-"), let month = digits(5, 2), (1...12).contains(month) else { return nil }
        if b.count == 7 { return CalendarDate(year: year, month: month) }
        guard b.count >= 10, b[7] == UInt8(ascii: "-"), let day = digits(8, 2),
              CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        if b.count > 10 {
            // RFC 3339 §5.6: full-date "T" full-time; only the date part is used.
            guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
                  b.count >= 19, digits(11, 2) != nil, b[13] == UInt8(ascii: ":"),
                  digits(14, 2) != nil, b[16] == UInt8(ascii: ":"), digits(17, 2) != nil else { return nil }
        }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Chronological order at mixed precision: year, then month (absent first), then day (absent
    /// first); a decade sorts before the year it starts with.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        if lhs.year != rhs.year { return lhs.year < rhs.year }
        if lhs.isDecade != rhs.isDecade { return lhs.isDecade }
        let lm = lhs.month ?? 0, rm = rhs.month ?? 0
        if lm != rm { return lm < rm }
        return (lhs.day ?? 0) < (rhs.day ?? 0)
    }

    private static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDigits(-value, width: width, to: &out)
            return
        }
        var buf: [UInt8] = []
        var v = value
        repeat {
            buf.append(UInt8(truncatingIfNeeded: v % 10) + 0x30)
            v /= 10
        } while v > 0
        while buf.count < width { buf.append(0x30) }
        out.append(contentsOf: buf.reversed())
    }
}
