import AttacheClient
import AttacheModel
import AttacheService
import Testing

@Suite("Health, readiness and metrics")
struct HealthTests {
    @Test func healthAnswersOkWithTheVersion() throws {
        try TestServer.with { server in
            let r = try server.client().get("/health")
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "application/json")
            let body = r.jsonBody()
            #expect(body["status"]?.stringValue == "ok")
            #expect(body["version"]?.stringValue == AttacheInfo.version)
            #expect(r.header("Server") == "attache")
            #expect(r.header("Date") != nil)
            #expect(try server.client().health() == ServiceHealth(status: "ok", version: AttacheInfo.version))
        }
    }

    @Test func readyReportsTheStoreAndTheKnowledgeBase() throws {
        try TestServer.with { server in
            let r = try server.client().ready()
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "application/json")
            let body = r.jsonBody()
            #expect(body["status"]?.stringValue == "ready")
            #expect(body["store"]?.stringValue == "ok")
            #expect((body["knowledgeBaseEntities"]?.intValue ?? 0) > 0)
        }
    }

    @Test func storeEndpointsWithoutAStoreAnswer503() throws {
        try TestServer.with(store: false) { server in
            let client = server.client()
            let ready = try client.ready()
            #expect(ready.status == 200)
            #expect(ready.jsonBody()["store"]?.stringValue == "none")
            let r = try client.post("/v1/articles", json: #"{"text":"Vladimir Putin spoke."}"#)
            expectProblem(r, status: 503)
            #expect(r.header("Retry-After") != nil)
            // Analysis needs no store.
            #expect(try client.post("/v1/analyze", json: #"{"text":"Vladimir Putin spoke."}"#).status == 200)
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() throws {
        try TestServer.with { server in
            let client = server.client()
            #expect(try client.get("/health").status == 200)
            #expect(try client.get("/nowhere").status == 404)
            let analyzed = try client.post("/v1/analyze", Array("Vladimir Putin met John Kerry in Moscow.".utf8), contentType: "text/plain")
            #expect(analyzed.status == 200)
            let r = try client.get("/metrics")
            #expect(r.status == 200)
            #expect(r.header("Content-Type")?.hasPrefix("text/plain") == true)
            let text = r.text
            #expect(text.contains("# TYPE attache_http_requests_total counter"))
            #expect(text.contains(#"attache_http_requests_total{method="GET",route="/health",status="200"} 1"#))
            #expect(text.contains(#"attache_http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
            #expect(text.contains(#"attache_http_requests_total{method="POST",route="/v1/analyze",status="200"} 1"#))
            #expect(text.contains("attache_analysis_duration_seconds_count 1"))
            #expect(text.contains("attache_articles_stored 0"))
        }
    }
}
