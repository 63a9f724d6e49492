import AttacheClient
import AttacheModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

extension StoreReliabilityTests {
    /// Issue 5: with the store unavailable the service answers `503` problem+json with `Retry-After`, `/ready`
    /// fails, `/health` stays up, the process keeps running, and requests succeed again soon after the store
    /// returns. Stops a PostgreSQL server of its own (`ATTACHE_TEST_POSTGRES_CTL new`), so that the other tests' shared
    /// server stays up.
    @Suite(.enabled(if: StoreReliabilityTests.hasPostgresControl, StoreReliabilityTests.noPostgresControl))
    struct StoreOutageReliabilityTests {
        static let kerry = ArticleInput(
            id: "outage-before", title: "Kerry in Geneva",
            text: "John Kerry met Sergei Lavrov in Geneva on Tuesday. Kerry said the talks were useful.",
            publishedAt: "2015-11-10")

        static func article(_ n: Int) -> ArticleInput {
            ArticleInput(id: "outage-\(n)", text: "John Kerry met Sergei Lavrov in Vienna on Friday (\(n)).", publishedAt: "2015-11-13")
        }

        /// A 503 problem+json with a positive integer `Retry-After` (seconds).
        static func expectUnavailable(_ r: ClientResponse, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
            expectProblem(r, status: 503, sourceLocation: sourceLocation)
            let retry = r.header("Retry-After")
            #expect(retry.flatMap(Int.init).map { $0 > 0 } == true, "\(what): Retry-After is \(retry ?? "missing")",
                    sourceLocation: sourceLocation)
        }

        @Test func postgresDownAnswers503ThenRecovers() throws {
            let database = try OwnPostgresServer("outage")
            let server = try InProcessServer(databaseURL: database.url, eventLoops: 1, workers: 4)
            defer { server.stop() }
            let client = server.client(timeout: 30)
            let json = [("Content-Type", "application/json")]

            #expect(try client.request(method: "POST", path: "/v1/articles", headers: json, body: Self.kerry.jsonBytes()).status == 201)
            let entity = try #require(Reader.allEntities(client).keys.first { $0.contains("kerry") }, "no Kerry entity stored")
            let timelinePath = "/v1/entities/\(entity)/timeline"
            #expect(try client.request(method: "GET", path: timelinePath).status == 200)

            try database.stop()
            var databaseRunning = false
            defer { if !databaseRunning { try? database.start() } }

            let started = Date()
            Self.expectUnavailable(try client.request(method: "POST", path: "/v1/articles", headers: json, body: Self.article(1).jsonBytes()),
                                   "POST /v1/articles")
            Self.expectUnavailable(try client.request(method: "GET", path: timelinePath), "GET timeline")
            Self.expectUnavailable(try client.request(method: "GET", path: "/v1/articles/outage-before"), "GET article")
            Self.expectUnavailable(try client.request(method: "GET", path: "/v1/entities/\(entity)"), "GET entity")
            let batch = #"{"articles":[{"id":"outage-b","text":"John Kerry spoke in Rome."}]}"#
            Self.expectUnavailable(try client.request(method: "POST", path: "/v1/articles:batch", headers: json, body: Array(batch.utf8)),
                                   "POST batch")
            let ready = try client.ready()
            #expect(ready.status == 503, "/ready with the store down: \(ready.status)")
            #expect(ready.header("Content-Type") == "application/problem+json")
            #expect(try client.request(method: "GET", path: "/health").status == 200)
            // Answers come quickly: no request waits out a connect timeout.
            #expect(Date().timeIntervalSince(started) < 10, "503s took \(Date().timeIntervalSince(started)) s")
            // Still down a little later: nothing was cached as healthy and the server still serves.
            usleep(500_000)
            Self.expectUnavailable(try client.request(method: "POST", path: "/v1/articles", headers: json, body: Self.article(2).jsonBytes()),
                                   "POST /v1/articles again")
            #expect(try client.request(method: "GET", path: "/health").status == 200)

            try database.start()
            databaseRunning = true
            let back = Date()
            var created = 0
            var n = 3
            while Date().timeIntervalSince(back) < 10 {
                let r = try client.request(method: "POST", path: "/v1/articles", headers: json, body: Self.article(n).jsonBytes())
                n += 1
                if r.status == 201 {
                    created = r.status
                    break
                }
                #expect(r.status == 503, "while recovering: \(r.status) \(r.text.prefix(200))")
                usleep(200_000)
            }
            let recovery = Date().timeIntervalSince(back)
            #expect(created == 201, "no successful ingest within 10 s of the database returning")
            #expect(recovery < 5, "recovery took \(recovery) s")
            #expect(try client.ready().status == 200)
            #expect(try client.request(method: "GET", path: timelinePath).status == 200)
            let stored = try client.article(id: "outage-before")
            #expect(stored.text == Self.kerry.text)
            // Nothing sent while the database was down was stored.
            #expect(try client.request(method: "GET", path: "/v1/articles/outage-1").status == 404)
            #expect(try client.request(method: "GET", path: "/v1/articles/outage-b").status == 404)
            #expect(try Reader.storedArticleCount(client) == 2)
        }
    }
}
