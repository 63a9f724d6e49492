/// One schema change: applied once, in `version` order, recorded in `schema_migrations`.
struct Migration {
    var version: Int
    var name: String
    /// Parameterless DDL; may hold several statements.
    var sql: String
}

/// Applies ordered, versioned migrations at start-up (GRDB's `DatabaseMigrator`, reduced to what Attache needs).
enum Migrator {
    /// Applies every migration newer than the database in one write transaction. `lockSQL` runs first inside it
    /// (PostgreSQL: an advisory lock so several processes starting together migrate one at a time).
    /// Throws `.incompatibleSchema` when the database has a version this build does not know.
    static func migrate<C: SQLConnection>(_ c: C, _ migrations: [Migration], lockSQL: String?) throws(StoreError) {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version }, "migrations out of order")
        try c.transaction(write: true) { () throws(StoreError) in
            if let lockSQL { try c.execute(lockSQL) }
            try c.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            let current = try c.scalarInt("SELECT coalesce(max(version), 0) FROM schema_migrations") ?? 0
            if let latest = migrations.last?.version, current > latest {
                throw StoreError(kind: .incompatibleSchema, backend: .store,
                                 message: "database schema version \(current) is newer than this build's \(latest)")
            }
            for m in migrations where m.version > current {
                try c.execute(m.sql)
                try c.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                          [.int(m.version), .text(m.name), .text(Timestamp.now())])
            }
        }
    }

    /// Applied versions, ascending.
    static func appliedVersions<C: SQLConnection>(_ c: C) throws(StoreError) -> [Int] {
        var versions: [Int] = []
        try c.query("SELECT version FROM schema_migrations ORDER BY version", []) { (r: C.Row) throws(StoreError) in
            versions.append(r.int(0))
        }
        return versions
    }
}
