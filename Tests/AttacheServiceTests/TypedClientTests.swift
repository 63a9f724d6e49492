import AttacheClient
import AttacheHTTP
import AttacheModel
import Logging
import Testing

/// The client's typed calls: what the service answers comes back as model values, a problem as
/// `AttacheClientError.http`, and a 2xx body that is not the value expected as `.invalidResponse` naming the member.
@Suite struct TypedClientTests {
    static let talksID = "typed-talks"
    static let talks = ArticleInput(id: talksID, title: "Talks in Oslo",
                                    text: "Jonas Gahr Store met Antony Blinken in Oslo on Monday.",
                                    publishedAt: "2023-06-05", source: "typed")

    @Test func aBatchReportsEachItemAndTheCounts() throws {
        try TestServer.with { server in
            let client = server.client()
            let first = try client.ingestBatch([Self.talks, ArticleInput(text: "")])
            #expect(first.results.map(\.index) == [0, 1])
            #expect(first.results.map(\.status) == [201, 400])
            #expect(first.results[0].id == Self.talksID && first.results[0].isStored)
            #expect(first.results[1].id == nil && !first.results[1].isStored)
            #expect(first.results[1].field == "articles[1].text")
            #expect(first.results[1].error?.contains("must not be empty") == true)
            #expect((first.created, first.existing, first.failed) == (1, 0, 1))

            let again = try client.ingestBatch([Self.talks])
            #expect(again.results.map(\.status) == [200])
            #expect((again.created, again.existing, again.failed) == (0, 1, 0))
        }
    }

    @Test func aStoredArticleAndItsEntitiesReadBackTyped() throws {
        try TestServer.with { server in
            let client = server.client()
            let stored = try client.ingest(Self.talks)
            let record = try client.article(id: Self.talksID)
            #expect(record.analysis == stored.analysis)
            #expect((record.title, record.text, record.publishedAt, record.source) ==
                    (Self.talks.title, Self.talks.text, Self.talks.publishedAt, Self.talks.source))

            let listed = try client.articles(source: "typed")
            #expect(listed.items.map(\.id) == [Self.talksID] && listed.nextCursor == nil)
            #expect(listed.items.first?.contentHash == record.contentHash)

            let blinken = try #require(try client.entities(query: "blinken", type: "person").items.first)
            #expect(blinken.articleCount == 1 && blinken.firstSeen == "2023-06-05")
            let detail = try client.entity(id: blinken.id)
            #expect(detail.summary == blinken)
            #expect(detail.aliases.contains("Antony Blinken"), "aliases: \(detail.aliases)")
        }
    }

    @Test func aProblemIsTheTypedHTTPError() throws {
        try TestServer.with { server in
            let client = server.client()
            #expect {
                _ = try client.entity(id: "person-nobody-at-all")
            } throws: { error in
                guard case .http(404, let title, let detail)? = error as? AttacheClientError else { return false }
                return title == "Not Found" && detail?.contains("person-nobody-at-all") == true
            }
            #expect {
                _ = try client.entities(limit: 0)
            } throws: { error in
                guard case .http(400, _, let detail)? = error as? AttacheClientError else { return false }
                return detail?.contains("limit") == true
            }
        }
    }

    /// A server whose 200 answers lack members the model requires.
    struct WrongShapes: HTTPResponder {
        func respond(to request: HTTPRequest) -> HTTPResponse {
            let body = switch request.path {
            case "/health": #"{"status":"ok"}"#
            case "/v1/entities": #"{"items":[{"id":"person-x","name":"X"}]}"#
            default: #"{"id":"x"}"#
            }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        }
    }

    @Test func aBodyOfAnotherShapeIsAnInvalidResponseNamingTheMember() throws {
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoopThreads = 1
        configuration.workerThreads = 1
        let server = HTTPServer(configuration: configuration, responder: WrongShapes(),
                                logger: Logger(label: "attache.typed-client.test") { _ in SwiftLogNoOpLogHandler() })
        try server.start()
        defer {
            server.shutdown()
            server.wait()
        }
        let client = AttacheClient(baseURL: "http://127.0.0.1:\(server.port)", timeout: 10)
        func reason(_ call: () throws -> Void) -> String? {
            do { try call() } catch let AttacheClientError.invalidResponse(200, reason) { return reason } catch { return "\(error)" }
            return nil
        }
        #expect(reason { _ = try client.health() }?.contains("version is required") == true)
        #expect(reason { _ = try client.entities() }?.contains("items[0].type is required") == true)
        #expect(reason { _ = try client.entity(id: "x") }?.contains("type is required") == true)
        #expect(reason { _ = try client.article(id: "x") }?.contains("contentHash is required") == true)
        #expect(reason { _ = try client.ingestBatch([Self.talks]) }?.contains("created is required") == true)
        // The raw calls the CLI prints take any JSON.
        #expect(try client.healthJSON()["status"] == "ok")
    }
}
