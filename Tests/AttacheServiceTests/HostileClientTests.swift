import Foundation
import AttacheService
import Glibc
import Testing

/// The hostile-client battery (issue 7): real sockets against the real service running in this
/// process. After every attack the server must answer a valid `GET /health` and `POST
/// /v1/analyze`; after the big ones its resident memory (this process's VmRSS) must come back
/// within `rssTolerance` of the baseline taken after warm-up.
///
/// Serialized so that RSS samples see one attack at a time (other suites may still run
/// alongside, hence the tolerance); each test starts its own server with short timeouts.
@Suite(.serialized) struct HostileClientTests {
    /// RSS allowed above the warmed-up baseline after an attack, bytes. The attacks below would
    /// pin 100 MB (the declared body), ~64 MB (1,000 connections × 64 KiB) or more if they leaked.
    static let rssTolerance = 40 << 20

    static let article = """
        MOSCOW (AFP) - U.S. Secretary of State John Kerry met Russian President Vladimir Putin in the Kremlin \
        on Tuesday to narrow differences over Syria ahead of talks in New York on Friday, officials said. \
        Foreign Minister Sergei Lavrov told reporters that Russia and the United States agreed on the need \
        to fight the Islamic State group. UN envoy Staffan de Mistura will travel to Geneva next week.
        """

    static func start(_ configure: (inout ServiceConfiguration) -> Void = { _ in }) throws -> HostileServer {
        let server = try HostileServer { config in
            config.http.headerReadTimeout = 1
            config.http.bodyReadTimeout = 1
            config.http.lingerTimeout = 0.5
            configure(&config)
        }
        try server.checkHealthy()  // warm-up: lazy state, worker threads, SQLite
        try server.checkHealthy()
        return server
    }

    static func analyzeRequest(_ body: [UInt8], contentType: String = "application/json") -> [UInt8] {
        Array("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    static func jsonArticle(_ text: String) -> [UInt8] {
        var w = JSONWriterShim()
        w.append("{\"text\":")
        w.string(text)
        w.append("}")
        return w.bytes
    }

    // MARK: Slow and incomplete heads

    /// One byte every 200 ms with a 1 s header timeout: 408 long before the head is complete,
    /// and the server keeps answering others meanwhile.
    @Test func slowlorisGets408AndOthersAreServedMeanwhile() throws {
        let server = try Self.start()
        defer { server.stop() }
        let slow = try server.connect(timeout: 5)
        let request = Array("GET /health HTTP/1.1\r\nHost: slowloris.example\r\nUser-Agent: drip\r\n\r\n".utf8)
        let t0 = Date()
        var sent = 0
        var servedMeanwhile = false
        while sent < request.count {
            do { try slow.send([request[sent]]) } catch { break }  // the server may have closed already
            sent += 1
            if sent == 3 { servedMeanwhile = try server.checkHealthy() < 1 }
            usleep(200_000)
            if Date().timeIntervalSince(t0) > 4 { break }
        }
        let response = try slow.readResponse()
        let elapsed = Date().timeIntervalSince(t0)
        #expect(response.status == 408)
        #expect(sent < request.count, "the whole head was accepted at one byte per 200 ms")
        #expect(elapsed < 3.5, "408 took \(elapsed) s with a 1 s header timeout")
        #expect(slow.closesWithin(3))
        #expect(servedMeanwhile)
        try server.checkHealthy()
    }

    /// Header lines forever: 431 once the head passes 16 KiB, then close. Also one endless line.
    @Test(arguments: ["X-Filler: 0123456789abcdef0123456789abcdef\r\n", "a"])
    func headersWithoutEndAre431(_ unit: String) throws {
        let server = try Self.start()
        defer { server.stop() }
        let s = try server.connect()
        try s.send("GET /health HTTP/1.1\r\nHost: t\r\n" + (unit == "a" ? "X-Long: " : ""))
        let chunk = Array(String(repeating: unit, count: 4096 / unit.utf8.count).utf8)
        var sentBytes = 0
        while sentBytes < 1 << 20 {
            do { try s.send(chunk) } catch { break }
            sentBytes += chunk.count
            if sentBytes >= 64 << 10 { break }  // 4 × the limit; the answer must already be there
        }
        let response = try s.readResponse()
        #expect(response.status == 431)
        #expect(s.closesWithin(3))
        try server.checkHealthy()
    }

    // MARK: Bodies

    /// A body shorter than Content-Length, then FIN: the server closes without answering the
    /// half request and without crashing; the same with the connection kept open gets 408.
    @Test func bodyShorterThanContentLength() throws {
        let server = try Self.start()
        defer { server.stop() }
        let closing = try server.connect()
        try closing.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\":\"Kerry")
        closing.shutdownWrite()
        #expect(closing.closesWithin(3))
        #expect(closing.unread.isEmpty, "answered a request whose body never arrived: \(String(decoding: closing.unread, as: UTF8.self))")

        let waiting = try server.connect()
        try waiting.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\":\"Kerry")
        let t0 = Date()
        let response = try waiting.readResponse()
        #expect(response.status == 408)
        #expect(Date().timeIntervalSince(t0) < 3)
        try server.checkHealthy()
    }

    /// 100 MB declared, only the head sent: 413 at once (the body is never read), also with
    /// `Expect: 100-continue` (no 100 Continue first). Memory does not move.
    @Test(arguments: [false, true])
    func hundredMegabyteBodyIs413BeforeItIsRead(expectContinue: Bool) throws {
        let server = try Self.start()
        defer { server.stop() }
        let baseline = ResidentMemory.bytes()
        let s = try server.connect(timeout: 2)
        let t0 = Date()
        try s.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                   + (expectContinue ? "Expect: 100-continue\r\n" : "") + "Content-Length: 104857600\r\n\r\n")
        let response = try s.readResponse()
        let elapsed = Date().timeIntervalSince(t0)
        #expect(response.status == 413)
        #expect(elapsed < 0.5, "413 took \(elapsed) s")
        #expect(response.text.contains("104857600"))
        // Start sending the body anyway: the server drains briefly, then closes.
        let megabyte = [UInt8](repeating: 0x41, count: 1 << 20)
        var sent = 0
        for _ in 0..<100 {
            do { try s.send(megabyte) } catch { break }
            sent += 1
        }
        #expect(sent < 100, "the server accepted the whole 100 MB body")
        try server.checkHealthy()
        let rss = ResidentMemory.settle(to: baseline, tolerance: Self.rssTolerance)
        #expect(rss <= baseline + Self.rssTolerance, "RSS \(rss >> 20) MB after, \(baseline >> 20) MB before")
    }

    /// Chunk sizes beyond 15 hex digits are 400; sizes past the body limit are 413 before any
    /// chunk data is sent.
    @Test(arguments: [
        ("10000000000000000", 400),  // 17 digits: would overflow a 64-bit size
        ("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 400),
        ("7FFFFFFFFFFFFFF", 413),  // 15 digits, 2^59
        ("FFFFFFFF", 413),  // 4 GiB
        ("2000001", 413),  // 32 MiB + 1: just over the HTTP limit
    ])
    func oversizedChunkSizes(_ size: String, _ status: Int) throws {
        let server = try Self.start()
        defer { server.stop() }
        let s = try server.connect(timeout: 3)
        try s.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\n")
        let response = try s.readResponse()
        #expect(response.status == status)
        #expect(s.closesWithin(3))
        try server.checkHealthy()
    }

    // MARK: Bytes that do not belong

    /// NUL and non-ASCII bytes in the request line and header section: 400 and close. obs-text
    /// (bytes ≥ 0x80) in a header value is allowed by RFC 9110 §5.5 and is served.
    @Test(arguments: [
        ("GET /hea\u{0}lth HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET\u{0} /health HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /health HTTP/1.1\u{0}\r\nHost: t\r\n\r\n", 400),
        ("GET /health HTTP/1.1\r\nHost: t\r\nX-Nul: a\u{0}b\r\n\r\n", 400),
        ("GET /health HTTP/1.1\r\nHost: t\r\nX-N\u{0}ul: ab\r\n\r\n", 400),
        ("GET /health HTTP/1.1\r\n\u{0}\r\nHost: t\r\n\r\n", 400),
        ("GET /café HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GÉT /health HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /health HTTP/1.1\r\nHost: t\r\nX-Name: Tuđman\r\n\r\n", 200),
    ])
    func controlAndNonASCIIBytesInTheHead(_ request: String, _ status: Int) throws {
        let server = try Self.start()
        defer { server.stop() }
        let s = try server.connect(timeout: 3)
        try s.send(request)
        let response = try s.readResponse()
        #expect(response.status == status)
        if status == 400 { #expect(s.closesWithin(3)) }
        try server.checkHealthy()
    }

    /// Raw non-UTF-8 bytes in the request line (not just non-ASCII): 400.
    @Test func invalidUTF8InTheRequestLineIs400() throws {
        let server = try Self.start()
        defer { server.stop() }
        let s = try server.connect(timeout: 3)
        try s.send(Array("GET /".utf8) + [0xFF, 0xC0, 0xAF] + Array(" HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(try s.readResponse().status == 400)
        try server.checkHealthy()
    }

    /// Invalid UTF-8 inside JSON strings (bad bytes, overlong, encoded surrogate, past U+10FFFF,
    /// truncated) is 400 naming the field; never a 500, never a crash.
    @Test(arguments: [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    ] as [[UInt8]])
    func invalidUTF8InJSONStringsIs400(_ bad: [UInt8]) throws {
        let server = try Self.start()
        defer { server.stop() }
        let body = Array(#"{"text":"Kerry met "#.utf8) + bad + Array(#" Putin in Moscow."}"#.utf8)
        let s = try server.connect()
        try s.send(Self.analyzeRequest(body))
        let response = try s.readResponse()
        #expect(response.status == 400)
        #expect(response.text.contains("UTF-8"))
        #expect(response.text.contains("\"field\":\"text\""))
        // The same bytes in a key and in text/plain.
        try s.send(Self.analyzeRequest(Array(#"{"te"#.utf8) + bad + Array(#"xt":"Kerry"}"#.utf8)))
        #expect(try s.readResponse().status == 400)
        try s.send(Self.analyzeRequest(Array("Kerry met ".utf8) + bad, contentType: "text/plain"))
        #expect(try s.readResponse().status == 400)
        try server.checkHealthy()
    }

    /// 10,000 levels of nesting (bare, and under a member) are 400, not a stack overflow; the
    /// batch endpoint too.
    @Test(arguments: ["/v1/analyze", "/v1/articles:batch"])
    func deeplyNestedJSONIs400(_ path: String) throws {
        let server = try Self.start()
        defer { server.stop() }
        let baseline = ResidentMemory.bytes()
        let depth = 10_000
        let bare = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        let member = Array(#"{"text":"Kerry met Putin.","articles":"#.utf8) + bare + [UInt8(ascii: "}")]
        let objects = [UInt8](String(repeating: #"{"a":"#, count: depth).utf8) + Array("1".utf8)
            + [UInt8](repeating: UInt8(ascii: "}"), count: depth)
        for body in [bare, member, objects] {
            let s = try server.connect()
            try s.send(Array("POST \(path) HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
            let response = try s.readResponse()
            #expect(response.status == 400)
            #expect(response.text.contains("nest") || response.text.contains("deep"), "\(response.text.prefix(300))")
        }
        try server.checkHealthy()
        let rss = ResidentMemory.settle(to: baseline, tolerance: Self.rssTolerance)
        #expect(rss <= baseline + Self.rssTolerance, "RSS \(rss >> 20) MB after, \(baseline >> 20) MB before")
    }

    // MARK: Resets

    /// RST in the middle of a head, of a body, and while a response (200 pipelined analyses of an
    /// article, about a megabyte of JSON, into a 4 KiB receive window) is being written: the
    /// server drops the connection and goes on.
    @Test func connectionResetMidRequestAndMidResponse() throws {
        let server = try Self.start()
        defer { server.stop() }
        let baseline = ResidentMemory.bytes()
        for _ in 0..<20 {
            let head = try server.connect()
            try head.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-")
            head.reset()
            let body = try server.connect()
            try body.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"text\":\"")
            body.reset()
        }
        let request = Self.analyzeRequest(Self.jsonArticle(Self.article))
        for readFirst in [false, true] {
            // A 4 KiB receive buffer: the server's writes stall, so the RST lands mid-response.
            let s = try server.connect(receiveBuffer: 4096)
            try s.send(Array([[UInt8]](repeating: request, count: 200).joined()))
            if readFirst { #expect(try s.readResponse().status == 200) }  // then reset while the rest is written
            usleep(300_000)
            s.reset()
        }
        try server.checkHealthy()
        let rss = ResidentMemory.settle(to: baseline, tolerance: Self.rssTolerance)
        #expect(rss <= baseline + Self.rssTolerance, "RSS \(rss >> 20) MB after, \(baseline >> 20) MB before")
    }

    // MARK: Volume

    /// 10,000 pipelined requests on one connection, written by one thread while another reads:
    /// every one answered, in order (odd requests name their path, which the 404 echoes).
    @Test func tenThousandPipelinedRequestsAreAnsweredInOrder() throws {
        let server = try Self.start()
        defer { server.stop() }
        let baseline = ResidentMemory.bytes()
        let count = 10_000
        let s = try server.connect(timeout: 20)
        var all: [UInt8] = []
        for i in 0..<count {
            let path = i % 2 == 0 ? "/health" : "/v1/nothing-\(i)"
            all += Array("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
        }
        let writer = Thread { [all] in
            try? s.send(all)
        }
        writer.start()
        var answered = 0
        var outOfOrder: [Int] = []
        for i in 0..<count {
            let response = try s.readResponse()
            if i % 2 == 0 {
                if response.status != 200 { outOfOrder.append(i) }
            } else if response.status != 404 || !response.text.contains("/v1/nothing-\(i)\"") && !response.text.contains("/v1/nothing-\(i) ") {
                outOfOrder.append(i)
            }
            answered += 1
        }
        #expect(answered == count)
        #expect(outOfOrder.isEmpty, "wrong or out-of-order answers at \(outOfOrder.prefix(10))")
        try server.checkHealthy()
        let rss = ResidentMemory.settle(to: baseline, tolerance: Self.rssTolerance)
        #expect(rss <= baseline + Self.rssTolerance, "RSS \(rss >> 20) MB after, \(baseline >> 20) MB before")
    }

    /// 1,000 connections opened (silent, half a head, a whole request left unread) and dropped
    /// (half FIN, half RST), twice, with the connection limit just above 1,000: if slots leaked,
    /// the second round would get 503s.
    @Test func thousandConnectionsOpenedAndDropped() throws {
        let server = try Self.start { $0.http.maxConnections = 1_050 }
        defer { server.stop() }
        let baseline = ResidentMemory.bytes()
        for round in 0..<2 {
            var sockets: [HostileSocket] = []
            sockets.reserveCapacity(1000)
            for i in 0..<1000 {
                let s = try server.connect(timeout: 5)
                switch i % 3 {
                case 0: break
                case 1: try s.send("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Le")
                default: try s.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
                }
                sockets.append(s)
            }
            // Every connection is live: one of them still gets its answer.
            let last = sockets[998]
            let answer = try last.readResponse()
            #expect(answer.status == 200, "round \(round): \(answer.status) \(answer.text.prefix(200))")
            for (i, s) in sockets.enumerated() {
                if i % 2 == 0 { s.reset() } else { s.close() }
            }
            sockets.removeAll()
            usleep(300_000)
            try server.checkHealthy()
        }
        let rss = ResidentMemory.settle(to: baseline, tolerance: Self.rssTolerance)
        #expect(rss <= baseline + Self.rssTolerance, "RSS \(rss >> 20) MB after, \(baseline >> 20) MB before")
    }
}

/// A minimal JSON string escaper for request bodies (the test target does not depend on
/// AttacheJSON directly).
struct JSONWriterShim {
    var bytes: [UInt8] = []
    mutating func append(_ s: String) { bytes += Array(s.utf8) }
    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): bytes += Array("\\\\".utf8)
            case 0..<0x20: bytes += Array(String(format: "\\u%04x", b).utf8)
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
