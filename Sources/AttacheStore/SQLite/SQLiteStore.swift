import AttacheModel
import Foundation

/// The default store: one SQLite file in WAL mode.
///
/// Durability: `synchronous = FULL` by default, so a put that returned has been fsynced and survives both `kill -9`
/// of the process and a power loss (WAL with `NORMAL` survives a process kill but may lose the last commits on
/// power loss). Concurrency: one writer connection serialised by a lock (SQLite admits one writer anyway) and a
/// small pool of read-only reader connections, which WAL lets run beside the writer. Concurrent puts are group
/// committed (`GroupCommit`): they share one transaction, each article under its own savepoint, and each returns
/// after that transaction's COMMIT, so one fsync serves many articles and a failing article fails alone. Each connection is opened
/// with `SQLITE_OPEN_NOMUTEX` and used by one thread at a time, and caches its prepared statements.
///
/// `@unchecked Sendable`: all mutable state lives in the two `ConnectionPool`s, which serialise access.
public final class SQLiteStore: ArticleStore, @unchecked Sendable {
    /// `PRAGMA synchronous` levels offered.
    public enum Synchronous: String, Sendable {
        /// fsync at every commit (and WAL checkpoint): survives power loss. The default.
        case full = "FULL"
        /// fsync at checkpoints only: survives a process crash, not a power loss. Faster.
        case normal = "NORMAL"
    }

    /// Settings with their defaults.
    public struct Configuration: Sendable {
        /// Database file; its directory is created when missing.
        public var path: String
        /// Reader connections kept at most (default 4).
        public var readerCount: Int = 4
        /// How long a connection waits for a lock held by another process before failing with
        /// `isUnavailable` (default 5,000 ms).
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// Default `.full`; see the type's discussion.
        public var synchronous: Synchronous = .full
        /// How concurrent puts are grouped into transactions (default 64 articles, 2 ms window).
        public var groupCommit = GroupCommitLimits()
        /// Page cache of the writer connection in KiB. The service keeps SQLite's own default (2 MiB), so that
        /// its memory stays flat while the database grows; a bulk load (`attache ingest`) asks for
        /// `bulkLoadWriterCacheKiB`: an article adds some 200 index entries spread over the mention, timeline and
        /// entity indexes, and with a small cache the writer re-reads those index pages for nearly every insert.
        public var writerCacheKiB = Configuration.serviceWriterCacheKiB
        public static let serviceWriterCacheKiB = 2_048
        public static let bulkLoadWriterCacheKiB = 65_536

        public init(path: String) {
            self.path = path
        }
    }

    public let configuration: Configuration
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>
    private let group: GroupCommit<PreparedWrite, PutOutcome>

    /// Opens (creating when needed) the database and applies pending migrations.
    public init(configuration: Configuration) throws(StoreError) {
        self.configuration = configuration
        let config = configuration
        let directory = (config.path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError(kind: .unavailable, backend: .sqlite, message: "cannot create the database directory")
            }
        }
        let writerConnection = try SQLiteConnection(path: config.path, readOnly: false,
                                                    busyTimeoutMilliseconds: config.busyTimeoutMilliseconds,
                                                    synchronous: config.synchronous)
        // WAL is persistent in the file; readers need it set before they open.
        try writerConnection.execute("PRAGMA journal_mode = WAL")
        try Self.tuneWriter(writerConnection, config)
        try Migrator.migrate(writerConnection, SQLiteSchema.migrations, lockSQL: nil)
        try StoreOperations.fillDerivedColumns(writerConnection)
        try StoryOperations.fillMissingMembers(writerConnection)
        try StoryOperations.fillStoryState(writerConnection)
        writer = ConnectionPool(capacity: 1, seed: [writerConnection]) { () throws(StoreError) -> SQLiteConnection in
            let c = try SQLiteConnection(path: config.path, readOnly: false, busyTimeoutMilliseconds: config.busyTimeoutMilliseconds,
                                         synchronous: config.synchronous)
            try Self.tuneWriter(c, config)
            return c
        }
        readers = ConnectionPool(capacity: max(1, config.readerCount)) { () throws(StoreError) -> SQLiteConnection in
            let c = try SQLiteConnection(path: config.path, readOnly: true, busyTimeoutMilliseconds: config.busyTimeoutMilliseconds,
                                         synchronous: config.synchronous)
            try c.execute("PRAGMA query_only = ON")
            return c
        }
        let writerPool = writer
        group = GroupCommit(limits: config.groupCommit) { (writes: [PreparedWrite]) throws(StoreError) -> [Result<PutOutcome, StoreError>] in
            try writerPool.with { (c, _) throws(StoreError) -> [Result<PutOutcome, StoreError>] in try StoreOperations.putGroup(c, writes) }
        }
    }

    /// The writer's page cache, and its temporary files in memory: each article of a group is written under a
    /// savepoint, whose sub-journal (the pages as they were before the article) otherwise goes to a temporary file
    /// with a write(2) per page; it is emptied when the savepoint is released, so it stays one article's size.
    private static func tuneWriter(_ c: SQLiteConnection, _ config: Configuration) throws(StoreError) {
        try c.execute("PRAGMA cache_size = -\(config.writerCacheKiB)")
        try c.execute("PRAGMA temp_store = MEMORY")
    }

    /// Opens `path` with default settings.
    public convenience init(path: String) throws(StoreError) {
        try self.init(configuration: Configuration(path: path))
    }

    private func write<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try writer.with { (c, _) throws(StoreError) -> T in try body(c) }
    }

    private func read<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try readers.with { (c, _) throws(StoreError) -> T in try body(c) }
    }

    public func put(id: String, input: ArticleInput, contentHash: String, analysis: Analysis,
                    analysisJSON: [UInt8]) throws(StoreError) -> PutOutcome {
        // Derive rows (folding, sentence slicing) before queueing for the writer.
        let write = ArticleWrite(id: id, input: input, contentHash: contentHash, analysis: analysis, analysisJSON: analysisJSON)
        return try group.submit(write.prepared())
    }

    /// One transaction for all of `articles`, outside the group commit (a batch is a group of its own).
    public func putMany(_ articles: [ArticleWrite]) throws(StoreError) -> [Result<PutOutcome, StoreError>] {
        let writes = articles.map { $0.prepared() }
        return try write { c throws(StoreError) in try StoreOperations.putGroup(c, writes) }
    }

    public func contentHashes(of ids: [String]) throws(StoreError) -> [String: String] {
        try read { c throws(StoreError) in try StoreOperations.contentHashes(c, of: ids) }
    }

    /// Transactions the group commit has written (tests check that concurrent puts share them).
    var groupCommitCount: Int { group.groupCount }

    public func article(id: String) throws(StoreError) -> StoredArticle? {
        try read { c throws(StoreError) in try StoreOperations.article(c, id: id) }
    }

    public func deleteArticle(id: String) throws(StoreError) -> Bool {
        try write { c throws(StoreError) in try StoreOperations.delete(c, id: id) }
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
        try read { c throws(StoreError) in try StoryOperations.timeline(c, entityID: entityID, filter: filter, limit: limit, cursor: cursor) }
    }

    public func relations(entityID: String, filter: StoryFilter, limit: Int) throws(StoreError) -> [Relation]? {
        try read { c throws(StoreError) in try StoryOperations.relations(c, entityID: entityID, filter: filter, limit: limit) }
    }

    public func dyad(a: String, b: String, filter: StoryFilter) throws(StoreError) -> [DyadCount]? {
        try read { c throws(StoreError) in try StoryOperations.dyad(c, a: a, b: b, filter: filter) }
    }

    public func ping() throws(StoreError) {
        _ = try read { c throws(StoreError) in try c.scalarInt("SELECT 1") }
    }

    public func articleCount() throws(StoreError) -> Int {
        try read { c throws(StoreError) in try StoreOperations.articleCount(c) }
    }

    /// Runs `body` on the writer connection (tests use it to look at rows directly).
    func withWriter<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try write(body)
    }
}
