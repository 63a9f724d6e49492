/// A value bound to a statement parameter.
enum SQLValue: Equatable {
    case null
    case int(Int)
    case text(String)
    case blob([UInt8])

    static func text(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
}

/// Column access for the current result row. Valid only inside the row callback.
protocol SQLRow {
    func isNull(_ column: Int) -> Bool
    func text(_ column: Int) -> String?
    /// 0 for NULL.
    func int(_ column: Int) -> Int
    func blob(_ column: Int) -> [UInt8]?
}

/// What the shared store logic (`StoreOperations`) needs from a connection. SQL uses numbered `?N` placeholders,
/// which SQLite understands natively and the PostgreSQL connection rewrites to `$N`.
///
/// A connection is used by one thread at a time; pools hand them out.
protocol SQLConnection: AnyObject {
    associatedtype Row: SQLRow
    /// Runs one statement, calling `row` for each result row.
    func query(_ sql: String, _ params: [SQLValue], _ row: (Row) throws(StoreError) -> Void) throws(StoreError)
    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ params: [SQLValue]) throws(StoreError) -> Int
    /// Runs parameterless SQL (transaction control, DDL).
    func execute(_ sql: String) throws(StoreError)
    /// `BEGIN IMMEDIATE` for SQLite (take the write lock up front), `BEGIN` for PostgreSQL.
    var beginWriteSQL: String { get }
    /// A read transaction giving one snapshot to several statements.
    var beginReadSQL: String { get }
}

extension SQLConnection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    func transaction<T>(write: Bool, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute(write ? beginWriteSQL : beginReadSQL)
        let value: T
        do {
            value = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        return value
    }

    /// The first column of the first row as an integer, or nil when there is no row.
    func scalarInt(_ sql: String, _ params: [SQLValue] = []) throws(StoreError) -> Int? {
        var result: Int?
        try query(sql, params) { (row: Row) throws(StoreError) in
            if result == nil { result = row.int(0) }
        }
        return result
    }
}
