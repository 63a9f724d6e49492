import AttacheCore
import AttacheHTTP
import AttacheService
import AttacheStore
import Foundation
import Glibc
import Logging

/// The real service (`AttacheService` over `HTTPServer`, SQLite store in a temp file) running in
/// this process on an ephemeral port, for the hostile-client battery. In-process so that the
/// process's own VmRSS is the server's memory.
final class HostileServer {
    /// The test process's one analyzer: the knowledge base is the expensive part of a start (over a second
    /// of CPU in the debug build), so the hostile servers do not load a copy of their own.
    static var analyzer: Analyzer { SharedKnowledge.analyzer }

    let server: HTTPServer
    let port: Int
    private let directory: String

    /// Starts a server. Defaults are the service's, on 127.0.0.1:0, with `configure` applied last.
    init(_ configure: (inout ServiceConfiguration) -> Void = { _ in }) throws {
        var config = ServiceConfiguration()
        config.http.host = "127.0.0.1"
        config.http.port = 0
        configure(&config)
        directory = NSTemporaryDirectory() + "attache-hostile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try StoreFactory.open(url: "sqlite:\(directory)/store.sqlite")
        let logger = Logger(label: "hostile") { _ in SwiftLogNoOpLogHandler() }
        let service = AttacheService(analyzer: Self.analyzer, store: store, configuration: config, logger: logger)
        server = HTTPServer(configuration: config.http, responder: service, logger: logger)
        try server.start()
        port = server.port
    }

    func stop() {
        server.shutdown()
        server.wait()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A new connection.
    func connect(timeout: Double = 10, receiveBuffer: Int32? = nil) throws -> HostileSocket {
        try HostileSocket(port: port, timeout: timeout, receiveBuffer: receiveBuffer)
    }

    /// One request on a fresh connection; the response.
    func exchange(_ request: String) throws -> HostileSocket.Response {
        let s = try connect()
        try s.send(request)
        return try s.readResponse()
    }

    /// `GET /health` and a small `POST /v1/analyze`, each on a new connection, and the time the
    /// slower took. Throws unless both answer 200 with the expected content.
    @discardableResult
    func checkHealthy() throws -> Double {
        let t0 = Date()
        let health = try exchange("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
        guard health.status == 200, health.text.contains("\"ok\"") else {
            throw HostileSocket.Failure(description: "GET /health answered \(health.status) \(health.text)")
        }
        let body = #"{"text":"Secretary of State John Kerry met President Vladimir Putin in Moscow on Tuesday."}"#
        let analyze = try exchange("POST /v1/analyze HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        guard analyze.status == 200, analyze.text.contains("Putin") else {
            throw HostileSocket.Failure(description: "POST /v1/analyze answered \(analyze.status) \(analyze.text.prefix(300))")
        }
        return Date().timeIntervalSince(t0)
    }
}

/// The process's resident set size, from /proc/self/status (VmRSS), in bytes.
enum ResidentMemory {
    static func bytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return digits * 1024
        }
        return 0
    }

    /// Waits up to `seconds` for the RSS to come back within `tolerance` bytes of `baseline`
    /// (allocators return memory lazily, and connections close asynchronously); the last sample.
    static func settle(to baseline: Int, tolerance: Int, seconds: Double = 6, label: String = #function) -> Int {
        defer { print("hostile RSS \(label): baseline \(baseline >> 20) MB, peak during \(peak() >> 20) MB (process VmHWM), after \(bytes() >> 20) MB") }
        let deadline = Date().addingTimeInterval(seconds)
        var rss = bytes()
        while rss > baseline + tolerance && Date() < deadline {
            trimMalloc()
            usleep(200_000)
            rss = bytes()
        }
        return rss
    }

    /// The process's peak RSS so far (VmHWM), bytes.
    static func peak() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }

    /// glibc's `malloc_trim(0)` (not in the Glibc module map): hands freed heap pages back to
    /// the kernel, so RSS reflects live memory rather than the allocator's cache.
    private static func trimMalloc() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
}
