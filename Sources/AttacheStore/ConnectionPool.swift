import Foundation

/// A blocking pool of at most `capacity` connections, created lazily by `factory`.
///
/// A connection is lent to one caller (one thread) at a time, which is what `SQLITE_OPEN_NOMUTEX` and libpq's
/// `PGconn` require. Callers beyond `capacity` wait. `@unchecked Sendable`: every access to the idle list and the
/// count happens under `condition`, and a lent connection is reachable only from the borrowing thread.
final class ConnectionPool<Connection: AnyObject>: @unchecked Sendable {
    let capacity: Int
    private let factory: () throws(StoreError) -> Connection
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var open = 0

    /// A pool that starts with `seed` (connections already open, at most `capacity`) idle.
    init(capacity: Int, seed: [Connection] = [], factory: @escaping () throws(StoreError) -> Connection) {
        precondition(capacity > 0, "a pool needs at least one connection")
        precondition(seed.count <= capacity, "more seed connections than the pool holds")
        self.capacity = capacity
        self.factory = factory
        idle = seed
        open = seed.count
    }

    /// Lends a connection to `body`. `isHealthy` (checked on idle connections) lets a backend drop broken ones.
    /// When `body` throws an error for which `discard` returns true, the connection is closed instead of reused.
    func with<T>(isHealthy: (Connection) -> Bool = { _ in true },
                 discard: (Connection, StoreError) -> Bool = { _, _ in false },
                 _ body: (Connection, _ fresh: Bool) throws(StoreError) -> T) throws(StoreError) -> T {
        let (connection, fresh) = try checkout(isHealthy: isHealthy)
        do {
            let value = try body(connection, fresh)
            checkin(connection)
            return value
        } catch {
            if discard(connection, error) { drop() } else { checkin(connection) }
            throw error
        }
    }

    private func checkout(isHealthy: (Connection) -> Bool) throws(StoreError) -> (Connection, Bool) {
        condition.lock()
        while true {
            if let c = idle.popLast() {
                if isHealthy(c) {
                    condition.unlock()
                    return (c, false)
                }
                open -= 1
                continue
            }
            if open < capacity {
                open += 1
                condition.unlock()
                do {
                    return (try factory(), true)
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            condition.wait()
        }
    }

    private func checkin(_ connection: Connection) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    private func drop() {
        condition.lock()
        open -= 1
        condition.signal()
        condition.unlock()
    }

    /// Closes idle connections (they are released; lent ones close when returned and released later).
    func drainIdle() {
        condition.lock()
        open -= idle.count
        idle.removeAll()
        condition.unlock()
    }
}
