import AttacheClient
import AttacheCore
import AttacheHTTP
import AttacheService
import AttacheStore
import Foundation
import Logging

/// The real service, in process: an `HTTPServer` on 127.0.0.1 with an ephemeral port, an `AttacheService` over a
/// fresh SQLite file in its own temporary directory, and the shared knowledge base.
///
/// Each test starts its own (so tests share no state and run in parallel) and must call ``stop()``; use
/// ``TestServer/with(_:_:)`` to have that done. Defaults are sized for many servers at once: one event loop,
/// two workers, a one-second shutdown grace period.
final class TestServer: Sendable {
    let server: HTTPServer
    let service: AttacheService
    /// The bound port.
    let port: Int
    /// `http://127.0.0.1:<port>`.
    let baseURL: String
    /// Holds the SQLite file; removed by ``stop()``.
    let directory: URL
    let configuration: ServiceConfiguration

    /// Starts a server; `configure` adjusts the test defaults (API key, limits, timeouts).
    init(store: Bool = true, _ configure: (inout ServiceConfiguration) -> Void = { _ in }) throws {
        var config = ServiceConfiguration()
        config.http.host = "127.0.0.1"
        config.http.port = 0
        config.http.eventLoopThreads = 1
        config.http.workerThreads = 2
        config.http.shutdownGracePeriod = 1
        config.http.lingerTimeout = 0.5
        configure(&config)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attache-itest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        config.databaseURL = "sqlite:" + directory.appendingPathComponent("store.sqlite").path
        configuration = config
        let articleStore: (any ArticleStore)? = store ? try StoreFactory.open(url: config.databaseURL) : nil
        let logger = Logger(label: "attache-itest") { _ in SwiftLogNoOpLogHandler() }
        service = AttacheService(analyzer: SharedKnowledge.analyzer, store: articleStore, configuration: config, logger: logger)
        server = HTTPServer(configuration: config.http, responder: service, logger: logger)
        do {
            try server.start()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        port = server.port
        baseURL = "http://127.0.0.1:\(port)"
    }

    /// A libcurl client for this server.
    func client(apiKey: String? = nil, timeout: Double = 20) -> AttacheClient {
        AttacheClient(baseURL: baseURL, apiKey: apiKey, timeout: timeout)
    }

    /// A raw TCP connection to this server.
    func connect(timeout: Double = 5) throws -> RawConnection {
        try RawConnection(port: port, timeout: timeout)
    }

    /// Shuts the server down, waits for its threads and deletes the temporary directory.
    func stop() {
        server.shutdown()
        server.wait()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` against a fresh server and stops it afterwards, whatever happens.
    static func with<R>(store: Bool = true, _ configure: (inout ServiceConfiguration) -> Void = { _ in },
                        _ body: (TestServer) throws -> R) throws -> R {
        let server = try TestServer(store: store, configure)
        defer { server.stop() }
        return try body(server)
    }
}
