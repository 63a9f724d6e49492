import AttacheModel

/// A counterpart an entity has story events with.
public struct Relation: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Entity type of the counterpart.
    public var type: String
    /// Story events the two share.
    public var storyCount: Int
    /// Story events by event type.
    public var countsByType: [String: Int]
    /// Earliest and latest story date (partial dates); nil when all are undated.
    public var firstDate: String?
    public var lastDate: String?

    public init(id: String, name: String, type: String, storyCount: Int, countsByType: [String: Int], firstDate: String?,
                lastDate: String?) {
        self.id = id
        self.name = name
        self.type = type
        self.storyCount = storyCount
        self.countsByType = countsByType
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}

/// Story events between two entities `a` and `b` in one period, of one type and direction.
public struct DyadCount: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        /// `a` is a source and `b` a target.
        case aToB
        /// `b` is a source and `a` a target.
        case bToA
        /// Any other pair of roles (both sources, participants).
        case mutual
    }

    /// `YYYY-MM`, or `YYYY` for story events dated by year only; nil for undated ones.
    public var period: String?
    public var type: String
    public var direction: Direction
    public var count: Int

    public init(period: String?, type: String, direction: Direction, count: Int) {
        self.period = period
        self.type = type
        self.direction = direction
        self.count = count
    }

    /// The direction of a story event from the two entities' roles in it.
    public static func direction(roleOfA: String, roleOfB: String) -> Direction {
        switch (roleOfA, roleOfB) {
        case (ParticipantRole.source.rawValue, ParticipantRole.target.rawValue): .aToB
        case (ParticipantRole.target.rawValue, ParticipantRole.source.rawValue): .bToA
        default: .mutual
        }
    }

    /// The period of a story date sort key ("2016-03-04" and "2016-03-00" give "2016-03", "2016-00-00" gives
    /// "2016", the undated key nil).
    static func period(ofSortKey key: String) -> String? {
        guard key != DateKey.undated, key.utf8.count >= StoryMerging.monthLength else { return nil }
        let month = String(decoding: key.utf8.prefix(StoryMerging.monthLength), as: UTF8.self)
        return month.hasSuffix("-00") ? String(month.prefix(StoryMerging.yearLength)) : month
    }
}

extension StoryOperations {
    /// SQL conditions on a `story_participants` alias for the date and type filters of `f`.
    private static func periodAndType(_ alias: String, _ f: StoryFilter, _ params: inout SQLParameters) -> String {
        var sql = ""
        if let from = f.from { sql += " AND \(alias).date_sort >= \(params.add(.text(from))) AND \(alias).date_sort < '\(DateKey.undated)'" }
        if let to = f.to { sql += " AND \(alias).date_sort < \(params.add(.text(DateKey.upperKey(to))))" }
        if !f.types.isEmpty { sql += " AND \(alias).type IN (" + f.types.map { params.add(.text($0)) }.joined(separator: ", ") + ")" }
        return sql
    }

    /// The entity's counterparts in story events, most shared story events first, then id; at most `limit`.
    /// Uses the date and type filters of `filter`. Nil when the entity is unknown.
    static func relations<C: SQLConnection>(_ c: C, entityID: String, filter: StoryFilter, limit: Int) throws(StoreError) -> [Relation]? {
        let f = try validate(filter)
        let limit = StoreOperations.clamp(limit)
        return try c.transaction(write: false) { () throws(StoreError) -> [Relation]? in
            guard try c.scalarInt("SELECT 1 FROM entities WHERE id = ?1 AND article_count > 0", [.text(entityID)]) != nil else {
                return nil
            }
            var params = SQLParameters([.text(entityID)])
            let sql = """
                SELECT q.entity_id, coalesce(e.name, q.name), coalesce(e.type, ''), p.type, count(*),
                       min(s.event_date), max(s.event_date)
                FROM story_participants p
                JOIN story_participants q ON q.story_id = p.story_id AND q.entity_id <> p.entity_id
                JOIN story_events s ON s.id = p.story_id
                LEFT JOIN entities e ON e.id = q.entity_id
                WHERE p.entity_id = ?1\(periodAndType("p", f, &params))
                GROUP BY q.entity_id, coalesce(e.name, q.name), coalesce(e.type, ''), p.type
                """
            var byID: [String: Relation] = [:]
            try c.query(sql, params.values) { (r: C.Row) throws(StoreError) in
                let id = r.text(0) ?? "", n = r.int(4)
                var rel = byID[id] ?? Relation(id: id, name: r.text(1) ?? id, type: r.text(2) ?? "", storyCount: 0, countsByType: [:],
                                               firstDate: nil, lastDate: nil)
                rel.storyCount += n
                rel.countsByType[r.text(3) ?? "", default: 0] += n
                if let first = r.text(5), rel.firstDate.map({ first < $0 }) ?? true { rel.firstDate = first }
                if let last = r.text(6), rel.lastDate.map({ last > $0 }) ?? true { rel.lastDate = last }
                byID[id] = rel
            }
            let ranked = byID.values.sorted { ($1.storyCount, $0.id) < ($0.storyCount, $1.id) }
            return Array(ranked.prefix(limit))
        }
    }

    /// Counts of the story events `a` and `b` share, by period, type and direction (sorted by period, undated
    /// last, then type and direction). Uses the date and type filters of `filter`. Nil when either entity is unknown.
    static func dyad<C: SQLConnection>(_ c: C, a: String, b: String, filter: StoryFilter) throws(StoreError) -> [DyadCount]? {
        let f = try validate(filter)
        return try c.transaction(write: false) { () throws(StoreError) -> [DyadCount]? in
            for id in [a, b] {
                guard try c.scalarInt("SELECT 1 FROM entities WHERE id = ?1 AND article_count > 0", [.text(id)]) != nil else {
                    return nil
                }
            }
            var params = SQLParameters([.text(a), .text(b)])
            let sql = """
                SELECT p.date_sort, p.type, p.role, q.role, count(*)
                FROM story_participants p
                JOIN story_participants q ON q.story_id = p.story_id AND q.entity_id = ?2
                WHERE p.entity_id = ?1\(periodAndType("p", f, &params))
                GROUP BY p.date_sort, p.type, p.role, q.role
                """
            var counts: [DyadCount: Int] = [:]
            try c.query(sql, params.values) { (r: C.Row) throws(StoreError) in
                let key = DyadCount(period: DyadCount.period(ofSortKey: r.text(0) ?? DateKey.undated), type: r.text(1) ?? "",
                                    direction: DyadCount.direction(roleOfA: r.text(2) ?? "", roleOfB: r.text(3) ?? ""), count: 0)
                counts[key, default: 0] += r.int(4)
            }
            return counts.map { key, n in
                var d = key
                d.count = n
                return d
            }.sorted { ($0.period ?? "~", $0.type, $0.direction.rawValue) < ($1.period ?? "~", $1.type, $1.direction.rawValue) }
        }
    }
}
