/// Why a client call failed: the transport (libcurl), the server's answer, or its body.
public enum AttacheClientError: Error, Sendable, CustomStringConvertible {
    /// libcurl could not complete the exchange (connection refused, timeout, bad URL...).
    /// `code` is the `CURLcode`; `message` is curl's detailed error text when it gave one.
    case curl(code: Int, message: String)
    /// A typed call got a non-2xx status. `title` and `detail` come from the
    /// `application/problem+json` body (RFC 9457) when there is one; for any other body,
    /// `detail` holds its first 200 bytes as text.
    case http(status: Int, title: String?, detail: String?)
    /// A typed call got a 2xx answer whose body is not the JSON it expected.
    case invalidResponse(status: Int, reason: String)

    /// The HTTP status for `.http` and `.invalidResponse`, `nil` for transport failures.
    public var status: Int? {
        switch self {
        case .curl: return nil
        case .http(let status, _, _), .invalidResponse(let status, _): return status
        }
    }

    public var description: String {
        switch self {
        case .curl(let code, let message):
            return "curl error \(code): \(message)"
        case .http(let status, let title, let detail):
            var s = "HTTP \(status)"
            if let title { s += " \(title)" }
            if let detail { s += ": \(detail)" }
            return s
        case .invalidResponse(let status, let reason):
            return "invalid response (HTTP \(status)): \(reason)"
        }
    }
}
