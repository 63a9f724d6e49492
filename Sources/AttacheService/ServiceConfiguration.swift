import AttacheHTTP
import Foundation

/// Everything `attache serve` can be told, from flags or the environment.
public struct ServiceConfiguration: Sendable {
    public var http = HTTPServerConfiguration()
    /// `sqlite:PATH`, a path, or `postgres://…`; nil: SQLite at `./data/attache.sqlite`. Env: ATTACHE_DATABASE_URL.
    public var databaseURL: String?
    /// A PostgreSQL hot standby of `databaseURL` for searches, entity details, timelines and article listings.
    /// Env: ATTACHE_READ_DATABASE_URL.
    public var readDatabaseURL: String?
    /// PostgreSQL connections each process keeps to the primary (and to the standby); nil: as many as
    /// `http.workerThreads`, since a handler thread uses one connection at a time. Env: ATTACHE_DATABASE_POOL_SIZE.
    public var databasePoolSize: Int?
    /// When set, write endpoints need `Authorization: Bearer <key>`. Env: ATTACHE_API_KEY.
    public var apiKey: String?
    /// When true, reads need the key too. Env: ATTACHE_API_KEY_READS=1.
    public var protectReads = false
    /// Extra knowledge-base directories. Env: ATTACHE_KB_DIRS (colon-separated).
    public var knowledgeBaseDirectories: [String] = []
    /// Largest single-article body in bytes (413 past it). Default 1 MiB.
    public var maxArticleBytes = 1 << 20
    /// Largest batch body in bytes. Default 32 MiB.
    public var maxBatchBytes = 32 << 20
    /// Most articles in one batch. Default 1,000.
    public var maxBatchItems = 1000
    /// Browser origins (`https://app.example.org`) allowed to call the API from another site (CORS); `*` allows
    /// any. Default none: browsers may call the API only from the page it serves itself. Env: ATTACHE_CORS_ORIGINS
    /// (comma-separated).
    public var corsOrigins: [String] = []

    public init() {
        http.host = "0.0.0.0"
        http.maxBodyBytes = maxBatchBytes
    }

    /// Applies ATTACHE_* environment variables (flags are applied after, by the caller).
    public mutating func applyEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) {
        if let v = env["ATTACHE_HOST"] { http.host = v }
        if let v = env["ATTACHE_PORT"].flatMap(Int.init) { http.port = v }
        if let v = env["PORT"].flatMap(Int.init), env["ATTACHE_PORT"] == nil { http.port = v }
        if let v = env["ATTACHE_DATABASE_URL"], !v.isEmpty { databaseURL = v }
        if let v = env["ATTACHE_READ_DATABASE_URL"], !v.isEmpty { readDatabaseURL = v }
        if let v = env["ATTACHE_DATABASE_POOL_SIZE"].flatMap(Int.init) { databasePoolSize = v }
        if let v = env["ATTACHE_API_KEY"], !v.isEmpty { apiKey = v }
        if env["ATTACHE_API_KEY_READS"] == "1" { protectReads = true }
        if let v = env["ATTACHE_KB_DIRS"] { knowledgeBaseDirectories += v.split(separator: ":").map(String.init) }
        if let v = env["ATTACHE_MAX_BODY_BYTES"].flatMap(Int.init) { maxArticleBytes = v }
        if let v = env["ATTACHE_MAX_CONNECTIONS"].flatMap(Int.init) { http.maxConnections = v }
        if let v = env["ATTACHE_WORKERS"].flatMap(Int.init) { http.workerThreads = v }
        if let v = env["ATTACHE_EVENT_LOOPS"].flatMap(Int.init) { http.eventLoopThreads = max(1, v) }
        if let v = env["ATTACHE_CORS_ORIGINS"] { corsOrigins += Self.originList(v) }
    }

    /// The PostgreSQL pool size to open the store with: the configured one, else one connection per handler thread
    /// (only for PostgreSQL: SQLite has no pool).
    public var effectiveDatabasePoolSize: Int? {
        guard let url = databaseURL, url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else { return databasePoolSize }
        return databasePoolSize ?? http.workerThreads
    }

    /// Origins from a comma-separated list (a flag may be repeated, each with one or several), trailing slashes and
    /// spaces dropped: a browser sends `Origin` without a path.
    public static func originList(_ raw: String) -> [String] {
        raw.split(separator: ",").compactMap { part in
            var o = part.trimmingCharacters(in: .whitespaces)
            while o.hasSuffix("/") { o.removeLast() }
            return o.isEmpty ? nil : o
        }
    }
}
