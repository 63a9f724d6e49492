import Foundation

/// A PostgreSQL hot standby that serves reads (search, entity, timeline, article listing) while writes go to the
/// primary.
///
/// Read-your-writes without state outside the store: before a read, the primary says how far its WAL goes
/// (`pg_current_wal_insert_lsn()`, which is past the commit record of every transaction acknowledged so far, with
/// or without `synchronous_commit`). The read runs on the standby only once the standby has replayed up to there,
/// so it sees every write acknowledged before the read began, by any process; if the standby does not get there
/// within `replayWaitSeconds`, the read goes to the primary. That costs the primary one trivial query per read
/// and keeps the heavy queries on the standby.
///
/// A standby that cannot be reached is left alone for `retryAfterSeconds` (reads go to the primary meanwhile); a
/// read cancelled by a recovery conflict is run again on the primary.
///
/// `@unchecked Sendable`: the pool serialises its own state; `downUntil` and the counters are under `lock`.
final class ReadReplica: @unchecked Sendable {
    /// How long a read waits for the standby to replay the primary's position before going to the primary: about
    /// the replay lag of a standby on the same network under write load.
    static let replayWaitSeconds = 0.05
    static let replayPollSeconds = 0.001
    /// How long reads skip a standby that could not be reached before trying it again.
    static let retryAfterSeconds = 2.0

    static let caughtUpSQL = "SELECT CASE WHEN coalesce(pg_last_wal_replay_lsn() >= ?1::pg_lsn, true) THEN 1 ELSE 0 END"

    /// The primary's WAL position (an LSN such as `0/16B3F08`) that a read must wait for.
    static func primaryPosition(_ c: PGConnection) throws(StoreError) -> String {
        var lsn = ""
        try c.query("SELECT pg_current_wal_insert_lsn()::text", []) { (r: PGRow) throws(StoreError) in lsn = r.text(0) ?? "" }
        return lsn
    }

    let pool: ConnectionPool<PGConnection>
    private let lock = NSLock()
    private var downUntil: Double = 0
    private var served = ReadRouting()

    init(url: String, poolSize: Int, connectTimeoutSeconds: Int) {
        // No connection up front: a standby that is down at start-up must not stop the service.
        pool = ConnectionPool(capacity: max(1, poolSize)) { () throws(StoreError) -> PGConnection in
            try PGConnection(url: url, connectTimeoutSeconds: connectTimeoutSeconds)
        }
    }

    private static func now() -> Double { ProcessInfo.processInfo.systemUptime }

    var isSkipped: Bool { lock.withLock { Self.now() < downUntil } }

    var routing: ReadRouting { lock.withLock { served } }

    func countPrimary() { lock.withLock { served.primary += 1 } }

    /// Runs `body` on the standby once it has replayed `position` (from `primaryPosition`). Nil when the
    /// read must go to the primary: the standby is unreachable, too far behind, or cancelled the read. Errors of
    /// the read itself (a bad cursor) are thrown.
    func read<T>(after position: String, _ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T? {
        do {
            let value = try pool.with(isHealthy: { $0.isHealthy }, discard: { c, _ in !c.isHealthy }) { (c, _) throws(StoreError) -> T? in
                guard try Self.waitForReplay(c, position) else { return nil }
                return try body(c)
            }
            if value != nil { lock.withLock { served.standby += 1 } }
            return value
        } catch {
            if error.isUnavailable {
                lock.withLock { downUntil = Self.now() + Self.retryAfterSeconds }
                return nil
            }
            // 40001 on a standby: the query was cancelled by a conflict with recovery (rows it read were removed).
            if error.sqlState == "40001" { return nil }
            throw error
        }
    }

    private static func waitForReplay(_ c: PGConnection, _ position: String) throws(StoreError) -> Bool {
        let deadline = now() + replayWaitSeconds
        while true {
            if try c.scalarInt(caughtUpSQL, [.text(position)]) == 1 { return true }
            if now() >= deadline { return false }
            usleep(useconds_t(replayPollSeconds * 1_000_000))
        }
    }
}

/// How many reads the standby served and how many went to the primary (standby down, behind or cancelled).
public struct ReadRouting: Sendable, Equatable {
    public var standby = 0
    public var primary = 0
}
