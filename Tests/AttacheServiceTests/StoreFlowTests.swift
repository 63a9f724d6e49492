import AttacheClient
import AttacheJSON
import AttacheModel
import Testing

/// Ingest, read back, search, detail, timeline, delete and batch, through HTTP against a fresh SQLite store.
@Suite("Store endpoints")
struct StoreFlowTests {
    static let putinArticle = ArticleInput(
        id: "kremlin-talks", title: "Putin receives Kerry",
        text: "President Vladimir Putin met US Secretary of State John Kerry in Moscow on Tuesday. Putin and Kerry discussed Syria.",
        publishedAt: "2015-12-15", source: "test")

    @Test func ingestCreatesThenFindsTheSameArticle() throws {
        try TestServer.with { server in
            let client = server.client()
            let first = try client.post("/v1/articles", Self.putinArticle.jsonBytes(), contentType: "application/json")
            #expect(first.status == 201)
            #expect(first.header("Location") == "/v1/articles/kremlin-talks")
            #expect(first.header("Content-Type") == "application/json")
            let analysis = first.jsonBody()
            #expect(analysis["id"]?.stringValue == "kremlin-talks")
            #expect(AnalysisJSON.entity(named: "Vladimir Putin", in: analysis) != nil)

            let again = try client.post("/v1/articles", Self.putinArticle.jsonBytes(), contentType: "application/json")
            #expect(again.status == 200)
            #expect(again.header("Location") == "/v1/articles/kremlin-talks")
            #expect(again.body == first.body, "the stored analysis is returned verbatim")

            var changed = Self.putinArticle
            changed.text += " They also discussed Ukraine."
            let conflict = try client.post("/v1/articles", changed.jsonBytes(), contentType: "application/json")
            expectProblem(conflict, status: 409, field: "text")
            #expect(conflict.header("Location") == "/v1/articles/kremlin-talks")

            let metrics = try client.get("/metrics").text
            #expect(metrics.contains("attache_articles_created_total 1"))
            #expect(metrics.contains("attache_articles_stored 1"))
        }
    }

    @Test func articleWithoutIdIsKeyedBySHA256() throws {
        try TestServer.with { server in
            // sha256("\n" + text) (no title), computed independently with Python's hashlib.
            let text = "Sergei Lavrov met John Kerry in Geneva."
            let expected = "bbcf20b994fb6e4e7e0c09cce2b7a3972da8d8813a0865aa4258aaa9b6c6342b"
            let r = try server.client().post("/v1/articles", json: #"{"text":"\#(text)"}"#)
            #expect(r.status == 201)
            let id = r.jsonBody()["id"]?.stringValue ?? ""
            #expect(id == expected)
            #expect(r.header("Location") == "/v1/articles/\(expected)")
            #expect(try server.client().article(id: id).id == id)
        }
    }

    @Test func getArticleReturnsTheInputAndItsAnalysis() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.putinArticle)
            let r = try client.get("/v1/articles/kremlin-talks")
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "application/json")
            let a = r.jsonBody()
            #expect(a["id"]?.stringValue == "kremlin-talks")
            #expect(a["title"]?.stringValue == Self.putinArticle.title)
            #expect(a["text"]?.stringValue == Self.putinArticle.text)
            #expect(a["publishedAt"]?.stringValue == "2015-12-15")
            #expect(a["source"]?.stringValue == "test")
            #expect(a["contentHash"]?.stringValue?.utf8.count == 64)
            #expect(a["createdAt"]?.stringValue != nil)
            #expect(AnalysisJSON.entity(named: "John Kerry", in: a["analysis"] ?? .null) != nil)

            // The typed call reads the same answer into the model: the fields, and the analysis as stored.
            let record = try client.article(id: "kremlin-talks")
            #expect(record.id == "kremlin-talks" && record.title == Self.putinArticle.title && record.text == Self.putinArticle.text)
            #expect(record.publishedAt == "2015-12-15" && record.source == "test")
            #expect(record.contentHash == a["contentHash"]?.stringValue && record.createdAt == a["createdAt"]?.stringValue)
            #expect(record.analysis == (try Analysis(json: a["analysis"] ?? .null)))
            #expect(record.analysis.entities.contains { $0.name == "John Kerry" })
        }
    }

    @Test func entitySearchFindsPutinIgnoringCase() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.putinArticle)
            for q in ["putin", "PUTIN", "Vladimir", "vladimir put"] {
                let items = try client.entities(query: q).items
                #expect(items.contains { $0.id == "person-vladimir-putin" }, "q=\(q): \(items.map(\.id))")
            }
            let putin = try #require(try client.entities(query: "putin").items.first)
            #expect(putin.name == "Vladimir Putin")
            #expect(putin.type == .person)
            #expect(putin.articleCount == 1)
            #expect(putin.mentionCount >= 2)
            #expect(putin.firstSeen?.hasPrefix("2015-12-15") == true)
            #expect(try client.entities(query: "gorbachev").items.isEmpty)
            let countries = try client.entities(type: "country").items
            #expect(!countries.isEmpty)
            #expect(countries.allSatisfy { $0.type == .country })
            #expect(countries.contains { $0.iso3 == "USA" })
        }
    }

    @Test func entitySearchDecodesTheQueryString() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.putinArticle)
            _ = try client.ingest(erdoganArticle)
            for query in ["q=vladimir+putin", "q=vladimir%20putin", "q=Erdo%C4%9Fan", "q=Erdog%CC%86an", "q=putin&type=person&limit=5"] {
                let r = try client.get("/v1/entities?" + query)
                #expect(r.status == 200, "\(query)")
                let ids = r.jsonBody()["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
                #expect(ids.count == 1, "\(query): \(ids)")
            }
            #expect(try client.get("/v1/entities?q=putin&type=country").jsonBody()["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func timelineBoundsAreInclusiveDatePrefixes() throws {
        try TestServer.with { server in
            let client = server.client()
            for (id, date) in [("t-1", "2015-12-14"), ("t-2", "2015-12-15T23:30:00Z"), ("t-3", "2015-12-16")] {
                _ = try client.ingest(ArticleInput(id: id, text: "Vladimir Putin spoke in Moscow.", publishedAt: date))
            }
            func articles(from: String?, to: String?) throws -> [String] {
                let items = try client.timelineJSON(entityID: "person-vladimir-putin", view: "mentions", from: from, to: to)["items"]?.arrayValue ?? []
                var ids: [String] = []
                for case let id? in items.map({ $0["articleId"]?.stringValue }) where ids.last != id { ids.append(id) }
                return ids
            }
            #expect(try articles(from: nil, to: nil) == ["t-1", "t-2", "t-3"])
            #expect(try articles(from: "2015-12-15", to: "2015-12-15") == ["t-2"])
            #expect(try articles(from: "2015-12-15", to: nil) == ["t-2", "t-3"])
            #expect(try articles(from: nil, to: "2015-12-15") == ["t-1", "t-2"])
            #expect(try articles(from: "2015-12", to: "2015") == ["t-1", "t-2", "t-3"])
            #expect(try articles(from: "2016", to: nil) == [])
        }
    }

    @Test func entitySearchIgnoresAccents() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(erdoganArticle)
            for q in ["ERDOGAN", "erdoğan", "ERDOĞAN", "Tayyip Erdo"] {
                let items = try client.entities(query: q).items
                #expect(items.contains { $0.id == "person-recep-tayyip-erdogan" }, "q=\(q): \(items.map(\.id))")
            }
        }
    }

    @Test func entitySearchPagesWithACursor() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.putinArticle)
            _ = try client.ingest(erdoganArticle)
            let all = try client.entities(limit: 100).items.map(\.id)
            #expect(all.count >= 4)
            var paged: [String] = []
            var cursor: String?
            repeat {
                let page = try client.entities(limit: 1, cursor: cursor)
                paged += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil && paged.count <= all.count
            #expect(paged == all)
        }
    }

    @Test func entityDetailHasAliasesRolesAndCoOccurrences() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.putinArticle)
            let d = try client.entity(id: "person-vladimir-putin")
            #expect(d.id == "person-vladimir-putin")
            #expect(d.name == "Vladimir Putin")
            #expect(d.type == .person)
            #expect(d.country == "RU")
            #expect(d.aliases.contains("Putin"), "aliases: \(d.aliases)")
            #expect(!d.roles.isEmpty, "roles: \(d.roles)")
            #expect(d.coOccurring.allSatisfy { $0.articleCount == 1 && !$0.name.isEmpty })
            let co = d.coOccurring.map(\.id)
            #expect(co.contains("person-john-kerry"), "coOccurring: \(co)")
            #expect(!co.contains("person-vladimir-putin"))

            let r = try client.get("/v1/entities/person-vladimir-putin")
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "application/json")
        }
    }

    /// The sort key of a timeline date: partial dates at the start of their period, undated last.
    static func sortKey(_ date: String?) -> String {
        guard let date else { return "~" }
        switch date.utf8.count {
        case 4: return date + "-00-00"
        case 7: return date + "-00"
        default: return date
        }
    }

    static func timelineKey(_ item: JSONValue) -> String {
        "\(item["kind"]?.stringValue ?? "")|\(item["articleId"]?.stringValue ?? "")|\(item["eventId"]?.stringValue ?? "-")|\(item["role"]?.stringValue ?? "-")|\(item["sentence"]?.stringValue ?? "")"
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingMessage))
    func timelineIsInDateOrderAndPagesWithoutGapsOrDuplicates() throws {
        let articles = try Corpus.putinArticleIDs.map(Corpus.article)
        try TestServer.with { server in
            let client = server.client()
            for a in articles {
                #expect(try client.ingest(a.request(id: a.id)).created)
            }
            let whole = try client.timelineJSON(entityID: "person-vladimir-putin", view: "mentions", limit: 500)
            #expect(whole["entity"]?.stringValue == "person-vladimir-putin")
            #expect(whole["nextCursor"] == nil, "one page holds the whole timeline")
            let items = whole["items"]?.arrayValue ?? []
            #expect(items.count > 4, "a timeline long enough to page")
            let fromArticles = Set(items.compactMap { $0["articleId"]?.stringValue })
            #expect(fromArticles == Set(Corpus.putinArticleIDs), "articles on the timeline: \(fromArticles)")
            let keys = items.map { Self.sortKey($0["date"]?.stringValue) }
            #expect(keys == keys.sorted(), "dates: \(items.map { $0["date"]?.stringValue ?? "-" })")
            #expect(items.allSatisfy { ["event", "mention"].contains($0["kind"]?.stringValue ?? "") })

            var paged: [JSONValue] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try client.timelineJSON(entityID: "person-vladimir-putin", view: "mentions", limit: 2, cursor: cursor)
                let pageItems = page["items"]?.arrayValue ?? []
                #expect(pageItems.count <= 2)
                #expect(!pageItems.isEmpty)
                paged += pageItems
                cursor = page["nextCursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages <= items.count
            #expect(pages == (items.count + 1) / 2)
            #expect(paged == items, "paging with limit 2 must give the whole timeline, in order, once")
            #expect(Set(paged.map(Self.timelineKey)).count == paged.count, "duplicate timeline items")

            // A type filter keeps a subsequence of the same order.
            let mentions = try client.timelineJSON(entityID: "person-vladimir-putin", view: "mentions", types: ["mention"], limit: 500)["items"]?.arrayValue ?? []
            #expect(!mentions.isEmpty)
            #expect(mentions == items.filter { $0["kind"]?.stringValue == "mention" })

            // A search cursor is not a timeline cursor.
            let searchCursor = try client.entities(limit: 1).nextCursor ?? "missing"
            let wrongCursor = try client.get("/v1/entities/person-vladimir-putin/timeline?cursor=\(searchCursor)")
            expectProblem(wrongCursor, status: 400, field: "cursor")

            // The range filter keeps only items of 2022.
            let y2022 = try client.timelineJSON(entityID: "person-vladimir-putin", view: "mentions", from: "2022", to: "2022", limit: 500)["items"]?.arrayValue ?? []
            #expect(!y2022.isEmpty)
            #expect(y2022.allSatisfy { $0["date"]?.stringValue?.hasPrefix("2022") == true })
            #expect(y2022 == items.filter { $0["date"]?.stringValue?.hasPrefix("2022") == true })
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingMessage))
    func deleteRemovesTheArticleAndItsTimelineItems() throws {
        let articles = try Corpus.putinArticleIDs.prefix(3).map(Corpus.article)
        try TestServer.with { server in
            let client = server.client()
            for a in articles { _ = try client.ingest(a.request(id: a.id)) }
            let victim = articles[1].id
            let before = try client.timelineJSON(entityID: "person-vladimir-putin", view: "mentions", limit: 500)["items"]?.arrayValue ?? []
            #expect(before.contains { $0["articleId"]?.stringValue == victim })
            let articleCount = try client.entity(id: "person-vladimir-putin").articleCount

            let r = try client.request(method: "DELETE", path: "/v1/articles/\(victim)")
            #expect(r.status == 204)
            #expect(r.body.isEmpty)

            expectProblem(try client.get("/v1/articles/\(victim)"), status: 404)
            expectProblem(try client.request(method: "DELETE", path: "/v1/articles/\(victim)"), status: 404)
            let after = try client.timelineJSON(entityID: "person-vladimir-putin", view: "mentions", limit: 500)["items"]?.arrayValue ?? []
            #expect(!after.contains { $0["articleId"]?.stringValue == victim })
            #expect(after == before.filter { $0["articleId"]?.stringValue != victim })
            #expect(try client.entity(id: "person-vladimir-putin").articleCount == articleCount - 1)
        }
    }

    @Test func deletingTheOnlyArticleForgetsItsEntities() throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.putinArticle)
            try client.deleteArticle(id: "kremlin-talks")
            expectProblem(try client.get("/v1/entities/person-vladimir-putin"), status: 404)
            expectProblem(try client.get("/v1/entities/person-vladimir-putin/timeline"), status: 404)
            #expect(try client.entities(query: "putin").items.isEmpty)
        }
    }

    @Test func deletedIdCanBeReusedForAnotherText() throws {
        try TestServer.with { server in
            let client = server.client()
            #expect(try client.ingest(Self.putinArticle).created)
            try client.deleteArticle(id: "kremlin-talks")
            var other = Self.putinArticle
            other.title = "Lavrov receives Kerry"
            other.text = "Sergei Lavrov met John Kerry in Geneva on Friday."
            let r = try client.post("/v1/articles", other.jsonBytes(), contentType: "application/json")
            #expect(r.status == 201)
            #expect(try client.article(id: "kremlin-talks").text == other.text)
            expectProblem(try client.get("/v1/entities/person-vladimir-putin"), status: 404)
            #expect(try client.entity(id: "person-sergei-lavrov").articleCount == 1)
        }
    }

    @Test(arguments: ["urn:attache:1", "a.b_c~d-e", String(repeating: "x", count: 200)])
    func articleIdsWithEveryAllowedCharacterRoundTrip(_ id: String) throws {
        try TestServer.with { server in
            let client = server.client()
            var article = Self.putinArticle
            article.id = id
            let r = try client.post("/v1/articles", article.jsonBytes(), contentType: "application/json")
            #expect(r.status == 201)
            #expect(r.header("Location") == "/v1/articles/\(id)")
            #expect(try client.article(id: id).id == id)
            #expect(try client.get("/v1/articles/\(id)").status == 200, "unescaped in the path")
            let timeline = try client.timelineJSON(entityID: "person-vladimir-putin", view: "mentions")["items"]?.arrayValue ?? []
            #expect(timeline.contains { $0["articleId"]?.stringValue == id })
            try client.deleteArticle(id: id)
            expectProblem(try client.get("/v1/articles/\(id)"), status: 404)
        }
    }

    @Test func batchReportsEachArticle() throws {
        try TestServer.with { server in
            let client = server.client()
            let body = """
                {"articles":[
                  {"id":"b-1","text":"Vladimir Putin met John Kerry in Moscow.","publishedAt":"2015-12-15"},
                  {"id":"b-2","text":"Sergei Lavrov spoke in Geneva.","publishedAt":"2015-12-16"},
                  {"id":"b-3","text":5}
                ]}
                """
            let r = try client.post("/v1/articles:batch", json: body)
            #expect(r.status == 200)
            let report = r.jsonBody()
            let results = report["results"]?.arrayValue ?? []
            #expect(results.count == 3)
            #expect(results.map { $0["index"]?.intValue } == [0, 1, 2])
            #expect(results.map { $0["status"]?.intValue } == [201, 201, 400])
            #expect(results[safe: 0]?["id"]?.stringValue == "b-1")
            #expect(results[safe: 2]?["field"]?.stringValue == "articles[2].text")
            #expect(results[safe: 2]?["error"]?.stringValue?.isEmpty == false)
            #expect(report["created"]?.intValue == 2)
            #expect(report["existing"]?.intValue == 0)
            #expect(report["failed"]?.intValue == 1)
            #expect(try client.article(id: "b-2").text == "Sergei Lavrov spoke in Geneva.")

            // The same batch again: the two stored articles now exist.
            let again = try client.post("/v1/articles:batch", json: body).jsonBody()
            #expect(again["results"]?.arrayValue?.map { $0["status"]?.intValue } == [200, 200, 400])
            #expect(again["existing"]?.intValue == 2)
        }
    }

    @Test func batchAsJSONLines() throws {
        try TestServer.with { server in
            let lines = """
                {"id":"l-1","text":"Vladimir Putin spoke."}
                not json

                {"id":"l-3","text":"John Kerry spoke."}
                """
            let r = try server.client().post("/v1/articles:batch", Array(lines.utf8), contentType: "application/x-ndjson")
            #expect(r.status == 200)
            let statuses = r.jsonBody()["results"]?.arrayValue?.map { $0["status"]?.intValue }
            #expect(statuses == [201, 400, 201])
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
