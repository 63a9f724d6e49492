import AttacheModel

/// Filters of a story-event timeline; empty or nil members keep everything.
public struct StoryFilter: Sendable, Hashable {
    /// Inclusive ISO date prefixes on the story date.
    public var from: String?
    public var to: String?
    /// Event types to keep.
    public var types: [String]
    /// A counterpart: keep story events this entity also takes part in.
    public var with: String?
    /// The entity's own role: `source`, `target` or `participant`.
    public var role: String?
    /// `occurred`, `planned` or `reported`.
    public var status: String?

    public init(from: String? = nil, to: String? = nil, types: [String] = [], with: String? = nil, role: String? = nil,
                status: String? = nil) {
        self.from = from
        self.to = to
        self.types = types
        self.with = with
        self.role = role
        self.status = status
    }
}

extension StoryOperations {
    static let storyCursorTag = UInt8(ascii: "y")
    /// Most event types one query may name (there are 16).
    static let maxTypes = 32

    /// Validates the enumerated filters, so a typo is a 400 rather than an empty timeline.
    static func validate(_ filter: StoryFilter) throws(StoreError) -> StoryFilter {
        var f = filter
        f.from = try DateKey.bound(filter.from, name: "from")
        f.to = try DateKey.bound(filter.to, name: "to")
        f.types = Array(Set(filter.types.filter { !$0.isEmpty })).sorted()
        guard f.types.count <= maxTypes else { throw .invalidArgument("too many event types (at most \(maxTypes))") }
        for t in f.types where EventType(rawValue: t) == nil {
            throw .invalidArgument("unknown event type `\(t)`; one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let role = f.role, ParticipantRole(rawValue: role) == nil {
            throw .invalidArgument("`role` must be source, target or participant")
        }
        if let status = f.status, EventStatus(rawValue: status) == nil {
            throw .invalidArgument("`status` must be occurred, planned or reported")
        }
        if f.with?.isEmpty == true { f.with = nil }
        return f
    }

    /// The story events an entity takes part in, by story date (undated last), then story id; keyset cursor bound to
    /// the entity and filters. Nil when no stored article mentions the entity.
    static func timeline<C: SQLConnection>(_ c: C, entityID: String, filter: StoryFilter, limit: Int,
                                           cursor: String?) throws(StoreError) -> Page<StoryEvent>? {
        let limit = StoreOperations.clamp(limit)
        let f = try validate(filter)
        let scope = Cursor.scope(["stories", entityID, f.from ?? "", f.to ?? "", f.types.joined(separator: ","), f.with ?? "",
                                  f.role ?? "", f.status ?? ""])
        var after: [String]?
        if let cursor { after = try Cursor.decode(tag: storyCursorTag, scope: scope, fieldCount: 2, cursor) }
        return try c.transaction(write: false) { () throws(StoreError) -> Page<StoryEvent>? in
            guard try c.scalarInt("SELECT 1 FROM entities WHERE id = ?1 AND article_count > 0", [.text(entityID)]) != nil else {
                return nil
            }
            var params = SQLParameters([.text(entityID)])
            var sql = "SELECT p.story_id, p.date_sort FROM story_participants p WHERE p.entity_id = ?1"
            if let from = f.from { sql += " AND p.date_sort >= \(params.add(.text(from))) AND p.date_sort < '\(DateKey.undated)'" }
            if let to = f.to { sql += " AND p.date_sort < \(params.add(.text(DateKey.upperKey(to))))" }
            if !f.types.isEmpty { sql += " AND p.type IN (" + f.types.map { params.add(.text($0)) }.joined(separator: ", ") + ")" }
            if let role = f.role { sql += " AND p.role = \(params.add(.text(role)))" }
            if let status = f.status { sql += " AND p.status = \(params.add(.text(status)))" }
            if let with = f.with {
                sql += " AND EXISTS (SELECT 1 FROM story_participants q WHERE q.story_id = p.story_id AND q.entity_id = \(params.add(.text(with))))"
            }
            if let after { sql += " AND (p.date_sort, p.story_id) > (\(params.add(.text(after[0]))), \(params.add(.text(after[1]))))" }
            sql += " ORDER BY p.date_sort, p.story_id LIMIT \(params.add(.int(limit + 1)))"
            var keys: [(id: String, dateSort: String)] = []
            try c.query(sql, params.values) { (r: C.Row) throws(StoreError) in keys.append((r.text(0) ?? "", r.text(1) ?? "")) }
            var next: String?
            if keys.count > limit {
                keys.removeLast()
                next = Cursor.encode(tag: storyCursorTag, scope: scope, [keys[limit - 1].dateSort, keys[limit - 1].id])
            }
            let stories = try load(c, ids: keys.map(\.id), members: true)
            return Page(items: keys.compactMap { stories[$0.id] }, nextCursor: next)
        }
    }

    /// Story events by id with their participants and, when `members`, their member mentions.
    static func load<C: SQLConnection>(_ c: C, ids: [String], members: Bool) throws(StoreError) -> [String: StoryEvent] {
        guard !ids.isEmpty else { return [:] }
        var params = SQLParameters()
        let list = params.addList(ids.map { .text($0) })
        var stories: [String: StoryEvent] = [:]
        try c.query("""
            SELECT id, type, event_date, status, article_count, sources, first_reported, last_reported, sentence
            FROM story_events WHERE id IN (\(list))
            """, params.values) { (r: C.Row) throws(StoreError) in
            let id = r.text(0) ?? ""
            let sources = (r.text(5) ?? "").split(separator: "\n").map(String.init)
            stories[id] = StoryEvent(id: id, type: r.text(1) ?? "", date: r.text(2), status: r.text(3) ?? "", participants: [],
                                     articleCount: r.int(4), sources: sources, firstReported: r.text(6), lastReported: r.text(7),
                                     sentence: r.text(8) ?? "", members: [])
        }
        try c.query("SELECT story_id, entity_id, name, role FROM story_participants WHERE story_id IN (\(list)) ORDER BY story_id, ord",
                    params.values) { (r: C.Row) throws(StoreError) in
            stories[r.text(0) ?? ""]?.participants.append(StoryEvent.Participant(id: r.text(1) ?? "", name: r.text(2) ?? "", role: r.text(3) ?? ""))
        }
        guard members else { return stories }
        try c.query("""
            SELECT m.story_id, m.article_id, m.event_id, a.title, a.published_at, a.source, e.sentence_text, e.sentence, e.trigger_text,
                   e.trigger_start
            FROM story_members m
            JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
            JOIN articles a ON a.id = m.article_id
            WHERE m.story_id IN (\(list)) ORDER BY m.story_id, m.article_id, m.event_id
            """, params.values) { (r: C.Row) throws(StoreError) in
            let trigger = r.text(8) ?? "", start = r.int(9)
            stories[r.text(0) ?? ""]?.members.append(StoryEvent.Member(
                articleID: r.text(1) ?? "", eventID: r.text(2) ?? "", articleTitle: r.text(3), articlePublishedAt: r.text(4),
                source: r.text(5), sentence: r.text(6) ?? "", sentenceIndex: r.int(7), trigger: trigger, triggerStart: start,
                triggerEnd: start + trigger.unicodeScalars.count))
        }
        return stories
    }
}
