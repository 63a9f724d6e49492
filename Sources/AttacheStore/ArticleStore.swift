import AttacheModel

/// Durable storage of analysed articles and the entity timelines derived from them.
///
/// Implementations are safe to call from many threads at once; every call is synchronous and blocking (they talk
/// to SQLite or PostgreSQL), so async callers should run them off the cooperative pool.
public protocol ArticleStore: Sendable {
    /// Stores an article with its entities, mentions, events and timeline rows in one transaction: all or nothing.
    ///
    /// Idempotent by `id`: when `id` is already stored the store changes nothing and answers `.existing` (same
    /// `contentHash`) or `.conflict` (different hash). Concurrent puts of one id, from threads or processes, create it
    /// exactly once. `contentHash` should be `ContentHash.of(title:text:)`; `analysisJSON` is kept verbatim.
    func put(id: String, input: ArticleInput, contentHash: String, analysis: Analysis, analysisJSON: [UInt8]) throws(StoreError) -> PutOutcome
    /// The stored article, or nil.
    func article(id: String) throws(StoreError) -> StoredArticle?
    /// Deletes an article and everything derived from it; entity counts, aliases, roles and first/last seen are
    /// updated and entities left without articles disappear. Returns false when `id` was not stored.
    func deleteArticle(id: String) throws(StoreError) -> Bool
    /// Stored articles, newest publication date first (undated last, ties by id descending). `from`/`to` are
    /// inclusive date prefixes on the publication date, `source` keeps one source, `query` is a case- and
    /// accent-insensitive substring of the title. The keyset cursor belongs to these filters. `limit` is clamped to 1...1000.
    func articles(from: String?, to: String?, source: String?, query: String?, limit: Int, cursor: String?) throws(StoreError) -> Page<ArticleSummary>
    /// Entities whose folded name or any folded alias contains the folded `query` (case- and accent-insensitive
    /// substring) or whose name's acronym is the query; nil or empty query lists all. Ranked exact name or alias
    /// (dots ignored) first, then acronym, then prefix, then substring; within a rank by mention count descending,
    /// then id. The cursor belongs to its query and type. `limit` is clamped to 1...1000.
    func searchEntities(query: String?, type: EntityType?, limit: Int, cursor: String?) throws(StoreError) -> Page<EntitySummary>
    /// Details of one entity, or nil when no stored article mentions it.
    func entity(id: String) throws(StoreError) -> EntityDetail?
    /// The entity's timeline: by date ascending (partial dates at the start of their period, undated last), then
    /// article id, then position in the text. `from`/`to` are inclusive ISO date prefixes ("2015", "2015-12",
    /// "2015-12-15"); `types` keeps only these event types, `mention` selecting plain-mention items; empty keeps all.
    /// The cursor is a keyset cursor, so paging stays exact while articles are added; it belongs to this entity and
    /// these filters (another query refuses it). Item dates are partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), a
    /// timestamp cut to its calendar date. Nil when the entity is unknown.
    func timeline(entityID: String, from: String?, to: String?, types: [String], limit: Int, cursor: String?) throws(StoreError) -> Page<TimelineItem>?
    /// The entity's story events (extracted events merged across articles, see `StoryMerging`): by story date
    /// ascending (partial dates at the start of their period, undated last), then story id, each with its
    /// participants and member mentions. Keyset cursor bound to the entity and filters. Nil when the entity is unknown.
    func stories(entityID: String, filter: StoryFilter, limit: Int, cursor: String?) throws(StoreError) -> Page<StoryEvent>?
    /// The entity's counterparts in story events, most shared story events first (then id), with counts by type and
    /// first and last date; `filter` applies its dates and types. Nil when the entity is unknown.
    func relations(entityID: String, filter: StoryFilter, limit: Int) throws(StoreError) -> [Relation]?
    /// Story events shared by `a` and `b`, counted by period (month, or year for year-only dates), type and
    /// direction; `filter` applies its dates and types. Nil when either entity is unknown.
    func dyad(a: String, b: String, filter: StoryFilter) throws(StoreError) -> [DyadCount]?
    /// Throws unless the backend answers a trivial query (readiness probe).
    func ping() throws(StoreError)
    /// Number of stored articles.
    func articleCount() throws(StoreError) -> Int
    /// Stores several articles in one transaction, each under its own savepoint, so that one failing article
    /// (a constraint, an id stored with other content) fails alone. The results follow the order of `articles`,
    /// each what `put` would answer for it, and all are durable when this returns. Throws only when the
    /// transaction as a whole fails (then nothing of it is stored). An id given twice is created once; the second
    /// answers `.existing` or `.conflict`.
    func putMany(_ articles: [ArticleWrite]) throws(StoreError) -> [Result<PutOutcome, StoreError>]
    /// The content hash of each id among `ids` that is stored (a resumable bulk load skips those articles before
    /// analysing them, and reports an id stored with other content).
    func contentHashes(of ids: [String]) throws(StoreError) -> [String: String]
}

