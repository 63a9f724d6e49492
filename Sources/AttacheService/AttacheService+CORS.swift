import AttacheHTTP

/// Cross-origin resource sharing (the Fetch standard's CORS protocol) for the origins in
/// `ServiceConfiguration.corsOrigins`.
///
/// A browser on another origin first sends a preflight (`OPTIONS` with `Access-Control-Request-Method`) for
/// anything but a simple request; it carries no credentials, so it is answered before authentication. Actual
/// responses to an allowed origin name it in `Access-Control-Allow-Origin`; others get no CORS headers, so the
/// browser withholds the response from the calling script.
extension AttacheService {
    /// Request headers a cross-origin script may send: the API key and the body's media type.
    static let corsAllowedHeaders = "Authorization, Content-Type"
    /// Response headers a cross-origin script may read besides the CORS-safelisted ones.
    static let corsExposedHeaders = "Location, Retry-After, WWW-Authenticate"
    /// How long a browser may reuse a preflight answer, in seconds.
    static let corsMaxAgeSeconds = 600

    /// True when `origin` may call the API.
    func corsAllows(_ origin: String) -> Bool {
        configuration.corsOrigins.contains("*") || configuration.corsOrigins.contains(origin)
    }

    /// True for a CORS preflight: OPTIONS with `Origin` and `Access-Control-Request-Method`.
    func isPreflight(_ request: HTTPRequest) -> Bool {
        request.method == "OPTIONS" && request.headers["Origin"] != nil
            && request.headers["Access-Control-Request-Method"] != nil
    }

    /// Answers a preflight for a path served under the methods `allow`: 204 with the CORS grants when the origin
    /// and the method are allowed, else a 403 problem that says which is not.
    func preflight(_ request: HTTPRequest, allow: [String]) -> HTTPResponse {
        let origin = request.headers["Origin"] ?? ""
        let method = request.headers["Access-Control-Request-Method"] ?? ""
        guard corsAllows(origin) else {
            return APIError(403, "origin \(origin.prefix(200)) may not call this API from a browser; the server allows \(configuration.corsOrigins.isEmpty ? "no other origin" : configuration.corsOrigins.joined(separator: ", ")) (--cors-origin)").response
        }
        guard allow.contains(method) else {
            return APIError(403, "\(method.prefix(20)) is not served on \(request.path.prefix(200)); use \(allow.joined(separator: ", "))").response
        }
        var h = HTTPHeaders()
        h.add("Access-Control-Allow-Methods", allow.joined(separator: ", "))
        h.add("Access-Control-Allow-Headers", Self.corsAllowedHeaders)
        h.add("Access-Control-Max-Age", String(Self.corsMaxAgeSeconds))
        // Access-Control-Allow-Origin and Vary are added to every response by `addCORSHeaders`.
        return HTTPResponse(status: 204, headers: h)
    }

    /// Grants an allowed origin access to `response`; any response of a server with CORS origins varies by
    /// `Origin`, so caches keep the granted and the refused answers apart.
    func addCORSHeaders(_ response: inout HTTPResponse, for request: HTTPRequest) {
        guard !configuration.corsOrigins.isEmpty else { return }
        if !response.headers.values("Vary").contains("Origin") { response.headers.add("Vary", "Origin") }
        guard let origin = request.headers["Origin"], corsAllows(origin) else { return }
        response.headers.replace("Access-Control-Allow-Origin", origin)
        response.headers.replace("Access-Control-Expose-Headers", Self.corsExposedHeaders)
    }
}
