import AttacheCore
import AttacheHTTP
import AttacheJSON
import AttacheModel
import AttacheStore
import Foundation
import Logging

public enum AttacheInfo {
    public static let version = "0.1.0"
}

/// The HTTP API: routes, authentication, metrics and the mapping of store and input errors to problems.
public final class AttacheService: HTTPResponder {
    public let analyzer: Analyzer
    public let store: (any ArticleStore)?
    public let metrics = Metrics()
    let configuration: ServiceConfiguration
    let logger: Logger
    /// The API, one route a row: method and path, then what differs from an API route's policy (a body of one
    /// article at most, the API key when one is configured, answered on a worker thread; see ``Route``). The
    /// router, the body limits, the API-key exemptions and the threads are all read from here.
    static let routes: [Route<AttacheService>] = [
        .get("/",                           auth: .exempt)               { s, c in s.page("index.html", c) },
        .get("/page/:file",                 auth: .exempt)               { s, c in s.page(c.parameters["file"] ?? "", c) },
        .get("/health",                     auth: .exempt, cost: .cheap) { s, _ in s.health() },
        .get("/ready",                      auth: .exempt)               { s, _ in s.ready() },
        .get("/metrics",                    auth: .exempt)               { s, _ in s.metricsText() },
        .post("/v1/analyze")                                             { s, c in try s.analyze(c) },
        .get("/v1/articles")                                             { s, c in try s.listArticles(c) },
        .post("/v1/articles")                                            { s, c in try s.ingest(c) },
        .post("/v1/articles:batch",         body: .batch)                { s, c in try s.ingestBatch(c) },
        .get("/v1/articles/:id")                                         { s, c in try s.getArticle(c) },
        .delete("/v1/articles/:id")                                      { s, c in try s.deleteArticle(c) },
        .get("/v1/entities")                                             { s, c in try s.searchEntities(c) },
        .get("/v1/entities/:id")                                         { s, c in try s.getEntity(c) },
        .get("/v1/entities/:id/timeline")                                { s, c in try s.timeline(c) },
        .get("/v1/entities/:id/relations")                               { s, c in try s.relations(c) },
        .get("/v1/relations")                                            { s, c in try s.dyad(c) },
    ]
    static let router = Router(routes)

    public init(analyzer: Analyzer, store: (any ArticleStore)?, configuration: ServiceConfiguration, logger: Logger) {
        self.analyzer = analyzer
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    // MARK: HTTPResponder

    /// The route's cost class: only a `.cheap` route is answered on the event-loop thread.
    public func isCheap(_ request: HTTPRequest) -> Bool {
        guard case .found(let route, _) = Self.router.match(method: request.method, path: request.path) else { return false }
        return route.cost == .cheap
    }

    /// The route's body limit, known from the head, so that a larger body is refused before it is read.
    public func maxBodyBytes(for head: HTTPRequestHead) -> Int? {
        maxBodyBytes(method: head.method, path: head.path)
    }

    /// The body limit of the route a request goes to: for a 405 the path's, for a 404 one article's.
    func maxBodyBytes(method: String, path: String) -> Int {
        switch Self.router.match(method: method, path: path) {
        case .found(let route, _), .methodNotAllowed(_, let route): bytes(route.body)
        case .notFound: configuration.maxArticleBytes
        }
    }

    func bytes(_ limit: Route<AttacheService>.BodyLimit) -> Int {
        switch limit {
        case .article: configuration.maxArticleBytes
        case .batch: configuration.maxBatchBytes
        }
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let start = DispatchTime.now().uptimeNanoseconds
        var label = "unmatched"
        var response: HTTPResponse
        switch Self.router.match(method: request.method, path: request.path) {
        case .notFound:
            response = APIError.notFound("no route for \(request.path.prefix(200))").response
        case .methodNotAllowed(let allow, let route):
            label = route.pattern
            if isPreflight(request) {
                response = preflight(request, allow: allow)
            } else {
                var e = APIError(405, "\(request.method) is not allowed on \(request.path.prefix(200)); use \(allow.joined(separator: ", "))")
                e.headers.replace("Allow", allow.joined(separator: ", "))
                response = e.response
            }
        case .found(let route, let params):
            label = route.pattern
            response = run { try handle(request, route: route, parameters: params) }
        }
        addCORSHeaders(&response, for: request)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        metrics.observe(method: request.method, route: label, status: response.status, seconds: seconds)
        return response
    }

    /// Applies the route's policy (API key, query, body limit), then its handler.
    func handle(_ request: HTTPRequest, route: Route<AttacheService>, parameters: [String: String]) throws -> HTTPResponse {
        if let denied = authorize(request, route: route) { return denied }
        guard let query = PercentDecoding.query(request.query) else {
            throw APIError.badRequest("malformed query string (bad percent-encoding or invalid UTF-8)")
        }
        // The server has refused a larger body from the head already; this holds for any caller.
        let limit = bytes(route.body)
        if request.body.count > limit {
            throw APIError(413, "request body of \(request.body.count) bytes exceeds the limit of \(limit) bytes")
        }
        return try route.handler(self, RequestContext(request: request, parameters: parameters, query: query))
    }

    /// Runs a handler, turning thrown API and store errors into problem responses.
    func run(_ body: () throws -> HTTPResponse) -> HTTPResponse {
        do {
            return try body()
        } catch let e as APIError {
            return e.response
        } catch let e as StoreError {
            if e.isUnavailable {
                logger.warning("store unavailable", metadata: ["error": "\(e)"])
                return APIError.unavailable("the article store is unavailable; try again shortly").response
            }
            logger.error("store error", metadata: ["error": "\(e)"])
            return APIError(500, "the article store failed (\(e.backend) code \(e.code)); the request was not applied").response
        } catch {
            logger.error("unexpected error", metadata: ["error": "\(error)"])
            return APIError(500, "internal error").response
        }
    }

    /// With an API key configured, a route behind it needs `Authorization: Bearer <key>` for writes, and for reads
    /// too when reads are protected; an exempt route never does.
    func authorize(_ request: HTTPRequest, route: Route<AttacheService>) -> HTTPResponse? {
        guard let key = configuration.apiKey, route.auth == .apiKey else { return nil }
        guard route.method.isWrite || configuration.protectReads else { return nil }
        guard let header = request.headers["Authorization"] else {
            var e = APIError(401, "this endpoint needs Authorization: Bearer <API key>")
            e.headers.replace("WWW-Authenticate", "Bearer realm=\"attache\"")
            return e.response
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", constantTimeEqual(Array(parts[1].utf8), Array(key.utf8)) else {
            return APIError(403, "the API key is not valid").response
        }
        return nil
    }

    func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return diff == 0
    }

    // MARK: Health

    func health() -> HTTPResponse {
        json(200) { w in
            w.beginObject()
            w.field("status", "ok")
            w.field("version", AttacheInfo.version)
            w.endObject()
        }
    }

    func ready() -> HTTPResponse {
        do {
            try store?.ping()
        } catch {
            return APIError.unavailable("not ready: the article store is unavailable").response
        }
        return json(200) { w in
            w.beginObject()
            w.field("status", "ready")
            w.field("store", store == nil ? "none" : "ok")
            w.field("knowledgeBaseEntities", analyzer.knowledgeBase.entities.count)
            w.endObject()
        }
    }

    func metricsText() -> HTTPResponse {
        let stored = try? store?.articleCount()
        var h = HTTPHeaders()
        h.add("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        return HTTPResponse(status: 200, headers: h, body: Array(metrics.render(articlesStored: stored).utf8))
    }

    // MARK: Analysis

    func analyzeTimed(_ input: ArticleInput) -> Analysis {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let a = analyzer.analyze(input)
        metrics.observeAnalysis(seconds: Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        return a
    }

    func analyze(_ c: RequestContext) throws -> HTTPResponse {
        let input = try ArticleRequestDecoder.decode(c.request)
        let analysis = analyzeTimed(input)
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: analysis.jsonBytes())
    }
}

/// JSON response helpers.
func json(_ status: Int, headers: HTTPHeaders = HTTPHeaders(), _ write: (inout JSONWriter) -> Void) -> HTTPResponse {
    var w = JSONWriter(capacity: 256)
    write(&w)
    var h = headers
    h.replace("Content-Type", "application/json")
    return HTTPResponse(status: status, headers: h, body: w.bytes)
}
