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
        switch location(url) {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .postgres(let url): try PostgresStore(url: url)
        }
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
