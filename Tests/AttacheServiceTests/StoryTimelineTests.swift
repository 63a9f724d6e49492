import AttacheClient
import AttacheJSON
import AttacheModel
import Testing

/// The story-event timeline (the default view), relations and dyads through HTTP.
@Suite(.timeLimit(.minutes(3))) struct StoryTimelineTests {
    /// Three outlets report one meeting in their own words; another article reports other events that week.
    static let reports: [ArticleInput] = [
        ArticleInput(id: "wire", text: "Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Mevlut Cavusoglu in Ankara on Monday.",
                       publishedAt: "2016-03-08", source: "Wire"),
        ArticleInput(id: "paper", text: "Lavrov held talks with Cavusoglu in the Turkish capital on Monday, officials said.",
                       publishedAt: "2016-03-09", source: "Paper"),
        ArticleInput(id: "radio", text: "Sergei Lavrov met Mevlut Cavusoglu on Monday.", publishedAt: "2016-03-10", source: "Radio"),
        ArticleInput(id: "other", text: "Russia will impose sanctions on Turkey next week. Iran signed a trade agreement with China on Monday.",
                       publishedAt: "2016-03-09", source: "Wire"),
    ]

    static func items(_ v: JSONValue) -> [JSONValue] { v["items"]?.arrayValue ?? [] }

    @Test func oneMeetingReportedThreeTimesIsOneStoryWithItsMentions() throws {
        try TestServer.with { server in
            let client = server.client()
            for r in Self.reports { _ = try client.ingest(r) }
            let page = try client.timelineJSON(entityID: "person-sergei-lavrov")
            #expect(page["view"]?.stringValue == "stories")
            let stories = Self.items(page)
            #expect(stories.count == 1)
            let s = try #require(stories.first)
            #expect(s["kind"]?.stringValue == "story" && s["type"]?.stringValue == "consult" && s["cameo"]?.stringValue == "04")
            #expect(s["date"]?.stringValue == "2016-03-07" && s["status"]?.stringValue == "occurred" && s["role"]?.stringValue == "source")
            #expect(s["articleCount"]?.intValue == 3)
            #expect(s["sources"]?.arrayValue?.compactMap(\.stringValue) == ["Paper", "Radio", "Wire"])
            #expect(s["firstReported"]?.stringValue == "2016-03-08" && s["lastReported"]?.stringValue == "2016-03-10")
            let others = s["otherParticipants"]?.arrayValue ?? []
            #expect(others.contains { $0["id"]?.stringValue == "person-mevlut-cavusoglu" && $0["role"]?.stringValue == "target" })
            let mentions = s["mentions"]?.arrayValue ?? []
            #expect(mentions.compactMap { $0["articleId"]?.stringValue } == ["paper", "radio", "wire"])
            for m in mentions {
                let id = try #require(m["articleId"]?.stringValue)
                let text = try #require(Self.reports.first { $0.id == id }?.text)
                let scalars = Array(text.unicodeScalars)
                let start = Int(try #require(m["start"]?.intValue)), end = Int(try #require(m["end"]?.intValue))
                #expect(String(String.UnicodeScalarView(scalars[start..<end])) == m["trigger"]?.stringValue, "offsets in code points")
            }
            // Per-article items are still there.
            let perArticle = Self.items(try client.timelineJSON(entityID: "person-sergei-lavrov", view: "mentions"))
            #expect(perArticle.contains { $0["kind"]?.stringValue == "event" } && perArticle.contains { $0["kind"]?.stringValue == "mention" })
        }
    }

    @Test func filtersByTypeCounterpartRoleStatusAndDate() throws {
        try TestServer.with { server in
            let client = server.client()
            for r in Self.reports { _ = try client.ingest(r) }
            func types(_ page: JSONValue) -> [String] { Self.items(page).compactMap { $0["type"]?.stringValue }.sorted() }
            let russia = try client.timelineJSON(entityID: "country-rus")
            #expect(types(russia) == ["consult", "sanction"])
            #expect(types(try client.timelineJSON(entityID: "country-rus", types: ["sanction"])) == ["sanction"])
            #expect(types(try client.get("/v1/entities/country-rus/timeline?type=sanction&type=consult").jsonBody()) == ["consult", "sanction"])
            #expect(types(try client.timelineJSON(entityID: "country-rus", status: "planned")) == ["sanction"])
            #expect(types(try client.timelineJSON(entityID: "country-tur", role: "target")) == ["consult", "sanction"])
            #expect(types(try client.timelineJSON(entityID: "country-tur", role: "source")).isEmpty)
            #expect(types(try client.timelineJSON(entityID: "country-rus", with: "person-mevlut-cavusoglu")) == ["consult"])
            #expect(types(try client.timelineJSON(entityID: "country-rus", from: "2016-03-07", to: "2016-03-07")) == ["consult"])
            let page = try client.timelineJSON(entityID: "country-rus", limit: 1)
            let cursor = try #require(page["nextCursor"]?.stringValue)
            #expect(Self.items(try client.timelineJSON(entityID: "country-rus", limit: 1, cursor: cursor)).count == 1)
        }
    }

    @Test(arguments: [
        ("view=everything", "view"), ("type=mention", "type"), ("types=meeting", "types"), ("role=agent", "role"),
        ("status=done", "status"), ("from=March", "from"), ("cursor=garbage", "cursor"),
        // An enumerated parameter given empty is refused, not read as "no filter".
        ("status=", "status"), ("role=", "role"), ("view=", "view"),
        ("view=mentions&with=country-tur", "with"), ("view=mentions&role=source", "role"),
    ])
    func badFiltersAre400(_ query: String, _ field: String) throws {
        try TestServer.with { server in
            let client = server.client()
            _ = try client.ingest(Self.reports[3])
            expectProblem(try client.get("/v1/entities/country-rus/timeline?\(query)"), status: 400, field: field)
        }
    }

    @Test func relationsRankCounterpartsWithCountsAndBalance() throws {
        try TestServer.with { server in
            let client = server.client()
            for r in Self.reports { _ = try client.ingest(r) }
            let body = try client.get("/v1/entities/country-rus/relations").jsonBody()
            #expect(body["entity"]?.stringValue == "country-rus")
            let items = body["items"]?.arrayValue ?? []
            let turkey = try #require(items.first)
            #expect(turkey["id"]?.stringValue == "country-tur", "Turkey shares the most story events")
            #expect(turkey["storyCount"]?.intValue == 2)
            #expect(turkey["counts"]?["consult"]?.intValue == 1 && turkey["counts"]?["sanction"]?.intValue == 1)
            // Mean of consult (+1.0) and sanction (root 16, -4.0).
            #expect(turkey["balance"]?.doubleValue == -1.5)
            #expect(turkey["firstDate"]?.stringValue == "2016-03" && turkey["lastDate"]?.stringValue == "2016-03-07")
            let consultOnly = try client.get("/v1/entities/country-rus/relations?type=consult").jsonBody()["items"]?.arrayValue ?? []
            #expect(consultOnly.first { $0["id"]?.stringValue == "country-tur" }?["balance"]?.doubleValue == 1.0)
            expectProblem(try client.get("/v1/entities/nobody/relations"), status: 404)
            expectProblem(try client.get("/v1/entities/country-rus/relations?role=source"), status: 400, field: "role")
        }
    }

    /// The client's typed story and relation pages read what the server wrote and write it back byte for byte.
    @Test func typedStoryAndRelationPagesRoundTripTheServersJSON() throws {
        try TestServer.with { server in
            let client = server.client()
            for r in Self.reports { _ = try client.ingest(r) }
            let stories = try client.stories(entityID: "country-rus", limit: 1)
            #expect(stories.entity == "country-rus" && stories.items.count == 1 && stories.nextCursor != nil)
            #expect(stories.jsonBytes() == (try client.get("/v1/entities/country-rus/timeline?limit=1").body))
            let lavrov = try #require(try client.stories(entityID: "person-sergei-lavrov", with: "person-mevlut-cavusoglu").items.first)
            #expect(lavrov.type == "consult" && lavrov.cameo == "04" && lavrov.role == "source" && lavrov.articleCount == 3)
            #expect(lavrov.otherParticipants.contains { $0.id == "person-mevlut-cavusoglu" && $0.role == "target" })
            #expect(lavrov.mentions.map(\.articleID) == ["paper", "radio", "wire"])
            #expect(lavrov.mentions.allSatisfy { $0.triggerEnd - $0.triggerStart == $0.trigger.unicodeScalars.count })

            let relations = try client.relations(entityID: "country-rus")
            #expect(relations.jsonBytes() == (try client.get("/v1/entities/country-rus/relations").body))
            let turkey = try #require(relations.items.first)
            #expect(turkey.id == "country-tur" && turkey.storyCount == 2 && turkey.counts == ["consult": 1, "sanction": 1])
            #expect(turkey.balance == -1.5)
            #expect(throws: AttacheClientError.self) { try client.stories(entityID: "nobody") }
        }
    }

    @Test func aDyadCountsByPeriodTypeAndDirectionAndListsItsStories() throws {
        try TestServer.with { server in
            let client = server.client()
            for r in Self.reports { _ = try client.ingest(r) }
            let body = try client.get("/v1/relations?a=country-tur&b=country-rus").jsonBody()
            #expect(body["a"]?.stringValue == "country-tur" && body["storyCount"]?.intValue == 2)
            let periods = body["periods"]?.arrayValue ?? []
            #expect(periods.compactMap { $0["period"]?.stringValue } == ["2016-03"])
            let counts = periods.first?["counts"]?.arrayValue ?? []
            let rows = counts.map { "\($0["type"]?.stringValue ?? "") \($0["direction"]?.stringValue ?? "") \($0["count"]?.intValue ?? 0)" }
            #expect(rows == ["consult bToA 1", "sanction bToA 1"], "Russia acts on Turkey: b to a")
            let items = body["items"]?.arrayValue ?? []
            #expect(items.count == 2 && items.allSatisfy { $0["role"]?.stringValue == "target" })
            for (query, field) in [("b=country-rus", "a"), ("a=country-tur", "b"), ("a=country-tur&b=country-tur", "b"),
                                   ("a=country-tur&b=country-rus&from=2016-13", "from")] {
                expectProblem(try client.get("/v1/relations?\(query)"), status: 400, field: field)
            }
            expectProblem(try client.get("/v1/relations?a=country-tur&b=nobody"), status: 404)
        }
    }

    /// The client's typed dyad reads what the server wrote, writes it back byte for byte, and pages its story events.
    @Test func typedDyadRoundTripsTheServersJSON() throws {
        try TestServer.with { server in
            let client = server.client()
            for r in Self.reports { _ = try client.ingest(r) }
            let dyad = try client.dyad(a: "country-tur", b: "country-rus", limit: 1)
            #expect(dyad.jsonBytes() == (try client.get("/v1/relations?a=country-tur&b=country-rus&limit=1").body))
            #expect(dyad.a == "country-tur" && dyad.b == "country-rus" && dyad.storyCount == 2 && dyad.balance == -1.5)
            let march = try #require(dyad.periods.first)
            #expect(dyad.periods.count == 1 && march.period == "2016-03" && march.storyCount == 2)
            #expect(march.counts == [DyadPage.Count(type: "consult", direction: .bToA, count: 1),
                                     DyadPage.Count(type: "sanction", direction: .bToA, count: 1)])
            #expect(dyad.items.count == 1 && dyad.items[0].role == "target" && dyad.nextCursor != nil)
            let rest = try client.dyad(a: "country-tur", b: "country-rus", limit: 1, cursor: dyad.nextCursor)
            #expect(rest.items.count == 1 && rest.nextCursor == nil && rest.items[0].id != dyad.items[0].id)
            #expect(throws: AttacheClientError.self) { try client.dyad(a: "country-tur", b: "nobody") }
        }
    }
}
