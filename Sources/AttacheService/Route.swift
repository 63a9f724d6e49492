import AttacheHTTP

/// One row of a route table: a method and a path pattern, what the route allows before its handler runs (body
/// limit, API key, cost class), and the handler.
///
/// The router, the body-limit check, the API-key exemption and the choice of thread all read these fields, so a
/// route's policy is stated once, in its row. The defaults suit an API route: a body of one article at most, the
/// API key when one is configured, answered on a worker thread.
public struct Route<Owner>: Sendable {
    /// A handler gets its owner and the request; what it throws, the owner turns into a problem response.
    public typealias Handler = @Sendable (Owner, RequestContext) throws -> HTTPResponse

    /// The methods routes are declared with; HEAD is served by the GET route.
    public enum Method: String, Sendable {
        case get = "GET", post = "POST", delete = "DELETE"

        /// True for a method that changes state, so needs the API key whenever one is configured.
        public var isWrite: Bool { self != .get }
    }

    /// The largest body the route accepts, by name; the sizes are `ServiceConfiguration`'s.
    public enum BodyLimit: Sendable {
        /// `maxArticleBytes`: one article. Every route but the batch takes at most this.
        case article
        /// `maxBatchBytes`: many articles in one request.
        case batch
    }

    /// Whether the route is behind the API key.
    public enum Auth: Sendable {
        /// With `ATTACHE_API_KEY` set, a write needs the key; a read needs it too under `ATTACHE_API_KEY_READS=1`.
        case apiKey
        /// Never needs the key: probes and the page, which a load balancer or a browser must reach without one.
        case exempt
    }

    /// Where the request is answered.
    public enum Cost: Sendable {
        /// On a worker thread: the handler may block (on the store) or take milliseconds (an analysis).
        case worker
        /// On the event-loop thread, skipping the worker hand-off: the handler takes microseconds and never blocks.
        case cheap
    }

    public let method: Method
    /// `/v1/entities/:id/timeline`: literal segments and `:name` parameters; also the route's label in metrics.
    public let pattern: String
    public let body: BodyLimit
    public let auth: Auth
    public let cost: Cost
    public let handler: Handler
    let segments: [Segment]

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public init(_ method: Method, _ pattern: String, body: BodyLimit = .article, auth: Auth = .apiKey,
                cost: Cost = .worker, _ handler: @escaping Handler) {
        self.method = method
        self.pattern = pattern
        self.body = body
        self.auth = auth
        self.cost = cost
        self.handler = handler
        segments = pattern.split(separator: "/").map { s in
            s.hasPrefix(":") ? .parameter(String(s.dropFirst())) : .literal(String(s))
        }
    }

    public static func get(_ pattern: String, body: BodyLimit = .article, auth: Auth = .apiKey, cost: Cost = .worker,
                           _ handler: @escaping Handler) -> Route {
        Route(.get, pattern, body: body, auth: auth, cost: cost, handler)
    }

    public static func post(_ pattern: String, body: BodyLimit = .article, auth: Auth = .apiKey, cost: Cost = .worker,
                            _ handler: @escaping Handler) -> Route {
        Route(.post, pattern, body: body, auth: auth, cost: cost, handler)
    }

    public static func delete(_ pattern: String, body: BodyLimit = .article, auth: Auth = .apiKey, cost: Cost = .worker,
                              _ handler: @escaping Handler) -> Route {
        Route(.delete, pattern, body: body, auth: auth, cost: cost, handler)
    }
}
