import AttacheJSON
import AttacheModel

/// Calls, one per endpoint, each returning the model value of its answer (`Analysis`, `EntityDetail`, `BatchResult`,
/// ...). The `…JSON` variants return the JSON the server sent, for callers that print it verbatim (the CLI's
/// `analyze`, `ingest`, `health`, `entities`, `articles` and `timeline`). Each sends `Accept: application/json`,
/// throws `AttacheClientError.http` for a non-2xx status (with the problem+json title and detail) and
/// `.invalidResponse` when a 2xx body is not JSON or not the value expected. IDs and query values are
/// percent-encoded.
extension AttacheClient {
    /// `GET /health`: liveness and version.
    public func health() throws -> ServiceHealth {
        try decoded(call("GET", "/health"), as: "a health answer") { (v) throws(WireFormatError) in try ServiceHealth(json: v) }
    }

    /// `health()` with the response as JSON.
    public func healthJSON() throws -> JSONValue {
        try json(call("GET", "/health"))
    }

    /// `GET /ready`: readiness (store reachable, knowledge base loaded). Returned whatever its
    /// status, since 503 is an answer here, not a failure.
    public func ready() throws -> ClientResponse {
        try request(method: "GET", path: "/ready", headers: [("Accept", "application/json")])
    }

    /// `POST /v1/analyze` with a JSON article: analyses without storing.
    public func analyze(_ article: ArticleInput) throws -> Analysis {
        try analysis(analyzeCall(article))
    }

    /// `analyze(_:)` with the response as the JSON the server sent, to print it or to check its shape.
    public func analyzeJSON(_ article: ArticleInput) throws -> JSONValue {
        try json(analyzeCall(article))
    }

    /// `POST /v1/analyze` with a `text/plain` body: the quickest way to analyse raw text.
    public func analyze(text: String) throws -> Analysis {
        try analysis(analyzeCall(text: text))
    }

    /// `analyze(text:)` with the response as JSON.
    public func analyzeJSON(text: String) throws -> JSONValue {
        try json(analyzeCall(text: text))
    }

    /// `POST /v1/articles`: analyses and stores. `created` is `true` for 201 (new article) and
    /// `false` for 200 (an article with that ID already existed; its stored analysis is returned).
    public func ingest(_ article: ArticleInput) throws -> (created: Bool, analysis: Analysis) {
        let r = try ingestCall(article)
        return (r.status == 201, try analysis(r))
    }

    /// `ingest(_:)` with the analysis as JSON.
    public func ingestJSON(_ article: ArticleInput) throws -> (created: Bool, analysis: JSONValue) {
        let r = try ingestCall(article)
        return (r.status == 201, try json(r))
    }

    /// `POST /v1/articles:batch` with `{"articles":[...]}`: ingests several articles at once and
    /// returns the service's per-article report.
    public func ingestBatch(_ articles: [ArticleInput]) throws -> BatchResult {
        var w = JSONWriter(capacity: articles.reduce(64) { $0 + $1.text.utf8.count + 128 })
        w.beginObject()
        w.key("articles")
        w.beginArray()
        for a in articles { a.writeJSON(into: &w) }
        w.endArray()
        w.endObject()
        return try decoded(call("POST", "/v1/articles:batch", body: w.bytes, contentType: "application/json"),
                           as: "a batch report") { (v) throws(WireFormatError) in try BatchResult(json: v) }
    }

    /// `GET /v1/articles?from=&to=&source=&q=&limit=&cursor=`: stored articles, newest first; `nil`
    /// parameters are left out. `from`/`to` are `YYYY[-MM[-DD]]` on the publication date, `q` searches
    /// titles. Page on with the `cursor` the previous page returned, with the same filters.
    public func articles(from: String? = nil, to: String? = nil, source: String? = nil, query: String? = nil,
                         limit: Int? = nil, cursor: String? = nil) throws -> Page<ArticleSummary> {
        try decoded(articlesCall(from: from, to: to, source: source, query: query, limit: limit, cursor: cursor),
                    as: "a page of articles") { (v) throws(WireFormatError) in
            try Page(json: v) { (o) throws(WireFormatError) in try ArticleSummary(wire: o) }
        }
    }

    /// `articles(from:…)` with the response as JSON.
    public func articlesJSON(from: String? = nil, to: String? = nil, source: String? = nil, query: String? = nil,
                             limit: Int? = nil, cursor: String? = nil) throws -> JSONValue {
        try json(articlesCall(from: from, to: to, source: source, query: query, limit: limit, cursor: cursor))
    }

    /// `GET /v1/articles/{id}`: a stored article and its analysis.
    public func article(id: String) throws -> ArticleRecord {
        try decoded(call("GET", "/v1/articles/" + PercentEncoding.encode(id)), as: "a stored article") { (v) throws(WireFormatError) in
            try ArticleRecord(json: v)
        }
    }

    /// `DELETE /v1/articles/{id}`: removes a stored article (any 2xx, typically 204, succeeds).
    public func deleteArticle(id: String) throws {
        _ = try call("DELETE", "/v1/articles/" + PercentEncoding.encode(id))
    }

    /// `GET /v1/entities?q=&type=&limit=&cursor=`: searches stored entities; `nil` parameters
    /// are left out. Page on with the `cursor` the previous page returned.
    public func entities(query: String? = nil, type: String? = nil, limit: Int? = nil, cursor: String? = nil) throws -> Page<EntitySummary> {
        try decoded(entitiesCall(query: query, type: type, limit: limit, cursor: cursor), as: "a page of entities") {
            (v) throws(WireFormatError) in try Page(json: v) { (o) throws(WireFormatError) in try EntitySummary(wire: o) }
        }
    }

    /// `entities(query:…)` with the response as JSON.
    public func entitiesJSON(query: String? = nil, type: String? = nil, limit: Int? = nil, cursor: String? = nil) throws -> JSONValue {
        try json(entitiesCall(query: query, type: type, limit: limit, cursor: cursor))
    }

    /// `GET /v1/entities/{id}`: one entity with its counts, aliases, roles and co-occurring entities.
    public func entity(id: String) throws -> EntityDetail {
        try decoded(call("GET", "/v1/entities/" + PercentEncoding.encode(id)), as: "an entity") { (v) throws(WireFormatError) in
            try EntityDetail(json: v)
        }
    }

    /// `GET /v1/entities/{id}/timeline?view=mentions&from=&to=&types=&limit=&cursor=`: the entity's events and
    /// mentions per article, in date order, typed. `from`/`to` are `YYYY[-MM[-DD]]`; `types` is sent
    /// comma-separated (omitted when empty). The story-event view (the route's default) is `timelineJSON`.
    public func timeline(entityID: String, from: String? = nil, to: String? = nil, types: [String] = [],
                         limit: Int? = nil, cursor: String? = nil) throws -> TimelinePage {
        try decoded(timelineCall(entityID: entityID, view: "mentions", from: from, to: to, types: types, limit: limit, cursor: cursor),
                    as: "a timeline page") { (v) throws(WireFormatError) in try TimelinePage(json: v) }
    }

    /// `GET /v1/entities/{id}/timeline?from=&to=&types=&with=&role=&status=&limit=&cursor=`: the entity's story events
    /// (events merged across articles, the route's default view), typed. `with` keeps story events this entity also
    /// takes part in; `role` (`source`, `target`, `participant`) and `status` (`occurred`, `planned`, `reported`) filter.
    public func stories(entityID: String, from: String? = nil, to: String? = nil, types: [String] = [], with: String? = nil,
                        role: String? = nil, status: String? = nil, limit: Int? = nil, cursor: String? = nil) throws -> StoryPage {
        try decoded(timelineCall(entityID: entityID, view: StoryPage.view, from: from, to: to, types: types, with: with, role: role,
                                 status: status, limit: limit, cursor: cursor),
                    as: "a story-event page") { (v) throws(WireFormatError) in try StoryPage(json: v) }
    }

    /// `GET /v1/entities/{id}/timeline?view=&from=&to=&types=&with=&role=&status=&limit=&cursor=` with the response
    /// as JSON: the entity's story events (events merged across articles; `view` nil) or, with `view: "mentions"`,
    /// the page `timeline(entityID:…)` reads. `with`, `role` and `status` filter story events.
    public func timelineJSON(entityID: String, view: String? = nil, from: String? = nil, to: String? = nil, types: [String] = [],
                             with: String? = nil, role: String? = nil, status: String? = nil,
                             limit: Int? = nil, cursor: String? = nil) throws -> JSONValue {
        try json(timelineCall(entityID: entityID, view: view, from: from, to: to, types: types, with: with, role: role,
                              status: status, limit: limit, cursor: cursor))
    }

    /// `GET /v1/entities/{id}/relations?from=&to=&types=&limit=`: the entities `entityID` shares story events with,
    /// ranked, with counts by type and the Goldstein balance, typed.
    public func relations(entityID: String, from: String? = nil, to: String? = nil, types: [String] = [],
                          limit: Int? = nil) throws -> RelationsPage {
        let q = PercentEncoding.query([
            ("from", from), ("to", to), ("types", types.isEmpty ? nil : types.joined(separator: ",")), ("limit", limit.map(String.init)),
        ])
        return try decoded(call("GET", "/v1/entities/" + PercentEncoding.encode(entityID) + "/relations" + q),
                           as: "a relations page") { (v) throws(WireFormatError) in try RelationsPage(json: v) }
    }

    /// `GET /v1/relations?a=&b=&from=&to=&types=&limit=&cursor=`: the story events `a` and `b` share, counted by
    /// period, type and direction, and one page of them, typed.
    public func dyad(a: String, b: String, from: String? = nil, to: String? = nil, types: [String] = [], limit: Int? = nil,
                     cursor: String? = nil) throws -> DyadPage {
        let q = PercentEncoding.query([
            ("a", a), ("b", b), ("from", from), ("to", to), ("types", types.isEmpty ? nil : types.joined(separator: ",")),
            ("limit", limit.map(String.init)), ("cursor", cursor),
        ])
        return try decoded(call("GET", "/v1/relations" + q), as: "a dyad") { (v) throws(WireFormatError) in try DyadPage(json: v) }
    }

    // MARK: Plumbing

    /// Sends a request and turns a non-2xx status into `AttacheClientError.http`.
    func call(_ method: String, _ path: String, body: [UInt8]? = nil, contentType: String? = nil) throws -> ClientResponse {
        var headers = [("Accept", "application/json")]
        if let contentType { headers.append(("Content-Type", contentType)) }
        let r = try request(method: method, path: path, headers: headers, body: body)
        guard (200..<300).contains(r.status) else { throw Self.httpError(r) }
        return r
    }

    func analyzeCall(_ article: ArticleInput) throws -> ClientResponse {
        try call("POST", "/v1/analyze", body: article.jsonBytes(), contentType: "application/json")
    }

    func analyzeCall(text: String) throws -> ClientResponse {
        try call("POST", "/v1/analyze", body: Array(text.utf8), contentType: "text/plain; charset=utf-8")
    }

    func ingestCall(_ article: ArticleInput) throws -> ClientResponse {
        try call("POST", "/v1/articles", body: article.jsonBytes(), contentType: "application/json")
    }

    func articlesCall(from: String?, to: String?, source: String?, query: String?, limit: Int?, cursor: String?) throws -> ClientResponse {
        let q = PercentEncoding.query([
            ("from", from), ("to", to), ("source", source), ("q", query), ("limit", limit.map(String.init)), ("cursor", cursor),
        ])
        return try call("GET", "/v1/articles" + q)
    }

    func entitiesCall(query: String?, type: String?, limit: Int?, cursor: String?) throws -> ClientResponse {
        let q = PercentEncoding.query([("q", query), ("type", type), ("limit", limit.map(String.init)), ("cursor", cursor)])
        return try call("GET", "/v1/entities" + q)
    }

    func timelineCall(entityID: String, view: String?, from: String?, to: String?, types: [String], with: String? = nil,
                      role: String? = nil, status: String? = nil, limit: Int?, cursor: String?) throws -> ClientResponse {
        let q = PercentEncoding.query([
            ("view", view), ("from", from), ("to", to), ("types", types.isEmpty ? nil : types.joined(separator: ",")),
            ("with", with), ("role", role), ("status", status), ("limit", limit.map(String.init)), ("cursor", cursor),
        ])
        return try call("GET", "/v1/entities/" + PercentEncoding.encode(entityID) + "/timeline" + q)
    }

    /// The body of a 2xx response read as an analysis.
    func analysis(_ r: ClientResponse) throws -> Analysis {
        try decoded(r, as: "an analysis") { (v) throws(WireFormatError) in try Analysis(json: v) }
    }

    /// The body of a 2xx response read by `read`; `what` names the expected value in the error.
    func decoded<T>(_ r: ClientResponse, as what: String, _ read: (JSONValue) throws(WireFormatError) -> T) throws -> T {
        let value = try json(r)
        do {
            return try read(value)
        } catch {
            throw AttacheClientError.invalidResponse(status: r.status, reason: "body is not \(what): \(error.message)")
        }
    }

    /// The body of a 2xx response as JSON.
    func json(_ r: ClientResponse) throws -> JSONValue {
        do {
            return try JSONReader.parse(r.body)
        } catch {
            throw AttacheClientError.invalidResponse(status: r.status, reason: "body is not JSON: \(error)")
        }
    }

    /// Reads `title` and `detail` from a problem+json body (RFC 9457 §3.1); for any other body,
    /// its first 200 bytes become the detail.
    static func httpError(_ r: ClientResponse) -> AttacheClientError {
        if let problem = r.json, problem.objectValue != nil {
            return .http(status: r.status, title: problem["title"]?.stringValue, detail: problem["detail"]?.stringValue)
        }
        let snippet = String(decoding: r.body.prefix(200), as: UTF8.self)
        return .http(status: r.status, title: nil, detail: snippet.isEmpty ? nil : snippet)
    }
}
