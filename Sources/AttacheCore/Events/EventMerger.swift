import AttacheModel

/// Merges the mentions of one event: a meeting told in three sentences is one event.
///
/// Two events merge when they have the same type and negation, share a participant (or, when neither
/// names one, the place), do not act on different targets (two verbs of a directed type whose named targets have
/// none in common, `EventCoreference.actOnOthers`), lie within `window` sentences of each other, and their dates do not conflict:
/// only dates read from the event's own sentence count, so an undated mention joins a dated one.
/// A definite noun trigger ("the deal", "the talks") joins the latest event of its type even without a
/// shared participant, and so does a trigger with no actor right after such a noun ("The deal was signed in
/// Pretoria"), and a verb of its type right after an event noun ("the talks, hosted by Belarus"). A year and a finer date in it ("2015", "July 2015") do not conflict, and the finer is kept
/// (`EventCoreference`). A definite noun whose only date is that of the verb governing it ("urged China on
/// Wednesday not to use the visit") is compared as undated: the date is the urging's, and the visit is the one told.
/// The merged event keeps the first trigger and sentence, the union of the participants (a source stays
/// a source), the first place and the first date read from the text, except a month or year that only holds the
/// publication day the event already has (`EventCoreference.vaguerThanPublished`).
struct EventMerger {
    /// How far apart, in sentences, two mentions of one event may be.
    var window = 1000
    /// How many earlier events of its type (the latest first) a mention is compared with. An article tells
    /// a few dozen events of one type at most; a text of thousands (a list, a sentence repeated) would
    /// otherwise compare every event with every earlier one.
    static let candidates = 64
    var bySource = true
    var strictDates = false

    func merge(_ events: [RawEvent]) -> [RawEvent] {
        // Through buffer pointers: reading a field of an array element (`events[i].type`) copied the whole
        // 144-byte event first, three to four copies an event.
        events.withUnsafeBufferPointer { ev in
            let out = [RawEvent](unsafeUninitializedCapacity: ev.count) { buffer, made in
                // The events of each type chained newest first (`latest[slot]`, then `previous[i]`), so each event
                // is compared with its own type only; two flat arrays, not an array per type, to allocate little.
                var latest = [Int](repeating: -1, count: EventType.allCases.count)
                var previous: [Int] = []
                previous.reserveCapacity(ev.count)
                // Where each event went (its own slot or the event it joined), -1 for a dropped orphan.
                var home = [Int](repeating: -1, count: ev.count)
                let borrowed = EventCoreference.borrowedDates(ev)
                for i in ev.indices {
                    let slot = EventMerger.slot(ev[i].type)
                    var at = -1
                    // A definite noun dated by another act's verb joins what it refers to as if undated.
                    let mention = borrowed[i] ? EventCoreference.withoutBorrowedDate(ev[i]) : ev[i]
                    if !ev[i].orphan {
                        // The chain runs newest first: once one event is out of the window, all further are.
                        var j = latest[slot], compared = 0
                        while j >= 0, compared < EventMerger.candidates, ev[i].sentence - buffer[j].sentence <= window {
                            if belongTogether(buffer[j], mention) { at = j; break }
                            j = previous[j]
                            compared += 1
                        }
                    }
                    // "talks, hosted by Belarus": the verb tells more of the event the noun before it names.
                    if at < 0, i > 0, home[i - 1] >= 0, EventCoreference.describesNounBefore(ev[i], ev[i - 1]),
                       !conflict(buffer[home[i - 1]], ev[i]) {
                        at = home[i - 1]
                    }
                    if at < 0, ev[i].anaphoric || (i > 0 && EventCoreference.continuesDefiniteNoun(ev[i], after: ev[i - 1])) {
                        var j = latest[slot], compared = 0
                        while j >= 0, compared < EventMerger.candidates {
                            if refersBack(mention, to: buffer[j]) { at = j; break }
                            j = previous[j]
                            compared += 1
                        }
                    }
                    if at >= 0 {
                        absorb(&buffer[at], mention)
                        home[i] = at
                    } else if !ev[i].orphan {
                        home[i] = made
                        previous.append(latest[slot])
                        latest[slot] = made
                        buffer.initializeElement(at: made, to: ev[i])
                        made += 1
                    }
                }
            }
            return out
        }
    }

    static func slot(_ t: EventType) -> Int {
        switch t {
        case .statement: 0
        case .appeal: 1
        case .agree: 2
        case .consult: 3
        case .cooperate: 4
        case .aid: 5
        case .concede: 6
        case .investigate: 7
        case .demand: 8
        case .accuse: 9
        case .reject: 10
        case .threaten: 11
        case .protest: 12
        case .mobilize: 13
        case .sanction: 14
        case .assault: 15
        }
    }

    @inline(__always) func belongTogether(_ a: RawEvent, _ b: RawEvent) -> Bool {
        guard a.type == b.type, a.negated == b.negated, b.sentence - a.sentence <= window else { return false }
        if conflict(a, b) { return false }
        if a.participants.isEmpty && b.participants.isEmpty { return a.location != nil && a.location == b.location }
        if EventCoreference.actOnOthers(a, b) { return false }
        if bySource, a.participants.contains(where: { $0.role == .source }), b.participants.contains(where: { $0.role == .source }) {
            // Both name who acts: the same actor must act in both.
            for x in a.participants where x.role == .source {
                for y in b.participants where y.role == .source && y.ref == x.ref { return true }
            }
            return false
        }
        return a.shares(participantsWith: b)
    }

    /// "the deal" after a deal: same type and negation, no conflicting date.
    @inline(__always) func refersBack(_ e: RawEvent, to a: RawEvent) -> Bool {
        guard a.type == e.type, a.negated == e.negated else { return false }
        return !conflict(a, e)
    }

    /// Both dated, differently; with `strictDates` off only dates read from the events' own sentences count.
    @inline(__always) func conflict(_ a: RawEvent, _ b: RawEvent) -> Bool {
        guard let da = a.date, let db = b.date, da != db else { return false }
        if strictDates { return true }
        return a.dateSource == .text && b.dateSource == .text && !EventCoreference.compatible(da, db)
    }

    @inline(__always) func absorb(_ into: inout RawEvent, _ e: RawEvent) {
        for p in e.participants { into.add(p.ref, p.role) }
        if into.location == nil { into.location = e.location }
        if into.deferred == nil { into.deferred = e.deferred }
        if into.dateSource != .text, e.dateSource == .text, !EventCoreference.vaguerThanPublished(e, than: into) {
            into.date = e.date
            into.dateBytes = e.dateBytes
            into.dateSource = .text
        } else if into.dateSource == .text, e.dateSource == .text, let a = into.date, let b = e.date,
                  EventCoreference.compatible(a, b), EventCoreference.finer(a, b) != a {
            // "the 2015 agreement", then "reached in July 2015": the finer date of the same event.
            into.date = b
            into.dateBytes = e.dateBytes
        }
        if into.status == .occurred, e.status != .occurred, into.dateSource != .text { into.status = e.status }
    }
}
