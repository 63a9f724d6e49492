/// The one error type of AttacheStore.
///
/// It carries what an operator needs to diagnose a failure (the backend's result code, its message and the SQL
/// text with placeholders) but `description` never includes statement arguments, article text or other user
/// input, so it is safe to log (GRDB's `DatabaseError`, postgres-nio's `PSQLError`). PostgreSQL server messages
/// can quote values ("invalid input syntax for type integer: \"…\""), so for PostgreSQL `description` shows the
/// SQLSTATE only; the message stays available in `message`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, independent of the backend.
    public enum Kind: String, Sendable {
        /// The database server cannot be reached or is shutting down; retry later (HTTP 503).
        case unavailable
        /// A constraint (primary key, foreign key, NOT NULL) rejected a write.
        case constraint
        /// The caller passed something the store cannot use: a malformed cursor or date bound.
        case invalidArgument
        /// The database was written by a newer Attache (unknown migration) or is not an Attache database.
        case incompatibleSchema
        /// Any other backend failure.
        case backend
    }

    /// Which library produced the error.
    public enum Backend: String, Sendable {
        case sqlite, postgres, store
    }

    public var kind: Kind
    public var backend: Backend
    /// SQLite extended result code, or libpq's `ExecStatusType`/`ConnStatusType` raw value; 0 when not applicable.
    public var code: Int32
    /// PostgreSQL SQLSTATE ("23505"); nil for SQLite.
    public var sqlState: String?
    /// The library's message. For PostgreSQL it may quote values, so it is not part of `description`.
    public var message: String
    /// The statement that failed, with placeholders, never with arguments.
    public var sql: String?

    public init(kind: Kind, backend: Backend, code: Int32 = 0, sqlState: String? = nil, message: String, sql: String? = nil) {
        self.kind = kind
        self.backend = backend
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
    }

    /// True when the backend is down or busy and the request may succeed later; the service answers 503.
    public var isUnavailable: Bool { kind == .unavailable }

    public var description: String {
        var out = "StoreError.\(kind.rawValue) (\(backend.rawValue)"
        if code != 0 { out += " code \(code)" }
        if let sqlState { out += " SQLSTATE \(sqlState)" }
        out += ")"
        if backend != .postgres { out += ": \(message)" }
        if let sql { out += " while executing `\(sql)`" }
        return out
    }

    static func invalidArgument(_ message: String) -> StoreError {
        StoreError(kind: .invalidArgument, backend: .store, message: message)
    }
}
