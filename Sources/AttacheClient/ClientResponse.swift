import AttacheJSON

/// One HTTP response as received: status, headers in order (duplicates kept), body bytes.
public struct ClientResponse: Sendable {
    /// HTTP status code (e.g. 200, 404).
    public var status: Int
    /// Header fields in the order received, names as sent by the server; duplicates are kept.
    public var headers: [(String, String)]
    /// The response body, unmodified.
    public var body: [UInt8]

    /// A response from its parts.
    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared case-insensitively (RFC 9110 §5.1), or `nil`.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }

    /// The body parsed as JSON, or `nil` when it is empty or not valid JSON.
    public var json: JSONValue? { try? JSONReader.parse(body) }

    /// The body decoded as UTF-8 (invalid bytes become U+FFFD); for messages and debugging.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
