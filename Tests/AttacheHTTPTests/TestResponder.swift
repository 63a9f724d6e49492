import Glibc
@testable import AttacheHTTP

/// A responder for live tests:
/// - `/slow?ms=N` sleeps N ms on a worker, then answers "slow";
/// - `/cheap` runs on the event loop;
/// - anything else echoes: body back, and the request's method, target, version and
///   body length in `X-*` headers.
struct TestResponder: HTTPResponder {
    func isCheap(_ request: HTTPRequest) -> Bool { request.path == "/cheap" }

    /// `/small` takes at most 16 bytes of body; other paths the server's limit.
    func maxBodyBytes(for head: HTTPRequestHead) -> Int? { head.path == "/small" ? 16 : nil }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.path == "/slow" {
            let ms = Int(request.query?.split(separator: "=").last ?? "100") ?? 100
            usleep(UInt32(ms * 1000))
            return HTTPResponse(status: 200, headers: ["X-Target": request.target], body: Array("slow".utf8))
        }
        if request.path == "/cheap" {
            return HTTPResponse(status: 200, headers: ["X-Target": request.target], body: Array("cheap".utf8))
        }
        return HTTPResponse(status: 200, headers: [
            "X-Method": request.method,
            "X-Target": request.target,
            "X-Version": request.version == .http11 ? "1.1" : "1.0",
            "X-Body-Length": String(request.body.count),
            "X-Remote": request.remoteAddress ?? "",
        ], body: request.body)
    }
}
