import AttacheHTTP

/// A request with its path parameters, as handlers see it.
public struct RequestContext: Sendable {
    public var request: HTTPRequest
    /// Values of the `:name` segments of the matched route, percent-decoded.
    public var parameters: [String: String]
    /// Query items, percent-decoded; repeated names keep every value.
    public var query: [(name: String, value: String)]

    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}


/// A small router that reads like the API: `router.get("/v1/entities/:id/timeline") { s, c in s.timeline(c) }`.
/// Built once (a static), it hands each request to a method of its owner.
///
/// Routes are split into segments once; matching walks the segments, so it costs no allocation beyond the
/// parameter dictionary. A path that exists under another method answers 405 with `Allow`; HEAD is served
/// by the GET route (the server drops the body).
public struct Router<Owner>: Sendable {
    public typealias Handler = @Sendable (Owner, RequestContext) -> HTTPResponse

    struct Route: Sendable {
        var method: String
        var segments: [Segment]
        var handler: Handler
        var cheap: Bool
        var pattern: String
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    public init() {}

    public mutating func get(_ path: String, cheap: Bool = false, _ handler: @escaping Handler) { add("GET", path, cheap, handler) }
    public mutating func post(_ path: String, _ handler: @escaping Handler) { add("POST", path, false, handler) }
    public mutating func delete(_ path: String, _ handler: @escaping Handler) { add("DELETE", path, false, handler) }

    mutating func add(_ method: String, _ path: String, _ cheap: Bool, _ handler: @escaping Handler) {
        let segments = path.split(separator: "/").map { s -> Segment in
            s.hasPrefix(":") ? .parameter(String(s.dropFirst())) : .literal(String(s))
        }
        routes.append(Route(method: method, segments: segments, handler: handler, cheap: cheap, pattern: path))
    }

    public enum Match {
        case found(Handler, [String: String], cheap: Bool, pattern: String)
        /// The path exists under other methods; `pattern` is its route, so metrics count the request under it.
        case methodNotAllowed(allow: [String], pattern: String)
        case notFound
    }

    public func match(method: String, path: String) -> Match {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var allowed: [String] = []
        var allowedPattern = ""
        let wanted = method == "HEAD" ? "GET" : method
        for route in routes where route.segments.count == parts.count {
            var params: [String: String] = [:]
            var ok = true
            for (seg, part) in zip(route.segments, parts) {
                switch seg {
                case .literal(let l):
                    if l != part { ok = false }
                case .parameter(let name):
                    guard let decoded = PercentDecoding.decode(part), !decoded.isEmpty else { ok = false; break }
                    params[name] = decoded
                }
                if !ok { break }
            }
            guard ok else { continue }
            if route.method == wanted { return .found(route.handler, params, cheap: route.cheap, pattern: route.pattern) }
            if allowed.isEmpty { allowedPattern = route.pattern }
            allowed.append(route.method)
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET") { allowed.append("HEAD") }
        return .methodNotAllowed(allow: allowed, pattern: allowedPattern)
    }
}

/// Percent-decoding of path segments and query components (RFC 3986 §2.1); nil for malformed escapes or
/// invalid UTF-8.
public enum PercentDecoding {
    public static func decode(_ s: Substring, plusIsSpace: Bool = false) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next(), let l = it.next(), let hv = hex(h), let lv = hex(l) else { return nil }
                bytes.append(hv << 4 | lv)
            } else if plusIsSpace && b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: b - 48
        case 65...70: b - 55
        case 97...102: b - 87
        default: nil
        }
    }

    /// Splits a raw query string into decoded items; nil when an item is malformed.
    public static func query(_ raw: String?) -> [(name: String, value: String)]? {
        guard let raw, !raw.isEmpty else { return [] }
        var out: [(String, String)] = []
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(kv[0], plusIsSpace: true) else { return nil }
            let value = kv.count > 1 ? decode(kv[1], plusIsSpace: true) : ""
            guard let value else { return nil }
            out.append((name, value))
        }
        return out
    }
}
