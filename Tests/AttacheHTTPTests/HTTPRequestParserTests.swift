import Testing
@testable import AttacheHTTP

/// One row of the parser table: a raw head and what parsing it must give.
struct ParserCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable {
        case ok(method: String, target: String, headers: Int, framing: HTTPBodyFraming = .none, keepAlive: Bool = true)
        case error(Int)
    }

    let name: String
    let raw: [UInt8]
    let outcome: Outcome

    init(_ name: String, _ raw: String, _ outcome: Outcome) {
        self.name = name
        self.raw = Array(raw.utf8)
        self.outcome = outcome
    }

    init(_ name: String, bytes: [UInt8], _ outcome: Outcome) {
        self.name = name
        self.raw = bytes
        self.outcome = outcome
    }

    var testDescription: String { name }
    var isValid: Bool { if case .ok = outcome { true } else { false } }
}

let testLimits = HTTPParserLimits(maxHeadBytes: 16 * 1024, maxHeaderCount: 100, maxBodyBytes: 1 << 20)

let validCases: [ParserCase] = [
    ParserCase("simple GET", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", .ok(method: "GET", target: "/", headers: 1)),
    ParserCase("query", "GET /search?q=x&y=%20 HTTP/1.1\r\nHost: a\r\n\r\n", .ok(method: "GET", target: "/search?q=x&y=%20", headers: 1)),
    ParserCase("HTTP/1.0 without Host", "GET /a HTTP/1.0\r\n\r\n", .ok(method: "GET", target: "/a", headers: 0, keepAlive: false)),
    ParserCase("HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", .ok(method: "GET", target: "/", headers: 1)),
    ParserCase("POST with Content-Length", "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n",
               .ok(method: "POST", target: "/x", headers: 2, framing: .contentLength(5))),
    ParserCase("chunked", "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
               .ok(method: "POST", target: "/x", headers: 2, framing: .chunked)),
    ParserCase("chunked, mixed case", "POST /x HTTP/1.1\r\nHost: a\r\ntransfer-encoding: ChUnKeD\r\n\r\n",
               .ok(method: "POST", target: "/x", headers: 2, framing: .chunked)),
    ParserCase("chunked list with empty elements", "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , chunked\r\n\r\n",
               .ok(method: "POST", target: "/x", headers: 2, framing: .chunked)),
    ParserCase("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", .ok(method: "OPTIONS", target: "*", headers: 1)),
    ParserCase("leading empty lines", "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", .ok(method: "GET", target: "/", headers: 1)),
    ParserCase("OWS around value", "GET / HTTP/1.1\r\nHost:   a \t \r\n\r\n", .ok(method: "GET", target: "/", headers: 1)),
    ParserCase("empty value", "GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\n\r\n", .ok(method: "GET", target: "/", headers: 2)),
    ParserCase("duplicate fields kept", "GET / HTTP/1.1\r\nHost: a\r\nAccept: x\r\nAccept: y\r\n\r\n", .ok(method: "GET", target: "/", headers: 3)),
    ParserCase("obs-text in value", "GET / HTTP/1.1\r\nHost: a\r\nX-Name: café\r\n\r\n", .ok(method: "GET", target: "/", headers: 2)),
    ParserCase("tab inside value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\tb\r\n\r\n", .ok(method: "GET", target: "/", headers: 2)),
    ParserCase("Connection: close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
               .ok(method: "GET", target: "/", headers: 2, keepAlive: false)),
    ParserCase("Connection list with close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Close\r\n\r\n",
               .ok(method: "GET", target: "/", headers: 2, keepAlive: false)),
    ParserCase("Expect 100-continue", "PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n",
               .ok(method: "PUT", target: "/x", headers: 3, framing: .contentLength(3))),
    ParserCase("Content-Length 0", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", .ok(method: "POST", target: "/", headers: 2)),
    ParserCase("identical duplicate Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\nContent-Length: 7\r\n\r\n",
               .ok(method: "POST", target: "/", headers: 3, framing: .contentLength(7))),
    ParserCase("Content-Length leading zeros", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 007\r\n\r\n",
               .ok(method: "POST", target: "/", headers: 2, framing: .contentLength(7))),
    ParserCase("extension method", "PURGE /cache HTTP/1.1\r\nHost: a\r\n\r\n", .ok(method: "PURGE", target: "/cache", headers: 1)),
    ParserCase("lowercase method token", "get / HTTP/1.1\r\nHost: a\r\n\r\n", .ok(method: "get", target: "/", headers: 1)),
    ParserCase("HEAD", "HEAD /x HTTP/1.1\r\nHost: a\r\n\r\n", .ok(method: "HEAD", target: "/x", headers: 1)),
    ParserCase("all tchar in name", "GET / HTTP/1.1\r\nHost: a\r\nX-!#$%&'*+.^_`|~9: v\r\n\r\n", .ok(method: "GET", target: "/", headers: 2)),
    ParserCase("empty Host value", "GET / HTTP/1.1\r\nHost:\r\n\r\n", .ok(method: "GET", target: "/", headers: 1)),
    ParserCase("100 headers (the limit)",
               "GET / HTTP/1.1\r\nHost: a\r\n" + (1..<100).map { "X-\($0): v\r\n" }.joined() + "\r\n",
               .ok(method: "GET", target: "/", headers: 100)),
    ParserCase("long target", "GET /" + String(repeating: "a", count: 8000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
               .ok(method: "GET", target: "/" + String(repeating: "a", count: 8000), headers: 1)),
]

let invalidCases: [ParserCase] = [
    // Line endings
    ParserCase("bare LF everywhere", "GET / HTTP/1.1\nHost: a\n\n", .error(400)),
    ParserCase("bare LF ending a header", "GET / HTTP/1.1\r\nHost: a\n\r\n", .error(400)),
    ParserCase("bare LF ending the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", .error(400)),
    ParserCase("bare CR inside a header", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", .error(400)),
    ParserCase("bare CR in request line", "GET / HTTP/1.1\rHost: a\r\n\r\n", .error(400)),
    ParserCase("bare LF before request line", "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    // Header syntax
    ParserCase("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n", .error(400)),
    ParserCase("obs-fold with tab", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\tc\r\n\r\n", .error(400)),
    ParserCase("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", .error(400)),
    ParserCase("tab before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", .error(400)),
    ParserCase("no colon", "GET / HTTP/1.1\r\nHost: a\r\nJunk\r\n\r\n", .error(400)),
    ParserCase("empty name", "GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n", .error(400)),
    ParserCase("non-token name", "GET / HTTP/1.1\r\nHost: a\r\nX(y): v\r\n\r\n", .error(400)),
    ParserCase("NUL in value", bytes: Array("GET / HTTP/1.1\r\nHost: a\r\nX: a".utf8) + [0] + Array("b\r\n\r\n".utf8), .error(400)),
    ParserCase("control char in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n", .error(400)),
    ParserCase("DEL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7F}b\r\n\r\n", .error(400)),
    // Request line
    ParserCase("invalid method", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("empty method", " / HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("double space", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("space in target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("missing version", "GET /\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("trailing space after version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("HTTPS version", "GET / HTTPS/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("two-digit minor", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", .error(505)),
    ParserCase("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", .error(505)),
    ParserCase("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", .error(505)),
    ParserCase("control char in target", "GET /a\u{01} HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("DEL in target", "GET /a\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("non-ASCII target", "GET /café HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("fragment in target", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("absolute-form", "GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("authority-form", "CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("asterisk for GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", .error(400)),
    ParserCase("TLS handshake", bytes: [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03], .error(400)),
    // Host
    ParserCase("missing Host in HTTP/1.1", "GET / HTTP/1.1\r\nAccept: x\r\n\r\n", .error(400)),
    ParserCase("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .error(400)),
    // Smuggling: framing
    ParserCase("CL and TE", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", .error(400)),
    ParserCase("TE and CL", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", .error(400)),
    ParserCase("conflicting CL", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", .error(400)),
    ParserCase("CL list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n", .error(400)),
    ParserCase("CL plus sign", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", .error(400)),
    ParserCase("CL minus sign", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n", .error(400)),
    ParserCase("CL inner space", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n", .error(400)),
    ParserCase("CL hex", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", .error(400)),
    ParserCase("CL letters", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n", .error(400)),
    ParserCase("CL empty", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", .error(400)),
    ParserCase("CL overflow", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", .error(400)),
    ParserCase("CL over the body limit", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1048577\r\n\r\n", .error(413)),
    ParserCase("TE gzip only", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", .error(501)),
    ParserCase("TE gzip, chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .error(501)),
    ParserCase("TE chunked not last", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", .error(400)),
    ParserCase("TE chunked not last across fields",
               "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n", .error(400)),
    ParserCase("TE chunked twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", .error(400)),
    ParserCase("TE empty", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \r\n\r\n", .error(400)),
    ParserCase("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .error(400)),
    // Expectations and limits
    ParserCase("unknown expectation", "POST / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\nContent-Length: 1\r\n\r\n", .error(417)),
    ParserCase("101 headers", "GET / HTTP/1.1\r\nHost: a\r\n" + (1...100).map { "X-\($0): v\r\n" }.joined() + "\r\n", .error(431)),
    ParserCase("head over 16 KiB", "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 17000) + "\r\n\r\n", .error(431)),
    ParserCase("target over 16 KiB", "GET /" + String(repeating: "a", count: 17000) + " HTTP/1.1\r\nHost: a\r\n\r\n", .error(431)),
]

/// Parses `bytes` fed one byte at a time (each call sees the longer buffer and the previous
/// length), returning the first result that is not `.incomplete`.
func parseDripping(_ bytes: [UInt8]) -> (HTTPParseResult, steps: Int) {
    var previous = 0
    for end in 1...bytes.count {
        let result = HTTPRequestParser.parse(Array(bytes[..<end]), limits: testLimits, previousLength: previous)
        if case .incomplete = result {
            previous = end
            continue
        }
        return (result, end)
    }
    return (.incomplete, bytes.count)
}

func check(_ result: HTTPParseResult, _ row: ParserCase, sourceLocation: SourceLocation = #_sourceLocation) {
    switch (result, row.outcome) {
    case let (.complete(head, length), .ok(method, target, headers, framing, keepAlive)):
        #expect(head.method == method, sourceLocation: sourceLocation)
        #expect(head.target == target, sourceLocation: sourceLocation)
        #expect(head.headers.count == headers, sourceLocation: sourceLocation)
        #expect(head.framing == framing, sourceLocation: sourceLocation)
        #expect(head.keepAlive == keepAlive, sourceLocation: sourceLocation)
        #expect(length == row.raw.count, sourceLocation: sourceLocation)
    case let (.invalid(error), .error(status)):
        #expect(error.status == status, "\(error.detail)", sourceLocation: sourceLocation)
        #expect(!error.detail.isEmpty, sourceLocation: sourceLocation)
    default:
        Issue.record("\(row.name): got \(result)", sourceLocation: sourceLocation)
    }
}

@Suite struct HTTPRequestParserTests {
    @Test func tableHasEnoughRows() {
        #expect(validCases.count + invalidCases.count >= 60)
    }

    @Test(arguments: validCases + invalidCases)
    func wholeBuffer(_ row: ParserCase) {
        check(HTTPRequestParser.parse(row.raw, limits: testLimits), row)
    }

    @Test(arguments: validCases + invalidCases)
    func byteByByte(_ row: ParserCase) {
        let (result, _) = parseDripping(row.raw)
        check(result, row)
    }

    @Test(arguments: validCases)
    func everyTruncatedPrefixIsIncomplete(_ row: ParserCase) {
        for end in 0..<row.raw.count {
            let result = HTTPRequestParser.parse(Array(row.raw[..<end]), limits: testLimits)
            guard case .incomplete = result else {
                Issue.record("prefix of \(end) bytes gave \(result)")
                return
            }
        }
    }

    @Test(arguments: validCases)
    func splitAtEveryBoundary(_ row: ParserCase) {
        for split in 1..<row.raw.count {
            let first = HTTPRequestParser.parse(Array(row.raw[..<split]), limits: testLimits)
            guard case .incomplete = first else {
                Issue.record("first part of \(split) bytes gave \(first)")
                return
            }
            check(HTTPRequestParser.parse(row.raw, limits: testLimits, previousLength: split), row)
        }
    }

    @Test(arguments: validCases)
    func followingBytesAreNotConsumed(_ row: ParserCase) {
        let next = Array("GET /next HTTP/1.1\r\nHost: b\r\n\r\n".utf8)
        guard case .complete(_, let length) = HTTPRequestParser.parse(row.raw + next, limits: testLimits) else {
            Issue.record("did not complete")
            return
        }
        #expect(length == row.raw.count)
    }

    @Test func fieldsKeepOrderDuplicatesAndTrimmedValues() throws {
        let raw = "GET /p?a=1&b HTTP/1.1\r\nHost:  example.org \r\nAccept: x\r\nACCEPT: y\r\nX-Empty:\r\n\r\n"
        guard case .complete(let head, _) = HTTPRequestParser.parse(Array(raw.utf8)) else {
            Issue.record("did not complete")
            return
        }
        #expect(head.path == "/p")
        #expect(head.query == "a=1&b")
        #expect(head.version == .http11)
        #expect(head.headers["host"] == "example.org")
        #expect(head.headers.values("accept") == ["x", "y"])
        #expect(head.headers["x-empty"] == "")
        #expect(head.headers.map(\.name) == ["Host", "Accept", "ACCEPT", "X-Empty"])
    }

    @Test func expectContinueOnlyForHTTP11() {
        let http11 = HTTPRequestParser.parse(Array("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n".utf8))
        let http10 = HTTPRequestParser.parse(Array("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n".utf8))
        guard case .complete(let a, _) = http11, case .complete(let b, _) = http10 else {
            Issue.record("did not complete")
            return
        }
        #expect(a.expectsContinue)
        #expect(!b.expectsContinue)
    }

    @Test func errorDetailsAreUseful() {
        let limits = HTTPParserLimits(maxHeadBytes: 64, maxHeaderCount: 2, maxBodyBytes: 10)
        func detail(_ raw: String) -> String? {
            if case .invalid(let error) = HTTPRequestParser.parse(Array(raw.utf8), limits: limits) { return error.detail }
            return nil
        }
        #expect(detail("GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: 80)) == "header section exceeds 64 bytes")
        #expect(detail("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n") == "more than 2 header fields")
        #expect(detail("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n") == "body of 11 bytes exceeds the limit of 10 bytes")
        let smuggled = HTTPRequestParser.parse(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
        if case .invalid(let error) = smuggled {
            #expect(error.detail == "Content-Length and Transfer-Encoding both present")
        } else {
            Issue.record("accepted CL+TE")
        }
    }
}
