import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection, used by one thread at a time (the pool lends it). Statements with parameters are prepared
/// once per connection (`PQprepare`) and then run with `PQexecPrepared`, parameters sent apart from the SQL text;
/// results come back in text format.
final class PGConnection: SQLConnection {
    let handle: OpaquePointer
    /// Prepared statement name per SQL text (as written, with `?N` placeholders).
    private var prepared: [String: String] = [:]
    private var preparedSerial = 0
    /// Statements kept prepared at most: the dynamic queries (search filters, timeline types) make a bounded but
    /// open-ended set of texts, and each prepared statement holds server memory for the session.
    static let preparedCapacity = 256

    /// Connects to `url` (a `postgres://` URI or a `key=value` string). Any failure is `.unavailable`.
    init(url: String, connectTimeoutSeconds: Int) throws(StoreError) {
        // Earlier pairs are defaults: settings inside `url` (expanded at the position of dbname) override them.
        // gssencmode=disable: with libpq's default ("prefer") every connect first tries GSSAPI encryption
        // through Kerberos, which costs a round trip and has been reported unsafe when several threads connect
        // at once (as the pool's workers do at start-up). A URL that needs GSSAPI can still ask for it
        // (`?gssencmode=prefer`).
        let pairs: [(String, String)] = [
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("gssencmode", "disable"),
            ("application_name", "attache"),
            ("dbname", url),
            ("client_encoding", "UTF8"),
        ]
        let keys = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        let kp: [UnsafePointer<CChar>?] = keys.map { UnsafePointer($0) } + [nil]
        let vp: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        guard let conn = PQconnectdbParams(kp, vp, 1) else {
            throw StoreError(kind: .unavailable, backend: .postgres, message: "out of memory creating a connection")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = PGConnection.trim(String(cString: PQerrorMessage(conn)))
            let code = Int32(truncatingIfNeeded: PQstatus(conn).rawValue)
            PQfinish(conn)
            throw StoreError(kind: .unavailable, backend: .postgres, code: code, message: message)
        }
        // Silence NOTICEs ("relation already exists, skipping"); a library should not write to stderr.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        handle = conn
    }

    deinit {
        PQfinish(handle)
    }

    /// False once libpq has seen the connection break; the pool then drops it.
    var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE }

    let beginWriteSQL = "BEGIN"
    let beginReadSQL = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    /// `?N` → `$N`.
    static func postgresSQL(_ sql: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(sql.utf8.count)
        var previousWasQuestion = false
        for b in sql.utf8 {
            if previousWasQuestion {
                previousWasQuestion = false
                if b >= 48 && b <= 57 {
                    out.append(UInt8(ascii: "$"))
                } else {
                    out.append(UInt8(ascii: "?"))
                }
            }
            if b == UInt8(ascii: "?") {
                previousWasQuestion = true
                continue
            }
            out.append(b)
        }
        if previousWasQuestion { out.append(UInt8(ascii: "?")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The name of `sql` prepared on this connection, preparing it on first use. Parsing and planning happen once
    /// per connection instead of once per call.
    private func statementName(_ sql: String) throws(StoreError) -> String {
        if let name = prepared[sql] { return name }
        if prepared.count >= Self.preparedCapacity {
            try execute("DEALLOCATE ALL")
            prepared.removeAll()
        }
        preparedSerial += 1
        let name = "attache_\(preparedSerial)"
        guard let result = PQprepare(handle, name, Self.postgresSQL(sql), 0, nil) else { throw failure(nil, sql: sql) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw failure(result, sql: sql) }
        prepared[sql] = name
        return name
    }

    /// Executes and returns a result that succeeded; the caller must `PQclear` it.
    private func exec(_ sql: String, _ params: [SQLValue]) throws(StoreError) -> OpaquePointer {
        let name = try statementName(sql)
        // All parameter bytes in one buffer (text NUL-terminated), pointers taken once it is complete.
        var storage = [UInt8]()
        var offsets: [Int?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for p in params {
            switch p {
            case .null:
                offsets.append(nil); lengths.append(0); formats.append(0)
            case .int(let v):
                offsets.append(storage.count)
                storage.append(contentsOf: String(v).utf8); storage.append(0)
                lengths.append(0); formats.append(0)
            case .text(let s):
                offsets.append(storage.count)
                storage.append(contentsOf: s.utf8); storage.append(0)
                lengths.append(0); formats.append(0)
            case .blob(let b):
                offsets.append(storage.count)
                storage.append(contentsOf: b)
                lengths.append(Int32(b.count)); formats.append(1)
            }
        }
        if storage.isEmpty { storage.append(0) }
        let result: OpaquePointer? = storage.withUnsafeBufferPointer { buf in
            let base = UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            let values: [UnsafePointer<CChar>?] = offsets.map { $0.map { base + $0 } }
            return PQexecPrepared(handle, name, Int32(params.count), values, lengths, formats, 0)
        }
        guard let result else {
            throw failure(nil, sql: sql)
        }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let error = failure(result, sql: sql)
            PQclear(result)
            throw error
        }
        return result
    }

    private func failure(_ result: OpaquePointer?, sql: String?) -> StoreError {
        var sqlState: String?
        var message = PGConnection.trim(String(cString: PQerrorMessage(handle)))
        var code: Int32 = 0
        if let result {
            code = Int32(truncatingIfNeeded: PQresultStatus(result).rawValue)
            if let p = PQresultErrorField(result, Int32(UInt8(ascii: "C"))) { sqlState = String(cString: p) }
            if let p = PQresultErrorField(result, Int32(UInt8(ascii: "M"))) { message = String(cString: p) }
        }
        let kind: StoreError.Kind
        if PQstatus(handle) != CONNECTION_OK {
            kind = .unavailable
        } else if let s = sqlState {
            if s.hasPrefix("23") {
                kind = .constraint
            } else if s.hasPrefix("08") || s == "57P01" || s == "57P02" || s == "57P03" || s == "53300" {
                kind = .unavailable
            } else {
                kind = .backend
            }
        } else {
            kind = .unavailable
        }
        return StoreError(kind: kind, backend: .postgres, code: code, sqlState: sqlState, message: message, sql: sql)
    }

    func query(_ sql: String, _ params: [SQLValue], _ row: (PGRow) throws(StoreError) -> Void) throws(StoreError) {
        let result = try exec(sql, params)
        defer { PQclear(result) }
        let n = PQntuples(result)
        var i: Int32 = 0
        while i < n {
            try row(PGRow(result: result, row: i))
            i += 1
        }
    }

    @discardableResult
    func run(_ sql: String, _ params: [SQLValue]) throws(StoreError) -> Int {
        let result = try exec(sql, params)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Parameterless SQL through `PQexec` (several statements allowed: migrations, transaction control).
    func execute(_ sql: String) throws(StoreError) {
        guard let result = PQexec(handle, sql) else { throw failure(nil, sql: sql) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw failure(result, sql: sql) }
    }

    static func trim(_ s: String) -> String {
        var s = Substring(s)
        while let last = s.last, last == "\n" || last == " " { s.removeLast() }
        return String(s)
    }
}

@available(*, unavailable)
extension PGConnection: Sendable {}

/// One row of a text-format result.
struct PGRow: SQLRow {
    let result: OpaquePointer
    let row: Int32

    func isNull(_ column: Int) -> Bool { PQgetisnull(result, row, Int32(column)) != 0 }

    func text(_ column: Int) -> String? {
        let c = Int32(column)
        guard PQgetisnull(result, row, c) == 0, let p = PQgetvalue(result, row, c) else { return nil }
        let n = Int(PQgetlength(result, row, c))
        return p.withMemoryRebound(to: UInt8.self, capacity: n) { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) }
    }

    func int(_ column: Int) -> Int {
        guard let t = text(column) else { return 0 }
        return Int(t) ?? 0
    }

    /// `bytea` in text format ("\x…" hex, or the old escape format), decoded by libpq.
    func blob(_ column: Int) -> [UInt8]? {
        let c = Int32(column)
        guard PQgetisnull(result, row, c) == 0, let p = PQgetvalue(result, row, c) else { return nil }
        var length = 0
        guard let decoded = p.withMemoryRebound(to: UInt8.self, capacity: 1, { PQunescapeBytea($0, &length) }) else { return nil }
        defer { PQfreemem(decoded) }
        return Array(UnsafeBufferPointer(start: decoded, count: length))
    }
}
