extension DateFinder {
    /// Turns a matched expression into a date.
    ///
    /// Rules (the reference is the publication date; `present` behaves like `unknown`):
    /// - Bare weekday: past/unknown → the latest such day on or before the reference; future →
    ///   the first on or after it. The same day counts both ways ("agreed Tuesday" and "will meet
    ///   Tuesday" in a Tuesday paper are that Tuesday). "last" → strictly before, "next"/"coming"
    ///   → strictly after, "this" → on or after, or on or before in a past clause.
    /// - Month and day without a year: past → latest on or before the reference, future → first
    ///   on or after, unknown → nearest (within half a year); a directed candidate more than 320
    ///   days away yields to the nearest; a given weekday that fits only one candidate year picks it.
    ///   Against a reference known only to the month, the year the month alone would take.
    /// - Month alone: past → the latest such month up to the reference month, future → the first
    ///   from it, unknown → the nearer one, the past winning unless the future one is more than
    ///   3 months nearer (news mostly reports the past). "last May" → strictly before, "next May" → after.
    /// - Weeks resolve at month precision: "last week" is the month of the reference minus 7 days.
    /// - "the weekend" → its Saturday, chosen by tense like a weekday.
    static func resolve(_ expr: DateExpr, reference ref: CalendarDate?, tense: Tense)
        -> (date: CalendarDate?, isRelative: Bool, isDuration: Bool) {
        switch expr {
        case .absolute(let d): return (d, false, false)
        case .duration: return (nil, false, true)
        case .unresolvable: return (nil, true, false)
        case .inFuture(let n, let u):
            if tense == .past { return (nil, false, true) }
            return (ref.flatMap { offset(n, u, from: $0) }, true, false)
        case .offset(let n, let u):
            return (ref.flatMap { offset(n, u, from: $0) }, true, false)
        case .monthInYear(let m, let dy):
            return (ref.map { CalendarDate(year: $0.year + dy, month: m) }, true, false)
        case .month(let m, let mod):
            return (ref.flatMap { month(m, mod, tense: tense, from: $0) }, true, false)
        case .monthDay(let m, let d, let wd):
            return (ref.flatMap { monthDay(m, d, weekday: wd, tense: tense, from: $0) }, true, false)
        case .weekday(let wd, let mod):
            return (ref.flatMap { weekday(wd, mod, tense: tense, from: $0) }, true, false)
        case .weekend(let mod):
            return (ref.flatMap { weekend(mod, tense: tense, from: $0) }, true, false)
        case .season(let s, let mod):
            return (ref.flatMap { season(s, mod, from: $0) }, true, false)
        }
    }

    static func offset(_ n: Int, _ unit: DateUnit, from ref: CalendarDate) -> CalendarDate? {
        switch unit {
        case .minute: return ref.isFullDate ? ref : nil
        case .hour:
            guard ref.isFullDate else { return nil }
            return ref.adding(days: n / 24)               // "three hours ago" is still the reference day
        case .day: return ref.daysSinceEpoch == nil ? nil : ref.adding(days: n)
        case .week:
            if n == 0 { return ref.month == nil ? nil : ref.monthPrecision }
            return ref.daysSinceEpoch == nil ? nil : ref.adding(days: 7 * n).monthPrecision
        case .month: return ref.month == nil ? nil : ref.monthPrecision.adding(months: n)
        case .year: return CalendarDate(year: ref.year + n)
        case .decade: return CalendarDate(year: ref.year + 10 * n)
        case .century: return CalendarDate(year: ref.year + 100 * n)
        }
    }

    static func month(_ m: Int, _ mod: DateModifier?, tense: Tense, from ref: CalendarDate) -> CalendarDate? {
        guard let rm = ref.month else { return nil }
        let y = ref.year
        let year: Int
        switch mod {
        case .last?: year = m < rm ? y : y - 1
        case .next?, .coming?: year = m > rm ? y : y + 1
        case .this?: year = y
        case nil:
            let back = (rm - m + 12) % 12, ahead = (m - rm + 12) % 12
            switch tense {
            case .past: year = m <= rm ? y : y - 1
            case .future: year = m >= rm ? y : y + 1
            case .present, .unknown: year = back <= ahead + 3 ? (m <= rm ? y : y - 1) : (m >= rm ? y : y + 1)
            }
        }
        return CalendarDate(year: year, month: m)
    }

    static func monthDay(_ m: Int, _ d: Int, weekday wd: Int?, tense: Tense, from ref: CalendarDate) -> CalendarDate? {
        guard let r = ref.daysSinceEpoch else { return monthDay(m, d, tense: tense, fromMonth: ref) }
        // Candidates around the reference year; February 29 looks further for a leap year.
        let span = m == 2 && d == 29 ? 4 : 1
        var candidates: [(days: Int, date: CalendarDate)] = []
        candidates.reserveCapacity(2 * span + 1)
        for y in (ref.year - span)...(ref.year + span) where CivilCalendar.isValid(year: y, month: m, day: d) {
            candidates.append((CivilCalendar.daysFromCivil(year: y, month: m, day: d), CalendarDate(year: y, month: m, day: d)))
        }
        if let wd {
            let fitting = candidates.filter { CivilCalendar.weekday(daysSinceEpoch: $0.days) == wd && abs($0.days - r) <= 366 }
            if fitting.count == 1 { return fitting[0].date }
        }
        let nearest = candidates.min { abs($0.days - r) < abs($1.days - r) || (abs($0.days - r) == abs($1.days - r) && $0.days < $1.days) }
        // A tense-directed candidate more than ~10.5 months away loses to the nearest one: tense cues
        // are noisy ("had promised to leave by the Oct. 31 deadline").
        let limit = 320
        switch tense {
        case .past:
            if let c = candidates.last(where: { $0.days <= r }), r - c.days <= limit { return c.date }
        case .future:
            if let c = candidates.first(where: { $0.days >= r }), c.days - r <= limit { return c.date }
        case .present, .unknown:
            break
        }
        return nearest?.date
    }

    /// A month and day against a reference known only to the month ("2016-11", the date line of an official
    /// release): the year is the one the month alone would take ("a meeting on November 17" in a November
    /// release is that November's); a year-only reference resolves nothing, as no month orders it.
    static func monthDay(_ m: Int, _ d: Int, tense: Tense, fromMonth ref: CalendarDate) -> CalendarDate? {
        guard let year = month(m, nil, tense: tense, from: ref)?.year,
              CivilCalendar.isValid(year: year, month: m, day: d) else { return nil }
        return CalendarDate(year: year, month: m, day: d)
    }

    static func weekday(_ wd: Int, _ mod: DateModifier?, tense: Tense, from ref: CalendarDate) -> CalendarDate? {
        guard let refWd = ref.weekday else { return nil }
        let back = (refWd - wd + 7) % 7, ahead = (wd - refWd + 7) % 7
        switch mod {
        case .last?: return ref.adding(days: -(back == 0 ? 7 : back))
        case .next?, .coming?: return ref.adding(days: ahead == 0 ? 7 : ahead)
        case .this?: return ref.adding(days: tense == .past ? -back : ahead)
        case nil: return ref.adding(days: tense == .future ? ahead : -back)
        }
    }

    static func weekend(_ mod: DateModifier?, tense: Tense, from ref: CalendarDate) -> CalendarDate? {
        guard let refWd = ref.weekday else { return nil }
        let saturdayOnOrBefore = ref.adding(days: -((refWd - 6 + 7) % 7))
        let saturdayOnOrAfter = ref.adding(days: (6 - refWd + 7) % 7)
        switch mod {
        case .last?: return refWd >= 6 ? saturdayOnOrBefore.adding(days: -7) : saturdayOnOrBefore
        case .next?, .coming?: return refWd == 6 ? ref.adding(days: 7) : saturdayOnOrAfter
        case .this?: return tense == .past || refWd == 7 ? saturdayOnOrBefore : saturdayOnOrAfter
        case nil: return tense == .future ? saturdayOnOrAfter : saturdayOnOrBefore
        }
    }

    /// Seasons resolve to a year; winter belongs to the year of its January.
    static func season(_ start: Int, _ mod: DateModifier, from ref: CalendarDate) -> CalendarDate? {
        guard let rm = ref.month else { return CalendarDate(year: ref.year) }
        let y = ref.year
        let winter = start == 12
        switch mod {
        case .this: return CalendarDate(year: winter && rm == 12 ? y + 1 : y)
        case .last: return CalendarDate(year: winter ? (rm >= 3 ? y : y - 1) : (start + 2 < rm ? y : y - 1))
        case .next, .coming: return CalendarDate(year: winter ? (rm == 12 ? y + 2 : y + 1) : (start > rm ? y : y + 1))
        }
    }
}
