import AttacheDates
import AttacheModel

/// An event while a document is being analysed: token offsets and entity references, before the
/// assembler maps them to code points and output entity ids.
///
/// A plain value of 144 bytes: events are copied as they pass from extraction through dating and merging,
/// so offsets and dates are stored in 32-bit fields behind properties of the usual types.
struct RawEvent {
    var type: EventType
    var status: EventStatus
    var dateSource: DateSource?
    var negated: Bool
    /// A definite noun trigger ("the deal", "these talks") that may refer back to an event already told.
    var anaphoric = false
    /// A verb of saying ("said", "told"): the news only when the sentence reports no other event.
    var isSaying = false
    /// The trigger is a noun ("talks", "the deal"), not a verb.
    var isNoun = false
    /// A definite noun with no actor or place of its own: kept only if it refers back to an event.
    var orphan = false
    /// The trigger row's CAMEO root (`TriggerPhrase.cameo`); 0 for the type's own.
    var cameo: UInt8 = 0
    private var triggerStart: Int32, triggerEnd: Int32, sentence32: Int32
    private var packedDate: PackedDate, dateSpan: PackedSpan
    private var deferredDate: PackedDate = .none, deferredSpan: PackedSpan = .none
    /// Each participant once, in the order found; a source stays a source when seen again as a target.
    var participants: Participants
    var location: EntityRef?

    init(type: EventType, trigger: Range<Int>, sentence: Int, participants: Participants, location: EntityRef?,
         date: CalendarDate?, dateBytes: Range<Int>?, dateSource: DateSource?, status: EventStatus, negated: Bool) {
        self.type = type
        self.status = status
        self.dateSource = dateSource
        self.negated = negated
        triggerStart = Int32(truncatingIfNeeded: trigger.lowerBound)
        triggerEnd = Int32(truncatingIfNeeded: trigger.upperBound)
        sentence32 = Int32(truncatingIfNeeded: sentence)
        packedDate = PackedDate(date)
        dateSpan = PackedSpan(dateBytes)
        self.participants = participants
        self.location = location
    }

    /// Token range of the trigger phrase.
    var trigger: Range<Int> {
        get { Int(triggerStart)..<Int(triggerEnd) }
        set { triggerStart = Int32(truncatingIfNeeded: newValue.lowerBound); triggerEnd = Int32(truncatingIfNeeded: newValue.upperBound) }
    }
    var sentence: Int {
        get { Int(sentence32) }
        set { sentence32 = Int32(truncatingIfNeeded: newValue) }
    }
    var date: CalendarDate? {
        get { packedDate.date }
        set { packedDate = PackedDate(newValue) }
    }
    /// UTF-8 byte range of the words the date came from (the assembler quotes them).
    var dateBytes: Range<Int>? {
        get { dateSpan.range }
        set { dateSpan = PackedSpan(newValue) }
    }
    /// A fallback date held back until merging (see `EventDating.settle`).
    var deferred: (date: CalendarDate, bytes: Range<Int>?)? {
        get { deferredDate.date.map { ($0, deferredSpan.range) } }
        set {
            deferredDate = PackedDate(newValue?.date)
            deferredSpan = PackedSpan(newValue?.bytes)
        }
    }

    /// Adds `ref` unless present; a `participant` role upgrades to nothing, a source is never demoted.
    mutating func add(_ ref: EntityRef, _ role: ParticipantRole) { participants.add(ref, role) }

    @inline(__always) func shares(participantsWith other: RawEvent) -> Bool {
        for p in participants where other.participants.contains(where: { $0.ref == p.ref }) { return true }
        return false
    }
}

/// The participants of a raw event, held inline: at most `capacity`, each an entity reference and a role.
///
/// Why not an array: a raw event is copied as it moves from extraction through dating and merging, and an
/// array field made every copy a value-witness call with an atomic retain and release. With the participants
/// inline a raw event holds no reference at all and copies as plain bytes. Sixteen is more than any clause
/// names; further participants of a merged event are dropped.
struct Participants: Sequence, ExpressibleByArrayLiteral {
    static let capacity = 16
    /// Each reference packed in 32 bits (a knowledge-base index, or a local index as -1 - index) so the
    /// whole list is 80 bytes.
    private var codes = InlineArray<16, Int32>(repeating: 0)
    private var roles = InlineArray<16, ParticipantRole>(repeating: .participant)
    private var stored: UInt8 = 0

    var count: Int { Int(stored) }

    @inline(__always) private static func code(_ r: EntityRef) -> Int32 {
        switch r {
        case .kb(let i): i
        case .local(let i): -1 - i
        }
    }

    @inline(__always) private static func ref(_ c: Int32) -> EntityRef { c >= 0 ? .kb(c) : .local(-1 - c) }

    init() {}

    init(arrayLiteral elements: (ref: EntityRef, role: ParticipantRole)...) {
        for e in elements { add(e.ref, e.role) }
    }

    var isEmpty: Bool { count == 0 }

    subscript(_ i: Int) -> (ref: EntityRef, role: ParticipantRole) {
        precondition(i >= 0 && i < count, "participant index out of range")
        return (Participants.ref(codes[i]), roles[i])
    }

    /// Adds `ref` unless present (then a `participant` role is upgraded, a source never demoted); beyond
    /// `capacity` the participant is dropped.
    mutating func add(_ ref: EntityRef, _ role: ParticipantRole) {
        let c = Participants.code(ref)
        for i in 0..<count where codes[i] == c {
            if roles[i] == .participant && role != .participant { roles[i] = role }
            return
        }
        guard count < Participants.capacity else { return }
        codes[count] = c
        roles[count] = role
        stored += 1
    }

    /// "talks between X and Y": every source becomes a co-participant.
    mutating func makeSourcesParticipants() { replaceRole(.source, with: .participant) }

    /// Gives every participant of role `old` the role `new` ("Aleppo, bombed by Russia": the names read as
    /// subjects before the agent was seen are acted on).
    mutating func replaceRole(_ old: ParticipantRole, with new: ParticipantRole) {
        for i in 0..<count where roles[i] == old { roles[i] = new }
    }

    struct Iterator: IteratorProtocol {
        let all: Participants
        var i = 0
        mutating func next() -> (ref: EntityRef, role: ParticipantRole)? {
            guard i < all.count else { return nil }
            defer { i += 1 }
            return all[i]
        }
    }

    func makeIterator() -> Iterator { Iterator(all: self) }
    var underestimatedCount: Int { count }
}

/// A `CalendarDate?` in 8 bytes (years beyond 32 bits do not occur in text dates).
struct PackedDate {
    private var year: Int32 = 0
    private var month: UInt8 = 0
    private var day: UInt8 = 0
    /// Bit 0: a date is held; bit 1: a decade.
    private var flags: UInt8 = 0

    static let none = PackedDate(nil)

    init(_ d: CalendarDate?) {
        guard let d else { return }
        year = Int32(clamping: d.year)
        month = UInt8(clamping: d.month ?? 0)
        day = UInt8(clamping: d.day ?? 0)
        flags = 1 | (d.isDecade ? 2 : 0)
    }

    var date: CalendarDate? {
        guard flags & 1 != 0 else { return nil }
        if flags & 2 != 0 { return CalendarDate(decade: Int(year)) }
        return CalendarDate(year: Int(year), month: month == 0 ? nil : Int(month), day: day == 0 ? nil : Int(day))
    }
}

/// A `Range<Int>?` of byte offsets in 8 bytes (an article is far below 2 GiB); -1 marks none.
struct PackedSpan {
    private var lower: Int32 = -1
    private var upper: Int32 = -1

    static let none = PackedSpan(nil)

    init(_ r: Range<Int>?) {
        guard let r else { return }
        lower = Int32(truncatingIfNeeded: r.lowerBound)
        upper = Int32(truncatingIfNeeded: r.upperBound)
    }

    var range: Range<Int>? { lower < 0 ? nil : Int(lower)..<Int(upper) }
}
