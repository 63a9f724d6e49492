import AttacheClient
import AttacheJSON
import Foundation
import Testing

/// HTTP/1.1 behaviour of the real server, over raw sockets where the client library would hide it.
@Suite("HTTP behaviour")
struct HTTPBehaviourTests {
    static let analyzeText = "Vladimir Putin met John Kerry in Moscow on Tuesday."

    static func analyzeRequest(_ text: String = analyzeText, extraHeaders: String = "") -> String {
        "POST /v1/analyze HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain; charset=utf-8\r\n\(extraHeaders)"
            + "Content-Length: \(text.utf8.count)\r\n\r\n\(text)"
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
            let first = try raw.readResponse()
            #expect(first.status == 200)
            #expect(first.header("Connection") == nil)
            try raw.send(Self.analyzeRequest())
            let second = try raw.readResponse()
            #expect(second.status == 200)
            #expect(((try? JSONReader.parse(second.body))?["entities"]?.arrayValue?.count ?? 0) >= 2)
            try raw.send("GET /ready HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            let third = try raw.readResponse()
            #expect(third.status == 200)
            #expect(third.header("Connection") == "close")
            #expect(raw.closedByPeer())
        }
    }

    @Test func clientReusesItsConnection() throws {
        // One connection allowed: a client that opened a new connection per request would be refused (503).
        try TestServer.with({ c in c.http.maxConnections = 1 }) { server in
            let client = server.client()
            for i in 0..<20 {
                let r = try client.get("/health")
                #expect(r.status == 200, "request \(i): \(r.text.prefix(200))")
            }
            let metrics = try client.get("/metrics").text
            #expect(metrics.contains(#"attache_http_requests_total{method="GET",route="/health",status="200"} 20"#))
            // The limit is real: while `client` holds its connection, a second client is turned away.
            let other = try server.client().get("/health")
            expectProblem(other, status: 503)
            #expect(try client.get("/health").status == 200)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try TestServer.with({ c in c.http.workerThreads = 4 }) { server in
            let raw = try server.connect()
            // The analysis runs on a worker, /health on the loop and the 404 on a worker again: the order of the
            // responses must still be the order of the requests.
            try raw.send(Self.analyzeRequest() + "GET /health HTTP/1.1\r\nHost: test\r\n\r\n"
                         + "GET /v1/nothing-here HTTP/1.1\r\nHost: test\r\n\r\n")
            let analysis = try raw.readResponse()
            #expect(analysis.status == 200)
            let names = AnalysisJSON.entityNames((try? JSONReader.parse(analysis.body)) ?? .null)
            #expect(names.contains("Vladimir Putin"), "entities: \(names)")
            let health = try raw.readResponse()
            #expect(health.status == 200)
            #expect((try? JSONReader.parse(health.body))?["status"]?.stringValue == "ok")
            let missing = try raw.readResponse()
            expectProblem(missing, status: 404)
        }
    }

    @Test func pipelinedRequestsStopAtAMalformedOne() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n" + "GET /health HTTP/9.9\r\nHost: test\r\n\r\n"
                         + "GET /ready HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try raw.readResponse().status == 200)
            let bad = try raw.readResponse()
            expectProblem(bad, status: bad.status == 505 ? 505 : 400)
            #expect(bad.header("Connection") == "close")
            #expect(raw.closedByPeer(), "nothing is answered after a request that could not be framed")
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() throws {
        try TestServer.with({ c in c.http.idleTimeout = 0.5 }) { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
            let r = try raw.readResponse()
            #expect(r.status == 200)
            #expect(r.header("Connection") == nil)
            let started = Date()
            #expect(raw.closedByPeer())
            #expect(raw.unread.isEmpty)
            #expect(Date().timeIntervalSince(started) >= 0.2, "not closed before the idle timeout")
        }
    }

    @Test func chunkedUploadIsReassembled() throws {
        try TestServer.with { server in
            let text = "Recep Tayyip Erdoğan met Emmanuel Macron in Paris on Tuesday."
            let bytes = Array(text.utf8)
            // Cut inside "ğ" (2 bytes at 18...19) so a chunk boundary splits a character.
            let cuts = [0, 7, 19, 40, bytes.count]
            var body: [UInt8] = []
            for (a, b) in zip(cuts, cuts.dropFirst()) {
                body += Array(String(b - a, radix: 16).utf8) + (a == 7 ? Array(";ext=1".utf8) : []) + [13, 10]
                body += bytes[a..<b] + [13, 10]
            }
            body += Array("0\r\n\r\n".utf8)
            let raw = try server.connect()
            try raw.send("POST /v1/analyze HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
            // In pieces, so the decoder sees partial chunk headers and data.
            for start in stride(from: 0, to: body.count, by: 9) {
                try raw.send(Array(body[start..<min(start + 9, body.count)]))
                usleep(2000)
            }
            let r = try raw.readResponse()
            #expect(r.status == 200, "\(r.text.prefix(300))")
            let analysis = (try? JSONReader.parse(r.body)) ?? .null
            #expect(analysis["article"]?["length"]?.intValue == Int64(text.unicodeScalars.count))
            #expect(AnalysisJSON.entity(named: "Emmanuel Macron", in: analysis) != nil)
            AnalyzeTests.expectMentionsMatch(analysis, text: text, title: nil)
            // The connection is still good for another request.
            try raw.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try raw.readResponse().status == 200)
        }
    }

    @Test func chunkedUploadOverTheLimitIs413() throws {
        try TestServer.with({ c in c.http.maxBodyBytes = 1000 }) { server in
            let raw = try server.connect()
            let chunk = String(repeating: "x", count: 600)
            try raw.send("POST /v1/analyze HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                         + "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n")
            expectProblem(try raw.readResponse(), status: 413)
            #expect(raw.closedByPeer())
        }
    }

    @Test func expectContinueInvitesTheBody() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            let text = Self.analyzeText
            try raw.send("POST /v1/analyze HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\n"
                         + "Content-Length: \(text.utf8.count)\r\n\r\n")
            let interim = try raw.readResponse()
            #expect(interim.status == 100)
            try raw.send(text)
            let final = try raw.readResponse()
            #expect(final.status == 200)
            #expect(AnalysisJSON.entityNames((try? JSONReader.parse(final.body)) ?? .null).contains("John Kerry"))
        }
    }

    @Test func expectContinueWithATooLargeBodyGetsTheRefusalInstead() throws {
        try TestServer.with({ c in c.http.maxBodyBytes = 1000 }) { server in
            let raw = try server.connect()
            try raw.send("POST /v1/analyze HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\n"
                         + "Content-Length: 5000\r\n\r\n")
            let r = try raw.readResponse()
            expectProblem(r, status: 413)
            #expect(raw.closedByPeer())
        }
    }

    @Test func headHealthHasHeadersButNoBody() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
            let get = try raw.readResponse()
            try raw.send("HEAD /health HTTP/1.1\r\nHost: test\r\n\r\n")
            let head = try raw.readResponse(bodyExpected: false)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == String(get.body.count))
            #expect(head.header("Content-Type") == "application/json")
            // No body bytes follow: the next response starts right after the HEAD's header section.
            try raw.send("GET /ready HTTP/1.1\r\nHost: test\r\n\r\n")
            let next = try raw.readResponse()
            #expect(next.status == 200)
            #expect((try? JSONReader.parse(next.body))?["status"]?.stringValue == "ready")
            // The client library agrees.
            let viaCurl = try server.client().request(method: "HEAD", path: "/health")
            #expect(viaCurl.status == 200)
            #expect(viaCurl.body.isEmpty)
            #expect(viaCurl.header("Content-Length") == String(get.body.count))
        }
    }

    @Test func http10RequestIsAnsweredThenClosed() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.0\r\n\r\n")
            let r = try raw.readResponse()
            #expect(r.status == 200)
            #expect((try? JSONReader.parse(r.body))?["status"]?.stringValue == "ok")
            #expect(r.header("Connection") == "close")
            #expect(raw.closedByPeer())
        }
    }

    @Test func http10KeepAliveIsHonoured() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try raw.readResponse()
            #expect(first.status == 200)
            #expect(first.header("Connection")?.lowercased() == "keep-alive")
            try raw.send("GET /health HTTP/1.0\r\n\r\n")
            #expect(try raw.readResponse().status == 200)
            #expect(raw.closedByPeer())
        }
    }

    @Test func slowHeaderTripsTheTimeoutWith408() throws {
        try TestServer.with({ c in c.http.headerReadTimeout = 0.5 }) { server in
            let raw = try server.connect()
            let started = Date()
            try raw.send("GET /hea")
            let r = try raw.readResponse()
            let elapsed = Date().timeIntervalSince(started)
            let body = expectProblem(r, status: 408)
            #expect(body["detail"]?.stringValue?.contains("0.5") == true)
            #expect(r.header("Connection") == "close")
            #expect(elapsed >= 0.45, "answered after \(elapsed) s")
            #expect(elapsed < 4, "answered after \(elapsed) s")
            #expect(raw.closedByPeer())
        }
    }

    @Test func slowBodyTripsTheTimeoutWith408() throws {
        try TestServer.with({ c in c.http.bodyReadTimeout = 0.5 }) { server in
            let raw = try server.connect()
            try raw.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\nVladimir")
            let r = try raw.readResponse()
            expectProblem(r, status: 408)
            #expect(r.header("Connection") == "close")
            #expect(raw.closedByPeer())
        }
    }

    @Test func manyPipelinedRequestsPastTheBufferLimitAreAllAnswered() throws {
        try TestServer.with({ c in c.http.maxPipelinedBytes = 1024 }) { server in
            let raw = try server.connect(timeout: 10)
            let count = 300
            var batch = ""
            for i in 0..<count { batch += "GET /v1/entities/e\(i) HTTP/1.1\r\nHost: t\r\n\r\n" }
            try raw.send(batch)  // ~13 kB, far past the 1 kB the server buffers while a response is outstanding
            for i in 0..<count {
                let r = try raw.readResponse()
                let detail = expectProblem(r, status: 404)["detail"]?.stringValue ?? ""
                #expect(detail.hasSuffix("e\(i)"), "response \(i) out of order: \(detail)")
                if r.status != 404 { break }
            }
            try raw.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try raw.readResponse().status == 200)
        }
    }

    @Test func shutdownClosesIdleConnectionsAndStopsListening() throws {
        let server = try TestServer { c in c.http.shutdownGracePeriod = 3 }
        let idle = try server.connect()
        try idle.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        let midRequest = try server.connect()
        try midRequest.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\nVlad")
        let started = Date()
        server.server.shutdown()
        #expect(idle.closedByPeer(), "an idle keep-alive connection closes at once")
        #expect(Date().timeIntervalSince(started) < 2, "well before the grace period ends")
        server.stop()  // waits
        let waited = Date().timeIntervalSince(started)
        #expect(waited < 6, "wait() took \(waited) s with a 3 s grace period")
        #expect(midRequest.closedByPeer(), "a request still arriving is cut at the grace deadline")
        #expect(throws: RawSocketError.self, "nothing listens after shutdown") { try RawConnection(port: server.port, timeout: 1) }
    }

    @Test func silentConnectionIsClosedWithoutAResponse() throws {
        try TestServer.with({ c in c.http.headerReadTimeout = 0.5 }) { server in
            let raw = try server.connect()
            #expect(raw.closedByPeer())
            #expect(raw.unread.isEmpty)
        }
    }

    @Test func contentLengthWithTransferEncodingIs400AndCloses() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            let text = Self.analyzeText
            try raw.send("POST /v1/analyze HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n"
                         + "Content-Length: \(text.utf8.count)\r\nTransfer-Encoding: chunked\r\n\r\n"
                         + "\(String(text.utf8.count, radix: 16))\r\n\(text)\r\n0\r\n\r\n")
            let r = try raw.readResponse()
            let body = expectProblem(r, status: 400)
            #expect(body["detail"]?.stringValue?.contains("Transfer-Encoding") == true)
            #expect(r.header("Connection") == "close")
            #expect(raw.closedByPeer())
        }
    }

    /// Requests whose framing is ambiguous or unsupported (RFC 9112 §6): refused and the connection closed,
    /// so no bytes of them can be taken for a next request.
    @Test(arguments: [
        ("CL and TE", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("TE and CL", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400),
        ("TE in HTTP/1.0", "POST /v1/analyze HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("chunked not last", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
        ("unknown coding", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("conflicting CLs", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400),
        ("signed CL", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Length: +3\r\n\r\n", 400),
        ("huge CL", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        ("two Hosts", "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("obs-fold", "GET /health HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n  continued\r\n\r\n", 400),
        ("space before colon", "GET /health HTTP/1.1\r\nHost : a\r\n\r\n", 400),
        ("bad chunk size", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400),
        ("unsupported Expect", "POST /v1/analyze HTTP/1.1\r\nHost: t\r\nExpect: magic\r\nContent-Length: 3\r\n\r\n", 417),
    ])
    func badFramingIsRefusedAndCloses(_ name: String, _ request: String, _ status: Int) throws {
        try TestServer.with { server in
            let raw = try server.connect()
            try raw.send(request + "GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            let r = try raw.readResponse()
            expectProblem(r, status: status)
            #expect(r.header("Connection") == "close", "\(name)")
            #expect(raw.closedByPeer(), "\(name): the request after it must not be answered")
        }
    }

    @Test func connectionCloseEndsPipelining() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET /ready HTTP/1.1\r\nHost: t\r\n\r\n")
            let r = try raw.readResponse()
            #expect(r.status == 200)
            #expect(r.header("Connection") == "close")
            #expect(raw.closedByPeer())
        }
    }

    @Test func missingHostIs400() throws {
        try TestServer.with { server in
            let raw = try server.connect()
            try raw.send("GET /health HTTP/1.1\r\n\r\n")
            expectProblem(try raw.readResponse(), status: 400)
            #expect(raw.closedByPeer())
        }
    }
}
