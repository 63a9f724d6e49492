import AttacheJSON

// Readers of the entity responses (`GET /v1/entities`, `GET /v1/entities/{id}`; `EntitySummary` and `EntityDetail`
// in openapi.yaml), so that a client gets back the values the store gave the service.

extension EntitySummary {
    /// One item of an entity search, or the identity and counts of an entity's detail.
    public init(wire o: WireObject) throws(WireFormatError) {
        self.init(id: try o.string("id"), type: try o.case("type", EntityType.self), name: try o.string("name"),
                  iso2: try o.optionalString("iso2"), iso3: try o.optionalString("iso3"), country: try o.optionalString("country"),
                  mentionCount: try o.int("mentionCount"), articleCount: try o.int("articleCount"),
                  firstSeen: try o.optionalString("firstSeen"), lastSeen: try o.optionalString("lastSeen"))
    }
}

extension CoOccurrence {
    init(wire o: WireObject) throws(WireFormatError) {
        self.init(id: try o.string("id"), type: try o.case("type", EntityType.self), name: try o.string("name"),
                  articleCount: try o.int("articleCount"))
    }
}

extension EntityDetail {
    /// The body of `GET /v1/entities/{id}`: the summary's members beside `aliases`, `roles` and `coOccurring`.
    public init(json value: JSONValue) throws(WireFormatError) {
        let o = try WireObject(value)
        self.init(summary: try EntitySummary(wire: o), aliases: try o.strings("aliases"), roles: try o.strings("roles"),
                  coOccurring: try o.objects("coOccurring").map { (c) throws(WireFormatError) in try CoOccurrence(wire: c) })
    }
}
