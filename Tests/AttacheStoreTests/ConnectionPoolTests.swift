import Foundation
import Testing
@testable import AttacheStore

@Suite struct ConnectionPoolTests {
    /// A stand-in connection that notices being used by two borrowers at once.
    final class Probe: @unchecked Sendable {
        let number: Int
        private let lock = NSLock()
        private var users = 0
        private(set) var overlaps = 0
        init(_ number: Int) { self.number = number }
        func use() {
            lock.withLock { users += 1; if users > 1 { overlaps += 1 } }
            usleep(200)
            lock.withLock { users -= 1 }
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
        var count: Int { lock.withLock { value } }
    }

    @Test func aSeedConnectionIsLentBeforeTheFactoryIsCalled() throws {
        let made = Counter()
        let seed = Probe(0)
        let pool = ConnectionPool<Probe>(capacity: 2, seed: [seed]) { () throws(StoreError) -> Probe in Probe(made.next()) }
        let first = try pool.with { (c, fresh) throws(StoreError) -> (Int, Bool) in (c.number, fresh) }
        #expect(first.0 == 0 && first.1 == false)
        #expect(made.count == 0)
    }

    /// Many threads at once, the first ones finding the pool empty: no connection is ever lent twice at a time,
    /// and no more than `capacity` are opened. (The seed used to come out of the factory, which runs outside the
    /// pool's lock: two threads starting together both got it.)
    @Test func concurrentBorrowersNeverShareAConnection() throws {
        for _ in 0..<20 {
            let made = Counter()
            let seed = Probe(0)
            var all = [seed]
            let allLock = NSLock()
            let pool = ConnectionPool<Probe>(capacity: 4, seed: [seed]) { () throws(StoreError) -> Probe in
                let p = Probe(made.next())
                allLock.withLock { all.append(p) }
                return p
            }
            let group = DispatchGroup()
            for _ in 0..<8 {
                group.enter()
                Thread {
                    defer { group.leave() }
                    for _ in 0..<20 { try? pool.with { (c, _) throws(StoreError) in c.use() } }
                }.start()
            }
            #expect(group.wait(timeout: .now() + 30) == .success)
            #expect(made.count <= 3)
            #expect(allLock.withLock { all.allSatisfy { $0.overlaps == 0 } })
        }
    }
}
