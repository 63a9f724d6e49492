import AttacheJSON
import AttacheModel
import Testing

/// The readers of the store-backed answers (entities, articles, batches, health), on bodies written here by hand.
@Suite struct ServiceResponsesJSONTests {
    static func parse(_ json: String) throws -> JSONValue { try JSONReader.parse(Array(json.utf8)) }

    @Test func anEntityDetailReadsItsSummaryAndLists() throws {
        let json = """
            {"id":"person-ana-ruiz","type":"person","name":"Ana Ruiz","country":"ES","mentionCount":7,"articleCount":3,
             "firstSeen":"2024-01-02","lastSeen":"2024-05","aliases":["Ana Ruiz","Ruiz"],"roles":["source"],
             "coOccurring":[{"id":"country-fra","type":"country","name":"France","articleCount":2}]}
            """
        let detail = try EntityDetail(json: Self.parse(json))
        #expect(detail.summary == EntitySummary(id: "person-ana-ruiz", type: .person, name: "Ana Ruiz", iso2: nil, iso3: nil,
                                                country: "ES", mentionCount: 7, articleCount: 3,
                                                firstSeen: "2024-01-02", lastSeen: "2024-05"))
        #expect(detail.aliases == ["Ana Ruiz", "Ruiz"] && detail.roles == ["source"])
        #expect(detail.coOccurring == [CoOccurrence(id: "country-fra", type: .country, name: "France", articleCount: 2)])
    }

    @Test func aWrongMemberIsNamedByItsPath() throws {
        #expect(throws: WireFormatError("aliases[1] must be a string", field: "aliases[1]")) {
            try EntityDetail(json: Self.parse("""
                {"id":"x","type":"person","name":"X","mentionCount":1,"articleCount":1,"aliases":["X",2]}
                """))
        }
        #expect(throws: WireFormatError("items[0].type has an unknown value \"planet\"", field: "items[0].type")) {
            try Page(json: Self.parse(#"{"items":[{"id":"x","type":"planet","name":"X","mentionCount":1,"articleCount":1}]}"#)) {
                (o) throws(WireFormatError) in try EntitySummary(wire: o)
            }
        }
    }

    @Test func aPageOfArticlesKeepsItsCursor() throws {
        let page = try Page(json: Self.parse("""
            {"items":[{"id":"a","publishedAt":"2024-05-03","createdAt":"2024-05-04T10:00:00.000Z","contentHash":"00ff"}],
             "nextCursor":"b3BhcXVl"}
            """)) { (o) throws(WireFormatError) in try ArticleSummary(wire: o) }
        #expect(page == Page(items: [ArticleSummary(id: "a", title: nil, publishedAt: "2024-05-03", source: nil,
                                                    createdAt: "2024-05-04T10:00:00.000Z", contentHash: "00ff")],
                             nextCursor: "b3BhcXVl"))
    }

    @Test func aBatchReportReadsItsItemsInOrder() throws {
        let report = try BatchResult(json: Self.parse("""
            {"results":[{"index":0,"id":"a","status":201},{"index":1,"status":400,"error":"bad","field":"articles[1].text"},
                        {"index":2,"id":"c","status":409,"error":"differs","field":"title"}],"created":1,"existing":0,"failed":2}
            """))
        #expect(report.results.map(\.status) == [201, 400, 409])
        #expect(report.results.map(\.isStored) == [true, false, false])
        #expect(report.results[1] == BatchResult.Item(index: 1, id: nil, status: 400, error: "bad", field: "articles[1].text"))
        #expect((report.created, report.existing, report.failed) == (1, 0, 2))
    }

    @Test func healthNeedsItsVersion() throws {
        #expect(try ServiceHealth(json: Self.parse(#"{"status":"ok","version":"1.2.3"}"#)) == ServiceHealth(status: "ok", version: "1.2.3"))
        #expect(throws: WireFormatError("version is required", field: "version")) {
            try ServiceHealth(json: Self.parse(#"{"status":"ok"}"#))
        }
    }
}
