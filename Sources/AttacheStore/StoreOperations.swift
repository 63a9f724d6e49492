import AttacheModel

/// The store logic, written once over `SQLConnection` and shared by the SQLite and PostgreSQL backends. The SQL
/// is portable between the two (numbered placeholders, `ON CONFLICT`, `RETURNING`, row-value comparison); the
/// schemas differ only in column types (see `SQLiteSchema`, `PostgresSchema`).
///
/// Counts are kept exact under concurrency by updating them with `x = x + delta` in the writing transaction:
/// SQLite has a single writer, and PostgreSQL re-reads the latest row version under the row lock that
/// `ON CONFLICT DO UPDATE`/`UPDATE` take. Entity, alias and role rows are locked in sorted order (see
/// `ArticleRows`) so writers cannot deadlock each other.
/// The values bound to a statement built piece by piece: `add` keeps a value and returns its numbered placeholder.
struct SQLParameters {
    private(set) var values: [SQLValue]

    init(_ values: [SQLValue] = []) {
        self.values = values
    }

    mutating func add(_ value: SQLValue) -> String {
        values.append(value)
        return "?\(values.count)"
    }

    /// Placeholders for `IN (...)` over `list` (not empty), padded to the next power of two by repeating the last
    /// value, which changes no `IN` result. Each connection caches a prepared statement per SQL text (SQLite's
    /// statement cache, PostgreSQL's prepared statements), so a list of every length would add a statement per
    /// length to every connection; padded, lengths up to n share log2(n) texts.
    mutating func addList(_ list: [SQLValue]) -> String {
        precondition(!list.isEmpty, "an IN list needs a value")
        var width = 1
        while width < list.count { width *= 2 }
        let padded = list + Array(repeating: list[list.count - 1], count: width - list.count)
        return padded.map { add($0) }.joined(separator: ", ")
    }
}

enum StoreOperations {
    static let articleColumns = "id, title, text, published_at, source, content_hash, analysis_json, created_at"

    // MARK: Articles

    static func article<C: SQLConnection>(_ c: C, id: String) throws(StoreError) -> StoredArticle? {
        var found: StoredArticle?
        try c.query("SELECT \(articleColumns) FROM articles WHERE id = ?1", [.text(id)]) { (r: C.Row) throws(StoreError) in
            found = storedArticle(r)
        }
        return found
    }

    /// The article in a row of `articleColumns`.
    static func storedArticle(_ r: some SQLRow) -> StoredArticle {
        StoredArticle(
            id: r.text(0) ?? "", title: r.text(1), text: r.text(2) ?? "", publishedAt: r.text(3), source: r.text(4),
            contentHash: r.text(5) ?? "", analysisJSON: r.blob(6) ?? [], createdAt: r.text(7) ?? "")
    }

    /// Inserts the article and all its rows in one transaction, or reports the article already stored under `id`.
    static func put<C: SQLConnection>(_ c: C, article: StoredArticle, rows: ArticleRows) throws(StoreError) -> PutOutcome {
        // A few rounds only matter when a concurrent delete removes the existing article between our two steps.
        for _ in 0..<3 {
            let created = try c.transaction(write: true) { () throws(StoreError) -> Bool in
                guard try insertArticleRow(c, article: article) else { return false }
                try insertRows(c, article: article, rows: rows)
                return true
            }
            if created { return .created(article) }
            if let existing = try Self.article(c, id: article.id) {
                return existing.contentHash == article.contentHash ? .existing(existing) : .conflict(existing: existing)
            }
        }
        throw StoreError(kind: .unavailable, backend: .store, message: "article kept changing during put; retry")
    }

    /// Inserts the `articles` row unless `article.id` is taken; true when it inserted.
    static func insertArticleRow<C: SQLConnection>(_ c: C, article: StoredArticle) throws(StoreError) -> Bool {
        var inserted = false
        try c.query("""
            INSERT INTO articles (\(articleColumns), title_folded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (id) DO NOTHING RETURNING id
            """,
            [.text(article.id), .text(article.title), .text(article.text), .text(article.publishedAt), .text(article.source),
             .text(article.contentHash), .blob(article.analysisJSON), .text(article.createdAt),
             .text(TextFolding.fold(article.title ?? ""))]) { _ throws(StoreError) in
            inserted = true
        }
        return inserted
    }

    /// Inserts the article's derived rows and its story members, after its `articles` row, in the caller's
    /// transaction. Every write path (`put`, `putGroup`) comes here, so story events stay in step with the articles;
    /// the story buckets are locked before any entity row (see `StoryOperations`, Concurrency).
    static func insertRows<C: SQLConnection>(_ c: C, article: StoredArticle, rows: ArticleRows) throws(StoreError) {
        let storyMembers = StoryOperations.members(articleID: article.id, publishedAt: article.publishedAt, events: rows.events)
        try StoryOperations.lock(c, buckets: storyMembers.map(\.bucket))
        try insertDerivedRows(c, article: article, rows: rows)
        try StoryOperations.articleAdded(c, article: article, events: rows.events)
    }

    /// The entity, mention, event and timeline rows of an article.
    private static func insertDerivedRows<C: SQLConnection>(_ c: C, article: StoredArticle, rows: ArticleRows) throws(StoreError) {
        let aid = SQLValue.text(article.id)
        for e in rows.entities {
            try c.run("""
                INSERT INTO entities (id, type, name, name_folded, iso2, iso3, country, mention_count, article_count, first_seen, last_seen,
                                      acronym)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9, ?10)
                ON CONFLICT (id) DO UPDATE SET
                  type = excluded.type, name = excluded.name, name_folded = excluded.name_folded, acronym = excluded.acronym,
                  iso2 = coalesce(excluded.iso2, entities.iso2), iso3 = coalesce(excluded.iso3, entities.iso3),
                  country = coalesce(excluded.country, entities.country),
                  mention_count = entities.mention_count + excluded.mention_count,
                  article_count = entities.article_count + 1,
                  first_seen = CASE WHEN entities.first_seen IS NULL
                                      OR (excluded.first_seen IS NOT NULL AND excluded.first_seen < entities.first_seen)
                                    THEN excluded.first_seen ELSE entities.first_seen END,
                  last_seen = CASE WHEN entities.last_seen IS NULL
                                     OR (excluded.last_seen IS NOT NULL AND excluded.last_seen > entities.last_seen)
                                   THEN excluded.last_seen ELSE entities.last_seen END
                """,
                [.text(e.id), .text(e.type.rawValue), .text(e.name), .text(e.nameFolded), .text(e.iso2), .text(e.iso3),
                 .text(e.country), .int(e.mentionCount), .text(article.publishedAt), .text(e.acronym)])
        }
        for e in rows.entities {
            for a in e.aliases {
                try c.run("""
                    INSERT INTO entity_aliases (entity_id, alias, alias_folded, refs) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (entity_id, alias) DO UPDATE SET refs = entity_aliases.refs + excluded.refs
                    """, [.text(e.id), .text(a.alias), .text(a.folded), .int(a.count)])
            }
        }
        for e in rows.entities {
            for role in e.roles {
                try c.run("""
                    INSERT INTO entity_roles (entity_id, role, refs) VALUES (?1, ?2, 1)
                    ON CONFLICT (entity_id, role) DO UPDATE SET refs = entity_roles.refs + 1
                    """, [.text(e.id), .text(role)])
            }
        }
        for e in rows.entities {
            try c.run("""
                INSERT INTO article_entities (article_id, entity_id, mention_count, roles, first_sentence)
                VALUES (?1, ?2, ?3, ?4, ?5)
                """, [aid, .text(e.id), .int(e.mentionCount), .text(e.roles.joined(separator: "\n")), .text(e.firstSentence)])
        }
        for m in rows.mentions {
            try c.run("""
                INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, text, sentence, kind, field)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """, [aid, .text(m.entityID), .int(m.mention.start), .int(m.mention.end), .text(m.mention.text),
                      .int(m.mention.sentence), .text(m.mention.kind.rawValue), .text(m.mention.field.rawValue)])
        }
        for ev in rows.events {
            let e = ev.event
            try c.run("""
                INSERT INTO events (article_id, event_id, type, event_date, date_sort, date_text, date_source, trigger_text,
                                    trigger_start, sentence, sentence_text, location_id, status, negated)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                """, [aid, .text(e.id), .text(e.type.rawValue), .text(e.date), .text(ev.dateSort), .text(e.dateText),
                      .text(e.dateSource?.rawValue), .text(e.trigger), .int(e.triggerSpan.start), .int(e.sentence),
                      .text(ev.sentence), .text(e.location), .text(e.status.rawValue), .int(e.negated ? 1 : 0)])
            for (i, p) in ev.participants.enumerated() {
                try c.run("""
                    INSERT INTO event_participants (article_id, event_id, ord, entity_id, role, name)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    """, [aid, .text(e.id), .int(i), .text(p.entityID), .text(p.role), .text(p.name)])
            }
        }
        for t in rows.timeline {
            try c.run("""
                INSERT INTO timeline_items (entity_id, article_id, ord, date_sort, pos, kind, type_key, item_date, event_id,
                                            event_type, trigger_text, role, sentence, mention_text, mention_count)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                """, [.text(t.entityID), aid, .text(t.ord), .text(t.dateSort), .int(t.position), .text(t.kind.rawValue),
                      .text(t.typeKey), .text(t.date), .text(t.eventID), .text(t.eventType), .text(t.trigger), .text(t.role),
                      .text(t.sentence), .text(t.mentionText), t.mentionCount.map { .int($0) } ?? .null])
        }
    }

    /// The tables of rows derived from one article, children before parents (`event_participants` before `events`).
    static let derivedArticleTables = ["story_members", "timeline_items", "event_participants", "events", "mentions", "article_entities"]

    /// Deletes the article (child rows cascade) and takes its contribution off the entity aggregates.
    static func delete<C: SQLConnection>(_ c: C, id: String) throws(StoreError) -> Bool {
        try c.transaction(write: true) { () throws(StoreError) -> Bool in
            let aid = SQLValue.text(id)
            var entities: [(id: String, mentions: Int, roles: [String])] = []
            try c.query("SELECT entity_id, mention_count, roles FROM article_entities WHERE article_id = ?1 ORDER BY entity_id",
                        [aid]) { (r: C.Row) throws(StoreError) in
                let roles = (r.text(2) ?? "").split(separator: "\n").map(String.init)
                entities.append((r.text(0) ?? "", r.int(1), roles))
            }
            var aliases: [(entity: String, alias: String, count: Int)] = []
            try c.query("""
                SELECT entity_id, text, count(*) FROM mentions WHERE article_id = ?1
                GROUP BY entity_id, text ORDER BY entity_id, text
                """, [aid]) { (r: C.Row) throws(StoreError) in
                aliases.append((r.text(0) ?? "", r.text(1) ?? "", r.int(2)))
            }
            // Buckets never change; the stories in them may until the buckets are locked.
            try StoryOperations.lock(c, buckets: try StoryOperations.buckets(c, articleID: id))
            let stories = try StoryOperations.stories(c, articleID: id)
            guard try c.run("DELETE FROM articles WHERE id = ?1", [aid]) > 0 else { return false }
            // The PostgreSQL schema has no foreign keys into `articles` (partition-ready, see `PostgresSchema`), so
            // the rows go explicitly; in SQLite the cascade has already removed them.
            for table in derivedArticleTables {
                try c.run("DELETE FROM \(table) WHERE article_id = ?1", [aid])
            }
            for e in entities {
                try c.run("UPDATE entities SET mention_count = mention_count - ?2, article_count = article_count - 1 WHERE id = ?1",
                          [.text(e.id), .int(e.mentions)])
                try c.run("""
                    UPDATE entities SET
                      first_seen = (SELECT min(a.published_at) FROM article_entities ae JOIN articles a ON a.id = ae.article_id
                                    WHERE ae.entity_id = ?1),
                      last_seen = (SELECT max(a.published_at) FROM article_entities ae JOIN articles a ON a.id = ae.article_id
                                   WHERE ae.entity_id = ?1)
                    WHERE id = ?1
                    """, [.text(e.id)])
            }
            for a in aliases {
                try c.run("UPDATE entity_aliases SET refs = refs - ?3 WHERE entity_id = ?1 AND alias = ?2",
                          [.text(a.entity), .text(a.alias), .int(a.count)])
                try c.run("DELETE FROM entity_aliases WHERE entity_id = ?1 AND alias = ?2 AND refs <= 0", [.text(a.entity), .text(a.alias)])
            }
            for e in entities {
                for role in e.roles.sorted() {
                    try c.run("UPDATE entity_roles SET refs = refs - 1 WHERE entity_id = ?1 AND role = ?2", [.text(e.id), .text(role)])
                    try c.run("DELETE FROM entity_roles WHERE entity_id = ?1 AND role = ?2 AND refs <= 0", [.text(e.id), .text(role)])
                }
            }
            for e in entities {
                try c.run("DELETE FROM entities WHERE id = ?1 AND article_count <= 0", [.text(e.id)])
            }
            try StoryOperations.articleRemoved(c, stories: stories)
            return true
        }
    }

    static let articleCursorTag = UInt8(ascii: "a")

    /// Stored articles, newest publication date first (undated last), then id descending; `from`/`to` are inclusive
    /// date prefixes on the publication date, `source` an exact source, `query` a case- and accent-insensitive
    /// substring of the title.
    static func articles<C: SQLConnection>(_ c: C, from: String?, to: String?, source: String?, query: String?, limit: Int,
                                           cursor: String?) throws(StoreError) -> Page<ArticleSummary> {
        let limit = clamp(limit)
        let from = try DateKey.bound(from, name: "from")
        let to = try DateKey.bound(to, name: "to")
        let query = query.flatMap { $0.isEmpty ? nil : $0 }
        var params = SQLParameters()
        let newest = "coalesce(published_at, '')"
        var conditions: [String] = []
        if let from { conditions.append("published_at >= \(params.add(.text(from)))") }
        if let to { conditions.append("published_at < \(params.add(.text(DateKey.upperKey(to))))") }
        if let source { conditions.append("source = \(params.add(.text(source)))") }
        if let query { conditions.append("title_folded LIKE \(params.add(.text(TextFolding.containsPattern(query)))) ESCAPE '\\'") }
        let scope = Cursor.scope(["articles", from ?? "", to ?? "", source ?? "", query.map(TextFolding.fold) ?? ""])
        if let cursor {
            let f = try Cursor.decode(tag: articleCursorTag, scope: scope, fieldCount: 2, cursor)
            conditions.append("(\(newest), id) < (\(params.add(.text(f[0]))), \(params.add(.text(f[1]))))")
        }
        var sql = "SELECT id, title, published_at, source, created_at, content_hash FROM articles"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(newest) DESC, id DESC LIMIT \(params.add(.int(limit + 1)))"
        var items: [ArticleSummary] = []
        try c.query(sql, params.values) { (r: C.Row) throws(StoreError) in
            items.append(ArticleSummary(id: r.text(0) ?? "", title: r.text(1), publishedAt: r.text(2), source: r.text(3),
                                        createdAt: r.text(4) ?? "", contentHash: r.text(5) ?? ""))
        }
        var next: String?
        if items.count > limit {
            items.removeLast()
            let last = items[items.count - 1]
            next = Cursor.encode(tag: articleCursorTag, scope: scope, [last.publishedAt ?? "", last.id])
        }
        return Page(items: items, nextCursor: next)
    }

    /// Computes the columns that migration 2 added (entity acronyms, folded titles) for rows stored before it;
    /// new rows get them at write time. Idempotent, so processes that start together may all run it.
    static func fillDerivedColumns<C: SQLConnection>(_ c: C) throws(StoreError) {
        try c.transaction(write: true) { () throws(StoreError) in
            var names: [(id: String, name: String)] = []
            try c.query("SELECT id, name FROM entities WHERE acronym IS NULL", []) { (r: C.Row) throws(StoreError) in
                names.append((r.text(0) ?? "", r.text(1) ?? ""))
            }
            for e in names {
                try c.run("UPDATE entities SET acronym = ?2 WHERE id = ?1", [.text(e.id), .text(TextFolding.acronym(e.name) ?? "")])
            }
            var titles: [(id: String, title: String)] = []
            try c.query("SELECT id, title FROM articles WHERE title_folded IS NULL", []) { (r: C.Row) throws(StoreError) in
                titles.append((r.text(0) ?? "", r.text(1) ?? ""))
            }
            for a in titles {
                try c.run("UPDATE articles SET title_folded = ?2 WHERE id = ?1", [.text(a.id), .text(TextFolding.fold(a.title))])
            }
        }
    }

    static func articleCount<C: SQLConnection>(_ c: C) throws(StoreError) -> Int {
        try c.scalarInt("SELECT count(*) FROM articles") ?? 0
    }

    // MARK: Entities

    static let summaryColumns = "id, type, name, iso2, iso3, country, mention_count, article_count, first_seen, last_seen"

    private static func summary<R: SQLRow>(_ r: R) -> EntitySummary {
        EntitySummary(
            id: r.text(0) ?? "", type: EntityType(rawValue: r.text(1) ?? "") ?? .organization, name: r.text(2) ?? "",
            iso2: r.text(3), iso3: r.text(4), country: r.text(5), mentionCount: r.int(6), articleCount: r.int(7),
            firstSeen: r.text(8), lastSeen: r.text(9))
    }

    static let searchCursorTag = UInt8(ascii: "s")
    static let timelineCursorTag = UInt8(ascii: "t")

    static func clamp(_ limit: Int) -> Int { min(max(limit, 1), 1000) }

    /// How well an entity matches a search query; lower ranks are listed first.
    enum SearchRank: Int {
        /// The query is the name or an alias (dots ignored: "US" is "U.S.").
        case exact = 0
        /// The query is the acronym of the name ("NATO", "EU").
        case acronym = 1
        /// The name or an alias starts with the query.
        case prefix = 2
        /// The query is inside the name or an alias.
        case substring = 3
    }

    /// Entities matching `query`, best match first (see `SearchRank`), then by mention count and id. The keyset
    /// cursor holds (rank, mention count, id) and the scope of the query, so it cannot be replayed on another one.
    static func searchEntities<C: SQLConnection>(_ c: C, query: String?, type: EntityType?, limit: Int,
                                                 cursor: String?) throws(StoreError) -> Page<EntitySummary> {
        let limit = clamp(limit)
        let query = query.flatMap { $0.isEmpty ? nil : $0 }
        var params = SQLParameters()
        var rank = "\(SearchRank.exact.rawValue)"
        var conditions = ["article_count > 0"]
        if let type {
            conditions.append("type = \(params.add(.text(type.rawValue)))")
        }
        if let query {
            let folded = TextFolding.fold(query)
            let exact = params.add(.text(folded))
            let dotless = params.add(.text(TextFolding.dotless(folded)))
            let prefix = params.add(.text(TextFolding.prefixPattern(query)))
            let contains = params.add(.text(TextFolding.containsPattern(query)))
            func nameOrAlias(_ name: String, _ alias: String) -> String {
                "(\(name) OR EXISTS (SELECT 1 FROM entity_aliases a WHERE a.entity_id = e.id AND \(alias)))"
            }
            rank = """
                CASE WHEN \(nameOrAlias("e.name_folded = \(exact)", "(a.alias_folded = \(exact) OR replace(a.alias_folded, '.', '') = \(dotless))"))
                       THEN \(SearchRank.exact.rawValue)
                     WHEN e.acronym = \(dotless) THEN \(SearchRank.acronym.rawValue)
                     WHEN \(nameOrAlias("e.name_folded LIKE \(prefix) ESCAPE '\\'", "a.alias_folded LIKE \(prefix) ESCAPE '\\'"))
                       THEN \(SearchRank.prefix.rawValue)
                     ELSE \(SearchRank.substring.rawValue) END
                """
            conditions.append(nameOrAlias("e.name_folded LIKE \(contains) ESCAPE '\\'", "a.alias_folded LIKE \(contains) ESCAPE '\\'")
                              + " OR e.acronym = \(dotless)")
        }
        var sql = """
            SELECT * FROM (
              SELECT \(summaryColumns), \(rank) AS search_rank FROM entities e WHERE \(conditions.map { "(\($0))" }.joined(separator: " AND "))
            ) ranked
            """
        let scope = Cursor.scope(["search", query.map(TextFolding.fold) ?? "", type?.rawValue ?? ""])
        if let cursor {
            let f = try Cursor.decode(tag: searchCursorTag, scope: scope, fieldCount: 3, cursor)
            guard let r = Int(f[0]), let count = Int(f[1]) else { throw .invalidArgument("malformed cursor") }
            let pr = params.add(.int(r)), pc = params.add(.int(count)), pid = params.add(.text(f[2]))
            sql += " WHERE (search_rank > \(pr) OR (search_rank = \(pr) AND (mention_count < \(pc) OR (mention_count = \(pc) AND id > \(pid)))))"
        }
        sql += " ORDER BY search_rank, mention_count DESC, id LIMIT \(params.add(.int(limit + 1)))"
        var items: [EntitySummary] = []
        var ranks: [Int] = []
        try c.query(sql, params.values) { (r: C.Row) throws(StoreError) in
            items.append(summary(r))
            ranks.append(r.int(10))
        }
        var next: String?
        if items.count > limit {
            items.removeLast()
            let last = items[items.count - 1]
            next = Cursor.encode(tag: searchCursorTag, scope: scope, [String(ranks[limit - 1]), String(last.mentionCount), last.id])
        }
        return Page(items: items, nextCursor: next)
    }

    static func entity<C: SQLConnection>(_ c: C, id: String) throws(StoreError) -> EntityDetail? {
        try c.transaction(write: false) { () throws(StoreError) -> EntityDetail? in
            var found: EntitySummary?
            try c.query("SELECT \(summaryColumns) FROM entities WHERE id = ?1 AND article_count > 0", [.text(id)]) { (r: C.Row) throws(StoreError) in
                found = summary(r)
            }
            guard let found else { return nil }
            var aliases: [String] = []
            try c.query("SELECT alias FROM entity_aliases WHERE entity_id = ?1 ORDER BY refs DESC, alias", [.text(id)]) { (r: C.Row) throws(StoreError) in
                aliases.append(r.text(0) ?? "")
            }
            var roles: [String] = []
            try c.query("SELECT role FROM entity_roles WHERE entity_id = ?1 ORDER BY refs DESC, role", [.text(id)]) { (r: C.Row) throws(StoreError) in
                roles.append(r.text(0) ?? "")
            }
            var co: [CoOccurrence] = []
            try c.query("""
                SELECT o.entity_id, e.type, e.name, count(*) AS n
                FROM article_entities s
                JOIN article_entities o ON o.article_id = s.article_id AND o.entity_id <> s.entity_id
                JOIN entities e ON e.id = o.entity_id
                WHERE s.entity_id = ?1
                GROUP BY o.entity_id, e.type, e.name
                ORDER BY n DESC, o.entity_id
                LIMIT 10
                """, [.text(id)]) { (r: C.Row) throws(StoreError) in
                co.append(CoOccurrence(id: r.text(0) ?? "", type: EntityType(rawValue: r.text(1) ?? "") ?? .organization,
                                       name: r.text(2) ?? "", articleCount: r.int(3)))
            }
            return EntityDetail(summary: found, aliases: aliases, roles: roles, coOccurring: co)
        }
    }

    // MARK: Timeline

    static func timeline<C: SQLConnection>(_ c: C, entityID: String, from: String?, to: String?, types: [String], limit: Int,
                                           cursor: String?) throws(StoreError) -> Page<TimelineItem>? {
        let limit = clamp(limit)
        let from = try DateKey.bound(from, name: "from")
        let to = try DateKey.bound(to, name: "to")
        var types = Array(Set(types)).sorted()
        guard types.count <= 32 else { throw .invalidArgument("too many event types (at most 32)") }
        types = types.filter { !$0.isEmpty }
        var after: [String]?
        let scope = Cursor.scope(["timeline", entityID, from ?? "", to ?? "", types.joined(separator: ",")])
        if let cursor {
            let f = try Cursor.decode(tag: timelineCursorTag, scope: scope, fieldCount: 4, cursor)
            guard Int(f[2]) != nil else { throw .invalidArgument("malformed cursor") }
            after = f
        }
        return try c.transaction(write: false) { () throws(StoreError) -> Page<TimelineItem>? in
            guard try c.scalarInt("SELECT 1 FROM entities WHERE id = ?1 AND article_count > 0", [.text(entityID)]) != nil else {
                return nil
            }
            var params = SQLParameters([.text(entityID)])
            var sql = """
                SELECT t.date_sort, t.article_id, t.pos, t.ord, t.kind, t.item_date, t.event_id, t.event_type, t.trigger_text,
                       t.role, t.sentence, t.mention_text, t.mention_count, a.title, a.published_at
                FROM timeline_items t JOIN articles a ON a.id = t.article_id
                WHERE t.entity_id = ?1
                """
            if let from { sql += " AND t.date_sort >= \(params.add(.text(from))) AND t.date_sort < '\(DateKey.undated)'" }
            if let to { sql += " AND t.date_sort < \(params.add(.text(DateKey.upperKey(to))))" }
            if !types.isEmpty {
                sql += " AND t.type_key IN (" + types.map { params.add(.text($0)) }.joined(separator: ", ") + ")"
            }
            if let after {
                sql += " AND (t.date_sort, t.article_id, t.pos, t.ord) > (\(params.add(.text(after[0]))), \(params.add(.text(after[1]))), \(params.add(.int(Int(after[2])!))), \(params.add(.text(after[3]))))"
            }
            sql += " ORDER BY t.date_sort, t.article_id, t.pos, t.ord LIMIT \(params.add(.int(limit + 1)))"

            var items: [TimelineItem] = []
            var keys: [[String]] = []
            try c.query(sql, params.values) { (r: C.Row) throws(StoreError) in
                keys.append([r.text(0) ?? "", r.text(1) ?? "", String(r.int(2)), r.text(3) ?? ""])
                let kind = TimelineItem.Kind(rawValue: r.text(4) ?? "") ?? .mention
                items.append(TimelineItem(
                    kind: kind, date: DateKey.partialDate(r.text(5)), articleID: r.text(1) ?? "", articleTitle: r.text(13), articlePublishedAt: r.text(14),
                    eventType: r.text(7), eventID: r.text(6), trigger: r.text(8), role: r.text(9), sentence: r.text(10) ?? "",
                    mentionText: r.text(11), mentionCount: r.isNull(12) ? nil : r.int(12)))
            }
            var next: String?
            if items.count > limit {
                items.removeLast()
                next = Cursor.encode(tag: timelineCursorTag, scope: scope, keys[limit - 1])
            }
            for i in items.indices where items[i].kind == .event {
                var others: [TimelineItem.Participant] = []
                try c.query("""
                    SELECT entity_id, name FROM event_participants
                    WHERE article_id = ?1 AND event_id = ?2 AND entity_id <> ?3 ORDER BY ord
                    """, [.text(items[i].articleID), .text(items[i].eventID), .text(entityID)]) { (r: C.Row) throws(StoreError) in
                    let p = TimelineItem.Participant(id: r.text(0) ?? "", name: r.text(1) ?? "")
                    if !others.contains(p) { others.append(p) }
                }
                items[i].otherParticipants = others
            }
            return Page(items: items, nextCursor: next)
        }
    }
}
