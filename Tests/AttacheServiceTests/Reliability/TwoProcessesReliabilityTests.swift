import AttacheClient
import AttacheJSON
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

extension StoreReliabilityTests {
    /// Issue 18: two `attache serve` processes on one PostgreSQL database ingesting at once, one set of articles
    /// each with part of them sent to both, and the same two processes when one of them is killed with SIGKILL.
    @Suite(.enabled(if: Corpus.isAvailable, Corpus.missingMessage),
           .enabled(if: StoreReliabilityTests.hasPostgres, StoreReliabilityTests.noPostgres),
           .enabled(if: SpawnedServer.binaryPath != nil, SpawnedServer.missingBinaryMessage))
    struct TwoProcessesReliabilityTests {
        /// The reads both processes must answer identically, each by a name and a fetch for one entity id.
        /// Each read is compared as the text of its value (an entity's JSON, the timeline's typed items, the story
        /// events and relations as JSON).
        static let comparedReads: [(name: String, read: @Sendable (AttacheClient, String) throws -> String)] = [
            ("entity", { client, id in String(describing: try client.entity(id: id)) }),
            ("timeline", { client, id in String(describing: try Reader.timeline(client, entityID: id)) }),
            ("story events", { client, id in String(describing: try Reader.timelineJSON(client, entityID: id, view: nil)) }),
            // As the JSON the server wrote (counts in key order), not the typed page's description: a dictionary's
            // description follows the process's hash seed, which differs between the two processes.
            ("relations", { client, id in String(decoding: try client.relations(entityID: id).jsonBytes(), as: UTF8.self) }),
        ]

        /// Every compared read of every entity, and the full entity listing, are the same through both processes.
        static func expectSameReads(_ a: AttacheClient, _ b: AttacheClient, entities: [String]) throws {
            #expect(try Reader.allEntities(a) == Reader.allEntities(b), "the entity listings differ")
            for id in entities {
                for (name, read) in comparedReads {
                    #expect(try read(a, id) == read(b, id), "\(id): \(name) differs between the processes")
                }
            }
        }

        static func spawnPair(_ db: ScratchDatabase, tag: String) throws -> [SpawnedServer] {
            try (0..<2).map { i in
                try SpawnedServer(database: db.url, logPath: db.scratchDirectory.appendingPathComponent("serve-\(tag)-\(i).log").path)
            }
        }

        @Test func twoProcessesIngestingDisjointAndOverlappingSetsAgree() throws {
            let count = 120, threadsPerProcess = 3
            // Process 0 gets articles 0..<80, process 1 gets 40..<120: 40..<80 go to both, at the same moment.
            let ranges = [0..<80, 40..<count]
            let db = try ScratchDatabase(.postgres)
            defer { db.remove() }
            let servers = try Self.spawnPair(db, tag: "sets")
            defer { servers.forEach { $0.terminate() } }
            let urls = servers.map(\.baseURL)

            let statuses = Locked<[String: [Int]]>([:])
            let errors = Locked<[String]>([])
            runThreads(2 * threadsPerProcess) { t in
                let process = t % 2, lane = t / 2
                let client = AttacheClient(baseURL: urls[process], timeout: 120)
                for i in ranges[process] where i % threadsPerProcess == lane {
                    let request = ArticleVariants.article(i, prefix: "pair")
                    do {
                        let r = try client.request(method: "POST", path: "/v1/articles",
                                                   headers: [("Content-Type", "application/json")], body: request.jsonBytes())
                        statuses.update { $0[request.id!, default: []].append(r.status) }
                    } catch {
                        errors.update { $0.append("process \(process) \(request.id!): \(error)") }
                    }
                }
            }
            #expect(errors.value.isEmpty, "\(errors.value.prefix(5))")
            #expect(statuses.value.count == count)
            for i in 0..<count {
                let id = ArticleVariants.article(i, prefix: "pair").id!
                let expected = ranges.allSatisfy { $0.contains(i) } ? [200, 201] : [201]
                #expect(statuses.value[id]?.sorted() == expected, "\(id): statuses \(statuses.value[id] ?? [])")
            }

            let a = AttacheClient(baseURL: urls[0], timeout: 60), b = AttacheClient(baseURL: urls[1], timeout: 60)
            #expect(try Reader.storedArticleCount(a) == count)
            #expect(try Reader.storedArticleCount(b) == count)
            let ids = statuses.value.keys.sorted()
            let viaA = Reader.articles(ids, baseURL: urls[0]), viaB = Reader.articles(ids, baseURL: urls[1])
            #expect(viaA.errors.isEmpty && viaB.errors.isEmpty, "\(viaA.errors.prefix(3)) \(viaB.errors.prefix(3))")
            #expect(viaA.found == viaB.found, "the processes return different articles")
            var recount = EntityRecount()
            for (id, article) in viaA.found { recount.add(articleID: id, analysis: article["analysis"] ?? .null) }
            try StoreReliabilityTests.expectAggregatesMatch(recount, client: a, sample: 6)
            try Self.expectSameReads(a, b, entities: recount.sample(20))
        }

        /// Articles each surviving thread stores after the kill.
        static let survivorArticles = 10

        /// SIGKILL of one process while both ingest (the ids of the two overlap): every article either process
        /// acknowledged is stored, with the acknowledged analysis; the killed one's in-flight requests are stored
        /// whole or not at all; counts recount exactly and both processes (the survivor and a replacement) agree.
        @Test func killingOneOfTwoProcessesLosesNoAcknowledgedArticle() throws {
            let db = try ScratchDatabase(.postgres)
            defer { db.remove() }
            var servers = try Self.spawnPair(db, tag: "kill")
            defer { servers.forEach { $0.killNow() } }
            let log = KillNineDurabilityTests.IngestLog()
            let killed = Locked(false)
            let urls = servers.map(\.baseURL)
            let done = DispatchGroup()
            for t in 0..<4 {
                done.enter()
                let thread = Thread {
                    defer { done.leave() }
                    let process = t % 2
                    let client = AttacheClient(baseURL: urls[process], timeout: 10)
                    var afterKill = 0
                    while true {
                        // The survivor's threads go on for `survivorArticles` articles after the kill, then stop.
                        if killed.value {
                            afterKill += 1
                            if afterKill > Self.survivorArticles { return }
                        }
                        // Each id goes to one process, but ids alternate between them, so the two write the same
                        // entities at the same time.
                        let request = ArticleVariants.article(log.take(), prefix: "kill2")
                        do {
                            let r = try client.request(method: "POST", path: "/v1/articles",
                                                       headers: [("Content-Type", "application/json")], body: request.jsonBytes())
                            guard r.status == 201 || r.status == 200, let analysis = r.json else {
                                log.odd("\(request.id!): status \(r.status): \(r.text.prefix(200))")
                                return
                            }
                            // `cycle` records which process acknowledged it.
                            log.ack(request.id!, .init(text: request.text, analysis: analysis, cycle: process))
                        } catch {
                            log.lost(request.id!)
                            if process == 0 { return }
                            log.odd("\(request.id!): the surviving process failed: \(error)")
                            return
                        }
                    }
                }
                thread.stackSize = 4 << 20
                thread.start()
            }
            let delay = Double.random(in: 0.5...1.5)
            usleep(UInt32(delay * 1_000_000))
            let status = servers[0].killNow()
            killed.update { $0 = true }
            #expect(status & 0x7f == SIGKILL, "the process was not killed by SIGKILL (wait status \(status))")
            #expect(done.wait(timeout: .now() + 120) == .success, "ingest threads did not stop")

            let (acked, inFlight, unexpected) = log.snapshot
            #expect(unexpected.isEmpty, "unexpected answers: \(unexpected.prefix(5))")
            #expect(acked.values.contains { $0.cycle == 0 }, "the killed process acknowledged nothing in \(delay) s")
            servers[0] = try SpawnedServer(database: db.url, logPath: db.scratchDirectory.appendingPathComponent("serve-kill-new.log").path)
            let survivor = AttacheClient(baseURL: servers[1].baseURL, timeout: 60)
            let replacement = AttacheClient(baseURL: servers[0].baseURL, timeout: 60)

            let recount = try StoreReliabilityTests.expectAcknowledgedStored(acked, inFlight: inFlight, client: survivor,
                                                                             baseURL: servers[1].baseURL, context: "two processes, one killed")
            try StoreReliabilityTests.expectAggregatesMatch(recount, client: survivor, sample: 5)
            try Self.expectSameReads(survivor, replacement, entities: recount.sample(10))
        }
    }
}
