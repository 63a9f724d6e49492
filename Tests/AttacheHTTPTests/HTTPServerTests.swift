import Glibc
import Logging
import Testing
@testable import AttacheHTTP

/// Starts a real server on an ephemeral port with ``TestResponder``, runs `body`, then shuts
/// it down and waits for it.
func withServer(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                _ body: (HTTPServer) throws -> Void) throws {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.eventLoopThreads = 2
    configuration.workerThreads = 4
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, responder: TestResponder(),
                            logger: Logger(label: "attache.http.test") { _ in SwiftLogNoOpLogHandler() })
    try server.start()
    defer {
        server.shutdown()
        server.wait()
    }
    try body(server)
}

func expectProblem(_ response: TestClient.Response, status: Int, detailContains: String? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers["Content-Type"] == "application/problem+json", sourceLocation: sourceLocation)
    #expect(response.text.contains("\"status\":\(status)"), sourceLocation: sourceLocation)
    if let detailContains {
        #expect(response.text.contains(detailContains), "\(response.text)", sourceLocation: sourceLocation)
    }
}

@Suite struct HTTPServerTests {
    @Test func keepAliveReusesTheConnection() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            for i in 0..<3 {
                try client.send("GET /r\(i) HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.headers["X-Target"] == "/r\(i)")
                #expect(response.headers["Server"] == "attache")
                #expect(response.headers["Date"]?.hasSuffix(" GMT") == true)
                #expect(response.headers["Content-Length"] == "0")
                #expect(response.headers["Connection"] == nil)
                #expect(response.headers["X-Remote"] == "127.0.0.1")
            }
        }
    }

    @Test func pipelinedResponsesComeBackInOrder() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            // A slow worker request first, then a cheap one and an echo: order must hold.
            try client.send("GET /slow?ms=150 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /cheap HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /last HTTP/1.1\r\nHost: x\r\n\r\n")
            let targets = try (0..<4).map { _ in try client.readResponse() }
            #expect(targets.map { $0.headers["X-Target"] ?? "" } == ["/slow?ms=150", "/cheap", "/echo", "/last"])
            #expect(targets[2].text == "abc")
        }
    }

    @Test func contentLengthAndChunkedBodiesAreDelivered() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world")
            #expect(try client.readResponse().text == "hello world")
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            try client.send("5;ext=1\r\nhello\r\n")
            try client.send("6\r\n chunk\r\n0\r\nX-Trailer: ignored\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.text == "hello chunk")
            #expect(response.headers["X-Body-Length"] == "11")
        }
    }

    @Test func largeBodiesTravelBothWays() throws {
        try withServer({ $0.maxBodyBytes = 8 << 20 }) { server in
            let client = try TestClient(port: server.port)
            let payload = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(payload.count)\r\n\r\n")
            try client.send(payload)
            let response = try client.readResponse()
            #expect(response.body.count == payload.count)
            #expect(response.body == payload)
            try client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().headers["X-Target"] == "/next")
        }
    }

    @Test func expectContinueInvitesTheBody() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("PUT /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("data")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "data")
        }
    }

    @Test func expectContinueWithTooLargeBodyIs413WithoutContinue() throws {
        try withServer({ $0.maxBodyBytes = 10 }) { server in
            let client = try TestClient(port: server.port)
            try client.send("PUT /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
            expectProblem(try client.readResponse(), status: 413, detailContains: "exceeds the limit of 10 bytes")
            #expect(client.isClosedByServer())
        }
    }

    @Test func unknownExpectationIs417() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("PUT /echo HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 1\r\n\r\n")
            expectProblem(try client.readResponse(), status: 417)
        }
    }

    @Test func headHasTheGETContentLengthButNoBody() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("HEAD /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            let head = try client.readResponse(bodyless: true)
            #expect(head.status == 200)
            #expect(head.headers["Content-Length"] == "5")
            #expect(head.headers["X-Method"] == "GET")
            // The next response must start right where the HEAD headers ended.
            try client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            let next = try client.readResponse()
            #expect(next.headers["X-Target"] == "/after")
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        try withServer { server in
            let plain = try TestClient(port: server.port)
            try plain.send("GET /a HTTP/1.0\r\n\r\n")
            let first = try plain.readResponse()
            #expect(first.status == 200)
            #expect(first.headers["X-Version"] == "1.0")
            #expect(first.headers["Connection"] == "close")
            #expect(plain.isClosedByServer())

            let persistent = try TestClient(port: server.port)
            for _ in 0..<2 {
                try persistent.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try persistent.readResponse()
                #expect(response.headers["Connection"] == "keep-alive")
            }
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.headers["Connection"] == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func largeContentLengthIs413BeforeTheBodyIsSent() throws {
        try withServer({ $0.maxBodyBytes = 1000 }) { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n")
            expectProblem(try client.readResponse(), status: 413, detailContains: "1000000")
            #expect(client.isClosedByServer())
        }
    }

    @Test func perRouteBodyLimitIs413BeforeTheBodyIsRead() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\nExpect: 100-continue\r\n\r\n")
            expectProblem(try client.readResponse(), status: 413, detailContains: "limit of 16 bytes")
            #expect(client.isClosedByServer())
            let chunked = try TestClient(port: server.port)
            try chunked.send("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n1\r\nx\r\n0\r\n\r\n")
            expectProblem(try chunked.readResponse(), status: 413)
            let fits = try TestClient(port: server.port)
            try fits.send("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 16\r\n\r\n0123456789abcdef")
            #expect(try fits.readResponse().status == 200)
        }
    }

    @Test func chunkedBodyOverTheLimitIs413() throws {
        try withServer({ $0.maxBodyBytes = 8 }) { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n")
            expectProblem(try client.readResponse(), status: 413)
        }
    }

    @Test func hugeHeadersAre431() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 20000) + "\r\n\r\n")
            expectProblem(try client.readResponse(), status: 431, detailContains: "header section exceeds 16384 bytes")
            #expect(client.isClosedByServer())
        }
    }

    @Test func tooManyHeadersAre431() throws {
        try withServer({ $0.maxHeaderCount = 10 }) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n" + (0..<10).map { "X-\($0): v\r\n" }.joined() + "\r\n")
            expectProblem(try client.readResponse(), status: 431, detailContains: "more than 10 header fields")
        }
    }

    @Test(arguments: [
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -4\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n", 400),
        ("GET / HTTP/1.1\nHost: x\n\n", 400),
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505),
    ])
    func smugglingAttemptsAreRefusedAndClosed(raw: String, status: Int) throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send(raw + "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            expectProblem(response, status: status)
            #expect(response.headers["Connection"] == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func slowHeadersGet408() throws {
        try withServer({ $0.headerReadTimeout = 0.3 }) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n")
            let started = Sys.monotonicNanos()
            expectProblem(try client.readResponse(), status: 408, detailContains: "0.3 s")
            let elapsed = Double(Sys.monotonicNanos() - started) / 1e9
            #expect(elapsed >= 0.25 && elapsed < 3)
            #expect(client.isClosedByServer())
        }
    }

    @Test func idleConnectionsAreClosedSilently() throws {
        try withServer({ $0.idleTimeout = 0.3 }) { server in
            let client = try TestClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(client.isClosedByServer())
        }
    }

    @Test func connectionsPastTheLimitGet503() throws {
        try withServer({ $0.maxConnections = 2 }) { server in
            let first = try TestClient(port: server.port)
            let second = try TestClient(port: server.port)
            for client in [first, second] {
                try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            let third = try TestClient(port: server.port)
            try third.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            expectProblem(try third.readResponse(), status: 503, detailContains: "limit of 2 connections")
            #expect(third.isClosedByServer())
            // The admitted connections still work.
            try first.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().headers["X-Target"] == "/again")
        }
    }

    @Test func gracefulShutdownFinishesInFlightRequests() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.eventLoopThreads = 2
        configuration.workerThreads = 2
        let server = HTTPServer(configuration: configuration, responder: TestResponder(),
                                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try server.start()
        let busy = try TestClient(port: server.port)
        let idle = try TestClient(port: server.port)
        try idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try idle.readResponse()
        try busy.send("GET /slow?ms=400 HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(100_000)
        server.shutdown()
        server.shutdown()  // idempotent
        let response = try busy.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "slow")
        #expect(response.headers["Connection"] == "close")
        #expect(busy.isClosedByServer())
        #expect(idle.isClosedByServer())
        server.wait()
        #expect(throws: (any Error).self) { try TestClient(port: server.port) }
    }

    @Test func gracePeriodBoundsShutdown() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.eventLoopThreads = 1
        configuration.workerThreads = 1
        configuration.shutdownGracePeriod = 0.2
        let server = HTTPServer(configuration: configuration, responder: TestResponder(),
                                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try server.start()
        let client = try TestClient(port: server.port)
        try client.send("GET /slow?ms=1500 HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)
        let started = Sys.monotonicNanos()
        server.shutdown()
        #expect(client.isClosedByServer())  // closed at the grace deadline, unanswered
        let closedAfter = Double(Sys.monotonicNanos() - started) / 1e9
        #expect(closedAfter < 1.2)
        server.wait()
    }

    @Test func manyIdleConnectionsDoNotStarveNewRequests() throws {
        try withServer { server in
            let idle = try (0..<500).map { _ in try TestClient(port: server.port) }
            // Half of them have sent a partial head; all of them hold a server socket.
            for client in idle.prefix(250) { try client.send("GET / HTTP/1.1\r\n") }
            let client = try TestClient(port: server.port)
            try client.send("GET /still-here HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().headers["X-Target"] == "/still-here")
            try idle[499].send("GET /idle HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try idle[499].readResponse().headers["X-Target"] == "/idle")
        }
    }

    @Test func startTwiceThrowsAndWaitWithoutStartReturns() throws {
        let server = HTTPServer(configuration: { var c = HTTPServerConfiguration(); c.port = 0; return c }(),
                                responder: TestResponder(), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        server.wait()
        server.shutdown()
        #expect(throws: (any Error).self) { try server.start() }
    }

    @Test func bindingABusyPortThrows() throws {
        try withServer { server in
            var configuration = HTTPServerConfiguration()
            configuration.port = server.port
            configuration.eventLoopThreads = 1
            let other = HTTPServer(configuration: configuration, responder: TestResponder(),
                                   logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            #expect(throws: SocketError.self) { try other.start() }
        }
    }
}
