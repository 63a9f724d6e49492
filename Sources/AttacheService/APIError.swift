import AttacheHTTP

/// An error a handler answers with, as RFC 9457 problem details.
public struct APIError: Error, Sendable {
    public var status: Int
    public var title: String?
    public var detail: String
    /// The request field at fault ("text", "publishedAt"), reported as the `field` member.
    public var field: String?
    public var headers: HTTPHeaders = HTTPHeaders()

    public init(_ status: Int, _ detail: String, field: String? = nil, title: String? = nil) {
        self.status = status
        self.detail = detail
        self.field = field
        self.title = title
    }

    public var response: HTTPResponse {
        HTTPResponse.problem(status: status, title: title, detail: detail, extra: field.map { [("field", $0)] } ?? [], headers: headers)
    }

    public static func badRequest(_ detail: String, field: String? = nil) -> APIError { APIError(400, detail, field: field) }
    public static func notFound(_ detail: String) -> APIError { APIError(404, detail) }
    public static func unavailable(_ detail: String) -> APIError {
        var e = APIError(503, detail)
        e.headers.replace("Retry-After", "5")
        return e
    }
}
