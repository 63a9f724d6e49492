import CSQLite

/// A prepared SQLite statement, finalized in `deinit`. Owned and cached by one `SQLiteConnection`; never shared
/// across threads (see the unavailable `Sendable` conformance).
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String) throws(StoreError) {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw connection.error(rc, sql: sql)
        }
        self.handle = stmt
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ params: [SQLValue]) throws(StoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in params.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .int(let v):
                rc = sqlite3_bind_int64(handle, index, Int64(v))
            case .text(var s):
                rc = s.withUTF8 { buf in
                    // An empty buffer may have a nil base address, which SQLite would bind as NULL.
                    buf.count == 0
                        ? sqlite3_bind_text(handle, index, "", 0, attache_sqlite_transient())
                        : sqlite3_bind_text(handle, index, buf.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                            Int32(buf.count), attache_sqlite_transient())
                }
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { buf in
                    buf.count == 0
                        ? sqlite3_bind_zeroblob(handle, index, 0)
                        : sqlite3_bind_blob(handle, index, buf.baseAddress, Int32(buf.count), attache_sqlite_transient())
                }
            }
            guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
        }
    }

    /// Steps through all rows. The statement is reset afterwards so it holds no read lock while cached.
    func forEachRow(_ body: (SQLiteRow) throws(StoreError) -> Void) throws(StoreError) {
        defer { sqlite3_reset(handle) }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW:
                try body(SQLiteRow(handle: handle))
            case SQLITE_DONE:
                return
            case let rc:
                throw connection.error(rc, sql: sql)
            }
        }
    }
}

@available(*, unavailable)
extension Statement: Sendable {}

/// The current row of a stepping statement.
struct SQLiteRow: SQLRow {
    let handle: OpaquePointer

    func isNull(_ column: Int) -> Bool { sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL }

    func text(_ column: Int) -> String? {
        let c = Int32(column)
        guard sqlite3_column_type(handle, c) != SQLITE_NULL, let p = sqlite3_column_text(handle, c) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, c))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    func int(_ column: Int) -> Int { Int(sqlite3_column_int64(handle, Int32(column))) }

    func blob(_ column: Int) -> [UInt8]? {
        let c = Int32(column)
        guard sqlite3_column_type(handle, c) != SQLITE_NULL else { return nil }
        let n = Int(sqlite3_column_bytes(handle, c))
        guard n > 0, let p = sqlite3_column_blob(handle, c) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}
