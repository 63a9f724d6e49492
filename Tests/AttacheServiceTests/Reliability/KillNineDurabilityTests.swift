import AttacheClient
import AttacheJSON
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

extension StoreReliabilityTests {
    /// Issue 5: every article acknowledged with 201/200 survives `kill -9` of the server and a restart.
    ///
    /// The real `attache` executable is started on a scratch store; two client threads ingest distinct articles
    /// in a loop while the test sleeps a random 0.3–1.5 s and then kills the server with SIGKILL. That is done
    /// three times on the same store; then a fresh server on it must return every acknowledged article (same text,
    /// same analysis), may or may not have the at most one article per thread that was in flight at the kill, and
    /// its entity counts and timelines must equal a recount over the articles it has.
    @Suite(.enabled(if: Corpus.isAvailable, Corpus.missingMessage),
           .enabled(if: SpawnedServer.binaryPath != nil, SpawnedServer.missingBinaryMessage))
    struct KillNineDurabilityTests {
        @Test func sqliteKeepsAcknowledgedArticlesAcrossKill9() throws {
            try Self.killCycles(.sqlite)
        }

        @Test(.enabled(if: StoreReliabilityTests.hasPostgres, StoreReliabilityTests.noPostgres))
        func postgresKeepsAcknowledgedArticlesAcrossKill9() throws {
            try Self.killCycles(.postgres)
        }

        struct Ack {
            var text: String
            var analysis: JSONValue
            var cycle: Int
        }

        /// What the ingest threads saw: acknowledged articles, and ids whose request got no answer.
        final class IngestLog: @unchecked Sendable {
            private let lock = NSLock()
            private var next = 0
            private(set) var acked: [String: Ack] = [:]
            private(set) var inFlight: [String] = []
            private(set) var unexpected: [String] = []

            func take() -> Int {
                lock.lock()
                defer { lock.unlock() }
                next += 1
                return next - 1
            }

            func ack(_ id: String, _ ack: Ack) { lock.withLock { acked[id] = ack } }
            func lost(_ id: String) { lock.withLock { inFlight.append(id) } }
            func odd(_ message: String) { lock.withLock { unexpected.append(message) } }
            var snapshot: (acked: [String: Ack], inFlight: [String], unexpected: [String]) {
                lock.withLock { (acked, inFlight, unexpected) }
            }
        }

        static func killCycles(_ backend: Backend, cycles: Int = 3, threads: Int = 2) throws {
            let db = try ScratchDatabase(backend)
            defer { db.remove() }
            let log = IngestLog()
            var delays: [Double] = []
            var killed: [SpawnedServer] = []
            defer { killed.forEach { $0.killNow() } }

            for cycle in 0..<cycles {
                let server = try SpawnedServer(database: db.url,
                                               logPath: db.scratchDirectory.appendingPathComponent("serve-\(cycle).log").path)
                killed.append(server)
                let before = log.snapshot.acked.count
                let baseURL = server.baseURL
                let done = DispatchGroup()
                for _ in 0..<threads {
                    done.enter()
                    let thread = Thread {
                        defer { done.leave() }
                        let client = AttacheClient(baseURL: baseURL, timeout: 10)
                        while true {
                            let request = ArticleVariants.article(log.take(), prefix: "kill\(cycle)")
                            let id = request.id!
                            do {
                                let r = try client.request(method: "POST", path: "/v1/articles",
                                                           headers: [("Content-Type", "application/json")], body: request.jsonBytes())
                                guard r.status == 201 || r.status == 200, let analysis = r.json else {
                                    log.odd("\(id): status \(r.status): \(r.text.prefix(200))")
                                    return
                                }
                                log.ack(id, Ack(text: request.text, analysis: analysis, cycle: cycle))
                            } catch {
                                // The server is gone: the request may or may not have been committed.
                                log.lost(id)
                                return
                            }
                        }
                    }
                    thread.stackSize = 4 << 20
                    thread.start()
                }
                let delay = Double.random(in: 0.3...1.5)
                delays.append(delay)
                usleep(UInt32(delay * 1_000_000))
                let status = server.killNow()
                #expect(status & 0x7f == SIGKILL, "cycle \(cycle): the server was not killed by SIGKILL (wait status \(status))")
                #expect(done.wait(timeout: .now() + 60) == .success, "cycle \(cycle): ingest threads did not stop after the kill")
                let acked = log.snapshot.acked.count - before
                #expect(acked > 0, "cycle \(cycle): no article was acknowledged in \(delay) s; the bar tested nothing")
            }

            let (acked, inFlight, unexpected) = log.snapshot
            #expect(unexpected.isEmpty, "unexpected answers: \(unexpected.prefix(5))")

            // A fresh server on the same store.
            let server = try SpawnedServer(database: db.url, logPath: db.scratchDirectory.appendingPathComponent("serve-final.log").path)
            defer { server.terminate() }
            let client = AttacheClient(baseURL: server.baseURL, timeout: 60)
            let context = "kill delays \(delays.map { String(format: "%.2f s", $0) }), \(acked.count) acknowledged, \(inFlight.count) in flight"

            // Acknowledged articles stored as acknowledged; requests cut off by the kill committed entirely or not at all.
            let recount = try StoreReliabilityTests.expectAcknowledgedStored(acked, inFlight: inFlight, client: client,
                                                                             baseURL: server.baseURL, context: context)
            try StoreReliabilityTests.expectAggregatesMatch(recount, client: client, sample: 5)
            #expect(server.isRunning)
        }
    }
}
