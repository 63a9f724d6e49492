import CSQLite

/// One SQLite connection (`SQLITE_OPEN_NOMUTEX`: the pool guarantees one thread at a time) with a cache of
/// prepared statements keyed by SQL text.
final class SQLiteConnection: SQLConnection {
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    /// Opens `path` (created when missing unless `readOnly`) and applies the per-connection pragmas.
    init(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32, synchronous: SQLiteStore.Synchronous) throws(StoreError) {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            if let db { sqlite3_close_v2(db) }
            throw StoreError(kind: .unavailable, backend: .sqlite, code: rc, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA synchronous = \(synchronous.rawValue)")
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    let beginWriteSQL = "BEGIN IMMEDIATE"
    let beginReadSQL = "BEGIN DEFERRED"

    /// Prepared statements held (tests check that varying list lengths do not multiply them).
    var cachedStatementCount: Int { cache.count }

    func statement(_ sql: String) throws(StoreError) -> Statement {
        if let cached = cache[sql] { return cached }
        // Search and timeline SQL varies with the filters used; bound the cache rather than grow it per shape.
        if cache.count >= 256 { cache.removeAll() }
        let stmt = try Statement(connection: self, sql: sql)
        cache[sql] = stmt
        return stmt
    }

    func query(_ sql: String, _ params: [SQLValue], _ row: (SQLiteRow) throws(StoreError) -> Void) throws(StoreError) {
        let stmt = try statement(sql)
        try stmt.bind(params)
        try stmt.forEachRow(row)
    }

    @discardableResult
    func run(_ sql: String, _ params: [SQLValue]) throws(StoreError) -> Int {
        let stmt = try statement(sql)
        try stmt.bind(params)
        try stmt.forEachRow { _ throws(StoreError) in }
        return Int(sqlite3_changes(handle))
    }

    func execute(_ sql: String) throws(StoreError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
    }

    /// Builds a `StoreError` from a result code and the connection's current message.
    func error(_ rc: Int32, sql: String?) -> StoreError {
        let message = String(cString: sqlite3_errmsg(handle))
        let kind: StoreError.Kind
        switch rc & 0xff {
        case SQLITE_CONSTRAINT: kind = .constraint
        case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_FULL: kind = .unavailable
        default: kind = .backend
        }
        return StoreError(kind: kind, backend: .sqlite, code: rc, message: message, sql: sql)
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
