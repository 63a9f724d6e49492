/// Finds temporal expressions in English news text and normalises them against a reference
/// (publication) date.
///
/// Why hand-written: the finder runs on every article, so it tokenises UTF-8 bytes once and
/// matches with small pattern functions over lexicon IDs; no regular expressions, no Foundation
/// calendar. The forms recognised and how each resolves are listed on `DateScanner` and
/// `DateFinder.resolve(_:reference:tense:)`; word lists are data in `DateLexicon.swift`.
///
/// Conventions: month and weekday names must be capitalised ("the march on the capital" is not a
/// date); a month name alone needs a preposition before it ("in March", "since June"), and for
/// March, May and August only a strong one ("in", "since", "until", "during", ...). A bare year
/// 1900...2099 needs a preposition ("in 2014"), a modifier ("early 2015", "mid-2014") or an
/// attributive position ("the 2008 war", but not "the 2014 people"). Weeks resolve at month
/// precision, seasons at year precision, "the weekend" to its Saturday, "overnight" to the
/// reference day.
public struct DateFinder: Sendable {
    /// A finder with the built-in English lexicon. Cheap: the lexicon is shared static data.
    public init() {}

    /// The month abbreviations the finder reads ("jan", "sept", "dec"), lowercase: the sentence splitter keeps
    /// "Oct . 7" together with the same list.
    package static let monthAbbreviations: [String] = DateLexicon.monthAbbreviations.map(\.0)

    /// Every temporal expression in `text`, left to right, longest match first at each position,
    /// not overlapping, resolved against `reference` (nil: only expressions with an explicit year
    /// get a date). The tense deciding bare weekdays, months, "this"/"the weekend" is the nearest
    /// cue word in the same sentence (see `DateLexicon.futureCues` and `pastCues`).
    public func find(in text: String, reference: CalendarDate?) -> [TemporalExpression] {
        if let r = text.utf8.withContiguousStorageIfAvailable({ find(utf8: $0, reference: reference) }) {
            return r
        }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { find(utf8: $0, reference: reference) }
    }

    /// Byte-level `find(in:reference:)`; ranges are offsets into `text`.
    public func find(utf8 text: UnsafeBufferPointer<UInt8>, reference: CalendarDate?) -> [TemporalExpression] {
        find(utf8: text, reference: reference, withText: true)
    }

    /// `find(utf8:reference:)` for callers in this package that read `range` and leave `text` empty
    /// (`withText` false).
    package func find(utf8 text: UnsafeBufferPointer<UInt8>, reference: CalendarDate?, withText: Bool) -> [TemporalExpression] {
        // Token offsets are 32-bit: a text of 2 GiB or more is read up to that length.
        let whole = 0..<min(text.count, Int(Int32.max) - 1)
        return find(utf8: text, windows: [whole], reference: reference, withText: withText)
    }

    /// The expressions of several windows of one text (ranges into `text`, in order, not overlapping), as if
    /// each were given to `find` alone, with ranges into `text`. The event dater reads a window of every
    /// sentence it dates: one call per article, not one per sentence, saves the set-up of each call.
    package func find(utf8 text: UnsafeBufferPointer<UInt8>, windows: [Range<Int>], reference: CalendarDate?,
                      withText: Bool) -> [TemporalExpression] {
        var tokens: [DateToken] = []
        tokens.reserveCapacity(windows.reduce(0) { $0 + $1.count } / 5 + 4 * windows.count)
        for w in windows where !w.isEmpty && w.upperBound <= text.count && w.upperBound < Int(Int32.max) {
            DateTokenizer.tokenize(text, range: w, into: &tokens)
        }
        return find(utf8: text, tokens: tokens, reference: reference, withText: withText)
    }

    /// `find(utf8:windows:reference:withText:)` over tokens already made of the windows (`DateTokenBuffer`).
    package func find(utf8 text: UnsafeBufferPointer<UInt8>, tokens: DateTokenBuffer, reference: CalendarDate?,
                      withText: Bool) -> [TemporalExpression] {
        find(utf8: text, tokens: tokens.tokens, reference: reference, withText: withText)
    }

    private func find(utf8 text: UnsafeBufferPointer<UInt8>, tokens: [DateToken], reference: CalendarDate?,
                      withText: Bool) -> [TemporalExpression] {
        let scanner = DateScanner(bytes: text, tokens: tokens, relaxed: false)
        let matches = scanner.matches()
        guard !matches.isEmpty else { return [] }
        // Tense cues are read only around the dates that need one, token by token. Words of a date ("ago",
        // "last", "next") do not set the tense of other dates: each match's tokens are marked.
        let read = scanner.tokens
        var inDate: [Bool] = []
        if matches.contains(where: { Self.needsTense($0.expr) }) {
            inDate = [Bool](repeating: false, count: read.count)
            for m in matches { for k in m.first..<m.end { inDate[k] = true } }
        }
        var out: [TemporalExpression] = []
        out.reserveCapacity(matches.count)
        for m in matches {
            let tense = Self.needsTense(m.expr)
                ? Self.tense(around: m.first, m.end, tokens: read) { k in inDate[k] ? nil : Self.cue(at: k, tokens: read, bytes: text) }
                : .unknown
            let r = Self.resolve(m.expr, reference: reference, tense: tense)
            let range = read[m.first].start..<read[m.end - 1].end
            out.append(TemporalExpression(
                range: range,
                text: withText ? String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self) : "",
                date: r.date, isRelative: r.isRelative, isDuration: r.isDuration))
        }
        return out
    }

    /// Resolves one phrase ("last Tuesday", "March 3", "two weeks ago", "in March") with an
    /// explicit tense; the first expression found in `phrase` is used, and bare months and years
    /// need no preceding preposition. Nil when nothing is recognised, for durations, and for
    /// relative phrases without a reference. "in three days" is future unless `tense` is `.past`.
    public func resolve(_ phrase: String, reference: CalendarDate?, tense: Tense = .unknown) -> CalendarDate? {
        var copy = phrase
        return copy.withUTF8 { bytes in
            let scanner = DateScanner(bytes: bytes, relaxed: true)
            guard let m = scanner.matches().first else { return nil }
            return Self.resolve(m.expr, reference: reference, tense: tense).date
        }
    }

    static func needsTense(_ e: DateExpr) -> Bool {
        switch e {
        case .monthDay, .month, .weekday, .weekend, .inFuture: return true
        default: return false
        }
    }
}
