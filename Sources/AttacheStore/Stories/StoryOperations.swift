import AttacheModel

/// Story events in the store: derived rows kept in step with the articles inside the writing transaction.
///
/// Every non-negated extracted event is a row of `story_members` with its bucket (`StoryMerging.bucket`). Story
/// events are the connected components of the members of a bucket (`StoryMerging.components`), a function of the
/// member set alone, so the order of ingest does not matter. To keep writes cheap, only the components that can
/// change are rebuilt: storing an article can only join components, so its members are grouped with the stories of
/// their bucket that name one of their participants; deleting one can only split components, so the stories its
/// members were in are rebuilt from the members left. Either way the members read are whole components, so the
/// result equals rebuilding the whole bucket (which the backfill does), and only rows whose content changed are
/// rewritten.
///
/// Concurrency: before touching anything else, a writer locks the `story_buckets` rows of its buckets in sorted
/// order (an upsert, which PostgreSQL row-locks until commit; SQLite has one writer anyway). A second process
/// writing to the same bucket waits, then reads the first one's committed members (READ COMMITTED takes a new
/// snapshot per statement), so the last writer of a bucket always recomputes it from every member. Bucket locks
/// are taken before entity rows by both put and delete, and member rows are only touched under their bucket's
/// lock, so writers cannot deadlock each other.
enum StoryOperations {
    /// Marks in `story_buckets` that member rows exist for every article (the backfill after the story-event
    /// migration ran: 3 on SQLite, 4 on PostgreSQL).
    static let backfilledMarker = ""

    /// An event is a member of a story from its own date, else its article's publication date (as a calendar date).
    static func effectiveDate(eventDate: String?, publishedAt: String?) -> String? {
        eventDate ?? DateKey.partialDate(publishedAt)
    }

    /// The member rows an article contributes: its events that are not negated (a denial reports no happening).
    static func members(articleID: String, publishedAt: String?, events: [ArticleRows.EventRow]) -> [(eventID: String, bucket: String)] {
        events.filter { !$0.event.negated }.map { ev in
            let date = effectiveDate(eventDate: ev.event.date, publishedAt: publishedAt)
            return (ev.event.id, StoryMerging.bucket(type: ev.event.type.rawValue, date: date, articleID: articleID, eventID: ev.event.id))
        }
    }

    /// Locks the buckets (sorted, so two writers lock in one order).
    static func lock<C: SQLConnection>(_ c: C, buckets: [String]) throws(StoreError) {
        for b in Set(buckets).sorted() {
            try c.run("""
                INSERT INTO story_buckets (bucket, version) VALUES (?1, 1)
                ON CONFLICT (bucket) DO UPDATE SET version = story_buckets.version + 1
                """, [.text(b)])
        }
    }

    /// In the put transaction, after the article's event rows: adds its members and rebuilds the stories they join.
    /// The caller locked the buckets first (`lock`).
    ///
    /// Adding members only joins components, so a story can change only if it names a participant of a new member
    /// in the same bucket: those candidates are read in one pass for all the article's buckets (the new members come
    /// from memory), the components of candidates plus new members are computed, and only the components holding a
    /// new member are rewritten; a candidate that joins none is a whole component already and is left as stored.
    static func articleAdded<C: SQLConnection>(_ c: C, article: StoredArticle, events: [ArticleRows.EventRow]) throws(StoreError) {
        let added = newDetails(article: article, events: events)
        guard !added.isEmpty else { return }
        let buckets = Set(added.map(\.bucket)).sorted()
        let entities = Set(added.flatMap { $0.detail.participants.map(\.id) }).sorted()
        var candidates: [String] = []
        if !entities.isEmpty {
            var params = SQLParameters()
            let bucketList = params.addList(buckets.map { .text($0) })
            let entityList = params.addList(entities.map { .text($0) })
            // Bucket and entity lists cross: a pair from two different members only adds a candidate that joins nothing.
            try c.query("""
                SELECT DISTINCT story_id FROM story_participants
                WHERE bucket IN (\(bucketList)) AND entity_id IN (\(entityList)) ORDER BY story_id
                """, params.values) { (r: C.Row) throws(StoreError) in candidates.append(r.text(0) ?? "") }
        }
        var old: [(detail: StoryMerging.Detail, story: String)] = []
        if !candidates.isEmpty {
            var params = SQLParameters()
            old = try details(c, scope: "m.story_id IN (" + params.addList(candidates.map { .text($0) }) + ")", params)
        }
        var oldByBucket: [String: [(detail: StoryMerging.Detail, story: String)]] = [:]
        for o in old { oldByBucket[bucket(of: o.detail.member), default: []].append(o) }
        var newByBucket: [String: [StoryMerging.Detail]] = [:]
        for a in added { newByBucket[a.bucket, default: []].append(a.detail) }

        var replaced: Set<String> = []
        var summaries: [(summary: StoryMerging.Summary, bucket: String)] = []
        var storyOf: [String: String] = [:]
        // The stored content of a story that keeps its id (its first member stays first), recomputed from its members:
        // that row is updated in place rather than deleted and inserted, so fewer index pages are written.
        var kept: [String: StoryMerging.Summary] = [:]
        for bucket in buckets {
            let fresh = newByBucket[bucket] ?? []
            let stored = oldByBucket[bucket] ?? []
            let freshKeys = Set(fresh.map { key($0.member.articleID, $0.member.eventID) })
            var byMember: [String: StoryMerging.Detail] = [:]
            for d in fresh { byMember[key(d.member.articleID, d.member.eventID)] = d }
            for o in stored { byMember[key(o.detail.member.articleID, o.detail.member.eventID)] = o.detail; storyOf[key(o.detail.member.articleID, o.detail.member.eventID)] = o.story }
            for component in StoryMerging.components(fresh.map(\.member) + stored.map(\.detail.member)) {
                let keys = component.map { key($0.articleID, $0.eventID) }
                guard keys.contains(where: freshKeys.contains) else { continue }
                for k in keys { if let s = storyOf[k] { replaced.insert(s) } }
                let summary = StoryMerging.summary(keys.map { byMember[$0]! })
                if replaced.contains(summary.id) {
                    let members = stored.filter { $0.story == summary.id }.map(\.detail)
                        .sorted { StoryMerging.Member.precedes($0.member, $1.member) }
                    kept[summary.id] = StoryMerging.summary(members)
                }
                summaries.append((summary, bucket))
            }
        }
        for id in replaced.sorted() where kept[id] == nil { try deleteStory(c, id) }
        for (s, bucket) in summaries {
            if let before = kept[s.id] {
                try update(c, s, from: before, bucket: bucket)
            } else {
                try insert(c, s, bucket: bucket)
            }
            for m in s.members {
                let k = key(m.articleID, m.eventID)
                if let current = storyOf[k] {
                    if current != s.id {
                        try c.run("UPDATE story_members SET story_id = ?3 WHERE article_id = ?1 AND event_id = ?2",
                                  [.text(m.articleID), .text(m.eventID), .text(s.id)])
                    }
                } else {
                    try c.run("INSERT INTO story_members (article_id, event_id, bucket, story_id) VALUES (?1, ?2, ?3, ?4)",
                              [.text(m.articleID), .text(m.eventID), .text(bucket), .text(s.id)])
                }
            }
        }
    }

    /// The article's member events as merging sees them, from the rows being written (as `details` would read them
    /// back), with their buckets.
    static func newDetails(article: StoredArticle, events: [ArticleRows.EventRow]) -> [(bucket: String, detail: StoryMerging.Detail)] {
        events.filter { !$0.event.negated }.map { ev in
            let e = ev.event
            var member = StoryMerging.Member(articleID: article.id, eventID: e.id, type: e.type.rawValue,
                                             date: effectiveDate(eventDate: e.date, publishedAt: article.publishedAt),
                                             sources: [], targets: [])
            for p in ev.participants {
                if p.role == ParticipantRole.target.rawValue { member.targets.insert(p.entityID) } else { member.sources.insert(p.entityID) }
            }
            let detail = StoryMerging.Detail(member: member, publishedAt: article.publishedAt, source: article.source,
                                             status: e.status.rawValue, sentence: ev.sentence,
                                             participants: ev.participants.map { ($0.entityID, $0.role, $0.name) })
            return (bucket(of: member), detail)
        }
    }

    private static func bucket(of m: StoryMerging.Member) -> String {
        StoryMerging.bucket(type: m.type, date: m.date, articleID: m.articleID, eventID: m.eventID)
    }

    private static func key(_ article: String, _ event: String) -> String { article + "\u{0}" + event }

    private static func deleteStory<C: SQLConnection>(_ c: C, _ id: String) throws(StoreError) {
        try c.run("DELETE FROM story_participants WHERE story_id = ?1", [.text(id)])
        try c.run("DELETE FROM story_events WHERE id = ?1", [.text(id)])
    }

    /// The stored members in `scope` (a condition on `story_members m`) with the article facts merging needs, and the
    /// story each is in now.
    private static func details<C: SQLConnection>(_ c: C, scope: String,
                                                  _ params: SQLParameters) throws(StoreError) -> [(detail: StoryMerging.Detail, story: String)] {
        var details: [(detail: StoryMerging.Detail, story: String)] = []
        var index: [String: Int] = [:]
        try c.query("""
            SELECT m.article_id, m.event_id, e.type, e.event_date, a.published_at, a.source, e.status, e.sentence_text, m.story_id
            FROM story_members m
            JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
            JOIN articles a ON a.id = m.article_id
            WHERE \(scope)
            """, params.values) { (r: C.Row) throws(StoreError) in
            let article = r.text(0) ?? "", event = r.text(1) ?? "", published = r.text(4)
            index[key(article, event)] = details.count
            details.append((StoryMerging.Detail(
                member: StoryMerging.Member(articleID: article, eventID: event, type: r.text(2) ?? "",
                                            date: effectiveDate(eventDate: r.text(3), publishedAt: published), sources: [], targets: []),
                publishedAt: published, source: r.text(5), status: r.text(6) ?? "", sentence: r.text(7) ?? "", participants: []),
                r.text(8) ?? ""))
        }
        try c.query("""
            SELECT p.article_id, p.event_id, p.entity_id, p.role, p.name
            FROM story_members m JOIN event_participants p ON p.article_id = m.article_id AND p.event_id = m.event_id
            WHERE \(scope) ORDER BY p.article_id, p.event_id, p.ord
            """, params.values) { (r: C.Row) throws(StoreError) in
            guard let i = index[key(r.text(0) ?? "", r.text(1) ?? "")] else { return }
            let entity = r.text(2) ?? "", role = r.text(3) ?? ""
            details[i].detail.participants.append((entity, role, r.text(4) ?? entity))
            if role == ParticipantRole.target.rawValue {
                details[i].detail.member.targets.insert(entity)
            } else {
                details[i].detail.member.sources.insert(entity)
            }
        }
        return details
    }

    /// The buckets of an article's members.
    static func buckets<C: SQLConnection>(_ c: C, articleID: String) throws(StoreError) -> [String] {
        var buckets: [String] = []
        try c.query("SELECT DISTINCT bucket FROM story_members WHERE article_id = ?1 ORDER BY bucket", [.text(articleID)]) {
            (r: C.Row) throws(StoreError) in buckets.append(r.text(0) ?? "")
        }
        return buckets
    }

    /// The stories an article's members belong to, by bucket (read under the bucket locks, to rebuild after deleting it).
    static func stories<C: SQLConnection>(_ c: C, articleID: String) throws(StoreError) -> [String: [String]] {
        var stories: [String: [String]] = [:]
        try c.query("SELECT DISTINCT bucket, story_id FROM story_members WHERE article_id = ?1 ORDER BY bucket, story_id",
                    [.text(articleID)]) { (r: C.Row) throws(StoreError) in
            stories[r.text(0) ?? "", default: []].append(r.text(1) ?? "")
        }
        return stories
    }

    /// After a delete: removing members can only split the stories they were in; rebuilds those from what is left.
    static func articleRemoved<C: SQLConnection>(_ c: C, stories: [String: [String]]) throws(StoreError) {
        for (bucket, ids) in stories.sorted(by: { $0.key < $1.key }) {
            try rebuild(c, bucket: bucket, stories: ids)
        }
    }

    /// Recomputes the story events of each bucket from all its member rows.
    static func recompute<C: SQLConnection>(_ c: C, buckets: [String]) throws(StoreError) {
        for b in Set(buckets).sorted() { try rebuild(c, bucket: b, stories: nil) }
    }

    /// Rebuilds story events of `bucket` from the member rows of the `stories` (nil: every member of the bucket).
    /// The members read must be whole components (see the callers), so the result equals recomputing the whole
    /// bucket. Only rows whose content changed are rewritten.
    private static func rebuild<C: SQLConnection>(_ c: C, bucket: String, stories: [String]?) throws(StoreError) {
        var params = SQLParameters([.text(bucket)])
        var scope = "m.bucket = ?1"
        // The stored rows these members replace.
        var storedParams = SQLParameters([.text(bucket)])
        var storedScope = "bucket = ?1"
        if let stories {
            guard !stories.isEmpty else { return }
            scope += " AND m.story_id IN (" + params.addList(stories.map { .text($0) }) + ")"
            storedParams = SQLParameters()
            storedScope = "id IN (" + storedParams.addList(stories.map { .text($0) }) + ")"
        }
        let read = try details(c, scope: scope, params)
        var currentStory: [String: String] = [:]
        for r in read { currentStory[key(r.detail.member.articleID, r.detail.member.eventID)] = r.story }
        let details = read.map(\.detail)
        let byMember = Dictionary(uniqueKeysWithValues: details.map { (key($0.member.articleID, $0.member.eventID), $0) })
        let summaries = StoryMerging.components(details.map(\.member)).map { component in
            StoryMerging.summary(component.map { byMember[key($0.articleID, $0.eventID)]! })
        }

        var stored: [String: String] = [:]
        try c.query("SELECT id, fingerprint FROM story_events WHERE \(storedScope)", storedParams.values) { (r: C.Row) throws(StoreError) in
            stored[r.text(0) ?? ""] = r.text(1) ?? ""
        }
        let wanted = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0.fingerprint) })
        for (id, fingerprint) in stored.sorted(by: { $0.key < $1.key }) where wanted[id] != fingerprint {
            try deleteStory(c, id)
        }
        for s in summaries where stored[s.id] != s.fingerprint {
            try insert(c, s, bucket: bucket)
        }
        for s in summaries {
            for m in s.members where currentStory[key(m.articleID, m.eventID)] != s.id {
                try c.run("UPDATE story_members SET story_id = ?3 WHERE article_id = ?1 AND event_id = ?2",
                          [.text(m.articleID), .text(m.eventID), .text(s.id)])
            }
        }
    }

    private static func insert<C: SQLConnection>(_ c: C, _ s: StoryMerging.Summary, bucket: String) throws(StoreError) {
        try c.run("""
            INSERT INTO story_events (id, bucket, type, event_date, date_sort, status, article_count, sources, first_reported,
                                      last_reported, sentence, fingerprint)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """, storyValues(s, bucket: bucket))
        try insertParticipants(c, s, bucket: bucket)
    }

    private static func storyValues(_ s: StoryMerging.Summary, bucket: String) -> [SQLValue] {
        [.text(s.id), .text(bucket), .text(s.type), .text(s.date), .text(s.dateSort), .text(s.status), .int(s.articleCount),
         .text(s.sources.joined(separator: "\n")), .text(s.firstReported), .text(s.lastReported), .text(s.sentence), .text(s.fingerprint)]
    }

    /// Rewrites a story that keeps its id: its row in place, and its participant rows only when they (or the story's
    /// date and status, which they carry for the timeline index) changed.
    private static func update<C: SQLConnection>(_ c: C, _ s: StoryMerging.Summary, from before: StoryMerging.Summary,
                                                 bucket: String) throws(StoreError) {
        guard s.fingerprint != before.fingerprint else { return }
        try c.run("""
            UPDATE story_events SET bucket = ?2, type = ?3, event_date = ?4, date_sort = ?5, status = ?6, article_count = ?7,
                                    sources = ?8, first_reported = ?9, last_reported = ?10, sentence = ?11, fingerprint = ?12
            WHERE id = ?1
            """, storyValues(s, bucket: bucket))
        guard s.participants != before.participants || s.dateSort != before.dateSort || s.status != before.status else { return }
        try c.run("DELETE FROM story_participants WHERE story_id = ?1", [.text(s.id)])
        try insertParticipants(c, s, bucket: bucket)
    }

    private static func insertParticipants<C: SQLConnection>(_ c: C, _ s: StoryMerging.Summary, bucket: String) throws(StoreError) {
        for (i, p) in s.participants.enumerated() {
            try c.run("""
                INSERT INTO story_participants (story_id, entity_id, role, name, ord, bucket, type, date_sort, status)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                """, [.text(s.id), .text(p.id), .text(p.role), .text(p.name), .int(i), .text(bucket), .text(s.type), .text(s.dateSort),
                      .text(s.status)])
        }
    }

    /// Recomputes every bucket from all its member rows, in one write transaction: what the incremental rebuilds
    /// must agree with (tests compare the two), and a repair for a store whose story rows are in doubt.
    static func rebuildAll<C: SQLConnection>(_ c: C) throws(StoreError) {
        try c.transaction(write: true) { () throws(StoreError) in
            var buckets: [String] = []
            try c.query("SELECT DISTINCT bucket FROM story_members ORDER BY bucket", []) { (r: C.Row) throws(StoreError) in
                buckets.append(r.text(0) ?? "")
            }
            try lock(c, buckets: buckets)
            try recompute(c, buckets: buckets)
            // Stories whose members are all gone (no bucket left to recompute them).
            try c.run("DELETE FROM story_participants WHERE story_id NOT IN (SELECT story_id FROM story_members)", [])
            try c.run("DELETE FROM story_events WHERE id NOT IN (SELECT story_id FROM story_members)", [])
        }
    }

    /// Builds member rows for articles stored before the story-event migration, once (a marker row records that it ran).
    /// Idempotent, so processes that start together may all run it.
    static func fillMissingMembers<C: SQLConnection>(_ c: C) throws(StoreError) {
        try c.transaction(write: true) { () throws(StoreError) in
            guard try c.scalarInt("SELECT version FROM story_buckets WHERE bucket = ?1", [.text(backfilledMarker)]) == nil else { return }
            var missing: [(article: String, event: String, bucket: String)] = []
            try c.query("""
                SELECT e.article_id, e.event_id, e.type, e.event_date, a.published_at
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE e.negated = 0
                  AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = e.article_id AND m.event_id = e.event_id)
                ORDER BY e.article_id, e.event_id
                """, []) { (r: C.Row) throws(StoreError) in
                let article = r.text(0) ?? "", event = r.text(1) ?? ""
                let date = effectiveDate(eventDate: r.text(3), publishedAt: r.text(4))
                missing.append((article, event, StoryMerging.bucket(type: r.text(2) ?? "", date: date, articleID: article, eventID: event)))
            }
            let buckets = [backfilledMarker] + missing.map(\.bucket)
            try lock(c, buckets: buckets)
            for m in missing {
                try c.run("INSERT INTO story_members (article_id, event_id, bucket, story_id) VALUES (?1, ?2, ?3, '') ON CONFLICT DO NOTHING",
                          [.text(m.article), .text(m.event), .text(m.bucket)])
            }
            try recompute(c, buckets: missing.map(\.bucket))
        }
    }
}
