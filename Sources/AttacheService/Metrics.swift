import Foundation

/// Request counters and latency histograms in Prometheus text format (exposition format 0.0.4).
///
/// One lock around plain dictionaries: a few tens of nanoseconds per request, far below the cost of a
/// request; a per-thread design would only pay off well past 100k requests/s.
public final class Metrics: @unchecked Sendable {
    /// Latency bucket bounds in seconds.
    static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Histogram {
        var counts = [UInt64](repeating: 0, count: Metrics.bounds.count + 1)
        var sum = 0.0
        var count: UInt64 = 0

        mutating func observe(_ v: Double) {
            var i = 0
            while i < Metrics.bounds.count && v > Metrics.bounds[i] { i += 1 }
            counts[i] += 1
            sum += v
            count += 1
        }
    }

    struct RouteKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private let lock = NSLock()
    private var requests: [RouteKey: UInt64] = [:]
    private var latency: [String: Histogram] = [:]
    private var analysis = Histogram()
    private var articlesCreated: UInt64 = 0
    private let started = Date()

    public init() {}

    public func observe(method: String, route: String, status: Int, seconds: Double) {
        lock.lock()
        requests[RouteKey(method: method, route: route, status: status), default: 0] += 1
        latency[route, default: Histogram()].observe(seconds)
        lock.unlock()
    }

    public func observeAnalysis(seconds: Double) {
        lock.lock()
        analysis.observe(seconds)
        lock.unlock()
    }

    public func articleCreated() {
        lock.lock()
        articlesCreated += 1
        lock.unlock()
    }

    /// The exposition text; `articlesStored` comes from the store at scrape time.
    public func render(articlesStored: Int?) -> String {
        lock.lock()
        let requests = self.requests
        let latency = self.latency
        let analysis = self.analysis
        let created = articlesCreated
        lock.unlock()
        var out = ""
        out += "# HELP attache_http_requests_total HTTP requests by method, route and status.\n"
        out += "# TYPE attache_http_requests_total counter\n"
        for (k, v) in requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "attache_http_requests_total{method=\"\(k.method)\",route=\"\(escape(k.route))\",status=\"\(k.status)\"} \(v)\n"
        }
        out += "# HELP attache_http_request_duration_seconds Time from a complete request to its response.\n"
        out += "# TYPE attache_http_request_duration_seconds histogram\n"
        for (route, h) in latency.sorted(by: { $0.key < $1.key }) {
            out += histogram("attache_http_request_duration_seconds", h, labels: "route=\"\(escape(route))\"")
        }
        out += "# HELP attache_analysis_duration_seconds Time to analyse one article.\n"
        out += "# TYPE attache_analysis_duration_seconds histogram\n"
        out += histogram("attache_analysis_duration_seconds", analysis, labels: nil)
        out += "# HELP attache_articles_created_total Articles stored by this process.\n"
        out += "# TYPE attache_articles_created_total counter\n"
        out += "attache_articles_created_total \(created)\n"
        if let articlesStored {
            out += "# HELP attache_articles_stored Articles in the store.\n"
            out += "# TYPE attache_articles_stored gauge\n"
            out += "attache_articles_stored \(articlesStored)\n"
        }
        out += "# HELP attache_uptime_seconds Seconds since the process started.\n"
        out += "# TYPE attache_uptime_seconds gauge\n"
        out += "attache_uptime_seconds \(Int(Date().timeIntervalSince(started)))\n"
        return out
    }

    private func histogram(_ name: String, _ h: Histogram, labels: String?) -> String {
        var out = ""
        var cumulative: UInt64 = 0
        let prefix = labels.map { "\($0)," } ?? ""
        for (i, bound) in Metrics.bounds.enumerated() {
            cumulative += h.counts[i]
            out += "\(name)_bucket{\(prefix)le=\"\(bound)\"} \(cumulative)\n"
        }
        cumulative += h.counts[Metrics.bounds.count]
        out += "\(name)_bucket{\(prefix)le=\"+Inf\"} \(cumulative)\n"
        let l = labels.map { "{\($0)}" } ?? ""
        out += "\(name)_sum\(l) \(h.sum)\n"
        out += "\(name)_count\(l) \(h.count)\n"
        return out
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
