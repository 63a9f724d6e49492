import AttacheDates

/// Whether the dates of two mentions let them be one event, and which date the event keeps.
///
/// Dates of two mentions conflict unless equal or one is a year alone that holds the other: "the 2015
/// agreement" and "the agreement, reached in July 2015" are one date told at two precisions, and the finer
/// one is kept. A month and a day in it are not: "a deal reached earlier this month" beside "initialed on
/// Tuesday" tells two acts of one month.
enum EventCoreference {
    static func compatible(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
        a == b || (isYearAlone(a) && a.isPrefix(of: b)) || (isYearAlone(b) && b.isPrefix(of: a))
    }

    static func isYearAlone(_ d: CalendarDate) -> Bool { !d.isDecade && d.month == nil }

    /// The finer of two compatible dates (the first when neither is finer).
    static func finer(_ a: CalendarDate, _ b: CalendarDate) -> CalendarDate {
        a != b && a.isPrefix(of: b) ? b : a
    }
}

extension EventCoreference {
    /// "The deal was signed in Pretoria", "the document was signed at the close of the talks": a trigger with
    /// no named actor right after a definite noun of its type in the same sentence tells more of what that
    /// noun refers to, and joins the event the noun refers back to.
    static func continuesDefiniteNoun(_ e: RawEvent, after previous: RawEvent) -> Bool {
        e.participants.isEmpty && previous.anaphoric && previous.isNoun && previous.type == e.type
            && previous.sentence == e.sentence
    }

    /// Tokens allowed between an event noun and a verb of its type that describes it (a comma).
    static let describingVerbGap = 1

    /// "the talks, hosted by Belarus President Alexander Lukashenko", "negotiations mediated by Qatar": a verb
    /// trigger of the same type right after a noun trigger, in a participle or as its predicate, tells more of
    /// the event the noun names (who hosted or mediated it), not of a second meeting.
    static func describesNounBefore(_ e: RawEvent, _ noun: RawEvent) -> Bool {
        !e.isNoun && noun.isNoun && noun.type == e.type && noun.sentence == e.sentence && noun.negated == e.negated
            && e.trigger.lowerBound >= noun.trigger.upperBound
            && e.trigger.lowerBound - noun.trigger.upperBound <= describingVerbGap
    }
}
