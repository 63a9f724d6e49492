/// The protocol versions this server speaks (RFC 9112). Anything else is answered 505.
public enum HTTPVersion: Sendable, Equatable {
    /// HTTP/1.0: the connection closes after the response unless `Connection: keep-alive`.
    case http10
    /// HTTP/1.1: persistent by default; `Host` is required.
    case http11
}

/// A complete request as handed to an ``HTTPResponder``: head plus the fully read body.
public struct HTTPRequest: Sendable {
    /// The method token as sent, case preserved (e.g. "GET"). HEAD arrives as "GET" when
    /// ``HTTPServerConfiguration/presentsHeadAsGet`` is on (the default).
    public var method: String
    /// The raw request-target: origin-form ("/a/b?x=1") or "*" for OPTIONS.
    public var target: String
    /// `target` up to the first '?'; percent-decoding is NOT applied.
    public var path: String
    /// The raw text after the first '?', or nil when there is none.
    public var query: String?
    /// The version from the request line.
    public var version: HTTPVersion
    /// Header fields in arrival order, duplicates kept.
    public var headers: HTTPHeaders
    /// The body, de-chunked; empty when there is none.
    public var body: [UInt8]
    /// The peer's IP address ("127.0.0.1", "::1"), when known.
    public var remoteAddress: String?

    public init(method: String, target: String, version: HTTPVersion = .http11,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String? = nil) {
        self.method = method
        self.target = target
        let (path, query) = splitTarget(target)
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    init(head: HTTPRequestHead, body: [UInt8], remoteAddress: String?) {
        method = head.method
        target = head.target
        path = head.path
        query = head.query
        version = head.version
        headers = head.headers
        self.body = body
        self.remoteAddress = remoteAddress
    }
}

/// Splits a request-target at the first '?' into path and raw query.
func splitTarget(_ target: String) -> (path: String, query: String?) {
    let bytes = target.utf8
    guard let q = bytes.firstIndex(of: UInt8(ascii: "?")) else { return (target, nil) }
    return (String(target[..<q]), String(target[bytes.index(after: q)...]))
}
