import AttacheClient
import Foundation
import Testing

extension StoreReliabilityTests {
    /// Issue 5: 8 concurrent clients ingesting 2,000 articles lose and double no mention counts, and timeline
    /// totals equal the sum over articles. The counts are checked against a recount over the analyses the store
    /// returns (`EntityRecount`): every entity of `GET /v1/entities`, and for a sample the detail and the whole
    /// timeline, item by item.
    ///
    /// `ATTACHE_RELIABILITY_ARTICLES` changes the number of articles (default 2,000).
    @Suite(.enabled(if: Corpus.isAvailable, Corpus.missingMessage))
    struct ConcurrentIngestReliabilityTests {
        @Test func sqliteCountsStayExactUnderEightConcurrentClients() throws {
            try Self.ingestAndCheck(.sqlite)
        }

        @Test(.enabled(if: StoreReliabilityTests.hasPostgres, StoreReliabilityTests.noPostgres))
        func postgresCountsStayExactUnderEightConcurrentClients() throws {
            try Self.ingestAndCheck(.postgres)
        }

        static func ingestAndCheck(_ backend: Backend, clients: Int = 8) throws {
            let count = StoreReliabilityTests.concurrentArticleCount
            let db = try ScratchDatabase(backend)
            defer { db.remove() }
            let server = try InProcessServer(databaseURL: db.url, eventLoops: 2, workers: clients)
            defer { server.stop() }

            let statuses = Locked<[String: Int]>([:])
            let errors = Locked<[String]>([])
            let baseURL = server.baseURL
            runThreads(clients) { t in
                let client = AttacheClient(baseURL: baseURL, timeout: 120)
                for i in stride(from: t, to: count, by: clients) {
                    let request = ArticleVariants.article(i, prefix: "conc")
                    do {
                        let r = try client.request(method: "POST", path: "/v1/articles",
                                                   headers: [("Content-Type", "application/json")], body: request.jsonBytes())
                        statuses.update { $0[request.id!] = r.status }
                    } catch {
                        errors.update { $0.append("\(request.id!): \(error)") }
                    }
                }
            }
            #expect(errors.value.isEmpty, "\(errors.value.count) requests failed: \(errors.value.prefix(5))")
            let notCreated = statuses.value.filter { $0.value != 201 }
            #expect(statuses.value.count == count && notCreated.isEmpty, "not 201: \(notCreated.prefix(5))")

            let client = server.client()
            #expect(try Reader.storedArticleCount(client) == count)
            let stored = Reader.articles(Array(statuses.value.keys), baseURL: baseURL)
            #expect(stored.errors.isEmpty, "\(stored.errors.prefix(5))")
            var recount = EntityRecount()
            for (id, a) in stored.found { recount.add(articleID: id, analysis: a["analysis"] ?? .null) }
            // The generator must make a store worth checking: many entities, some of them in most articles. (Event
            // items are recounted too, but the analyzer of this snapshot extracts no events yet.)
            #expect(recount.tallies.count > 50)
            #expect(recount.tallies.values.contains { $0.articles > count / 2 })
            try StoreReliabilityTests.expectAggregatesMatch(recount, client: client, sample: 8)
        }
    }
}
