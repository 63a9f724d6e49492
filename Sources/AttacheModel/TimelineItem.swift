/// One entry of an entity's timeline: an event it takes part in, or its mentions in one article.
public struct TimelineItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case event, mention
    }

    /// Another participant of the event.
    public struct Participant: Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var kind: Kind
    /// The event date, else the article's publication date, as given (may be partial: "2015-12", "2011"); nil when
    /// neither is known (such items come last).
    public var date: String?
    public var articleID: String
    public var articleTitle: String?
    public var articlePublishedAt: String?
    /// PLOVER event type (`EventType.rawValue`); nil for mentions.
    public var eventType: String?
    public var eventID: String?
    public var trigger: String?
    /// The entity's role in the event (`source`, `target`, `participant`) or `location`; nil for mentions.
    public var role: String?
    /// Participants of the event other than this entity, in the event's order; empty for mentions.
    public var otherParticipants: [Participant]
    /// The sentence of the event or of the entity's first mention (the title for title-only mentions).
    public var sentence: String
    /// Text of the first mention; nil for events.
    public var mentionText: String?
    /// Mentions of the entity in the article; nil for events.
    public var mentionCount: Int?

    public init(kind: Kind, date: String?, articleID: String, articleTitle: String?, articlePublishedAt: String?,
                eventType: String? = nil, eventID: String? = nil, trigger: String? = nil, role: String? = nil,
                otherParticipants: [Participant] = [], sentence: String, mentionText: String? = nil, mentionCount: Int? = nil) {
        self.kind = kind
        self.date = date
        self.articleID = articleID
        self.articleTitle = articleTitle
        self.articlePublishedAt = articlePublishedAt
        self.eventType = eventType
        self.eventID = eventID
        self.trigger = trigger
        self.role = role
        self.otherParticipants = otherParticipants
        self.sentence = sentence
        self.mentionText = mentionText
        self.mentionCount = mentionCount
    }
}
