import Testing
@testable import AttacheHTTP

struct ChunkedCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable { case body(String), error(Int) }
    let name: String
    let raw: [UInt8]
    let outcome: Outcome
    var maxBody = 1 << 20
    var maxTrailer = 16 * 1024

    init(_ name: String, _ raw: String, _ outcome: Outcome, maxBody: Int = 1 << 20, maxTrailer: Int = 16 * 1024) {
        self.name = name
        self.raw = Array(raw.utf8)
        self.outcome = outcome
        self.maxBody = maxBody
        self.maxTrailer = maxTrailer
    }

    var testDescription: String { name }
}

let chunkedCases: [ChunkedCase] = [
    ChunkedCase("one chunk", "5\r\nhello\r\n0\r\n\r\n", .body("hello")),
    ChunkedCase("several chunks", "3\r\nabc\r\n4\r\ndefg\r\n1\r\nh\r\n0\r\n\r\n", .body("abcdefgh")),
    ChunkedCase("uppercase hex", "A\r\n0123456789\r\n0\r\n\r\n", .body("0123456789")),
    ChunkedCase("lowercase hex", "b\r\n0123456789a\r\n0\r\n\r\n", .body("0123456789a")),
    ChunkedCase("leading zeros", "005\r\nhello\r\n0000\r\n\r\n", .body("hello")),
    ChunkedCase("empty body", "0\r\n\r\n", .body("")),
    ChunkedCase("extension", "5;name=value\r\nhello\r\n0\r\n\r\n", .body("hello")),
    ChunkedCase("extension with BWS and quotes", "5 ; a = \"b;c\"\r\nhello\r\n0;last\r\n\r\n", .body("hello")),
    ChunkedCase("trailers", "5\r\nhello\r\n0\r\nX-Checksum: 1\r\nY: 2\r\n\r\n", .body("hello")),
    ChunkedCase("CRLF inside data", "4\r\n\r\n\r\n\r\n0\r\n\r\n", .body("\r\n\r\n")),
    ChunkedCase("body exactly at the limit", "4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n", .body("abcdefgh"), maxBody: 8),
    ChunkedCase("non-hex size", "g\r\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("negative size", "-5\r\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("empty size", "\r\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("extension without size", ";x\r\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("16 hex digits", "0000000000000005\r\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("huge size over the limit", "FFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n", .error(413)),
    ChunkedCase("total over the limit", "5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n", .error(413), maxBody: 8),
    ChunkedCase("missing CRLF after data", "5\r\nhelloX\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("data longer than size", "3\r\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("bare LF after size", "5\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("CR without LF after size", "5\rhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("bare LF after data", "5\r\nhello\n0\r\n\r\n", .error(400)),
    ChunkedCase("bare LF in extension", "5;x\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("control char in extension", "5;x\u{01}\r\nhello\r\n0\r\n\r\n", .error(400)),
    ChunkedCase("bare LF ending the trailers", "0\r\nX: 1\r\n\n", .error(400)),
    ChunkedCase("bare LF in trailer", "0\r\nX: 1\n\r\n", .error(400)),
    ChunkedCase("obs-fold in trailer", "0\r\nX: 1\r\n 2\r\n\r\n", .error(400)),
    ChunkedCase("bare CR at the end", "0\r\n\rX", .error(400)),
    ChunkedCase("trailers over the limit", "0\r\nX: " + String(repeating: "a", count: 100) + "\r\n\r\n", .error(431), maxTrailer: 64),
    ChunkedCase("extension over the line limit", "5;" + String(repeating: "a", count: 5000) + "\r\nhello\r\n0\r\n\r\n", .error(400)),
]

@Suite struct ChunkedDecoderTests {
    private func run(_ row: ChunkedCase, chunkSize: Int) -> (ChunkedDecoder.Result, [UInt8], consumedTotal: Int) {
        var decoder = ChunkedDecoder(maxBodyBytes: row.maxBody, maxTrailerBytes: row.maxTrailer)
        var body: [UInt8] = []
        var offset = 0
        let input = row.raw + Array("GET / HTTP/1.1\r\n".utf8)  // next request must stay unconsumed
        while offset < input.count {
            let end = min(input.count, offset + chunkSize)
            let result = decoder.decode(Array(input[offset..<end]), into: &body)
            switch result {
            case .incomplete:
                offset = end
            case .complete(let consumed):
                return (result, body, offset + consumed)
            case .invalid:
                return (result, body, offset)
            }
        }
        return (.incomplete, body, offset)
    }

    @Test(arguments: chunkedCases, [Int.max, 1, 3])
    func decode(_ row: ChunkedCase, chunkSize: Int) {
        let (result, body, consumed) = run(row, chunkSize: chunkSize)
        switch (result, row.outcome) {
        case (.complete, .body(let expected)):
            #expect(body == Array(expected.utf8))
            #expect(consumed == row.raw.count)
        case (.invalid(let error), .error(let status)):
            #expect(error.status == status, "\(error.detail)")
        default:
            Issue.record("got \(result)")
        }
    }

    @Test(arguments: chunkedCases.filter { if case .body = $0.outcome { true } else { false } })
    func everyTruncatedPrefixIsIncomplete(_ row: ChunkedCase) {
        for end in 0..<row.raw.count {
            var decoder = ChunkedDecoder(maxBodyBytes: row.maxBody)
            var body: [UInt8] = []
            let result = decoder.decode(Array(row.raw[..<end]), into: &body)
            #expect(result == .incomplete, "prefix \(end)")
        }
    }

    @Test func decodedBytesCountsData() {
        var decoder = ChunkedDecoder(maxBodyBytes: 100)
        var body: [UInt8] = []
        _ = decoder.decode(Array("3\r\nabc\r\n2\r\nde".utf8), into: &body)
        #expect(decoder.decodedBytes == 5)
        #expect(body == Array("abcde".utf8))
    }
}
