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


/// Finds the route of a request in a route table (see ``Route``); built once from the owner's table.
///
/// Patterns are split into segments once; matching walks the segments, so it costs no allocation beyond the
/// parameter dictionary. A path that exists under another method answers 405 with `Allow`; HEAD is served
/// by the GET route (the server drops the body).
public struct Router<Owner>: Sendable {
    public let routes: [Route<Owner>]

    /// Routes are tried in table order; the first whose pattern and method match wins.
    public init(_ routes: [Route<Owner>]) {
        self.routes = routes
    }

    public enum Match {
        case found(Route<Owner>, parameters: [String: String])
        /// The path exists under other methods; `route` is the first of them, whose pattern labels the request in
        /// metrics and whose body limit applies (the answer is a 405 whatever the body).
        case methodNotAllowed(allow: [String], route: Route<Owner>)
        case notFound
    }

    public func match(method: String, path: String) -> Match {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var allowed: [String] = []
        var firstOnPath: Route<Owner>?
        let wanted = method == "HEAD" ? "GET" : method
        for route in routes where route.segments.count == parts.count {
            guard let params = Self.parameters(route.segments, parts) else { continue }
            if route.method.rawValue == wanted { return .found(route, parameters: params) }
            if firstOnPath == nil { firstOnPath = route }
            allowed.append(route.method.rawValue)
        }
        guard let firstOnPath else { return .notFound }
        if allowed.contains("GET") { allowed.append("HEAD") }
        return .methodNotAllowed(allow: allowed, route: firstOnPath)
    }

    /// The percent-decoded `:name` values when `parts` fit `segments`, else nil (a literal differs, or a parameter
    /// is empty or badly encoded).
    static func parameters(_ segments: [Route<Owner>.Segment], _ parts: [Substring]) -> [String: String]? {
        var params: [String: String] = [:]
        for (seg, part) in zip(segments, parts) {
            switch seg {
            case .literal(let l):
                if l != part { return nil }
            case .parameter(let name):
                guard let decoded = PercentDecoding.decode(part), !decoded.isEmpty else { return nil }
                params[name] = decoded
            }
        }
        return params
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
