/// Stores any number of articles with all their rows in one PostgreSQL statement: one round trip and one
/// transaction however many rows an article or a batch has (the row-by-row path of `StoreOperations.put` costs
/// one round trip per entity, mention, event and timeline row).
///
/// Every column of every table travels as one array parameter; `unnest` turns the arrays back into rows. The
/// article insert (`ON CONFLICT (id) DO NOTHING RETURNING id`) is a data-modifying CTE, and the other inserts keep
/// only the rows of the articles it returned, so an article already stored contributes nothing, exactly as in
/// `StoreOperations.put`. Entity, alias and role rows are summed over the batch in SQL and upserted in id order:
/// each key once per statement (an upsert may touch a row only once) and in the same global order as every other
/// writer, so concurrent batches cannot deadlock on them. Foreign keys are checked at the end of the statement,
/// when the entity rows exist. Mentions take the article's publication month (a generated column of `articles`)
/// from the article insert, the partition key of both tables.
///
/// The SQL text is fixed, so each connection prepares it once.
enum PostgresBulkWrite {
    /// A column of a parameter table: its name in the `unnest` alias and its PostgreSQL type.
    struct Column {
        var name: String
        var type: String
    }

    /// One array-parameter table: its columns and, while rows are added, one array literal per column.
    struct Table {
        let alias: String
        let columns: [Column]
        private(set) var arrays: [PGArrayLiteral]

        init(_ alias: String, _ columns: [(String, String)]) {
            self.alias = alias
            self.columns = columns.map { Column(name: $0.0, type: $0.1) }
            arrays = Array(repeating: PGArrayLiteral(), count: columns.count)
        }

        enum Cell {
            case text(String?)
            case int(Int?)
            case bytes([UInt8])
        }

        mutating func add(_ cells: [Cell]) {
            precondition(cells.count == columns.count, "\(alias): \(cells.count) values for \(columns.count) columns")
            for (i, cell) in cells.enumerated() {
                switch cell {
                case .text(let s): arrays[i].append(s)
                case .int(let n): arrays[i].append(n)
                case .bytes(let b): arrays[i].append(bytes: b)
                }
            }
        }

        /// `unnest($k::type[], …) AS alias(col, …)`, numbering parameters from `first`.
        func unnest(first: Int) -> String {
            let args = columns.enumerated().map { "?\(first + $0.offset)::\($0.element.type)[]" }.joined(separator: ", ")
            return "unnest(\(args)) AS \(alias)(\(columns.map(\.name).joined(separator: ", ")))"
        }
    }

    /// Fresh, empty parameter tables (their order is the parameter order of `sql`).
    static func tables() -> [Table] {
        [
            Table("art", [("id", "text"), ("title", "text"), ("text", "text"), ("published_at", "text"), ("source", "text"),
                          ("content_hash", "text"), ("analysis_json", "bytea"), ("created_at", "text"), ("title_folded", "text")]),
            // One row per (article, entity): the entity's attributes, its per-article figures, and `ord`, the
            // article's position in the batch (the latest article's name and type win, as in row-by-row upserts).
            Table("ent", [("article_id", "text"), ("ord", "bigint"), ("id", "text"), ("type", "text"), ("name", "text"),
                          ("name_folded", "text"), ("iso2", "text"), ("iso3", "text"), ("country", "text"),
                          ("mention_count", "bigint"), ("seen", "text"), ("acronym", "text"), ("roles", "text"),
                          ("first_sentence", "text")]),
            Table("ali", [("article_id", "text"), ("entity_id", "text"), ("alias", "text"), ("alias_folded", "text"),
                          ("refs", "bigint")]),
            Table("rol", [("article_id", "text"), ("entity_id", "text"), ("role", "text")]),
            Table("men", [("article_id", "text"), ("entity_id", "text"), ("start_offset", "bigint"), ("end_offset", "bigint"),
                          ("text", "text"), ("sentence", "bigint"), ("kind", "text"), ("field", "text")]),
            Table("evt", [("article_id", "text"), ("event_id", "text"), ("type", "text"), ("event_date", "text"),
                          ("date_sort", "text"), ("date_text", "text"), ("date_source", "text"), ("trigger_text", "text"),
                          ("trigger_start", "bigint"), ("sentence", "bigint"), ("sentence_text", "text"),
                          ("location_id", "text"), ("status", "text"), ("negated", "bigint")]),
            Table("par", [("article_id", "text"), ("event_id", "text"), ("ord", "bigint"), ("entity_id", "text"),
                          ("role", "text"), ("name", "text")]),
            Table("tim", [("entity_id", "text"), ("article_id", "text"), ("ord", "text"), ("date_sort", "text"),
                          ("pos", "bigint"), ("kind", "text"), ("type_key", "text"), ("item_date", "text"),
                          ("event_id", "text"), ("event_type", "text"), ("trigger_text", "text"), ("role", "text"),
                          ("sentence", "text"), ("mention_text", "text"), ("mention_count", "bigint")]),
        ]
    }

    /// The statement: inserts the articles and, for those that were new, all their rows; returns the new ids.
    static let sql: String = {
        let t = tables()
        var next = 1
        var from: [String: String] = [:]
        for table in t {
            from[table.alias] = table.unnest(first: next)
            next += table.columns.count
        }
        let created = "article_id IN (SELECT id FROM created)"
        // The latest non-null value in batch order (what successive `coalesce(excluded.x, entities.x)` upserts keep).
        func latest(_ column: String, nonNull: Bool = false) -> String {
            "(array_agg(\(column) ORDER BY ord DESC)\(nonNull ? " FILTER (WHERE \(column) IS NOT NULL)" : ""))[1]"
        }
        return """
            WITH created AS (
              INSERT INTO articles (id, title, text, published_at, source, content_hash, analysis_json, created_at, title_folded)
              SELECT * FROM \(from["art"]!)
              ON CONFLICT (id) DO NOTHING RETURNING id, published_month
            ),
            ent_rows AS (SELECT * FROM \(from["ent"]!) WHERE \(created)),
            ent_up AS (
              INSERT INTO entities (id, type, name, name_folded, iso2, iso3, country, mention_count, article_count, first_seen,
                                    last_seen, acronym)
              SELECT id, \(latest("type")), \(latest("name")), \(latest("name_folded")), \(latest("iso2", nonNull: true)),
                     \(latest("iso3", nonNull: true)), \(latest("country", nonNull: true)), sum(mention_count), count(*),
                     min(seen COLLATE "C"), max(seen COLLATE "C"), \(latest("acronym"))
              FROM ent_rows GROUP BY id ORDER BY id COLLATE "C"
              ON CONFLICT (id) DO UPDATE SET
                type = excluded.type, name = excluded.name, name_folded = excluded.name_folded, acronym = excluded.acronym,
                iso2 = coalesce(excluded.iso2, entities.iso2), iso3 = coalesce(excluded.iso3, entities.iso3),
                country = coalesce(excluded.country, entities.country),
                mention_count = entities.mention_count + excluded.mention_count,
                article_count = entities.article_count + excluded.article_count,
                first_seen = CASE WHEN entities.first_seen IS NULL
                                    OR (excluded.first_seen IS NOT NULL AND excluded.first_seen < entities.first_seen)
                                  THEN excluded.first_seen ELSE entities.first_seen END,
                last_seen = CASE WHEN entities.last_seen IS NULL
                                   OR (excluded.last_seen IS NOT NULL AND excluded.last_seen > entities.last_seen)
                                 THEN excluded.last_seen ELSE entities.last_seen END
            ),
            alias_up AS (
              INSERT INTO entity_aliases (entity_id, alias, alias_folded, refs)
              SELECT entity_id, alias, min(alias_folded), sum(refs) FROM \(from["ali"]!) WHERE \(created)
              GROUP BY entity_id, alias ORDER BY entity_id COLLATE "C", alias COLLATE "C"
              ON CONFLICT (entity_id, alias) DO UPDATE SET refs = entity_aliases.refs + excluded.refs
            ),
            role_up AS (
              INSERT INTO entity_roles (entity_id, role, refs)
              SELECT entity_id, role, count(*) FROM \(from["rol"]!) WHERE \(created)
              GROUP BY entity_id, role ORDER BY entity_id COLLATE "C", role COLLATE "C"
              ON CONFLICT (entity_id, role) DO UPDATE SET refs = entity_roles.refs + excluded.refs
            ),
            article_entity_ins AS (
              INSERT INTO article_entities (article_id, entity_id, mention_count, roles, first_sentence)
              SELECT article_id, id, mention_count, roles, first_sentence FROM ent_rows
            ),
            mention_ins AS (
              INSERT INTO mentions (article_id, entity_id, start_offset, end_offset, text, sentence, kind, field, published_month)
              SELECT men.*, created.published_month FROM \(from["men"]!) JOIN created ON created.id = men.article_id
            ),
            event_ins AS (
              INSERT INTO events (article_id, event_id, type, event_date, date_sort, date_text, date_source, trigger_text,
                                  trigger_start, sentence, sentence_text, location_id, status, negated)
              SELECT * FROM \(from["evt"]!) WHERE \(created)
            ),
            participant_ins AS (
              INSERT INTO event_participants (article_id, event_id, ord, entity_id, role, name)
              SELECT * FROM \(from["par"]!) WHERE \(created)
            ),
            timeline_ins AS (
              INSERT INTO timeline_items (entity_id, article_id, ord, date_sort, pos, kind, type_key, item_date, event_id,
                                          event_type, trigger_text, role, sentence, mention_text, mention_count)
              SELECT * FROM \(from["tim"]!) WHERE \(created)
            )
            SELECT id FROM created
            """
    }()

    /// The parameters of `sql` for `articles` (ids distinct).
    static func parameters(_ articles: [(article: StoredArticle, rows: ArticleRows)]) -> [SQLValue] {
        var t = tables()
        for (ord, item) in articles.enumerated() {
            let a = item.article
            let aid = a.id
            t[0].add([.text(aid), .text(a.title), .text(a.text), .text(a.publishedAt), .text(a.source), .text(a.contentHash),
                      .bytes(a.analysisJSON), .text(a.createdAt), .text(TextFolding.fold(a.title ?? ""))])
            for e in item.rows.entities {
                t[1].add([.text(aid), .int(ord), .text(e.id), .text(e.type.rawValue), .text(e.name), .text(e.nameFolded),
                          .text(e.iso2), .text(e.iso3), .text(e.country), .int(e.mentionCount), .text(a.publishedAt),
                          .text(e.acronym), .text(e.roles.joined(separator: "\n")), .text(e.firstSentence)])
                for alias in e.aliases {
                    t[2].add([.text(aid), .text(e.id), .text(alias.alias), .text(alias.folded), .int(alias.count)])
                }
                for role in e.roles { t[3].add([.text(aid), .text(e.id), .text(role)]) }
            }
            for m in item.rows.mentions {
                t[4].add([.text(aid), .text(m.entityID), .int(m.mention.start), .int(m.mention.end), .text(m.mention.text),
                          .int(m.mention.sentence), .text(m.mention.kind.rawValue), .text(m.mention.field.rawValue)])
            }
            for ev in item.rows.events {
                let e = ev.event
                t[5].add([.text(aid), .text(e.id), .text(e.type.rawValue), .text(e.date), .text(ev.dateSort), .text(e.dateText),
                          .text(e.dateSource?.rawValue), .text(e.trigger), .int(e.triggerSpan.start), .int(e.sentence),
                          .text(ev.sentence), .text(e.location), .text(e.status.rawValue), .int(e.negated ? 1 : 0)])
                for (i, p) in ev.participants.enumerated() {
                    t[6].add([.text(aid), .text(e.id), .int(i), .text(p.entityID), .text(p.role), .text(p.name)])
                }
            }
            for r in item.rows.timeline {
                t[7].add([.text(r.entityID), .text(aid), .text(r.ord), .text(r.dateSort), .int(r.position), .text(r.kind.rawValue),
                          .text(r.typeKey), .text(r.date), .text(r.eventID), .text(r.eventType), .text(r.trigger), .text(r.role),
                          .text(r.sentence), .text(r.mentionText), .int(r.mentionCount)])
            }
        }
        return t.flatMap { $0.arrays.map { SQLValue.text($0.literal) } }
    }

    /// Stores `articles` (ids distinct) in one statement and returns the ids that were new; the others were
    /// already stored (or are being stored by a concurrent transaction, which this one waited for).
    static func insert(_ c: PGConnection, _ articles: [(article: StoredArticle, rows: ArticleRows)]) throws(StoreError) -> Set<String> {
        var created = Set<String>()
        try c.query(sql, parameters(articles)) { (r: PGRow) throws(StoreError) in
            if let id = r.text(0) { created.insert(id) }
        }
        return created
    }
}
