@testable import AttacheStore
import Foundation
import GRDB

/// The store's `SQLConnection` over a GRDB `Database`, so that `StoreOperations.put` runs the same statements with
/// the same arguments through GRDB (cached statements, `StatementArguments`, `Row`) instead of our wrapper.
final class GRDBConnection: SQLConnection {
    struct Row: SQLRow {
        let row: GRDB.Row
        func isNull(_ column: Int) -> Bool { row.hasNull(atIndex: column) }
        func text(_ column: Int) -> String? { row[column] }
        func int(_ column: Int) -> Int { row[column] ?? 0 }
        func blob(_ column: Int) -> [UInt8]? { (row[column] as Data?).map { Array($0) } }
    }

    let db: Database
    let beginWriteSQL = "BEGIN IMMEDIATE"
    let beginReadSQL = "BEGIN DEFERRED"

    init(_ db: Database) {
        self.db = db
    }

    static func arguments(_ params: [SQLValue]) -> StatementArguments {
        StatementArguments(params.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .int(let i): i
            case .text(let s): s
            case .blob(let b): Data(b)
            }
        })
    }

    static func storeError(_ error: any Error, sql: String) -> StoreError {
        error as? StoreError ?? StoreError(kind: .backend, backend: .sqlite, message: "\(error)", sql: sql)
    }

    func query(_ sql: String, _ params: [SQLValue], _ body: (Row) throws(StoreError) -> Void) throws(StoreError) {
        do {
            let rows = try GRDB.Row.fetchCursor(db.cachedStatement(sql: sql), arguments: Self.arguments(params))
            while let row = try rows.next() { try body(Row(row: row)) }
        } catch {
            throw Self.storeError(error, sql: sql)
        }
    }

    @discardableResult
    func run(_ sql: String, _ params: [SQLValue]) throws(StoreError) -> Int {
        do {
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(params))
            return db.changesCount
        } catch {
            throw Self.storeError(error, sql: sql)
        }
    }

    func execute(_ sql: String) throws(StoreError) {
        do { try db.execute(sql: sql) } catch { throw Self.storeError(error, sql: sql) }
    }
}
