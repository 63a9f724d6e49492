import AttacheCore

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
/// `@unchecked Sendable`: all mutable state lives in the `ConnectionPool`, which serialises access.
public final class PostgresStore: ArticleStore, @unchecked Sendable {
    /// Settings with their defaults.
    public struct Configuration: Sendable {
        /// libpq connection URI (`postgres://user@host:port/db`) or `key=value` string.
        public var url: String
        /// Connections kept at most (default 8).
        public var poolSize: Int = 8
        /// libpq `connect_timeout` in seconds (default 5); a URL setting overrides it.
        public var connectTimeoutSeconds: Int = 5

        public init(url: String) {
            self.url = url
        }
    }

    public let configuration: Configuration
    private let pool: ConnectionPool<PGConnection>

    /// Connects, applies pending migrations and keeps that first connection in the pool.
    public init(configuration: Configuration) throws(StoreError) {
        self.configuration = configuration
        let config = configuration
        let first = try PGConnection(url: config.url, connectTimeoutSeconds: config.connectTimeoutSeconds)
        try Migrator.migrate(first, PostgresSchema.migrations,
                             lockSQL: "SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLockKey))")
        try StoreOperations.fillDerivedColumns(first)
        try StoryOperations.fillMissingMembers(first)
        // The first connection starts idle in the pool. (Handing it out from the factory raced: the pool calls
        // the factory outside its lock, and two workers starting together both got it and shared one libpq
        // connection, which crashed the server.)
        pool = ConnectionPool(capacity: max(1, config.poolSize), seed: [first]) { () throws(StoreError) -> PGConnection in
            try PGConnection(url: config.url, connectTimeoutSeconds: config.connectTimeoutSeconds)
        }
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
        let rows = ArticleRows(input: input, analysis: analysis)
        let article = StoredArticle(id: id, title: input.title, text: input.text, publishedAt: input.publishedAt, source: input.source,
                                    contentHash: contentHash, analysisJSON: analysisJSON, createdAt: Timestamp.now())
        return try with { c throws(StoreError) in try StoreOperations.put(c, article: article, rows: rows) }
    }

    public func article(id: String) throws(StoreError) -> StoredArticle? {
        try with { c throws(StoreError) in try StoreOperations.article(c, id: id) }
    }

    public func deleteArticle(id: String) throws(StoreError) -> Bool {
        try with { c throws(StoreError) in try StoreOperations.delete(c, id: id) }
    }

    public func articles(from: String?, to: String?, source: String?, query: String?, limit: Int,
                         cursor: String?) throws(StoreError) -> Page<ArticleSummary> {
        try with { c throws(StoreError) in
            try StoreOperations.articles(c, from: from, to: to, source: source, query: query, limit: limit, cursor: cursor)
        }
    }

    public func searchEntities(query: String?, type: EntityType?, limit: Int, cursor: String?) throws(StoreError) -> Page<EntitySummary> {
        try with { c throws(StoreError) in try StoreOperations.searchEntities(c, query: query, type: type, limit: limit, cursor: cursor) }
    }

    public func entity(id: String) throws(StoreError) -> EntityDetail? {
        try with { c throws(StoreError) in try StoreOperations.entity(c, id: id) }
    }

    public func timeline(entityID: String, from: String?, to: String?, types: [String], limit: Int,
                         cursor: String?) throws(StoreError) -> Page<TimelineItem>? {
        try with { c throws(StoreError) in
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
}
