/// Chooses and opens a backend from a URL-like string (the service's `--store`/`ATTACHE_STORE` setting).
public enum StoreFactory {
    /// Used when no location is given: relative to the working directory; the directory is created.
    public static let defaultSQLitePath = "./data/attache.sqlite"

    /// Opens a store:
    /// - nil or empty → SQLite at `defaultSQLitePath`;
    /// - `sqlite:PATH` (also `sqlite://PATH`) or a plain path → SQLite at PATH;
    /// - `postgres://…` or `postgresql://…` → PostgreSQL (pool of 8).
    /// Pending migrations are applied before it returns.
    public static func open(url: String?) throws(StoreError) -> any ArticleStore {
        try open(url: url, readURL: nil, poolSize: nil)
    }

    /// Opens a store as `open(url:)` does, with PostgreSQL settings: `readURL`, a hot standby of `url` for reads,
    /// and `poolSize`, the connections kept to each (default 8). Both are for PostgreSQL only: with SQLite they are
    /// an `.invalidArgument` error, as is a `readURL` that is not `postgres://…` or a pool size below 1.
    /// `bulkLoad` gives SQLite's writer the large page cache of `SQLiteStore.Configuration.bulkLoadWriterCacheKiB`
    /// (a one-off load of an archive, not a long-running service whose memory should stay flat).
    public static func open(url: String?, readURL: String?, poolSize: Int?, bulkLoad: Bool = false) throws(StoreError) -> any ArticleStore {
        if let poolSize, poolSize < 1 { throw .invalidArgument("the database pool size must be at least 1, got \(poolSize)") }
        switch location(url) {
        case .sqlite(let path):
            if readURL != nil { throw .invalidArgument("a read database needs a PostgreSQL database (postgres://…)") }
            if poolSize != nil { throw .invalidArgument("the database pool size applies to PostgreSQL only") }
            var config = SQLiteStore.Configuration(path: path)
            if bulkLoad { config.writerCacheKiB = SQLiteStore.Configuration.bulkLoadWriterCacheKiB }
            return try SQLiteStore(configuration: config)
        case .postgres(let url):
            var config = PostgresStore.Configuration(url: url)
            if let readURL {
                guard case .postgres(let read) = location(readURL) else {
                    throw .invalidArgument("the read database must be a PostgreSQL URL (postgres://…)")
                }
                config.readURL = read
            }
            if let poolSize { config.poolSize = poolSize }
            return try PostgresStore(configuration: config)
        }
    }

    /// The store that `open(url:)` opens, said for a log line: "SQLite at ./data/attache.sqlite" or
    /// "PostgreSQL at db.example:5432/attache". A PostgreSQL URL loses its user, password and query string,
    /// which may carry credentials.
    public static func summary(url: String?) -> String {
        switch location(url) {
        case .sqlite(let path): "SQLite at \(path)"
        case .postgres(let url): "PostgreSQL at \(hostAndDatabase(url))"
        }
    }

    /// `scheme://user:pass@host:port/db?options` → `host:port/db`.
    static func hostAndDatabase(_ url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return String(rest)
    }

    enum Location: Equatable {
        case sqlite(String)
        case postgres(String)
    }

    static func location(_ url: String?) -> Location {
        guard let url, !url.isEmpty else { return .sqlite(defaultSQLitePath) }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") { return .postgres(url) }
        if url.hasPrefix("sqlite://") { return .sqlite(String(url.dropFirst("sqlite://".count))) }
        if url.hasPrefix("sqlite:") { return .sqlite(String(url.dropFirst("sqlite:".count))) }
        return .sqlite(url)
    }
}
