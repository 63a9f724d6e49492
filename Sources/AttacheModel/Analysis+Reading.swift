import AttacheJSON

// The reader of the JSON that `Analysis+JSON` writes: a client gets back the values the service wrote.

extension Analysis {
    /// The analysis of a response body (`POST /v1/analyze`, `POST /v1/articles`, the `analysis` of a stored article).
    public init(json value: JSONValue, path: String = "") throws(WireFormatError) {
        let o = try WireObject(value, path: path)
        let a = try o.object("article")
        article = ArticleInfo(id: try a.optionalString("id"), title: try a.optionalString("title"),
                              publishedAt: try a.optionalString("publishedAt"), source: try a.optionalString("source"),
                              dateline: try a.optionalString("dateline"), length: try a.int("length"), wordCount: try a.int("wordCount"))
        entities = try o.objects("entities").map { (e) throws(WireFormatError) in try Entity(wire: e) }
        events = try o.objects("events").map { (e) throws(WireFormatError) in try Event(wire: e) }
        sentences = try o.objects("sentences").map { (s) throws(WireFormatError) in Span(start: try s.int("start"), end: try s.int("end")) }
    }
}

extension Entity {
    init(wire o: WireObject) throws(WireFormatError) {
        self.init(id: try o.string("id"), type: try o.case("type", EntityType.self), name: try o.string("name"),
                  iso2: try o.optionalString("iso2"), iso3: try o.optionalString("iso3"), country: try o.optionalString("country"),
                  roles: try o.strings("roles"),
                  salience: try o.double("salience"), confidence: try o.double("confidence"),
                  source: try o.case("source", EntitySource.self),
                  mentions: try o.objects("mentions").map { (m) throws(WireFormatError) in try Mention(wire: m) })
        geonamesId = try o.optionalInt("geonamesId")
        latitude = try o.optionalDouble("latitude")
        longitude = try o.optionalDouble("longitude")
    }
}

extension Mention {
    /// A title mention carries `"field": "title"` and no sentence (its `sentence` is -1); a text mention its sentence index.
    init(wire o: WireObject) throws(WireFormatError) {
        let field = try o.optionalCase("field", TextField.self) ?? .text
        var sentence = -1
        if field == .text { sentence = try o.int("sentence") }
        self.init(start: try o.int("start"), end: try o.int("end"), text: try o.string("text"), sentence: sentence,
                  kind: try o.case("kind", MentionKind.self), field: field)
    }
}

extension Event {
    init(wire o: WireObject) throws(WireFormatError) {
        let trigger = try o.object("trigger")
        let sentence = try o.object("sentence")
        self.init(id: try o.string("id"), type: try o.case("type", EventType.self), trigger: try trigger.string("text"),
                  triggerSpan: Span(start: try trigger.int("start"), end: try trigger.int("end")),
                  sentence: try sentence.int("index"), sentenceSpan: Span(start: try sentence.int("start"), end: try sentence.int("end")),
                  participants: try o.objects("participants").map { (p) throws(WireFormatError) in
                      Participant(entity: try p.string("entity"), role: try p.case("role", ParticipantRole.self))
                  },
                  location: try o.optionalString("location"), date: try o.optionalString("date"),
                  dateText: try o.optionalString("dateText"), dateSource: try o.optionalCase("dateSource", DateSource.self),
                  status: try o.case("status", EventStatus.self), negated: try o.bool("negated"), cameo: try o.string("cameo"))
    }
}
