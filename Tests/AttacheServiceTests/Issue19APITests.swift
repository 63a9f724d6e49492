import AttacheClient
import AttacheHTTP
import AttacheJSON
import AttacheModel
import AttacheService
import Testing

/// Issue 19, "The API": what a new user hit in the first hour, each through HTTP against a fresh store.
@Suite("Issue 19: API first contact")
struct Issue19APITests {
    /// One article of our own that mentions a person whose name contains "nato", "un", "eu" and "us" more often
    /// than the organizations and the country those letters stand for.
    static let ambassadors = ArticleInput(
        id: "ambassadors", title: "Ambassador warns the alliance",
        text: """
        Russian Ambassador Anatoly Antonov warned the North Atlantic Treaty Organization on Monday. \
        Antonov said the European Union and the United Nations should listen. \
        Antonov added that Antonov had told the United States so, and Antonov repeated it to Russia.
        """,
        publishedAt: "2019-03-04", source: "test")

    static func firstID(_ client: AttacheClient, _ q: String) throws -> String? {
        try client.entities(query: q).items.first?.id
    }

    @Test func searchRanksExactAndAcronymMatchesAboveSubstrings() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.ambassadors)
            let antonov = try client.entity(id: "person-anatoly-antonov")
            #expect(antonov.mentionCount > 1, "the person is the most mentioned")
            #expect(try Self.firstID(client, "NATO") == "org-nato")
            #expect(try Self.firstID(client, "UN") == "org-un")
            #expect(try Self.firstID(client, "EU") == "org-eu")
            #expect(try Self.firstID(client, "US") == "country-usa")
            #expect(try Self.firstID(client, "antonov") == "person-anatoly-antonov")
        }
    }

    @Test func aTimelineCursorBelongsToItsEntityAndFilters() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.ambassadors)
            let page = try client.timelineJSON(entityID: "person-anatoly-antonov", view: "mentions", limit: 1)
            let cursor = try #require(page["nextCursor"]?.stringValue)
            #expect(try client.timelineJSON(entityID: "person-anatoly-antonov", view: "mentions", limit: 1, cursor: cursor)["items"]?.arrayValue?.count == 1)
            for path in ["/v1/entities/org-nato/timeline?view=mentions&limit=1&cursor=\(cursor)",
                         "/v1/entities/person-anatoly-antonov/timeline?view=mentions&limit=1&from=2019&cursor=\(cursor)",
                         "/v1/entities/person-anatoly-antonov/timeline?view=mentions&limit=1&types=mention&cursor=\(cursor)"] {
                let detail = expectProblem(try client.get(path), status: 400, field: "cursor")["detail"]?.stringValue ?? ""
                #expect(detail.contains("another query"), "\(path): \(detail)")
            }
        }
    }

    @Test(arguments: [("2016", "2015-12"), ("2015-12-02", "2015-12-01"), ("2016-01", "2015")])
    func fromAfterToIs400(_ from: String, _ to: String) throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.ambassadors)
            for path in ["/v1/entities/person-anatoly-antonov/timeline", "/v1/articles"] {
                expectProblem(try client.get("\(path)?from=\(from)&to=\(to)"), status: 400, field: "from")
            }
        }
    }

    @Test func fromInsideToIsAccepted() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.ambassadors)
            let items = try client.timelineJSON(entityID: "person-anatoly-antonov", view: "mentions", from: "2019-03", to: "2019")["items"]?.arrayValue
            #expect((items?.count ?? 0) > 0)
        }
    }

    @Test func timelineDatesArePartialDatesWhenPublishedAtIsATimestamp() throws {
        try TestServer.with { server in
            let client = server.client()
            var a = Self.ambassadors
            a.publishedAt = "2019-03-04T09:30:00+03:00"
            _ = try client.ingest(a)
            let items = try client.timelineJSON(entityID: "person-anatoly-antonov", view: "mentions")["items"]?.arrayValue ?? []
            #expect(!items.isEmpty)
            for item in items {
                #expect(item["date"]?.stringValue == "2019-03-04", "\(item)")
                #expect(item["articlePublishedAt"]?.stringValue == "2019-03-04T09:30:00+03:00")
            }
        }
    }

    @Test func aConflictNamesTheFieldThatDiffers() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.ambassadors)
            var retitled = Self.ambassadors
            retitled.title = "Another title"
            let title = try client.post("/v1/articles", retitled.jsonBytes())
            #expect(expectProblem(title, status: 409, field: "title")["detail"]?.stringValue?.contains("different title") == true)
            var rewritten = Self.ambassadors
            rewritten.text += " He left."
            let text = try client.post("/v1/articles", rewritten.jsonBytes())
            #expect(expectProblem(text, status: 409, field: "text")["detail"]?.stringValue?.contains("different text") == true)
            let batch = try client.ingestBatch([retitled, rewritten])
            #expect(batch.results.map(\.field) == ["title", "text"])
            #expect(batch.results.map(\.status) == [409, 409])
            #expect(batch.results.map(\.id) == [Self.ambassadors.id, Self.ambassadors.id])
            #expect(batch.results.allSatisfy { $0.error?.contains("already exists") == true })
            #expect((batch.created, batch.existing, batch.failed) == (0, 0, 2))
        }
    }

    @Test func a405IsCountedUnderItsRoute() throws {
        try TestServer.with { server in
            let client = server.client()
            expectProblem(try client.request(method: "PUT", path: "/v1/articles/abc"), status: 405)
            expectProblem(try client.request(method: "DELETE", path: "/v1/articles"), status: 405)
            let metrics = try client.get("/metrics").text
            #expect(metrics.contains(#"attache_http_requests_total{method="PUT",route="/v1/articles/:id",status="405"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"attache_http_requests_total{method="DELETE",route="/v1/articles",status="405"} 1"#))
            #expect(!metrics.contains(#"route="unmatched",status="405""#))
        }
    }

    @Test func articlesAreListedNewestFirstWithFiltersAndCursors() throws {
        try TestServer.with { server in
            let client = server.client()
            let specs: [(id: String, title: String, date: String, source: String)] = [
                ("a-2014", "Talks in Vienna", "2014-07-01", "wire"),
                ("a-2016", "Sanctions renewed", "2016-01-20", "paper"),
                ("a-2018", "Summit in Vienna ends", "2018-06-12T10:00:00Z", "wire"),
            ]
            for s in specs {
                _ = try client.ingest(ArticleInput(id: s.id, title: s.title, text: "Sergei Lavrov spoke in Vienna.",
                                                     publishedAt: s.date, source: s.source))
            }
            func ids(_ page: Page<ArticleSummary>) -> [String] { page.items.map(\.id) }
            let all = try client.articles()
            #expect(ids(all) == ["a-2018", "a-2016", "a-2014"])
            #expect(all.nextCursor == nil)
            let first = try #require(all.items.first)
            #expect(first.title == "Summit in Vienna ends" && first.source == "wire")
            #expect(first.publishedAt == "2018-06-12T10:00:00Z" && first.createdAt.hasPrefix("20"))
            #expect(first.contentHash.count == 64)
            let firstJSON = try #require(try client.articlesJSON()["items"]?.arrayValue?.first)
            #expect(firstJSON["id"]?.stringValue == "a-2018" && firstJSON["text"] == nil, "a listing carries no texts")

            var paged: [String] = []
            var cursor: String?
            repeat {
                let page = try client.articles(limit: 1, cursor: cursor)
                paged += ids(page)
                cursor = page.nextCursor
            } while cursor != nil && paged.count < 10
            #expect(paged == ["a-2018", "a-2016", "a-2014"])

            #expect(ids(try client.articles(from: "2015")) == ["a-2018", "a-2016"])
            #expect(ids(try client.articles(to: "2016-01")) == ["a-2016", "a-2014"])
            #expect(ids(try client.articles(source: "wire")) == ["a-2018", "a-2014"])
            #expect(ids(try client.articles(query: "VIENNA")) == ["a-2018", "a-2014"])

            let wire = try client.articles(source: "wire", limit: 1)
            let wireCursor = try #require(wire.nextCursor)
            expectProblem(try client.get("/v1/articles?source=paper&cursor=\(wireCursor)"), status: 400, field: "cursor")
            for (path, field) in [("/v1/articles?limit=0", "limit"), ("/v1/articles?limit=101", "limit"),
                                  ("/v1/articles?from=yesterday", "from"), ("/v1/articles?to=2015-13", "to"),
                                  ("/v1/articles?cursor=garbage", "cursor")] {
                expectProblem(try client.get(path), status: 400, field: field)
            }
        }
    }

    // MARK: CORS

    static let appOrigin = "https://app.example.org"

    static func preflight(_ client: AttacheClient, _ path: String, origin: String = appOrigin, method: String = "POST") throws -> ClientResponse {
        try client.request(method: "OPTIONS", path: path, headers: [
            ("Origin", origin), ("Access-Control-Request-Method", method),
            ("Access-Control-Request-Headers", "authorization, content-type"),
        ])
    }

    @Test func aPreflightFromAnAllowedOriginIsGranted() throws {
        try TestServer.with({ c in
            c.corsOrigins = ServiceConfiguration.originList("https://app.example.org/, https://other.example.org")
            c.apiKey = "secret"
        }) { server in
            let client = server.client()
            let r = try Self.preflight(client, "/v1/articles")
            #expect(r.status == 204, "a preflight carries no credentials, so it is answered before authentication")
            #expect(r.header("Access-Control-Allow-Origin") == Self.appOrigin)
            #expect(r.header("Access-Control-Allow-Methods") == "GET, POST, HEAD")
            #expect(r.header("Access-Control-Allow-Headers")?.contains("Authorization") == true)
            #expect(r.header("Access-Control-Max-Age") != nil)
            #expect(r.headers.filter { $0.0.lowercased() == "vary" }.map(\.1) == ["Origin"], "one Vary")

            let actual = try client.request(method: "GET", path: "/health", headers: [("Origin", Self.appOrigin)])
            #expect(actual.status == 200)
            #expect(actual.header("Access-Control-Allow-Origin") == Self.appOrigin)
            #expect(actual.header("Access-Control-Expose-Headers")?.contains("Location") == true)
            let denied = try client.request(method: "POST", path: "/v1/analyze", headers: [("Origin", Self.appOrigin)])
            #expect(denied.status == 401)
            #expect(denied.header("Access-Control-Allow-Origin") == Self.appOrigin, "a script may read the error")

            let metrics = try client.get("/metrics").text
            #expect(metrics.contains(#"attache_http_requests_total{method="OPTIONS",route="/v1/articles",status="204"} 1"#))
        }
    }

    @Test func otherOriginsAndMethodsAreRefused() throws {
        try TestServer.with({ c in c.corsOrigins = [Self.appOrigin] }) { server in
            let client = server.client()
            let origin = expectProblem(try Self.preflight(client, "/v1/articles", origin: "https://evil.example"), status: 403)
            #expect(origin["detail"]?.stringValue?.contains("https://evil.example") == true)
            expectProblem(try Self.preflight(client, "/v1/articles/abc", method: "PUT"), status: 403)
            expectProblem(try Self.preflight(client, "/nope"), status: 404)
            let actual = try client.request(method: "GET", path: "/health", headers: [("Origin", "https://evil.example")])
            #expect(actual.status == 200 && actual.header("Access-Control-Allow-Origin") == nil)
            #expect(actual.header("Vary") == "Origin")
        }
    }

    @Test func withoutConfiguredOriginsNoCORSHeadersAreSent() throws {
        try TestServer.with { server in
            let client = server.client()
            expectProblem(try Self.preflight(client, "/v1/articles"), status: 403)
            let r = try client.request(method: "GET", path: "/health", headers: [("Origin", Self.appOrigin)])
            #expect(r.header("Access-Control-Allow-Origin") == nil && r.header("Vary") == nil)
        }
    }

    @Test func aWildcardAllowsAnyOrigin() throws {
        try TestServer.with({ c in c.corsOrigins = ["*"] }) { server in
            let r = try Self.preflight(server.client(), "/v1/analyze", origin: "https://anywhere.example")
            #expect(r.status == 204 && r.header("Access-Control-Allow-Origin") == "https://anywhere.example")
        }
    }

    @Test func originsComeFromTheEnvironmentCommaSeparated() {
        var c = ServiceConfiguration()
        c.applyEnvironment(["ATTACHE_CORS_ORIGINS": "https://a.example, https://b.example/ ,"])
        #expect(c.corsOrigins == ["https://a.example", "https://b.example"])
    }
}
