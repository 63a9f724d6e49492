import AttacheHTTP
import Foundation
import Logging
import Testing
@testable import AttacheService

/// The router and the policies built from `AttacheService.routes`: which route a request reaches, and the body
/// limit, API key and thread that follow from that route's row.
@Suite struct RouteTableTests {
    enum Expected: Sendable, CustomStringConvertible {
        case route(String, [String: String] = [:])
        case notAllowed([String])
        case none

        var description: String {
            switch self {
            case .route(let p, let params): "route \(p) \(params)"
            case .notAllowed(let allow): "405 \(allow)"
            case .none: "404"
            }
        }
    }

    @Test(arguments: [
        ("GET", "/", Expected.route("/")),
        ("GET", "/page/app.js", .route("/page/:file", ["file": "app.js"])),
        ("HEAD", "/health", .route("/health")),
        ("GET", "//health/", .route("/health")),
        ("POST", "/v1/analyze", .route("/v1/analyze")),
        ("GET", "/v1/articles", .route("/v1/articles")),
        ("POST", "/v1/articles", .route("/v1/articles")),
        ("POST", "/v1/articles:batch", .route("/v1/articles:batch")),
        ("DELETE", "/v1/articles/geneva-talks", .route("/v1/articles/:id", ["id": "geneva-talks"])),
        ("GET", "/v1/entities/person%20x", .route("/v1/entities/:id", ["id": "person x"])),
        ("GET", "/v1/entities/country-rus/timeline", .route("/v1/entities/:id/timeline", ["id": "country-rus"])),
        ("GET", "/v1/articles:batch", .notAllowed(["POST"])),
        ("PUT", "/v1/articles/x", .notAllowed(["GET", "DELETE", "HEAD"])),
        ("DELETE", "/v1/entities", .notAllowed(["GET", "HEAD"])),
        ("OPTIONS", "/health", .notAllowed(["GET", "HEAD"])),
        ("GET", "/v1/entities/%ZZ", .none),        // a malformed escape fits no parameter
        ("GET", "/v1/nothing", .none),
        ("GET", "/v1/entities/x/timeline/more", .none),
    ])
    func routerMatches(_ method: String, _ path: String, _ expected: Expected) {
        switch (AttacheService.router.match(method: method, path: path), expected) {
        case (.found(let route, let params), .route(let pattern, let wanted)):
            #expect(route.pattern == pattern)
            #expect(params == wanted)
        case (.methodNotAllowed(let allow, _), .notAllowed(let wanted)):
            #expect(allow == wanted)
        case (.notFound, .none):
            break
        case (let got, _):
            Issue.record("\(method) \(path): got \(got), expected \(expected)")
        }
    }

    @Test func eachMethodAndPatternHasOneRow() {
        let keys = AttacheService.routes.map { "\($0.method.rawValue) \($0.pattern)" }
        #expect(Set(keys).count == keys.count)
    }

    /// The API routes are the paths and methods of openapi.yaml; the page (`/`, `/page/:file`) is no part of it.
    @Test func apiRoutesAreTheContractsOperations() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var operations: Set<String> = []
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()); continue }
            if !line.hasPrefix(" ") { path = nil }
            if let path, line.hasPrefix("    "), !line.hasPrefix("     "),
               let method = ["get", "post", "delete", "put", "patch"].first(where: { line == "    \($0):" }) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        let routes = AttacheService.routes.filter { $0.pattern != "/" && !$0.pattern.hasPrefix("/page/") }.map { route in
            let openAPIPath = route.pattern.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue) /\(openAPIPath.joined(separator: "/"))"
        }
        #expect(Set(routes) == operations)
    }

    /// A service with distinct limits and an API key that protects reads too; no store (a handler that needs one
    /// answers 503, which is past every policy check).
    static let service = makeService { config in
        config.maxArticleBytes = articleLimit
        config.maxBatchBytes = batchLimit
        config.apiKey = "route-table-key"
        config.protectReads = true
    }
    static let articleLimit = 100
    static let batchLimit = 1000

    static func makeService(_ configure: (inout ServiceConfiguration) -> Void) -> AttacheService {
        var config = ServiceConfiguration()
        configure(&config)
        return AttacheService(analyzer: SharedKnowledge.analyzer, store: nil, configuration: config,
                              logger: Logger(label: "route-table") { _ in SwiftLogNoOpLogHandler() })
    }

    @Test(arguments: [
        ("POST", "/v1/articles:batch", batchLimit),
        ("PUT", "/v1/articles:batch", batchLimit),      // a 405 on the path keeps the path's limit
        ("POST", "/v1/articles", articleLimit),
        ("POST", "/v1/analyze", articleLimit),
        ("GET", "/v1/entities", articleLimit),
        ("POST", "/nowhere", articleLimit),
    ])
    func bodyLimitIsTheRoutes(_ method: String, _ path: String, _ limit: Int) {
        #expect(Self.service.maxBodyBytes(method: method, path: path) == limit)
    }

    @Test(arguments: [("GET", "/health", true), ("HEAD", "/health", true), ("GET", "/ready", false),
                      ("GET", "/metrics", false), ("POST", "/v1/analyze", false), ("GET", "/nowhere", false)])
    func onlyACheapRouteRunsOnTheEventLoop(_ method: String, _ path: String, _ cheap: Bool) {
        #expect(Self.service.isCheap(HTTPRequest(method: method, target: path)) == cheap)
    }

    /// A body past its route's limit is a 413 problem even when it reaches the service (the server refuses it
    /// from the head first); the same body is within the batch route's limit.
    @Test func aBodyPastTheRoutesLimitIs413() {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: Self.articleLimit + 1)
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer route-table-key")
        headers.add("Content-Type", "text/plain")
        let analyze = Self.service.respond(to: HTTPRequest(method: "POST", target: "/v1/analyze", headers: headers, body: body))
        #expect(analyze.status == 413)
        #expect(analyze.headers["Content-Type"] == "application/problem+json")
        let batch = Self.service.respond(to: HTTPRequest(method: "POST", target: "/v1/articles:batch", headers: headers, body: body))
        #expect(batch.status == 503)  // past the size check, at the missing store
    }

    /// With reads protected, everything but the probes and the page needs the key.
    @Test(arguments: [
        ("GET", "/", false), ("GET", "/page/app.js", false), ("GET", "/health", false), ("GET", "/ready", false),
        ("GET", "/metrics", false), ("GET", "/v1/articles", true), ("GET", "/v1/articles/a", true),
        ("GET", "/v1/entities", true), ("GET", "/v1/entities/e", true), ("GET", "/v1/entities/e/timeline", true),
        ("POST", "/v1/analyze", true), ("POST", "/v1/articles", true), ("POST", "/v1/articles:batch", true),
        ("DELETE", "/v1/articles/a", true),
    ])
    func theKeyGuardsAllButTheExemptRoutes(_ method: String, _ path: String, _ needsKey: Bool) {
        let r = Self.service.respond(to: HTTPRequest(method: method, target: path))
        #expect((r.status == 401) == needsKey, "\(method) \(path): \(r.status)")
    }

    /// Without protected reads, only writes need the key.
    @Test(arguments: [("GET", "/v1/entities", false), ("HEAD", "/v1/articles", false), ("POST", "/v1/analyze", true),
                      ("DELETE", "/v1/articles/a", true)])
    func readsAreOpenUnlessProtected(_ method: String, _ path: String, _ needsKey: Bool) {
        let service = Self.makeService { $0.apiKey = "route-table-key" }
        let r = service.respond(to: HTTPRequest(method: method, target: path))
        #expect((r.status == 401) == needsKey, "\(method) \(path): \(r.status)")
    }

    /// Metrics count a request under its route's pattern, a 405 under the path's.
    @Test func metricsLabelARequestWithItsPattern() {
        let service = Self.makeService { _ in }
        _ = service.respond(to: HTTPRequest(method: "PUT", target: "/v1/articles/abc"))
        _ = service.respond(to: HTTPRequest(method: "GET", target: "/v1/nothing"))
        let text = service.metrics.render(articlesStored: nil)
        #expect(text.contains(#"route="/v1/articles/:id",status="405""#))
        #expect(text.contains(#"route="unmatched",status="404""#))
    }
}
