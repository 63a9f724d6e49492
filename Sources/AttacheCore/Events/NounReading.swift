/// "G7 ministers urged China not to use the visit as a pretext", "he was not surprised by the veto", "ISIL are
/// losing this fight": a word the trigger list reads as a verb ("visit", "veto", "fight") is a noun when a
/// definite determiner (`events/determiners.txt`) stands right before it, since a determiner opens a noun phrase
/// and never a verb. Read as a verb, it took the subject of the clause's real verb ("urged", "said", "losing")
/// as its source; as a noun it has no actor of its own, and like any such definite noun it is kept only if it
/// refers back to an event already told (`RawEvent.orphan`, `EventMerger`). One that names an actor or a place
/// after it ("the attack on Aleppo") stays as it was read.
/// A cross-event pass before the statement filter, linear in the events.
enum NounReading {
    /// Whether the one-word verb trigger of `e` has a determiner right before it, in its sentence from `lowest`.
    static func followsDeterminer(_ e: RawEvent, marks: [TokenMarks.Mark], lowest: Int) -> Bool {
        let before = e.trigger.lowerBound - 1
        return !e.isNoun && e.trigger.count == 1 && before >= lowest && marks[before].contains(.determiner)
    }

    /// Whether `e` names nothing of its own as a noun: no place, and no participant but sources.
    static func namesNothingAfter(_ e: RawEvent) -> Bool {
        e.location == nil && e.participants.allSatisfy { $0.role == .source }
    }

    /// Reads each verb trigger after a determiner that names nothing after it as a definite noun with no actor,
    /// in place.
    static func apply(_ events: UnsafeMutableBufferPointer<RawEvent>, sentences: [Range<Int>], marks: [TokenMarks.Mark]) {
        for i in events.indices where followsDeterminer(events[i], marks: marks, lowest: sentences[events[i].sentence].lowerBound)
            && namesNothingAfter(events[i]) {
            events[i].isNoun = true
            events[i].anaphoric = true
            events[i].orphan = true
            events[i].participants = []
        }
    }
}
