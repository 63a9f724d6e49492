import AttacheModel

/// A store in a PostgreSQL database, shared by any number of Attache processes.
///
/// Each operation borrows a connection from a pool (default 8) and runs in a transaction, so an article and all
/// its rows are stored together or not at all. Migrations run at start under `pg_advisory_xact_lock`, so several
/// processes starting at once on one database migrate it once. A broken connection is dropped and replaced;
/// when the server cannot be reached operations throw `StoreError` with `isUnavailable == true` and succeed again
/// once it is back. An operation that fails on a connection that broke while idle (server restart) or on a
/// deadlock/serialization failure is retried (at most 3 attempts); puts are idempotent by id, so a retried put
/// whose first COMMIT did land answers `.existing`.
///
/// With `readURL` set, searches, entity details, timelines and article listings go to that hot standby (see
/// `ReadReplica` for read-your-writes and fallback); writes, single-article reads and readiness stay on the primary.
///
/// `@unchecked Sendable`: all mutable state lives in the `ConnectionPool`s and `ReadReplica`, which serialise access.
public final class PostgresStore: ArticleStore, @unchecked Sendable {
    /// Settings with their defaults.
    public struct Configuration: Sendable {
        /// libpq connection URI (`postgres://user@host:port/db`) or `key=value` string.
        public var url: String
        /// Connections kept at most, to the primary and to the standby each (default 8). A connection serves one
        /// request at a time, so more than the service's worker threads stay idle.
        public var poolSize: Int = 8
        /// A hot standby of `url` for reads; nil: reads go to `url`.
        public var readURL: String?
        /// libpq `connect_timeout` in seconds (default 5); a URL setting overrides it.
        public var connectTimeoutSeconds: Int = 5

        public init(url: String) {
            self.url = url
        }
    }

    public let configuration: Configuration
    private let pool: ConnectionPool<PGConnection>
    private let replica: ReadReplica?

    /// Connects, applies pending migrations and keeps that first connection in the pool.
    public init(configuration: Configuration) throws(StoreError) {
        self.configuration = configuration
        let config = configuration
        let first = try PGConnection(url: config.url, connectTimeoutSeconds: config.connectTimeoutSeconds)
        try Migrator.migrate(first, PostgresSchema.migrations,
                             lockSQL: "SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLockKey))")
        try StoreOperations.fillDerivedColumns(first)
        try StoryOperations.fillMissingMembers(first)
        try StoryOperations.fillStoryState(first)
        // The first connection starts idle in the pool. (Handing it out from the factory raced: the pool calls
        // the factory outside its lock, and two workers starting together both got it and shared one libpq
        // connection, which crashed the server.)
        pool = ConnectionPool(capacity: max(1, config.poolSize), seed: [first]) { () throws(StoreError) -> PGConnection in
            try PGConnection(url: config.url, connectTimeoutSeconds: config.connectTimeoutSeconds)
        }
        replica = config.readURL.map {
            ReadReplica(url: $0, poolSize: config.poolSize, connectTimeoutSeconds: config.connectTimeoutSeconds)
        }
    }

    /// Reads the standby served and reads that went to the primary; zeros without `readURL`.
    public var readRouting: ReadRouting { replica?.routing ?? ReadRouting() }

    /// Runs a read on the standby when it has caught up with the primary, else on the primary.
    private func read<T>(_ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        guard let replica else { return try with(body) }
        if !replica.isSkipped {
            let position = try with(ReadReplica.primaryPosition)
            if let value = try replica.read(after: position, body) { return value }
        }
        replica.countPrimary()
        return try with(body)
    }

    /// Opens `url` with default settings.
    public convenience init(url: String) throws(StoreError) {
        try self.init(configuration: Configuration(url: url))
    }

    private static func retryable(_ error: StoreError, fresh: Bool) -> Bool {
        if error.sqlState == "40001" || error.sqlState == "40P01" { return true }
        return error.isUnavailable && !fresh
    }

    private func with<T>(_ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            var fresh = true
            do {
                return try pool.with(isHealthy: { $0.isHealthy }, discard: { c, _ in !c.isHealthy }) { (c, isFresh) throws(StoreError) -> T in
                    fresh = isFresh
                    return try body(c)
                }
            } catch {
                guard attempt < 3, Self.retryable(error, fresh: fresh) else { throw error }
            }
        }
    }

    public func put(id: String, input: ArticleInput, contentHash: String, analysis: Analysis,
                    analysisJSON: [UInt8]) throws(StoreError) -> PutOutcome {
        try putPrepared([ArticleWrite(id: id, input: input, contentHash: contentHash, analysis: analysis, analysisJSON: analysisJSON).prepared()])[0]
    }

    /// Rounds of a put whose article vanished between the insert and the lookup (a concurrent delete).
    static let maxPutRounds = 3

    /// Writes the articles with one statement (`PostgresBulkWrite`), then reads back the articles that were already
    /// stored to tell `.existing` from `.conflict`. A repeated id is written once; its later copies compare with it.
    func putPrepared(_ prepared: [PreparedWrite]) throws(StoreError) -> [PutOutcome] {
        let items = prepared.map(\.article)
        var firstIndex: [String: Int] = [:]
        var repeats: [Int] = []
        for (i, item) in items.enumerated() {
            if firstIndex[item.id] == nil { firstIndex[item.id] = i } else { repeats.append(i) }
        }
        var outcomes = [PutOutcome?](repeating: nil, count: items.count)
        var pending = firstIndex.values.sorted()
        for _ in 0..<Self.maxPutRounds where !pending.isEmpty {
            let batch = pending.map { (article: prepared[$0].article, rows: prepared[$0].rows) }
            let created = try with { c throws(StoreError) in try Self.insertWithStories(c, batch) }
            let others = pending.filter { !created.contains(items[$0].id) }
            for i in pending where created.contains(items[i].id) { outcomes[i] = .created(prepared[i].article) }
            let stored = others.isEmpty ? [:] : try with { c throws(StoreError) in try Self.articles(c, ids: others.map { items[$0].id }) }
            pending = []
            for i in others {
                if let existing = stored[items[i].id] {
                    outcomes[i] = existing.contentHash == items[i].contentHash ? .existing(existing) : .conflict(existing: existing)
                } else {
                    pending.append(i)
                }
            }
        }
        guard pending.isEmpty else {
            throw StoreError(kind: .unavailable, backend: .store, message: "article kept changing during put; retry")
        }
        for i in repeats {
            let stored = outcomes[firstIndex[items[i].id]!]!.article
            outcomes[i] = stored.contentHash == items[i].contentHash ? .existing(stored) : .conflict(existing: stored)
        }
        return outcomes.map { $0! }
    }

    /// The batch's one-statement insert (`PostgresBulkWrite`) with its story maintenance in the same transaction: the
    /// story buckets of every article locked first (sorted, before any entity row, as `StoreOperations.put` does),
    /// then the insert, then the story members of the articles it created. Costs one statement per bucket and
    /// `StoryOperations.articleAdded`'s statements per created article on top of the one insert statement.
    private static func insertWithStories(_ c: PGConnection, _ batch: [(article: StoredArticle, rows: ArticleRows)]) throws(StoreError) -> Set<String> {
        try c.transaction(write: true) { () throws(StoreError) -> Set<String> in
            let members = batch.map { StoryOperations.members(articleID: $0.article.id, publishedAt: $0.article.publishedAt, events: $0.rows.events) }
            try StoryOperations.lock(c, buckets: members.flatMap { $0.map(\.bucket) })
            let created = try PostgresBulkWrite.insert(c, batch)
            for write in batch where created.contains(write.article.id) {
                try StoryOperations.articleAdded(c, article: write.article, events: write.rows.events)
            }
            return created
        }
    }

    /// The stored articles among `ids`, by id.
    private static func articles(_ c: PGConnection, ids: [String]) throws(StoreError) -> [String: StoredArticle] {
        var list = PGArrayLiteral()
        ids.forEach { list.append($0) }
        var found: [String: StoredArticle] = [:]
        try c.query("SELECT \(StoreOperations.articleColumns) FROM articles WHERE id = ANY(?1::text[])",
                    [.text(list.literal)]) { (r: PGRow) throws(StoreError) in
            let a = StoreOperations.storedArticle(r)
            found[a.id] = a
        }
        return found
    }

    public func article(id: String) throws(StoreError) -> StoredArticle? {
        try with { c throws(StoreError) in try StoreOperations.article(c, id: id) }
    }

    public func deleteArticle(id: String) throws(StoreError) -> Bool {
        try with { c throws(StoreError) in try StoreOperations.delete(c, id: id) }
    }

    public func articles(from: String?, to: String?, source: String?, query: String?, limit: Int,
                         cursor: String?) throws(StoreError) -> Page<ArticleSummary> {
        try read { c throws(StoreError) in
            try StoreOperations.articles(c, from: from, to: to, source: source, query: query, limit: limit, cursor: cursor)
        }
    }

    public func searchEntities(query: String?, type: EntityType?, limit: Int, cursor: String?) throws(StoreError) -> Page<EntitySummary> {
        try read { c throws(StoreError) in try StoreOperations.searchEntities(c, query: query, type: type, limit: limit, cursor: cursor) }
    }

    public func entity(id: String) throws(StoreError) -> EntityDetail? {
        try read { c throws(StoreError) in try StoreOperations.entity(c, id: id) }
    }

    public func timeline(entityID: String, from: String?, to: String?, types: [String], limit: Int,
                         cursor: String?) throws(StoreError) -> Page<TimelineItem>? {
        try read { c throws(StoreError) in
            try StoreOperations.timeline(c, entityID: entityID, from: from, to: to, types: types, limit: limit, cursor: cursor)
        }
    }

    public func stories(entityID: String, filter: StoryFilter, limit: Int, cursor: String?) throws(StoreError) -> Page<StoryEvent>? {
        try with { c throws(StoreError) in try StoryOperations.timeline(c, entityID: entityID, filter: filter, limit: limit, cursor: cursor) }
    }

    public func relations(entityID: String, filter: StoryFilter, limit: Int) throws(StoreError) -> [Relation]? {
        try with { c throws(StoreError) in try StoryOperations.relations(c, entityID: entityID, filter: filter, limit: limit) }
    }

    public func dyad(a: String, b: String, filter: StoryFilter) throws(StoreError) -> [DyadCount]? {
        try with { c throws(StoreError) in try StoryOperations.dyad(c, a: a, b: b, filter: filter) }
    }

    public func ping() throws(StoreError) {
        _ = try with { c throws(StoreError) in try c.scalarInt("SELECT 1") }
    }

    public func articleCount() throws(StoreError) -> Int {
        try with { c throws(StoreError) in try StoreOperations.articleCount(c) }
    }

    /// Runs `body` on a pooled connection (tests use it to look at rows directly).
    func withConnection<T>(_ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try with(body)
    }

    /// Runs `body` on a connection of the standby pool (tests check it is a standby); nil without `readURL`.
    func withReadConnection<T>(_ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T? {
        try replica?.pool.with { (c, _) throws(StoreError) -> T in try body(c) }
    }
}
