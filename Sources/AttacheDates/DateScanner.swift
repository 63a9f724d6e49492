/// What a matched phrase means, before it is resolved against a reference date.
enum DateExpr: Sendable, Equatable {
    /// A date with an explicit year: "2015-12-15", "December 18, 2015", "March 2011", "in 2014", "the 1990s".
    case absolute(CalendarDate)
    /// A month and day without a year ("December 18", "Friday, Dec. 18"); the weekday, if given, helps pick the year.
    case monthDay(month: Int, day: Int, weekday: Int?)
    /// A month without a year: "in March", "last May".
    case month(Int, DateModifier?)
    /// A month in a year relative to the reference: "June last year".
    case monthInYear(month: Int, yearOffset: Int)
    /// A weekday: "Tuesday", "last Friday", "this coming Monday".
    case weekday(Int, DateModifier?)
    /// A signed count of units from the reference: "yesterday" (-1 day), "last month", "two weeks ago".
    case offset(Int, DateUnit)
    /// "in three days": a future point unless the clause is past ("the first visit in 25 years").
    case inFuture(Int, DateUnit)
    /// "the weekend", "last weekend": resolved to its Saturday.
    case weekend(DateModifier?)
    /// "this spring", "last winter": resolved to a year.
    case season(Int, DateModifier)
    /// Relative but not resolvable against the reference: "a few days ago", "two days later".
    case unresolvable
    /// A length of time: "three weeks", "21 days", "seven-day".
    case duration
}

/// A matched phrase: tokens `first ..< end`.
struct DateMatch: Sendable {
    var first: Int
    var end: Int
    var expr: DateExpr
}

/// Pattern matching over the tokens of one text. Each `match…` function tries one family of
/// forms at a token index and returns the longest form it recognises there.
struct DateScanner {
    let tokens: [DateToken]
    let bytes: UnsafeBufferPointer<UInt8>
    /// When true (single phrases given to `resolve`), bare months and years need no context.
    let relaxed: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, relaxed: Bool) {
        self.init(bytes: bytes, tokens: DateTokenizer.tokenize(bytes), relaxed: relaxed)
    }

    /// A scanner over tokens already made (offsets into `bytes`).
    init(bytes: UnsafeBufferPointer<UInt8>, tokens: [DateToken], relaxed: Bool) {
        self.bytes = bytes
        self.relaxed = relaxed
        self.tokens = tokens
    }

    /// All matches, left to right, each the longest at its start; matches do not overlap.
    func matches() -> [DateMatch] {
        var out: [DateMatch] = []
        out.reserveCapacity(16)
        // Every expression holds a core token (a number, a month, a weekday, a unit, "today", ...) within its
        // first `coreReach` tokens; starting no match far from one skips the many "the", "a", "in" and "of"
        // that could only open one. `core`: the first core token at or after i (n when none is left).
        let n = tokens.count
        var core = -1
        var i = 0
        while i < n {
            if core < i {
                core = i
                while core < n, !DateScanner.isCore(tokens[core]) { core += 1 }
            }
            if tokens[i].kind == .number || tokens[i].word != nil, core - i <= DateScanner.coreReach, let m = match(at: i) {
                out.append(m)
                i = m.end
            } else {
                i += 1
            }
        }
        return out
    }

    /// See `matches()`: the longest lead before the core token is four words ("the beginning of next month");
    /// measured on the dev corpus, no expression starts further from one.
    static let coreReach = 5

    /// A token without which no expression is a date: a number or a calendar word.
    static func isCore(_ t: DateToken) -> Bool {
        if t.kind == .number { return true }
        switch t.word {
        case .month?, .monthAbbrev?, .weekday?, .number?, .unit?, .relativeDay?, .overnight?, .partOfDay?, .season?, .weekend?:
            return true
        default:
            return false
        }
    }

    func match(at i: Int) -> DateMatch? {
        // Which families can start at this token, by its first word alone (each `match…` function fails at
        // once on any other): most tokens near a date ("of", "and", "since") start none, and trying all eight
        // families there was a third of the scanner's time.
        let starts = DateScanner.starts(tokens[i])
        var best = starts.wrapped ? matchWrapped(i) : nil
        if starts.core, let core = matchCore(i, anchored: false), core.end > (best?.end ?? i) { best = core }
        return best
    }

    /// Whether `matchWrapped` (an edge, "the", an anchor word) or `matchCore` (a number, a month, a weekday, a
    /// modifier, "the", a relative day, a count, "in", ...) can match from token `t`.
    static func starts(_ t: DateToken) -> (wrapped: Bool, core: Bool) {
        if t.kind == .number { return (false, true) }
        switch t.word {
        case .edge?, .anchor?: return (true, false)
        case .the?: return (true, true)
        case .modifier?, .weekday?, .month?, .monthAbbrev?, .relativeDay?, .overnight?, .vague?, .article?, .number?,
             .vagueCount?, .in?:
            return (false, true)
        default:
            return (false, false)
        }
    }

    // MARK: token helpers

    func word(_ i: Int) -> DateWord? { i >= 0 && i < tokens.count ? tokens[i].word : nil }
    func isPunct(_ i: Int, _ c: Unicode.Scalar) -> Bool { i >= 0 && i < tokens.count && tokens[i].isPunct(c) }
    func attached(_ i: Int) -> Bool { i < tokens.count && tokens[i].attached }
    /// Month and weekday names count only when capitalised, in phrases too ("the march").
    func capitalized(_ i: Int) -> Bool { i < tokens.count && tokens[i].isCapitalized }
    /// "'" or U+2019.
    func isApostrophe(_ i: Int) -> Bool {
        isPunct(i, "'") || (i >= 0 && i < tokens.count && tokens[i].kind == .punct && tokens[i].first == 0x99)
    }
    /// U+2013 en dash, as in "1995–96".
    func isDash(_ i: Int) -> Bool {
        i < tokens.count && tokens[i].kind == .punct && tokens[i].first == 0x93
    }
    func isSingular(_ i: Int) -> Bool { bytes[tokens[i].end - 1] | 0x20 != UInt8(ascii: "s") }

    /// A plain number token with `digits` digits (any count when nil).
    func number(_ i: Int, digits: ClosedRange<Int>) -> Int? {
        guard i >= 0, i < tokens.count, tokens[i].kind == .number, tokens[i].value >= 0,
              digits.contains(tokens[i].digits) else { return nil }
        return tokens[i].value
    }

    func weekday(_ i: Int) -> Int? {
        if case .weekday(let d) = word(i), capitalized(i) { return d }
        return nil
    }

    /// A month name at `i`: its number, the token after it (past an abbreviation's "."), and
    /// whether it may stand alone (full names and dotted abbreviations).
    func month(_ i: Int) -> (month: Int, end: Int, canStandAlone: Bool)? {
        guard capitalized(i) else { return nil }
        switch word(i) {
        case .month(let m)?: return (m, i + 1, true)
        case .monthAbbrev(let m)?:
            if isPunct(i + 1, "."), attached(i + 1) { return (m, i + 2, true) }
            // Text split by another tokenizer: "Oct . 7".
            if isPunct(i + 1, "."), i + 2 < tokens.count, tokens[i + 2].kind == .number { return (m, i + 2, true) }
            return (m, i + 1, false)
        default: return nil
        }
    }

    /// A day of the month (1...31, optional "st"/"nd"/"rd"/"th"), not a clock time ("18:30").
    func day(_ i: Int) -> (day: Int, end: Int)? {
        guard let d = number(i, digits: 1...2), (1...31).contains(d) else { return nil }
        if isPunct(i + 1, ":"), attached(i + 1) { return nil }
        if case .ordinalSuffix? = word(i + 1), attached(i + 1) { return (d, i + 2) }
        if i + 1 < tokens.count, tokens[i + 1].kind == .word, attached(i + 1) { return nil }
        return (d, i + 1)
    }

    /// A four-digit year written next to a month or day (1000...2999).
    func explicitYear(_ i: Int) -> Int? {
        guard let y = number(i, digits: 4...4), (1000...2999).contains(y) else { return nil }
        if i + 1 < tokens.count, tokens[i + 1].kind == .word, attached(i + 1) { return nil }
        return y
    }

    /// The end of a span of days written with a hyphen or an en dash after the day `d` ("October 25-26, 2016",
    /// "25–26 October"): the token after the span's last day, or `d.end` when no span follows. The expression
    /// dates the span's first day, when what it tells began.
    func dayRangeEnd(after d: (day: Int, end: Int)) -> Int {
        let dash = d.end
        guard isPunct(dash, "-") || isDash(dash), attached(dash), attached(dash + 1),
              let last = day(dash + 1), last.day > d.day else { return d.end }
        return last.end
    }

    // MARK: families

    /// The longest match of the core families at `i`, the earlier family winning a tie (in the order ISO,
    /// weekday-led, month-led, explicit date, year, relative, count, "in" + count). Only the families that can
    /// begin with the token at `i` are tried (each fails at once on any other first token): a number, a
    /// modifier, a month, a weekday, "the", a relative word, a count word or "in".
    func matchCore(_ i: Int, anchored: Bool) -> DateMatch? {
        guard i >= 0, i < tokens.count else { return nil }
        var best: DateMatch?
        func consider(_ m: DateMatch?) {
            if let m, m.end > (best?.end ?? i) { best = m }
        }
        if tokens[i].kind == .number {
            consider(matchISO(i))
            consider(explicitDate(i, weekday: nil))
            consider(matchYear(i, anchored: anchored))
            consider(matchCount(i))
            return best
        }
        switch tokens[i].word {
        case .modifier?:
            consider(matchWeekdayLed(i))
            consider(matchMonthLed(i, anchored: anchored))
            consider(matchRelative(i))
        case .weekday?:
            consider(matchWeekdayLed(i))
        case .month?, .monthAbbrev?:
            consider(matchMonthLed(i, anchored: anchored))
            consider(explicitDate(i, weekday: nil))
        case .the?:
            consider(explicitDate(i, weekday: nil))
            consider(matchRelative(i))
        case .relativeDay?, .overnight?, .vague?:
            consider(matchRelative(i))
        case .number?, .article?, .vagueCount?:
            consider(matchCount(i))
        case .in?:
            consider(matchInCount(i))
        default:
            break
        }
        return best
    }

    /// "2015-12-15" (the date part of an RFC 3339 timestamp included).
    func matchISO(_ i: Int) -> DateMatch? {
        guard let y = number(i, digits: 4...4), isPunct(i + 1, "-"), attached(i + 1),
              let m = number(i + 2, digits: 2...2), attached(i + 2), isPunct(i + 3, "-"), attached(i + 3),
              let d = number(i + 4, digits: 2...2), attached(i + 4),
              CivilCalendar.isValid(year: y, month: m, day: d) else { return nil }
        return DateMatch(first: i, end: i + 5, expr: .absolute(CalendarDate(year: y, month: m, day: d)))
    }

    /// Month-day forms with an optional year: "December 18", "Dec. 18, 2015", "18 December 2015",
    /// "the 15th of February", "March 2011", "March of 2011".
    func explicitDate(_ i: Int, weekday: Int?) -> DateMatch? {
        if let mo = month(i) {
            var e = mo.end
            if let d = day(e) {
                let days = dayRangeEnd(after: d)
                var c = days
                if isPunct(c, ",") { c += 1 }
                if let y = explicitYear(c) {
                    guard CivilCalendar.isValid(year: y, month: mo.month, day: d.day) else { return nil }
                    return DateMatch(first: i, end: c + 1, expr: .absolute(CalendarDate(year: y, month: mo.month, day: d.day)))
                }
                guard d.day <= CivilCalendar.daysInMonth(mo.month, year: 2000) else { return nil }
                return DateMatch(first: i, end: days, expr: .monthDay(month: mo.month, day: d.day, weekday: weekday))
            }
            if isPunct(e, ",") || word(e) == .of { e += 1 }
            if let y = explicitYear(e) {
                return DateMatch(first: i, end: e + 1, expr: .absolute(CalendarDate(year: y, month: mo.month)))
            }
            return nil
        }
        var k = i
        let withThe = word(k) == .the
        if withThe { k += 1 }
        guard let d = day(k) else { return nil }
        var e = withThe ? d.end : dayRangeEnd(after: d)
        let withOf = word(e) == .of
        if withOf { e += 1 }
        if withThe && !withOf { return nil }
        guard let mo = month(e) else { return nil }
        e = mo.end
        var c = e
        if isPunct(c, ",") { c += 1 }
        if let y = explicitYear(c) {
            guard CivilCalendar.isValid(year: y, month: mo.month, day: d.day) else { return nil }
            return DateMatch(first: i, end: c + 1, expr: .absolute(CalendarDate(year: y, month: mo.month, day: d.day)))
        }
        guard d.day <= CivilCalendar.daysInMonth(mo.month, year: 2000) else { return nil }
        return DateMatch(first: i, end: e, expr: .monthDay(month: mo.month, day: d.day, weekday: weekday))
    }

    /// "Tuesday", "last Friday", "this coming Monday", "Friday morning", "Friday, Dec. 18".
    func matchWeekdayLed(_ i: Int) -> DateMatch? {
        var k = i
        var mod: DateModifier?
        if case .modifier(let m)? = word(k) {
            mod = m
            k += 1
            if m == .this, case .modifier(.coming)? = word(k) { mod = .coming; k += 1 }
        }
        guard let wd = weekday(k) else { return nil }
        k += 1
        var c = k
        if isPunct(c, ",") { c += 1 }
        if let ex = explicitDate(c, weekday: wd) {
            return DateMatch(first: i, end: ex.end, expr: ex.expr)
        }
        if case .partOfDay? = word(k) { k += 1 }
        return DateMatch(first: i, end: k, expr: .weekday(wd, mod))
    }

    /// Month-led forms without a day: "in March" (needs a cue before it unless `anchored`),
    /// "last May", "June last year"; explicit dates after a modifier ("this December 18").
    func matchMonthLed(_ i: Int, anchored: Bool) -> DateMatch? {
        var k = i
        var mod: DateModifier?
        if case .modifier(let m)? = word(k) { mod = m; k += 1 }
        if mod != nil, let ex = explicitDate(k, weekday: nil) {
            return DateMatch(first: i, end: ex.end, expr: ex.expr)
        }
        guard let mo = month(k), mo.canStandAlone else { return nil }
        let e = mo.end
        if day(e) != nil { return nil }              // an impossible day ("February 30"): no date at all
        if case .modifier(let ym)? = word(e), ym != .coming, case .unit(.year)? = word(e + 1), isSingular(e + 1) {
            let offset = ym == .last ? -1 : ym == .next ? 1 : 0
            return DateMatch(first: i, end: e + 2, expr: .monthInYear(month: mo.month, yearOffset: offset))
        }
        if let mod { return DateMatch(first: i, end: e, expr: .month(mo.month, mod)) }
        guard anchored || relaxed || monthContext(before: i, ambiguous: DateLexicon.ambiguousMonths.contains(mo.month)) else { return nil }
        return DateMatch(first: i, end: e, expr: .month(mo.month, nil))
    }

    /// A month name alone is a date only after a preposition: "in March", "since June", "the end of May".
    /// Ambiguous names (March, May, August) accept only the strong cues ("in", "since", "until", ...).
    func monthContext(before i: Int, ambiguous: Bool) -> Bool {
        let p = i - 1
        guard p >= 0, tokens[p].kind == .word else { return false }
        let f = tokens[p].flags
        if f.contains(.strongMonthCue) { return true }
        if word(p) == .of, case .anchor? = word(p - 1) { return true }
        return !ambiguous && f.contains(.weakMonthCue)
    }

    /// A bare year 1900...2099 in a date context ("in 2014", "since 1980", "the 2008 war",
    /// "2014-15"), or a decade ("1990s").
    func matchYear(_ i: Int, anchored: Bool) -> DateMatch? {
        guard let y = number(i, digits: 4...4), (1900...2099).contains(y) else { return nil }
        if i + 1 < tokens.count, tokens[i + 1].kind == .word, attached(i + 1) {
            guard tokens[i + 1].key == DateLexicon.keyS, y % 10 == 0 else { return nil }
            return DateMatch(first: i, end: i + 2, expr: .absolute(CalendarDate(decade: y)))
        }
        if isPunct(i + 1, ":") || isPunct(i + 1, "%") { return nil }
        var e = i + 1
        if isPunct(e, "-") || isDash(e), attached(e),
           number(e + 1, digits: 2...4) != nil, attached(e + 1) {
            let second = number(e + 1, digits: 2...4)!
            if tokens[e + 1].digits == 2 || (1900...2099).contains(second) { e += 2 }
        }
        guard anchored || relaxed || yearContext(i, end: e) else { return nil }
        return DateMatch(first: i, end: e, expr: .absolute(CalendarDate(year: y)))
    }

    func yearContext(_ i: Int, end e: Int) -> Bool {
        let p = i - 1
        guard p >= 0 else { return false }
        let prev = tokens[p]
        if prev.flags.contains(.yearPreposition) {
            return true
        }
        if prev.flags.contains(.weakYearPreposition) {
            return !isCountedNoun(e)
        }
        // "in 2021 and 2022", "2014, 2015", "from 2014 to 2016"
        if (prev.kind == .word && (word(p) == .and || word(p) == .or || prev.key == DateLexicon.keyTo)) || prev.isPunct(",") || prev.isPunct("-"),
           let y = number(p - 1, digits: 4...4), (1900...2099).contains(y) {
            return true
        }
        // Attributive: "the 2008 war", "a 2021 coup", "Russia's 2014 annexation", not "the 2014 people".
        let possessive = prev.kind == .word && prev.key == DateLexicon.keyS && isApostrophe(p - 1)
        if word(p) == .the || word(p) == .article || word(p) == .determiner || possessive {
            guard e < tokens.count, tokens[e].kind == .word else { return false }
            return !isCountedNoun(e)
        }
        return false
    }

    /// A lowercase plural, a unit or a counted noun ("people", "troops", "years") at `i`: what a
    /// quantity, not a year, is followed by.
    func isCountedNoun(_ i: Int) -> Bool {
        guard i < tokens.count, tokens[i].kind == .word, !tokens[i].isCapitalized else { return false }
        if word(i) == .countNoun { return true }
        if case .unit? = word(i) { return true }
        return !isSingular(i)
    }

    /// Relative words: "today", "yesterday morning", "overnight", "last week", "this month",
    /// "next year", "last night", "this weekend", "the weekend", "this spring",
    /// "earlier this month", "later this week", "earlier today", "earlier in the day".
    func matchRelative(_ i: Int) -> DateMatch? {
        switch word(i) {
        case .relativeDay(let n)?:
            var e = i + 1
            if case .partOfDay? = word(e) { e += 1 }
            return DateMatch(first: i, end: e, expr: .offset(n, .day))
        case .overnight?:
            return DateMatch(first: i, end: i + 1, expr: .offset(0, .day))
        case .modifier(let m)?:
            return relativeAfterModifier(m, at: i + 1, first: i)
        case .vague?:
            if case .modifier(.this)? = word(i + 1), let r = relativeAfterModifier(.this, at: i + 2, first: i) {
                return r
            }
            if word(i + 1) == .relativeDay(0) {
                return DateMatch(first: i, end: i + 2, expr: .offset(0, .day))
            }
            if word(i + 1) == .in, word(i + 2) == .the, case .unit(let u)? = word(i + 3), isSingular(i + 3),
               u == .day || u == .week || u == .month || u == .year {
                return DateMatch(first: i, end: i + 4, expr: .offset(0, u))
            }
            return nil
        case .the?:
            if word(i + 1) == .weekend { return DateMatch(first: i, end: i + 2, expr: .weekend(nil)) }
            return nil
        default:
            return nil
        }
    }

    private func relativeAfterModifier(_ m: DateModifier, at k: Int, first i: Int) -> DateMatch? {
        let delta = m == .last ? -1 : m == .this ? 0 : 1
        switch word(k) {
        case .unit(let u)? where isSingular(k) && (u == .week || u == .month || u == .year):
            return DateMatch(first: i, end: k + 1, expr: .offset(delta, u))
        case .weekend?:
            return DateMatch(first: i, end: k + 1, expr: .weekend(m))
        case .season(let s)?:
            return DateMatch(first: i, end: k + 1, expr: .season(s, m))
        case .partOfDay(let night)?:
            if m == .this { return DateMatch(first: i, end: k + 1, expr: .offset(0, .day)) }
            if m == .last, night || tokens[k].key == DateLexicon.key("evening") {
                return DateMatch(first: i, end: k + 1, expr: .offset(-1, .day))
            }
            return nil
        default:
            return nil
        }
    }

    /// A count: digits, a number word, "a"/"an", "a six", or an unresolvable "a few"/"several".
    func count(_ k: Int) -> (n: Int?, end: Int)? {
        if let v = number(k, digits: 1...4), v >= 1 { return (v, k + 1) }
        switch word(k) {
        case .number(let n)?: return (n, k + 1)
        case .article?:
            if case .number(let n)? = word(k + 1) { return (n, k + 2) }
            if let v = number(k + 1, digits: 1...3), v >= 1 { return (v, k + 2) }
            if word(k + 1) == .vagueCount { return (nil, word(k + 2) == .of ? k + 3 : k + 2) }
            return (1, k + 1)
        case .vagueCount?:
            return (nil, word(k + 1) == .of ? k + 2 : k + 1)
        default:
            return nil
        }
    }

    /// "two weeks ago", "a few days ago", "three weeks", "three and a half years", "seven-day",
    /// "two days later", "a year after".
    func matchCount(_ i: Int) -> DateMatch? {
        if word(i) == .article {
            // "a seven-day truce": the match starts at the number.
            if number(i + 1, digits: 1...3) != nil { return nil }
            if case .number? = word(i + 1) { return nil }
        }
        guard let c = count(i) else { return nil }
        var e = c.end
        var half = false
        if word(e) == .and, word(e + 1) == .article, word(e + 2) == .half { half = true; e += 3 }
        if !half, c.n != nil, isPunct(e, "-"), attached(e), case .unit? = word(e + 1), attached(e + 1), isSingular(e + 1) {
            return DateMatch(first: i, end: e + 2, expr: .duration)
        }
        guard case .unit(let u)? = word(e) else { return nil }
        e += 1
        if word(e) == .ago {
            guard let n = c.n, !half else { return DateMatch(first: i, end: e + 1, expr: .unresolvable) }
            return DateMatch(first: i, end: e + 1, expr: .offset(-n, u))
        }
        if word(e) == .vague { return DateMatch(first: i, end: e + 1, expr: .unresolvable) }
        if word(e) == .anaphoric { return DateMatch(first: i, end: e, expr: .unresolvable) }
        return DateMatch(first: i, end: e, expr: .duration)
    }

    /// "in three days", "in a week": a future offset (see `DateExpr.inFuture`).
    func matchInCount(_ i: Int) -> DateMatch? {
        guard word(i) == .in, let c = count(i + 1), let n = c.n, case .unit(let u)? = word(c.end) else { return nil }
        if word(c.end + 1) == .ago || word(c.end + 1) == .and { return nil }
        return DateMatch(first: i, end: c.end + 1, expr: .inFuture(n, u))
    }

    /// Qualifiers around a date: "early 2015", "mid-2014", "late March", "the end of the year",
    /// "the beginning of next month". The qualifier keeps the inner date's precision.
    func matchWrapped(_ i: Int) -> DateMatch? {
        var k = i
        if word(k) == .edge {
            k += 1
            if isPunct(k, "-"), attached(k) { k += 1 }
        } else {
            if word(k) == .the { k += 1 }
            guard word(k) == .anchor, word(k + 1) == .of else { return nil }
            k += 2
            if word(k) == .the, case .unit(let u)? = word(k + 1), isSingular(k + 1), u == .week || u == .month || u == .year {
                return DateMatch(first: i, end: k + 2, expr: .offset(0, u))
            }
        }
        guard let inner = matchCore(k, anchored: true) else { return nil }
        switch inner.expr {
        case .duration, .unresolvable, .inFuture: return nil
        default: return DateMatch(first: i, end: inner.end, expr: inner.expr)
        }
    }
}
