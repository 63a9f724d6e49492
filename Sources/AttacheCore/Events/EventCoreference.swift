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

extension EventCoreference {
    /// Furthest a definite noun may start after the end of the verb that lends it a date, in tokens: "urged China
    /// on Wednesday not to use the visit" puts seven words between. Further on, it is in a clause of its own
    /// ("Trump threatened North Korea ... and mocked Kim ..., while Pyongyang carried out its sixth nuclear test").
    static let governedReach = 10

    /// Most events before a definite noun that `borrowedDates` looks at for a verb that dates it: a news sentence
    /// tells a handful, and a text of one endless sentence would otherwise compare every pair.
    static let clauseNeighbours = 8

    /// "G7 ministers urged China on Wednesday not to use the visit as a pretext", "lawmakers will vote on the deal
    /// on Saturday": a date of the clause tells when the clause's verb happened (the urging, the vote), and a
    /// definite noun in what the verb governs names another act, already told, whatever its date.
    /// Whether `noun` has its date only from `verb`: the same words date both, the noun follows the verb (its
    /// object or complement, within `governedReach`), and the verb tells an act of another type. A verb of the noun's own type ("The deal
    /// was signed on Friday") or a verb after the noun ("The agreement, reached in July, had the EU coordinating")
    /// tells of the noun's event, and its date is the noun's own.
    static func borrowsDate(_ noun: RawEvent, from verb: RawEvent) -> Bool {
        guard noun.anaphoric, noun.isNoun, !verb.isNoun, verb.type != noun.type, verb.sentence == noun.sentence,
              verb.trigger.upperBound <= noun.trigger.lowerBound, noun.trigger.lowerBound - verb.trigger.upperBound <= governedReach,
              noun.dateSource == .text, verb.dateSource == .text, let words = noun.dateBytes else { return false }
        return verb.dateBytes == words
    }

    /// By event, whether its date is borrowed from a verb of its sentence (`borrowsDate`); the events are in
    /// text order. Linear: each event looks back at most `clauseNeighbours` events.
    static func borrowedDates(_ events: UnsafeBufferPointer<RawEvent>) -> [Bool] {
        var borrowed = [Bool](repeating: false, count: events.count)
        for i in events.indices where events[i].anaphoric && events[i].dateSource == .text {
            for j in max(events.startIndex, i - clauseNeighbours)..<i where borrowsDate(events[i], from: events[j]) {
                borrowed[i] = true
                break
            }
        }
        return borrowed
    }

    /// `e` without the date it borrowed: it refers back to an event whatever that event's date, and leaves the
    /// event's date as it was.
    static func withoutBorrowedDate(_ e: RawEvent) -> RawEvent {
        var plain = e
        plain.date = nil
        plain.dateBytes = nil
        plain.dateSource = nil
        return plain
    }
}

extension EventCoreference {
    /// "Britain urged Iran to act. ... Britain urged Russia to stop": two verbs of a directed type (an appeal, an
    /// accusation, a sanction) whose named targets have none in common are two acts of one actor, not one act told
    /// twice. Not for the types scored without direction (a meeting names its sides in either order), and not for
    /// a noun, which may name the event with fewer or other names.
    static func actOnOthers(_ a: RawEvent, _ b: RawEvent) -> Bool {
        guard !a.isNoun, !b.isNoun, !EventExtractor.isSymmetric(a.type) else { return false }
        var targetsA = 0, targetsB = 0
        for x in a.participants where x.role == .target {
            targetsA += 1
            if b.participants.contains(where: { $0.role == .target && $0.ref == x.ref }) { return false }
        }
        for y in b.participants where y.role == .target { targetsB += 1 }
        return targetsA > 0 && targetsB > 0
    }
}

extension EventCoreference {
    /// "Medvedev and Obama met in Prague ... the talks in April": an event dated by the publication (the lead tells
    /// today's news) keeps its day when a later mention dates it only to the month or year that holds that day.
    /// The coarser words say nothing the day does not, and only a finer or another date is news of the date.
    static func vaguerThanPublished(_ mention: RawEvent, than event: RawEvent) -> Bool {
        guard event.dateSource == .published, mention.dateSource == .text, let day = event.date, let told = mention.date,
              !told.isDecade, told != day else { return false }
        return told.isPrefix(of: day)
    }
}
