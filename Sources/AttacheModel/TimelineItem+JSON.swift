import AttacheJSON

/// One page of an entity's timeline as `GET /v1/entities/{id}/timeline` answers it:
/// `{"entity", "items": [...], "nextCursor"}`, the cursor left out on the last page.
public struct TimelinePage: Sendable, Equatable {
    public var entity: String
    public var items: [TimelineItem]
    /// Opaque; pass it back for the next page. Nil on the last page.
    public var nextCursor: String?

    public init(entity: String, items: [TimelineItem], nextCursor: String?) {
        self.entity = entity
        self.items = items
        self.nextCursor = nextCursor
    }

    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 256 + items.count * 256)
        w.beginObject()
        w.field("entity", entity)
        w.key("items")
        w.beginArray()
        for item in items { item.writeJSON(into: &w) }
        w.endArray()
        w.field("nextCursor", nextCursor)
        w.endObject()
        return w.bytes
    }

    /// The page of a response body.
    public init(json value: JSONValue) throws(WireFormatError) {
        let o = try WireObject(value)
        entity = try o.string("entity")
        items = try o.objects("items").map { (i) throws(WireFormatError) in try TimelineItem(wire: i) }
        nextCursor = try o.optionalString("nextCursor")
    }
}

extension TimelineItem {
    /// Writes the item; `otherParticipants` only for events, nil members left out.
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("kind", kind.rawValue)
        w.field("date", date)
        w.field("articleId", articleID)
        w.field("articleTitle", articleTitle)
        w.field("articlePublishedAt", articlePublishedAt)
        w.field("eventType", eventType)
        w.field("eventId", eventID)
        w.field("trigger", trigger)
        w.field("role", role)
        if kind == .event {
            w.key("otherParticipants")
            w.beginArray()
            for p in otherParticipants {
                w.beginObject()
                w.field("id", p.id)
                w.field("name", p.name)
                w.endObject()
            }
            w.endArray()
        }
        w.field("sentence", sentence)
        w.field("mentionText", mentionText)
        w.field("mentionCount", mentionCount)
        w.endObject()
    }

    init(wire o: WireObject) throws(WireFormatError) {
        self.init(kind: try o.case("kind", Kind.self), date: try o.optionalString("date"), articleID: try o.string("articleId"),
                  articleTitle: try o.optionalString("articleTitle"), articlePublishedAt: try o.optionalString("articlePublishedAt"),
                  eventType: try o.optionalString("eventType"), eventID: try o.optionalString("eventId"),
                  trigger: try o.optionalString("trigger"), role: try o.optionalString("role"),
                  otherParticipants: try o.objects("otherParticipants").map { (p) throws(WireFormatError) in
                      Participant(id: try p.string("id"), name: try p.string("name"))
                  },
                  sentence: try o.string("sentence"), mentionText: try o.optionalString("mentionText"),
                  mentionCount: try o.optionalInt("mentionCount"))
    }
}
