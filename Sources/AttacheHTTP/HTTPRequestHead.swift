/// How the body of a request is delimited (RFC 9112 §6.3).
public enum HTTPBodyFraming: Sendable, Equatable {
    /// No body: neither Content-Length nor Transfer-Encoding, or `Content-Length: 0`.
    case none
    /// Exactly this many bytes follow the head (always > 0).
    case contentLength(Int)
    /// `Transfer-Encoding: chunked`; decode with ``ChunkedDecoder``.
    case chunked
}

/// A parsed request line and header section, with the framing facts the connection needs.
public struct HTTPRequestHead: Sendable {
    /// Method token as sent.
    public var method: String
    /// Raw request-target (origin-form or "*").
    public var target: String
    /// `target` before the first '?', not percent-decoded.
    public var path: String
    /// Raw text after the first '?', or nil.
    public var query: String?
    public var version: HTTPVersion
    /// Fields in arrival order, values trimmed of surrounding whitespace.
    public var headers: HTTPHeaders
    /// How the body is delimited.
    public var framing: HTTPBodyFraming
    /// Whether the connection may be reused after the response: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive` (RFC 9112 §9.3).
    public var keepAlive: Bool
    /// `Expect: 100-continue` on an HTTP/1.1 request (ignored for HTTP/1.0, RFC 9110 §10.1.1).
    public var expectsContinue: Bool
}

/// Limits the parser enforces; see ``HTTPServerConfiguration`` for the server's defaults.
public struct HTTPParserLimits: Sendable {
    /// Bytes of request line plus header section, blank line included. Past it: 431.
    public var maxHeadBytes: Int
    /// Header fields. Past it: 431.
    public var maxHeaderCount: Int
    /// Largest acceptable `Content-Length`. Past it: 413.
    public var maxBodyBytes: Int

    public init(maxHeadBytes: Int = 16 * 1024, maxHeaderCount: Int = 100, maxBodyBytes: Int = 1 << 20) {
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}

/// Outcome of ``HTTPRequestParser/parse(_:limits:previousLength:)``.
public enum HTTPParseResult: Sendable {
    /// A whole head; `headLength` bytes (leading blank lines included) were consumed.
    case complete(HTTPRequestHead, headLength: Int)
    /// More bytes are needed; call again with the longer buffer.
    case incomplete
    /// The request must be refused with `error.status`, and the connection closed.
    case invalid(HTTPParseError)
}
