/// The time direction of the clause around an expression, used to pick which "Friday" or
/// "March" is meant. `present` and `unknown` resolve the same way (see `DateFinder`).
public enum Tense: Sendable {
    case past, present, future, unknown
}

/// One temporal expression found in a text.
public struct TemporalExpression: Sendable, Equatable {
    /// UTF-8 byte offsets into the text given to `DateFinder.find`, end exclusive. Leading
    /// prepositions ("on", "in", "since") are outside the range, modifiers that change the
    /// meaning ("last", "this", "next", "early", "mid-", "the end of", "in" of "in three days")
    /// are inside it.
    public var range: Range<Int>
    /// The text of `range`, e.g. "this Friday December 18".
    public var text: String
    /// The resolved date at the precision the text supports; nil when it cannot be resolved
    /// (a relative expression without a reference date, "a few days ago") and for durations.
    public var date: CalendarDate?
    /// True when the date depends on the reference date (anything without an explicit year).
    public var isRelative: Bool
    /// True for a length of time ("three weeks", "21 days", "three and a half years"), which
    /// is not a point in time; `date` is then nil.
    public var isDuration: Bool

    /// Memberwise initialiser.
    public init(range: Range<Int>, text: String, date: CalendarDate?, isRelative: Bool, isDuration: Bool) {
        self.range = range
        self.text = text
        self.date = date
        self.isRelative = isRelative
        self.isDuration = isDuration
    }
}
