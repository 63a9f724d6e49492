/// Sort keys for partial ISO dates, compared byte-wise (SQLite BINARY, PostgreSQL `COLLATE "C"`).
///
/// A partial date sorts at the start of its period: "2015" → "2015-00-00", "2015-12" → "2015-12-00", which is
/// below every full date of that period. Full dates and RFC 3339 timestamps are kept as given. Anything that
/// does not start with four digits, and no date at all, maps to `undated` ("~"), above every digit, so such
/// items come last.
enum DateKey {
    static let undated = "~"

    static func sortKey(_ date: String?) -> String {
        guard let date else { return undated }
        let b = Array(date.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= b.count && b[r].allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard digits(0..<4) else { return undated }
        if b.count == 4 { return date + "-00-00" }
        guard b[4] == UInt8(ascii: "-"), digits(5..<7) else { return String(decoding: b[0..<4], as: UTF8.self) + "-00-00" }
        if b.count == 7 { return date + "-00" }
        return date
    }

    /// Validates a `from`/`to` bound: four digits, then only digits and `-T:Z+.`; nil passes through.
    static func bound(_ value: String?, name: String) throws(StoreError) -> String? {
        guard let value, !value.isEmpty else { return nil }
        let b = Array(value.utf8)
        let ok = b.count >= 4 && b.count <= 40 && b[0..<4].allSatisfy { $0 >= 48 && $0 <= 57 }
            && b.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "T")
                || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") }
        guard ok else { throw .invalidArgument("`\(name)` must be an ISO 8601 date or prefix (YYYY, YYYY-MM, YYYY-MM-DD)") }
        return value
    }

    /// Exclusive upper key for an inclusive `to` prefix: every key starting with `to` sorts below it.
    static func upperKey(_ to: String) -> String { to + "~" }

    /// Length of a full calendar date, `YYYY-MM-DD`.
    static let calendarDateLength = 10

    /// The partial-date form (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) of a stored date: an RFC 3339 timestamp given as
    /// `publishedAt` ("2022-01-10T09:30:00Z") becomes its calendar date, so timeline items keep the form the API
    /// promises. The date is the one written in the timestamp, in the writer's own offset.
    static func partialDate(_ date: String?) -> String? {
        guard let date, date.utf8.count > calendarDateLength else { return date }
        return String(decoding: date.utf8.prefix(calendarDateLength), as: UTF8.self)
    }
}
