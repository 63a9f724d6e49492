import AttacheClient
import Testing

@Suite("API key")
struct APIKeyTests {
    static let key = "s3cret-key-for-tests"
    static let article = #"{"id":"auth-1","text":"Vladimir Putin met John Kerry in Moscow.","publishedAt":"2015-12-15"}"#

    @Test func writesNeedTheKeyAndReadsStayOpen() throws {
        try TestServer.with({ c in c.apiKey = Self.key }) { server in
            let anonymous = server.client()
            let missing = try anonymous.post("/v1/articles", json: Self.article)
            expectProblem(missing, status: 401)
            #expect(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)

            let wrong = try server.client(apiKey: "not-the-key").post("/v1/articles", json: Self.article)
            expectProblem(wrong, status: 403)
            #expect(wrong.header("WWW-Authenticate") == nil)

            let prefix = try anonymous.post("/v1/articles", json: Self.article,
                                            headers: [("Authorization", "Bearer " + Self.key.dropLast())])
            expectProblem(prefix, status: 403)
            let basic = try anonymous.post("/v1/articles", json: Self.article, headers: [("Authorization", "Basic " + Self.key)])
            expectProblem(basic, status: 403)

            // Nothing was stored by the refused requests.
            expectProblem(try anonymous.get("/v1/articles/auth-1"), status: 404)

            let authorized = server.client(apiKey: Self.key)
            let created = try authorized.post("/v1/articles", json: Self.article)
            #expect(created.status == 201)
            #expect(try anonymous.post("/v1/articles", json: Self.article,
                                       headers: [("Authorization", "bearer " + Self.key)]).status == 200,
                    "the scheme is case-insensitive")

            // Reads need no key.
            #expect(try anonymous.get("/v1/articles/auth-1").status == 200)
            #expect(try anonymous.get("/v1/entities?q=putin").status == 200)
            #expect(try anonymous.get("/v1/entities/person-vladimir-putin/timeline").status == 200)
            #expect(try anonymous.get("/health").status == 200)
            #expect(try anonymous.get("/metrics").status == 200)

            // Analysis is a POST, so it needs the key too; deletion as well.
            expectProblem(try anonymous.post("/v1/analyze", json: Self.article), status: 401)
            #expect(try authorized.post("/v1/analyze", json: Self.article).status == 200)
            expectProblem(try anonymous.request(method: "DELETE", path: "/v1/articles/auth-1"), status: 401)
            #expect(try authorized.request(method: "DELETE", path: "/v1/articles/auth-1").status == 204)
        }
    }

    @Test func protectedReadsNeedTheKeyButProbesStayOpen() throws {
        try TestServer.with({ c in
            c.apiKey = Self.key
            c.protectReads = true
        }) { server in
            let anonymous = server.client()
            expectProblem(try anonymous.get("/v1/entities?q=putin"), status: 401)
            #expect(try server.client(apiKey: Self.key).get("/v1/entities?q=putin").status == 200)
            #expect(try anonymous.get("/health").status == 200)
            #expect(try anonymous.get("/ready").status == 200)
            #expect(try anonymous.get("/metrics").status == 200)
        }
    }

    @Test func withoutAKeyEverythingIsOpen() throws {
        try TestServer.with { server in
            let r = try server.client().post("/v1/articles", json: Self.article, headers: [("Authorization", "Bearer anything")])
            #expect(r.status == 201)
        }
    }
}
