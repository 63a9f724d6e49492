import AttacheModel

/// Story events in the store: derived rows kept in step with the articles inside the writing transaction.
///
/// Every non-negated extracted event is a row of `story_members` with its bucket (`StoryMerging.bucket`). Story
/// events are the connected components of the members of a bucket (`StoryMerging.components`), a function of the
/// member set alone, so the order of ingest does not matter. To keep writes cheap, only the components that can
/// change are touched: storing an article can only join components, so each new member is joined with the stories
/// holding a stored member compatible with it, from their rows and merge state (`StoryMerging.Aggregate`, whose
/// join is a union, so the result is the summary of all the members); deleting one can only split components, so
/// the stories its members were in are rebuilt from the whole components left. Either way the result equals
/// rebuilding the whole bucket (which the backfill does), and only rows whose content changed are rewritten.
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

    /// In the put transaction, after the article's event rows: adds its members and joins the stories they link.
    /// The caller locked the buckets first (`lock`).
    ///
    /// Adding members only joins components, and a stored story joins exactly when one of its members is compatible
    /// with a new member: those members are found by index (same bucket, the same day or no day, sharing an acting
    /// entity), so only they are read, never whole stories. The joined story is the aggregate of the stories it
    /// links and the new members (`StoryMerging.Aggregate`), computed from their rows and `state`; it keeps the
    /// id of its first member, so the linked story holding that member is updated in place and the others fold
    /// into it (their member rows move).
    static func articleAdded<C: SQLConnection>(_ c: C, article: StoredArticle, events: [ArticleRows.EventRow]) throws(StoreError) {
        let added = newDetails(article: article, events: events)
        guard !added.isEmpty else { return }
        var byBucket: [String: [StoryMerging.Detail]] = [:]
        for a in added { byBucket[a.bucket, default: []].append(a.detail) }
        for bucket in byBucket.keys.sorted() {
            try join(c, bucket: bucket, fresh: byBucket[bucket]!.sorted { StoryMerging.Member.precedes($0.member, $1.member) })
        }
    }

    /// Joins the new members of one bucket to each other and to the stored stories they link (see `articleAdded`).
    private static func join<C: SQLConnection>(_ c: C, bucket: String, fresh: [StoryMerging.Detail]) throws(StoreError) {
        var links: [(fresh: Int, story: String)] = []
        for (i, f) in fresh.enumerated() {
            for story in try linkedStories(c, bucket: bucket, member: f.member) { links.append((i, story)) }
        }
        // Nodes: the fresh members, then the linked stories.
        let stories = Array(Set(links.map(\.story))).sorted()
        var storyNode: [String: Int] = [:]
        for (n, story) in stories.enumerated() { storyNode[story] = fresh.count + n }
        var sets = UnionFind(count: fresh.count + stories.count)
        for (i, f) in fresh.enumerated() {
            for j in 0..<i where StoryMerging.compatible(fresh[j].member, f.member) { sets.union(i, j) }
        }
        for link in links { sets.union(link.fresh, storyNode[link.story]!) }
        let stored = try storedStories(c, ids: stories)
        var components: [Int: (fresh: [StoryMerging.Detail], stories: [String])] = [:]
        for (i, f) in fresh.enumerated() { components[sets.find(i), default: ([], [])].fresh.append(f) }
        for s in stories { components[sets.find(storyNode[s]!), default: ([], [])].stories.append(s) }
        for root in components.keys.sorted() {
            let (members, linked) = components[root]!
            var total = StoryMerging.aggregate(members)
            for id in linked {
                guard let s = stored[id] else {
                    throw StoreError(kind: .backend, backend: .store, message: "story \(id) has no readable state; rebuild the story events")
                }
                total.absorb(s.aggregate)
            }
            total.articleCount = try articleCount(c, fresh: members, linked: linked, stored: stored)
            let summary = total.summary()
            if let before = stored[summary.id] {
                try update(c, summary, from: before, bucket: bucket)
            } else {
                try insert(c, summary, bucket: bucket)
            }
            for id in linked where id != summary.id {
                try deleteStory(c, id)
                try c.run("UPDATE story_members SET story_id = ?2 WHERE story_id = ?1", [.text(id), .text(summary.id)])
            }
            for m in members {
                try c.run("INSERT INTO story_members (article_id, event_id, bucket, story_id, day) VALUES (?1, ?2, ?3, ?4, ?5)",
                          [.text(m.member.articleID), .text(m.member.eventID), .text(bucket), .text(summary.id), .text(dayKey(m.member.date))])
            }
        }
    }

    /// Distinct articles of a joined story: the fresh members' article is new; linked stories may share articles
    /// only when there are several of them, and then the store counts.
    private static func articleCount<C: SQLConnection>(_ c: C, fresh: [StoryMerging.Detail], linked: [String],
                                                       stored: [String: StoredStory]) throws(StoreError) -> Int {
        let freshArticles = Set(fresh.map(\.member.articleID)).count
        switch linked.count {
        case 0: return freshArticles
        case 1: return freshArticles + (stored[linked[0]]?.aggregate.articleCount ?? 0)
        default:
            var params = SQLParameters()
            let list = params.addList(linked.map { .text($0) })
            return freshArticles + (try c.scalarInt("SELECT count(DISTINCT article_id) FROM story_members WHERE story_id IN (\(list))",
                                                    params.values) ?? 0)
        }
    }

    /// The stories of `bucket` holding a stored member compatible with `member`: on its day or without a day (any
    /// day when `member` has none), sharing an acting entity, and a target when both name one.
    private static func linkedStories<C: SQLConnection>(_ c: C, bucket: String, member: StoryMerging.Member) throws(StoreError) -> [String] {
        guard !member.sources.isEmpty, StoryMerging.period(of: member.date) != nil else { return [] }
        var params = SQLParameters([.text(bucket)])
        let sources = params.addList(member.sources.sorted().map { .text($0) })
        var scope = "m.bucket = ?1"
        if let day = StoryMerging.day(of: member.date) {
            scope += " AND m.day IN (\(params.add(.text(day))), '')"
        } else {
            // A member without a day meets every day of its period: the stories naming one of its entities.
            scope += " AND m.story_id IN (SELECT story_id FROM story_participants WHERE bucket = ?1 AND entity_id IN (\(sources)))"
        }
        var candidates: [String: (story: String, member: StoryMerging.Member)] = [:]
        var order: [String] = []
        try c.query("""
            SELECT m.article_id, m.event_id, m.story_id, q.entity_id, q.role
            FROM story_members m JOIN event_participants q ON q.article_id = m.article_id AND q.event_id = m.event_id
            WHERE \(scope) AND EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = m.article_id
                  AND p.event_id = m.event_id AND p.role <> '\(ParticipantRole.target.rawValue)' AND p.entity_id IN (\(sources)))
            """, params.values) { (r: C.Row) throws(StoreError) in
            let article = r.text(0) ?? "", event = r.text(1) ?? ""
            let k = key(article, event)
            if candidates[k] == nil {
                candidates[k] = (r.text(2) ?? "", StoryMerging.Member(articleID: article, eventID: event, type: member.type, date: member.date,
                                                                     sources: [], targets: []))
                order.append(k)
            }
            let entity = r.text(3) ?? ""
            if r.text(4) == ParticipantRole.target.rawValue { candidates[k]!.member.targets.insert(entity) } else {
                candidates[k]!.member.sources.insert(entity)
            }
        }
        var linked: [String] = []
        for k in order {
            let (story, m) = candidates[k]!
            if StoryMerging.sidesCompatible(m, member), !linked.contains(story) { linked.append(story) }
        }
        return linked.sorted()
    }

    /// A stored story as joining needs it: its aggregate, and what decides whether its rows need rewriting.
    struct StoredStory {
        var aggregate: StoryMerging.Aggregate
        var fingerprint: String
        var participants: [StoryEvent.Participant]
        var dateSort: String
        var status: String
    }

    /// The stored stories `ids` with a readable state.
    private static func storedStories<C: SQLConnection>(_ c: C, ids: [String]) throws(StoreError) -> [String: StoredStory] {
        guard !ids.isEmpty else { return [:] }
        var params = SQLParameters()
        let list = params.addList(ids.map { .text($0) })
        var participants: [String: [StoryEvent.Participant]] = [:]
        try c.query("SELECT story_id, entity_id, name, role FROM story_participants WHERE story_id IN (\(list)) ORDER BY story_id, ord",
                    params.values) { (r: C.Row) throws(StoreError) in
            participants[r.text(0) ?? "", default: []].append(StoryEvent.Participant(id: r.text(1) ?? "", name: r.text(2) ?? "", role: r.text(3) ?? ""))
        }
        var stories: [String: StoredStory] = [:]
        try c.query("""
            SELECT id, type, status, article_count, sources, first_reported, last_reported, sentence, state, fingerprint, date_sort
            FROM story_events WHERE id IN (\(list))
            """, params.values) { (r: C.Row) throws(StoreError) in
            let id = r.text(0) ?? ""
            let ps = participants[id] ?? []
            let sources = (r.text(4) ?? "").split(separator: "\n").map(String.init)
            guard let aggregate = StoryMerging.Aggregate(
                type: r.text(1) ?? "", status: r.text(2) ?? "", articleCount: r.int(3), sources: sources, firstReported: r.text(5),
                lastReported: r.text(6), sentence: r.text(7) ?? "", names: Dictionary(ps.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                state: r.text(8) ?? "") else { return }
            stories[id] = StoredStory(aggregate: aggregate, fingerprint: r.text(9) ?? "", participants: ps, dateSort: r.text(10) ?? "",
                                      status: r.text(2) ?? "")
        }
        return stories
    }

    /// The stored form of a member's day: the day, or empty for a member dated by month or year only.
    static func dayKey(_ date: String?) -> String { StoryMerging.day(of: date) ?? "" }

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
                                      last_reported, sentence, fingerprint, state)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """, storyValues(s, bucket: bucket))
        try insertParticipants(c, s, bucket: bucket)
    }

    private static func storyValues(_ s: StoryMerging.Summary, bucket: String) -> [SQLValue] {
        [.text(s.id), .text(bucket), .text(s.type), .text(s.date), .text(s.dateSort), .text(s.status), .int(s.articleCount),
         .text(s.sources.joined(separator: "\n")), .text(s.firstReported), .text(s.lastReported), .text(s.sentence), .text(s.fingerprint),
         .text(s.state)]
    }

    /// Rewrites a story that keeps its id: its row in place, and its participant rows only when they (or the story's
    /// date and status, which they carry for the timeline index) changed.
    private static func update<C: SQLConnection>(_ c: C, _ s: StoryMerging.Summary, from before: StoredStory,
                                                 bucket: String) throws(StoreError) {
        guard s.fingerprint != before.fingerprint else { return }
        try c.run("""
            UPDATE story_events SET bucket = ?2, type = ?3, event_date = ?4, date_sort = ?5, status = ?6, article_count = ?7,
                                    sources = ?8, first_reported = ?9, last_reported = ?10, sentence = ?11, fingerprint = ?12,
                                    state = ?13
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
        try c.transaction(write: true) { () throws(StoreError) in try rebuildEveryBucket(c) }
    }

    /// `rebuildAll` in the caller's write transaction.
    private static func rebuildEveryBucket<C: SQLConnection>(_ c: C) throws(StoreError) {
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

    /// Builds member rows for articles stored before the story-event migration, once (a marker row records that it ran).
    /// Idempotent, so processes that start together may all run it.
    static func fillMissingMembers<C: SQLConnection>(_ c: C) throws(StoreError) {
        try c.transaction(write: true) { () throws(StoreError) in
            guard try c.scalarInt("SELECT version FROM story_buckets WHERE bucket = ?1", [.text(backfilledMarker)]) == nil else { return }
            var missing: [(article: String, event: String, bucket: String, day: String)] = []
            try c.query("""
                SELECT e.article_id, e.event_id, e.type, e.event_date, a.published_at
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE e.negated = 0
                  AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = e.article_id AND m.event_id = e.event_id)
                ORDER BY e.article_id, e.event_id
                """, []) { (r: C.Row) throws(StoreError) in
                let article = r.text(0) ?? "", event = r.text(1) ?? ""
                let date = effectiveDate(eventDate: r.text(3), publishedAt: r.text(4))
                missing.append((article, event, StoryMerging.bucket(type: r.text(2) ?? "", date: date, articleID: article, eventID: event),
                                dayKey(date)))
            }
            let buckets = [backfilledMarker] + missing.map(\.bucket)
            try lock(c, buckets: buckets)
            for m in missing {
                try c.run("""
                    INSERT INTO story_members (article_id, event_id, bucket, story_id, day) VALUES (?1, ?2, ?3, '', ?4)
                    ON CONFLICT DO NOTHING
                    """, [.text(m.article), .text(m.event), .text(m.bucket), .text(m.day)])
            }
            try recompute(c, buckets: missing.map(\.bucket))
        }
    }

    /// Marks in `story_buckets` that every member has its day and every story its state (after the migration that
    /// added them ran: 4 on SQLite, 5 on PostgreSQL).
    static let statefulMarker = "#state"

    /// Fills the member days and story states of a store written before they existed, once (a marker row records
    /// that it ran): days from the events' dates, states by recomputing every bucket. Idempotent.
    static func fillStoryState<C: SQLConnection>(_ c: C) throws(StoreError) {
        try c.transaction(write: true) { () throws(StoreError) in
            guard try c.scalarInt("SELECT version FROM story_buckets WHERE bucket = ?1", [.text(statefulMarker)]) == nil else { return }
            var days: [(article: String, event: String, day: String)] = []
            try c.query("""
                SELECT m.article_id, m.event_id, e.event_date, a.published_at
                FROM story_members m JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
                JOIN articles a ON a.id = m.article_id
                WHERE m.day IS NULL ORDER BY m.article_id, m.event_id
                """, []) { (r: C.Row) throws(StoreError) in
                days.append((r.text(0) ?? "", r.text(1) ?? "", dayKey(effectiveDate(eventDate: r.text(2), publishedAt: r.text(3)))))
            }
            try lock(c, buckets: [statefulMarker])
            for d in days {
                try c.run("UPDATE story_members SET day = ?3 WHERE article_id = ?1 AND event_id = ?2", [.text(d.article), .text(d.event), .text(d.day)])
            }
            try rebuildEveryBucket(c)
        }
    }
}
