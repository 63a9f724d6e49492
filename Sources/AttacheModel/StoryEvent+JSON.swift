import AttacheJSON

/// A story event as one entity's timeline shows it (`GET /v1/entities/{id}/timeline`, the default view, and the items
/// of `GET /v1/relations`): the entity's own role, the other participants, and the member mentions. The service
/// writes it and the client reads it, so the two cannot drift apart.
public struct EntityStory: Sendable, Hashable {
    public var id: String
    public var date: String?
    /// PLOVER event type and its CAMEO root code (nil for a type without one).
    public var type: String
    public var cameo: String?
    public var status: String
    /// The entity's own role (nil only if the entity were not a participant, which a timeline never lists).
    public var role: String?
    /// Every other participant with its role.
    public var otherParticipants: [StoryEvent.Participant]
    public var articleCount: Int
    public var sources: [String]
    public var firstReported: String?
    public var lastReported: String?
    public var sentence: String
    /// The member events, each in its article (`triggerStart`/`triggerEnd` are written `start`/`end`).
    public var mentions: [StoryEvent.Member]

    /// `story` seen from `entityID`.
    public init(_ story: StoryEvent, entityID: String) {
        id = story.id
        date = story.date
        type = story.type
        cameo = EventType(rawValue: story.type)?.cameo
        status = story.status
        role = story.participants.first { $0.id == entityID }?.role
        otherParticipants = story.participants.filter { $0.id != entityID }
        articleCount = story.articleCount
        sources = story.sources
        firstReported = story.firstReported
        lastReported = story.lastReported
        sentence = story.sentence
        mentions = story.members
    }

    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("kind", "story")
        w.field("id", id)
        w.field("date", date)
        w.field("type", type)
        w.field("cameo", cameo)
        w.field("status", status)
        w.field("role", role)
        w.array("otherParticipants", otherParticipants) { w, p in
            w.beginObject()
            w.field("id", p.id)
            w.field("name", p.name)
            w.field("role", p.role)
            w.endObject()
        }
        w.field("articleCount", articleCount)
        w.array("sources", sources) { w, source in w.string(source) }
        w.field("firstReported", firstReported)
        w.field("lastReported", lastReported)
        w.field("sentence", sentence)
        w.array("mentions", mentions) { w, m in
            w.beginObject()
            w.field("articleId", m.articleID)
            w.field("eventId", m.eventID)
            w.field("articleTitle", m.articleTitle)
            w.field("articlePublishedAt", m.articlePublishedAt)
            w.field("source", m.source)
            w.field("sentence", m.sentence)
            w.field("sentenceIndex", m.sentenceIndex)
            w.field("trigger", m.trigger)
            w.field("start", m.triggerStart)
            w.field("end", m.triggerEnd)
            w.endObject()
        }
        w.endObject()
    }

    public init(wire o: WireObject) throws(WireFormatError) {
        guard try o.string("kind") == "story" else { throw WireFormatError("\(o.name("kind")) must be \"story\"", field: o.name("kind")) }
        id = try o.string("id")
        date = try o.optionalString("date")
        type = try o.string("type")
        cameo = try o.optionalString("cameo")
        status = try o.string("status")
        role = try o.optionalString("role")
        otherParticipants = try o.objects("otherParticipants").map { (p) throws(WireFormatError) in
            StoryEvent.Participant(id: try p.string("id"), name: try p.string("name"), role: try p.string("role"))
        }
        articleCount = try o.int("articleCount")
        sources = try o.array("sources") { (v, path) throws(WireFormatError) in
            guard let s = v.stringValue else { throw WireFormatError("\(path) must be a string", field: path) }
            return s
        }
        firstReported = try o.optionalString("firstReported")
        lastReported = try o.optionalString("lastReported")
        sentence = try o.string("sentence")
        mentions = try o.objects("mentions").map { (m) throws(WireFormatError) in
            StoryEvent.Member(articleID: try m.string("articleId"), eventID: try m.string("eventId"),
                              articleTitle: try m.optionalString("articleTitle"), articlePublishedAt: try m.optionalString("articlePublishedAt"),
                              source: try m.optionalString("source"), sentence: try m.string("sentence"),
                              sentenceIndex: try m.int("sentenceIndex"), trigger: try m.string("trigger"),
                              triggerStart: try m.int("start"), triggerEnd: try m.int("end"))
        }
    }
}

/// One page of an entity's story-event timeline: `{"entity", "view": "stories", "items": [...], "nextCursor"}`, the
/// cursor left out on the last page.
public struct StoryPage: Sendable, Hashable {
    public static let view = "stories"

    public var entity: String
    public var items: [EntityStory]
    /// Opaque; pass it back for the next page. Nil on the last page.
    public var nextCursor: String?

    public init(entity: String, items: [EntityStory], nextCursor: String?) {
        self.entity = entity
        self.items = items
        self.nextCursor = nextCursor
    }

    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 256 + items.count * 512)
        w.beginObject()
        w.field("entity", entity)
        w.field("view", Self.view)
        w.array("items", items) { w, item in item.writeJSON(into: &w) }
        w.field("nextCursor", nextCursor)
        w.endObject()
        return w.bytes
    }

    public init(json value: JSONValue) throws(WireFormatError) {
        let o = try WireObject(value)
        guard try o.string("view") == Self.view else { throw WireFormatError("view must be \"\(Self.view)\"", field: "view") }
        entity = try o.string("entity")
        items = try o.objects("items").map { (i) throws(WireFormatError) in try EntityStory(wire: i) }
        nextCursor = try o.optionalString("nextCursor")
    }
}

/// A counterpart in `GET /v1/entities/{id}/relations`: the story events shared with it, by type, their date range and
/// their cooperation–conflict balance (mean Goldstein value; nil when no counted type has one).
public struct RelationSummary: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Entity type of the counterpart.
    public var type: String
    public var storyCount: Int
    /// Story events by event type.
    public var counts: [String: Int]
    public var firstDate: String?
    public var lastDate: String?
    public var balance: Double?

    public init(id: String, name: String, type: String, storyCount: Int, counts: [String: Int], firstDate: String?, lastDate: String?,
                balance: Double?) {
        self.id = id
        self.name = name
        self.type = type
        self.storyCount = storyCount
        self.counts = counts
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.balance = balance
    }

    /// Writes the counterpart; counts in type order, so the bytes are stable.
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("name", name)
        w.field("type", type)
        w.field("storyCount", storyCount)
        w.key("counts")
        w.beginObject()
        for (type, n) in counts.sorted(by: { $0.key < $1.key }) { w.field(type, n) }
        w.endObject()
        w.field("firstDate", firstDate)
        w.field("lastDate", lastDate)
        w.field("balance", balance)
        w.endObject()
    }

    public init(wire o: WireObject) throws(WireFormatError) {
        id = try o.string("id")
        name = try o.string("name")
        type = try o.string("type")
        storyCount = try o.int("storyCount")
        let countsObject = try o.object("counts")
        var counts: [String: Int] = [:]
        for key in countsObject.value.objectValue?.keys ?? [] { counts[key] = try countsObject.int(key) }
        self.counts = counts
        firstDate = try o.optionalString("firstDate")
        lastDate = try o.optionalString("lastDate")
        balance = try o.optionalDouble("balance")
    }
}

/// `GET /v1/entities/{id}/relations`: `{"entity", "items": [...]}`, counterparts ranked by shared story events.
public struct RelationsPage: Sendable, Hashable {
    public var entity: String
    public var items: [RelationSummary]

    public init(entity: String, items: [RelationSummary]) {
        self.entity = entity
        self.items = items
    }

    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 256 + items.count * 256)
        w.beginObject()
        w.field("entity", entity)
        w.array("items", items) { w, item in item.writeJSON(into: &w) }
        w.endObject()
        return w.bytes
    }

    public init(json value: JSONValue) throws(WireFormatError) {
        let o = try WireObject(value)
        entity = try o.string("entity")
        items = try o.objects("items").map { (i) throws(WireFormatError) in try RelationSummary(wire: i) }
    }
}
