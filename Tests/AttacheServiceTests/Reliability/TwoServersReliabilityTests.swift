import AttacheClient
import AttacheJSON
import Foundation
import Testing

extension StoreReliabilityTests {
    /// Issue 5: several Attache processes on one PostgreSQL database. Two servers (each with its own store and
    /// connection pool) on one database both receive every article at the same time; each id must be created once
    /// (one 201 and one 200 between them), and both servers must then show the same articles, the same entity
    /// counts (equal to a recount) and the same timelines.
    @Suite(.enabled(if: Corpus.isAvailable, Corpus.missingMessage),
           .enabled(if: StoreReliabilityTests.hasPostgres, StoreReliabilityTests.noPostgres))
    struct TwoServersReliabilityTests {
        @Test func twoServersOnOneDatabaseStoreEachArticleOnce() throws {
            let count = 200, threadsPerServer = 4
            let db = try ScratchDatabase(.postgres)
            defer { db.remove() }
            let a = try InProcessServer(databaseURL: db.url, eventLoops: 1, workers: threadsPerServer)
            defer { a.stop() }
            let b = try InProcessServer(databaseURL: db.url, eventLoops: 1, workers: threadsPerServer)
            defer { b.stop() }
            let servers = [a.baseURL, b.baseURL]

            // statuses[id] = [status from a, status from b]
            let statuses = Locked<[String: [Int]]>([:])
            let errors = Locked<[String]>([])
            runThreads(2 * threadsPerServer) { t in
                let server = t % 2
                let client = AttacheClient(baseURL: servers[server], timeout: 120)
                // Thread t of server a and thread t of server b walk the same ids in the same order, so the two
                // servers race on each id.
                for i in stride(from: t / 2, to: count, by: threadsPerServer) {
                    let request = ArticleVariants.article(i, prefix: "two")
                    do {
                        let r = try client.request(method: "POST", path: "/v1/articles",
                                                   headers: [("Content-Type", "application/json")], body: request.jsonBytes())
                        statuses.update { $0[request.id!, default: [0, 0]][server] = r.status }
                    } catch {
                        errors.update { $0.append("server \(server) \(request.id!): \(error)") }
                    }
                }
            }
            #expect(errors.value.isEmpty, "\(errors.value.prefix(5))")
            let ids = statuses.value.keys.sorted()
            #expect(ids.count == count)
            let wrong = statuses.value.filter { $0.value.sorted() != [200, 201] }
            #expect(wrong.isEmpty, "ids not created exactly once (statuses a, b): \(wrong.sorted { $0.key < $1.key }.prefix(5))")

            let clientA = a.client(), clientB = b.client()
            #expect(try Reader.storedArticleCount(clientA) == count)
            #expect(try Reader.storedArticleCount(clientB) == count)
            let viaA = Reader.articles(ids, baseURL: a.baseURL)
            let viaB = Reader.articles(ids, baseURL: b.baseURL)
            #expect(viaA.errors.isEmpty && viaB.errors.isEmpty, "\(viaA.errors.prefix(3)) \(viaB.errors.prefix(3))")
            #expect(viaA.found == viaB.found, "the servers return different articles")

            var recount = EntityRecount()
            for (id, article) in viaA.found { recount.add(articleID: id, analysis: article["analysis"] ?? .null) }
            let sampled = try StoreReliabilityTests.expectAggregatesMatch(recount, client: clientA, sample: 6)
            try StoreReliabilityTests.expectAggregatesMatch(recount, client: clientB, sample: 6)
            #expect(try Reader.allEntities(clientA) == Reader.allEntities(clientB), "entity listings differ")
            for id in sampled {
                #expect(try clientA.entity(id: id) == clientB.entity(id: id), "\(id): entity detail differs")
                #expect(try Reader.timeline(clientA, entityID: id) == Reader.timeline(clientB, entityID: id), "\(id): timelines differ")
            }
        }
    }
}
