import AttacheClient
import AttacheModel
import Testing

/// Every way a request can be refused, each answered with `application/problem+json` (RFC 9457), the right status
/// and a `detail` (and the offending `field` where there is one).
@Suite("Problem responses")
struct ProblemResponseTests {
    struct BadBody: Sendable, CustomTestStringConvertible {
        var name: String
        var body: [UInt8]
        var field: String?
        var testDescription: String { name }

        init(_ name: String, _ body: String, field: String? = nil) {
            self.init(name, Array(body.utf8), field: field)
        }

        init(_ name: String, _ body: [UInt8], field: String? = nil) {
            self.name = name
            self.body = body
            self.field = field
        }
    }

    static let badJSONBodies: [BadBody] = [
        BadBody("invalid JSON", #"{"text": "#),
        BadBody("trailing garbage", #"{"text":"Putin spoke."} x"#),
        BadBody("array instead of object", #"["Putin spoke."]"#),
        BadBody("string instead of object", #""Putin spoke.""#),
        BadBody("number instead of object", "42"),
        BadBody("missing text", #"{"title":"Putin"}"#, field: "text"),
        BadBody("null text", #"{"text":null}"#, field: "text"),
        BadBody("empty text", #"{"text":""}"#, field: "text"),
        BadBody("blank text", #"{"text":" \n\t\r "}"#, field: "text"),
        BadBody("text is a number", #"{"text":5}"#, field: "text"),
        BadBody("text is an array", #"{"text":["a"]}"#, field: "text"),
        BadBody("title is a number", #"{"text":"Putin spoke.","title":5}"#, field: "title"),
        BadBody("publishedAt is not a date", #"{"text":"Putin spoke.","publishedAt":"yesterday"}"#, field: "publishedAt"),
        BadBody("publishedAt is not a real day", #"{"text":"Putin spoke.","publishedAt":"2015-02-30"}"#, field: "publishedAt"),
        BadBody("publishedAt is a number", #"{"text":"Putin spoke.","publishedAt":20151215}"#, field: "publishedAt"),
        BadBody("id with a space", #"{"text":"Putin spoke.","id":"a b"}"#, field: "id"),
        BadBody("title over 2000 bytes", #"{"text":"Putin spoke.","title":"\#(String(repeating: "é", count: 1001))"}"#, field: "title"),
        BadBody("nested too deep", #"{"text":"Putin spoke.","x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"),
        BadBody("lone surrogate escape", #"{"text":"Putin \ud800 spoke."}"#, field: "text"),
        BadBody("invalid UTF-8 in text", Array(#"{"text":"Putin "#.utf8) + [0xC3, 0x28] + Array(#" spoke."}"#.utf8), field: "text"),
        BadBody("invalid UTF-8 in title", Array(#"{"title":"x"#.utf8) + [0xFF] + Array(#"","text":"Putin spoke."}"#.utf8), field: "title"),
    ]

    @Test(arguments: badJSONBodies)
    func badJSONArticleIs400(_ bad: BadBody) throws {
        try TestServer.with { server in
            let client = server.client()
            for path in ["/v1/analyze", "/v1/articles"] {
                let r = try client.post(path, bad.body, contentType: "application/json")
                expectProblem(r, status: 400, field: bad.field)
            }
        }
    }

    @Test func invalidJSONDetailSaysWhere() throws {
        try TestServer.with { server in
            let r = try server.client().post("/v1/analyze", json: #"{"text": "#)
            let detail = expectProblem(r, status: 400)["detail"]?.stringValue ?? ""
            #expect(detail.contains("not valid JSON"), "\(detail)")
            #expect(detail.contains("at byte"), "\(detail)")
        }
    }

    @Test func badPlainTextBodies() throws {
        try TestServer.with { server in
            let client = server.client()
            let invalid = Array("Vladimir Putin ".utf8) + [0xE2, 0x82] + Array(" spoke.".utf8)
            let r = try client.post("/v1/analyze", invalid, contentType: "text/plain; charset=utf-8")
            let detail = expectProblem(r, status: 400, field: "text")["detail"]?.stringValue ?? ""
            #expect(detail.contains("UTF-8"), "\(detail)")
            #expect(detail.contains("byte 15"), "\(detail)")
            expectProblem(try client.post("/v1/analyze", [], contentType: "text/plain"), status: 400, field: "text")
            expectProblem(try client.post("/v1/analyze", Array("  \n ".utf8), contentType: "text/plain"), status: 400, field: "text")
            expectProblem(try client.post("/v1/analyze", Array("Putin".utf8), contentType: "text/plain; charset=latin1"), status: 415)
        }
    }

    @Test(arguments: ["application/xml", "application/x-www-form-urlencoded", "text/html", "multipart/form-data; boundary=x"])
    func unsupportedMediaTypeIs415(_ type: String) throws {
        try TestServer.with { server in
            let r = try server.client().post("/v1/analyze", Array("<text>Putin</text>".utf8), contentType: type)
            let detail = expectProblem(r, status: 415)["detail"]?.stringValue ?? ""
            #expect(detail.contains("application/json"), "\(detail)")
        }
    }

    @Test func missingContentTypeIs415() throws {
        try TestServer.with { server in
            // An empty value makes libcurl send no Content-Type at all (instead of its form default).
            let r = try server.client().post("/v1/analyze", Array(#"{"text":"Putin spoke."}"#.utf8), contentType: nil,
                                             headers: [("Content-Type", "")])
            let detail = expectProblem(r, status: 415)["detail"]?.stringValue ?? ""
            #expect(detail.contains("Content-Type is required"), "\(detail)")
        }
    }

    @Test(arguments: [
        ("PUT", "/v1/analyze", "POST"),
        ("GET", "/v1/analyze", "POST"),
        ("DELETE", "/health", "GET, HEAD"),
        ("POST", "/v1/entities", "GET, HEAD"),
        ("PATCH", "/v1/articles/abc", "GET, DELETE, HEAD"),
    ])
    func wrongMethodIs405WithAllow(_ method: String, _ path: String, _ allow: String) throws {
        try TestServer.with { server in
            let r = try server.client().request(method: method, path: path, headers: [("Content-Type", "application/json")],
                                                body: Array("{}".utf8))
            expectProblem(r, status: 405)
            #expect(r.header("Allow") == allow)
        }
    }

    @Test(arguments: ["/nope", "/v1", "/v1/analyse", "/v1/entities/a/b/c", "/health/extra"])
    func unknownPathIs404(_ path: String) throws {
        try TestServer.with { server in
            expectProblem(try server.client().get(path), status: 404)
        }
    }

    /// The route's limit is applied from the head, before the body is read, so the connection closes (its
    /// unread body cannot be told from the next request); the client reconnects for the next call.
    @Test func bodyOverTheArticleLimitIs413BeforeReadingAndTheClientGoesOn() throws {
        try TestServer.with({ c in
            c.maxArticleBytes = 1000
            c.http.maxBodyBytes = 4000
        }) { server in
            let client = server.client()
            let big = #"{"text":""# + String(repeating: "Putin spoke. ", count: 100) + #""}"#  // ~1.3 kB
            for path in ["/v1/analyze", "/v1/articles"] {
                let r = try client.post(path, json: big)
                let detail = expectProblem(r, status: 413)["detail"]?.stringValue ?? ""
                #expect(detail.contains("1000"), "\(detail)")
                #expect(r.header("Connection") == "close")
            }
            let small = try client.post("/v1/analyze", json: #"{"text":"Putin spoke."}"#)
            #expect(small.status == 200)
        }
    }

    @Test func bodyOverTheServerLimitIs413AndCloses() throws {
        try TestServer.with({ c in
            c.maxArticleBytes = 1000
            c.http.maxBodyBytes = 4000
        }) { server in
            let big = #"{"text":""# + String(repeating: "Putin spoke. ", count: 400) + #""}"#  // ~5.2 kB
            let r = try server.client().post("/v1/analyze", json: big)
            expectProblem(r, status: 413)
            #expect(r.header("Connection") == "close")
            // The server decided from Content-Length, before reading the body.
            let raw = try server.connect()
            try raw.send("POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 4001\r\n\r\n")
            expectProblem(try raw.readResponse(), status: 413)
            #expect(raw.closedByPeer())
        }
    }

    @Test func batchOverTheItemLimitIs413() throws {
        try TestServer.with({ c in c.maxBatchItems = 2 }) { server in
            let body = #"[{"text":"Putin spoke."},{"text":"Kerry spoke."},{"text":"Lavrov spoke."}]"#
            let detail = expectProblem(try server.client().post("/v1/articles:batch", json: body), status: 413)["detail"]?.stringValue
            #expect(detail?.contains("at most 2") == true)
        }
    }

    @Test(arguments: [
        ("[]", "application/json", 400),
        (#"{"items":[]}"#, "application/json", 400),
        (#"{"articles":"no"}"#, "application/json", 400),
        ("[", "application/json", 400),
        (#"[{"text":"Putin"}]"#, "text/plain", 415),
        ("\n\n", "application/x-ndjson", 400),
    ])
    func badBatchIsRefusedAsAWhole(_ body: String, _ type: String, _ status: Int) throws {
        try TestServer.with { server in
            let r = try server.client().post("/v1/articles:batch", Array(body.utf8), contentType: type)
            expectProblem(r, status: status)
            #expect(try server.client().entities().items.isEmpty)
        }
    }

    @Test func likeWildcardsInASearchAreLiteral() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(ArticleInput(text: "Vladimir Putin met John Kerry in Moscow.", publishedAt: "2015-12-15"))
            #expect(try !client.entities().items.isEmpty)
            for q in ["%", "_", "\\", "Putin%", "P_tin"] {
                let items = try client.entities(query: q).items
                #expect(items.isEmpty, "q=\(q) matched \(items.map(\.name))")
            }
        }
    }

    @Test func headerSectionTooLargeIs431() throws {
        try TestServer.with({ c in c.http.maxRequestHeadBytes = 2048 }) { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "a", count: 4096))\r\n\r\n")
            expectProblem(try raw.readResponse(), status: 431)
            #expect(raw.closedByPeer())
        }
    }

    @Test func overlongRequestLineIsRefused() throws {
        try TestServer.with({ c in c.http.maxRequestHeadBytes = 2048 }) { server in
            let r = try server.client().get("/v1/entities?q=" + String(repeating: "a", count: 4000))
            #expect([414, 431].contains(r.status), "status \(r.status)")
            expectProblem(r, status: r.status)
            #expect(r.header("Connection") == "close")
        }
    }

    @Test func tooManyHeaderFieldsIs431() throws {
        try TestServer.with({ c in c.http.maxHeaderCount = 10 }) { server in
            let raw = try server.connect()
            var request = "GET /health HTTP/1.1\r\nHost: x\r\n"
            for i in 0..<20 { request += "X-H\(i): \(i)\r\n" }
            try raw.send(request + "\r\n")
            expectProblem(try raw.readResponse(), status: 431)
            #expect(raw.closedByPeer())
        }
    }

    @Test func unknownEntityAndArticleAre404() throws {
        try TestServer.with { server in
            let client = server.client()
            // Known to the knowledge base but never stored: still unknown to the store.
            for path in ["/v1/entities/x", "/v1/entities/x/timeline", "/v1/entities/person-vladimir-putin",
                         "/v1/entities/person-vladimir-putin/timeline", "/v1/articles/nope"] {
                let detail = expectProblem(try client.get(path), status: 404)["detail"]?.stringValue ?? ""
                #expect(detail.contains("no "), "\(path): \(detail)")
            }
            expectProblem(try client.request(method: "DELETE", path: "/v1/articles/nope"), status: 404)
        }
    }

    @Test(arguments: [
        ("/v1/entities?limit=0", "limit"),
        ("/v1/entities?limit=abc", "limit"),
        ("/v1/entities?limit=101", "limit"),
        ("/v1/entities?limit=-1", "limit"),
        ("/v1/entities?type=planet", "type"),
        ("/v1/entities?cursor=garbage", "cursor"),
        ("/v1/entities?cursor=%FF%FE", nil),
        ("/v1/entities?q=%zz", nil),
        ("/v1/entities/person-vladimir-putin/timeline?limit=501", "limit"),
        ("/v1/entities/person-vladimir-putin/timeline?limit=x", "limit"),
        ("/v1/entities/person-vladimir-putin/timeline?cursor=garbage", "cursor"),
        ("/v1/entities/person-vladimir-putin/timeline?types=bogus", "types"),
        ("/v1/entities/person-vladimir-putin/timeline?from=2015-13", "from"),
        ("/v1/entities/person-vladimir-putin/timeline?to=yesterday", "to"),
    ] as [(String, String?)])
    func badQueryValueIs400(_ path: String, _ field: String?) throws {
        try TestServer.with { server in
            let client = server.client()
            // The timeline needs a stored entity, or it would be a 404.
            _ = try client.ingest(ArticleInput(text: "President Vladimir Putin spoke in Moscow on Monday.", publishedAt: "2015-12-14"))
            expectProblem(try client.get(path), status: 400, field: field)
        }
    }
}
