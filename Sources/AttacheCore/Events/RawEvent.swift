import AttacheDates

/// An event while a document is being analysed: token offsets and entity references, before the
/// assembler maps them to code points and output entity ids.
struct RawEvent {
    var type: EventType
    /// Token range of the trigger phrase.
    var trigger: Range<Int>
    var sentence: Int
    /// Each participant once, in the order found; a source stays a source when seen again as a target.
    var participants: [(ref: EntityRef, role: ParticipantRole)]
    var location: EntityRef?
    var date: CalendarDate?
    /// UTF-8 byte range of the words the date came from (the assembler quotes them).
    var dateBytes: Range<Int>?
    var dateSource: DateSource?
    var status: EventStatus
    var negated: Bool
    /// A definite noun trigger ("the deal", "these talks") that may refer back to an event already told.
    var anaphoric = false
    /// A verb of saying ("said", "told"): the news only when the sentence reports no other event.
    var isSaying = false
    /// The trigger is a noun ("talks", "the deal"), not a verb.
    var isNoun = false
    /// A definite noun with no actor or place of its own: kept only if it refers back to an event.
    var orphan = false
    /// A fallback date held back until merging (see `EventDating.settle`).
    var deferred: (date: CalendarDate, bytes: Range<Int>?)?

    /// Adds `ref` unless present; a `participant` role upgrades to nothing, a source is never demoted.
    mutating func add(_ ref: EntityRef, _ role: ParticipantRole) {
        if let at = participants.firstIndex(where: { $0.ref == ref }) {
            if participants[at].role == .participant && role != .participant { participants[at].role = role }
            return
        }
        participants.append((ref, role))
    }

    func shares(participantsWith other: RawEvent) -> Bool {
        for p in participants where other.participants.contains(where: { $0.ref == p.ref }) { return true }
        return false
    }
}
