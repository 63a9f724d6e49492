import AttacheCore
import AttacheHTTP
import AttacheJSON
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
    static let router: Router<AttacheService> = {
        var r = Router<AttacheService>()
        r.get("/") { s, c in s.page("index.html", c) }
        r.get("/page/:file") { s, c in s.page(c.parameters["file"] ?? "", c) }
        r.get("/health", cheap: true) { s, _ in s.health() }
        r.get("/ready") { s, _ in s.ready() }
        r.get("/metrics") { s, _ in s.metricsText() }
        r.post("/v1/analyze") { s, c in s.run { try s.analyze(c) } }
        r.get("/v1/articles") { s, c in s.run { try s.listArticles(c) } }
        r.post("/v1/articles") { s, c in s.run { try s.ingest(c) } }
        r.post("/v1/articles:batch") { s, c in s.run { try s.ingestBatch(c) } }
        r.get("/v1/articles/:id") { s, c in s.run { try s.getArticle(c) } }
        r.delete("/v1/articles/:id") { s, c in s.run { try s.deleteArticle(c) } }
        r.get("/v1/entities") { s, c in s.run { try s.searchEntities(c) } }
        r.get("/v1/entities/:id") { s, c in s.run { try s.getEntity(c) } }
        r.get("/v1/entities/:id/timeline") { s, c in s.run { try s.timeline(c) } }
        r.get("/v1/entities/:id/relations") { s, c in s.run { try s.relations(c) } }
        r.get("/v1/relations") { s, c in s.run { try s.dyad(c) } }
        return r
    }()

    public init(analyzer: Analyzer, store: (any ArticleStore)?, configuration: ServiceConfiguration, logger: Logger) {
        self.analyzer = analyzer
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    // MARK: HTTPResponder

    public func isCheap(_ request: HTTPRequest) -> Bool {
        request.path == "/health"
    }

    /// Batches may be large; every other body is one article at most.
    public func maxBodyBytes(for head: HTTPRequestHead) -> Int? {
        head.path == "/v1/articles:batch"
            ? configuration.maxBatchBytes : configuration.maxArticleBytes
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let start = DispatchTime.now().uptimeNanoseconds
        var route = "unmatched"
        var response: HTTPResponse
        switch Self.router.match(method: request.method, path: request.path) {
        case .notFound:
            response = APIError.notFound("no route for \(request.path.prefix(200))").response
        case .methodNotAllowed(let allow, let pattern):
            route = pattern
            if isPreflight(request) {
                response = preflight(request, allow: allow)
            } else {
                var e = APIError(405, "\(request.method) is not allowed on \(request.path.prefix(200)); use \(allow.joined(separator: ", "))")
                e.headers.replace("Allow", allow.joined(separator: ", "))
                response = e.response
            }
        case .found(let handler, let params, _, let pattern):
            route = pattern
            if let denied = authorize(request) {
                response = denied
            } else if let query = PercentDecoding.query(request.query) {
                response = handler(self, RequestContext(request: request, parameters: params, query: query))
            } else {
                response = APIError.badRequest("malformed query string (bad percent-encoding or invalid UTF-8)").response
            }
        }
        addCORSHeaders(&response, for: request)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        metrics.observe(method: request.method, route: route, status: response.status, seconds: seconds)
        return response
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

    /// With an API key configured: writes (and, if configured, reads) need `Authorization: Bearer <key>`.
    func authorize(_ request: HTTPRequest) -> HTTPResponse? {
        guard let key = configuration.apiKey else { return nil }
        let isWrite = request.method == "POST" || request.method == "DELETE" || request.method == "PUT" || request.method == "PATCH"
        let open = request.path == "/health" || request.path == "/ready" || request.path == "/metrics"
            || request.path == "/" || request.path.hasPrefix("/page/")
        guard isWrite || (configuration.protectReads && !open) else { return nil }
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

    func checkSize(_ c: RequestContext, limit: Int) throws(APIError) {
        if c.request.body.count > limit {
            throw APIError(413, "request body of \(c.request.body.count) bytes exceeds the limit of \(limit) bytes")
        }
    }

    func analyze(_ c: RequestContext) throws -> HTTPResponse {
        try checkSize(c, limit: configuration.maxArticleBytes)
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
