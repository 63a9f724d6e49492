import Testing
@testable import AttacheHTTP

@Suite struct HTTPResponseTests {
    private func wire(_ response: HTTPResponse, omitBody: Bool = false, keepAlive: Bool = true, http10: Bool = false) -> String {
        var out: [UInt8] = []
        _ = response.serialize(into: &out, date: Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8),
                               omitBody: omitBody, keepAlive: keepAlive, http10KeepAlive: http10)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func problemDetailsAreRFC9457JSON() {
        let response = HTTPResponse.problem(status: 404, detail: "no \"such\" thing\n", extra: [("instance", "/x")])
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(String(decoding: response.body, as: UTF8.self)
            == #"{"type":"about:blank","title":"Not Found","status":404,"detail":"no \"such\" thing\n","instance":"/x"}"#)
        let titled = HTTPResponse.problem(status: 422, title: "Bad input", detail: "x\u{01}")
        #expect(String(decoding: titled.body, as: UTF8.self).contains(#""title":"Bad input""#))
        #expect(String(decoding: titled.body, as: UTF8.self).contains(#""detail":"x\u0001""#))
    }

    @Test func serializationFramesTheResponse() {
        let text = wire(HTTPResponse(status: 201, headers: ["Content-Type": "text/plain", "Content-Length": "999"], body: Array("hi".utf8)))
        #expect(text == "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nServer: attache\r\n"
            + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 2\r\n\r\nhi")
    }

    @Test func headKeepsContentLengthWithoutBody() {
        let text = wire(HTTPResponse(status: 200, body: Array("hello".utf8)), omitBody: true)
        #expect(text.hasSuffix("Content-Length: 5\r\n\r\n"))
    }

    @Test func noContentAndNotModifiedCarryNoLengthOrBody() {
        #expect(!wire(HTTPResponse(status: 204, body: [1, 2])).contains("Content-Length"))
        #expect(wire(HTTPResponse(status: 204, body: Array("xy".utf8))).hasSuffix("\r\n\r\n"))
        #expect(!wire(HTTPResponse(status: 304)).contains("Content-Length"))
    }

    @Test func connectionHeaders() {
        #expect(wire(HTTPResponse(status: 200), keepAlive: false).contains("Connection: close\r\n"))
        #expect(wire(HTTPResponse(status: 200), http10: true).contains("Connection: keep-alive\r\n"))
        var out: [UInt8] = []
        let keeps = HTTPResponse(status: 200, headers: ["Connection": "close"]).serialize(
            into: &out, date: [], omitBody: false, keepAlive: true, http10KeepAlive: false)
        #expect(!keeps)
        #expect(String(decoding: out, as: UTF8.self).contains("Connection: close\r\n"))
    }

    @Test func responderHeadersCannotSplitTheResponse() {
        let text = wire(HTTPResponse(status: 200, headers: ["X-Evil": "a\r\nSet-Cookie: b", "Bad Name": "v"]))
        #expect(text.contains("X-Evil: a  Set-Cookie: b\r\n"))
        #expect(!text.contains("Bad Name"))
    }

    @Test func outOfRangeStatusBecomes500AndReasonPhrasesAreStandard() {
        #expect(wire(HTTPResponse(status: 42)).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
        #expect(HTTPResponse.reasonPhrase(431) == "Request Header Fields Too Large")
        #expect(HTTPResponse.reasonPhrase(799) == "Unknown")
    }

    @Test func dateIsIMFFixdate() {
        #expect(String(decoding: HTTPDateCache.format(784111777), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(String(decoding: HTTPDateCache.format(0), as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}
