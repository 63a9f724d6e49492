/// PLOVER-style event types, each with the nearest CAMEO root code.
public enum EventType: String, Sendable, CaseIterable, Hashable {
    case statement, appeal, agree, consult, cooperate, aid, concede, investigate
    case demand, accuse, reject, threaten, protest, mobilize, sanction, assault

    /// CAMEO root code (two digits).
    public var cameo: String {
        switch self {
        case .statement: "01"
        case .appeal: "02"
        case .agree: "03"
        case .consult: "04"
        case .cooperate: "05"
        case .aid: "07"
        case .concede: "08"
        case .investigate: "09"
        case .demand: "10"
        case .accuse: "11"
        case .reject: "12"
        case .threaten: "13"
        case .protest: "14"
        case .mobilize: "15"
        case .sanction: "16"
        case .assault: "18"
        }
    }

    /// The CAMEO root codes the type covers: a trigger may name one of them instead of `cameo` ("arrest" is a
    /// sanction of root 17, coerce; "air strike" an assault of root 19, fight).
    public var cameoRoots: [String] {
        switch self {
        case .agree: ["03", "05"]
        case .cooperate: ["05", "06"]
        case .sanction: ["16", "17"]
        case .assault: ["18", "19", "20"]
        default: [cameo]
        }
    }
}

public enum EventStatus: String, Sendable, Hashable {
    case occurred, planned, reported
}

public enum ParticipantRole: String, Sendable, Hashable {
    /// Who acts.
    case source
    /// Who is acted on.
    case target
    case participant
}

public enum DateSource: String, Sendable, Hashable {
    /// Resolved from words in the text.
    case text
    /// No time words: the publication date was assumed.
    case published
}

public struct Participant: Sendable, Hashable {
    public var entity: String
    public var role: ParticipantRole
    public init(entity: String, role: ParticipantRole) {
        self.entity = entity
        self.role = role
    }
}

/// Something that happened (or is announced) between named actors.
public struct Event: Sendable, Equatable {
    public var id: String
    public var type: EventType
    public var trigger: String
    /// Code-point span of the trigger in the text.
    public var triggerSpan: Span
    public var sentence: Int
    public var sentenceSpan: Span
    public var participants: [Participant]
    /// Entity id of the place or country where it happens.
    public var location: String?
    /// ISO 8601, full or partial ("2015-12-15", "2015-12", "2011").
    public var date: String?
    public var dateText: String?
    public var dateSource: DateSource?
    public var status: EventStatus
    public var negated: Bool

    /// CAMEO root code: the trigger's when its row names one, else the type's.
    public var cameo: String

    /// An event of `type` with empty fields, for a builder that sets them in place (see `EventAssembly`): the
    /// full initialiser's value was copied whole, with a reference count for each string and array, on the
    /// way into the output array.
    package init(blank type: EventType) {
        id = ""
        self.type = type
        trigger = ""
        triggerSpan = Span(start: 0, end: 0)
        sentence = 0
        sentenceSpan = Span(start: 0, end: 0)
        participants = []
        status = .occurred
        negated = false
        cameo = type.cameo
    }

    public init(id: String, type: EventType, trigger: String, triggerSpan: Span, sentence: Int, sentenceSpan: Span,
                participants: [Participant], location: String?, date: String?, dateText: String?, dateSource: DateSource?,
                status: EventStatus, negated: Bool, cameo: String? = nil) {
        self.id = id
        self.cameo = cameo ?? type.cameo
        self.type = type
        self.trigger = trigger
        self.triggerSpan = triggerSpan
        self.sentence = sentence
        self.sentenceSpan = sentenceSpan
        self.participants = participants
        self.location = location
        self.date = date
        self.dateText = dateText
        self.dateSource = dateSource
        self.status = status
        self.negated = negated
    }
}
