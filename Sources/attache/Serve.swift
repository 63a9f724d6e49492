import AttacheCore
import AttacheHTTP
import AttacheService
import AttacheStore
import ArgumentParser
import Foundation
import Logging

/// `attache serve`: the HTTP service.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP service (SQLite at ./data/attache.sqlite unless told otherwise).",
        discussion: """
        Environment: ATTACHE_HOST, ATTACHE_PORT (or PORT), ATTACHE_DATABASE_URL, ATTACHE_READ_DATABASE_URL,
        ATTACHE_DATABASE_POOL_SIZE, ATTACHE_API_KEY, ATTACHE_API_KEY_READS=1,
        ATTACHE_KB_DIRS, ATTACHE_MAX_BODY_BYTES, ATTACHE_MAX_CONNECTIONS, ATTACHE_WORKERS, ATTACHE_EVENT_LOOPS, ATTACHE_LOG_LEVEL,
        ATTACHE_CORS_ORIGINS (comma-separated). Flags win.
        """
    )

    @Option(help: "Address to listen on (default 0.0.0.0).") var host: String?
    @Option(help: "Port to listen on, 0-65535 (default 8080; 0 picks a free one).") var port: Int?
    @Option(help: "Store: a SQLite path, sqlite:PATH, or postgres://… (default ./data/attache.sqlite).") var database: String?
    @Option(help: "PostgreSQL hot standby for searches, entities and timelines (postgres://…); writes stay on --database.")
    var readDatabase: String?
    @Option(help: "PostgreSQL connections per process, to the primary and to the standby each (default: --workers).")
    var databasePoolSize: Int?
    @Option(name: .customLong("kb"), help: "Extra knowledge-base directory (repeatable).") var kb: [String] = []
    @Option(help: "Largest article body in bytes (default 1048576).") var maxBodyBytes: Int?
    @Option(help: "Most open connections before answering 503 (default 10000).") var maxConnections: Int?
    @Option(help: "Worker threads for handlers (default max(4, 2 × cores)).") var workers: Int?
    @Option(help: "Event-loop threads, one epoll each (default: the number of cores).") var eventLoops: Int?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default info).") var logLevel: String?
    @Option(help: "Browser origin allowed to call the API (CORS), such as https://app.example.org; repeatable or comma-separated, * for any (default none).")
    var corsOrigin: [String] = []

    /// Port 0 asks the kernel for a free port; anything else must be a TCP port number.
    static let ports = 0...65535

    func validate() throws {
        if let databasePoolSize, databasePoolSize < 1 {
            throw ValidationError("--database-pool-size must be at least 1, got \(databasePoolSize)")
        }
        if let port, !Self.ports.contains(port) { throw ValidationError("--port must be 0-65535 (0 picks a free port), got \(port)") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(Self.levelNames), got \"\(logLevel)\"")
        }
    }

    static let levelNames = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        MallocArenas.apply(cores: ProcessInfo.processInfo.activeProcessorCount, environment: env)
        let levelName = logLevel ?? env["ATTACHE_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelName) else {
            throw CommandFailure("ATTACHE_LOG_LEVEL must be one of \(Self.levelNames), got \"\(levelName)\"")
        }
        if port == nil { try Self.checkPortVariables(env) }
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "attache")
        var config = ServiceConfiguration()
        config.applyEnvironment(env)
        if let host { config.http.host = host }
        if let port { config.http.port = port }
        if let database { config.databaseURL = database }
        if let readDatabase { config.readDatabaseURL = readDatabase }
        if let databasePoolSize { config.databasePoolSize = databasePoolSize }
        config.knowledgeBaseDirectories += kb
        if let maxBodyBytes { config.maxArticleBytes = maxBodyBytes }
        if let maxConnections { config.http.maxConnections = maxConnections }
        if let workers { config.http.workerThreads = workers }
        if let eventLoops { config.http.eventLoopThreads = max(1, eventLoops) }
        if !corsOrigin.isEmpty { config.corsOrigins = corsOrigin.flatMap(ServiceConfiguration.originList) }

        let t0 = Date()
        let dirs = config.knowledgeBaseDirectories.map { URL(fileURLWithPath: $0) }
        let knowledge = try KnowledgeBase.load(extraDirectories: dirs)
        let events = try EventLexicon.load(extraDirectories: dirs)
        logger.info("knowledge base loaded", metadata: [
            "entities": "\(knowledge.entities.count)", "phrases": "\(knowledge.gazetteer.phraseCount)",
            "eventPhrases": "\(events.phraseCount)",
            "ms": "\(Int(Date().timeIntervalSince(t0) * 1000))",
        ])
        let store: any ArticleStore
        do {
            store = try StoreFactory.open(url: config.databaseURL, readURL: config.readDatabaseURL,
                                          poolSize: config.effectiveDatabasePoolSize)
        } catch {
            logger.critical("cannot open the article store", metadata: ["error": "\(error)"])
            throw ExitCode(2)
        }
        let service = AttacheService(analyzer: Analyzer(knowledgeBase: knowledge, eventLexicon: events), store: store, configuration: config, logger: logger)
        let server = HTTPServer(configuration: config.http, responder: service, logger: logger)
        try server.start()
        server.installSignalHandlers()
        let url = Self.url(host: config.http.host, port: server.port)
        logger.info("attache listening on \(url), the page is at \(url)/", metadata: [
            "port": "\(server.port)", "store": "\(StoreFactory.summary(url: config.databaseURL))", "version": "\(AttacheInfo.version)",
        ])
        server.wait()
        logger.info("attache stopped")
    }

    /// ATTACHE_PORT (or PORT) holds a port number when set: a typo must not leave the server on 8080 unnoticed.
    static func checkPortVariables(_ env: [String: String]) throws(CommandFailure) {
        let name = env["ATTACHE_PORT"] != nil ? "ATTACHE_PORT" : "PORT"
        guard let value = env[name] else { return }
        guard let port = Int(value), ports.contains(port) else {
            throw CommandFailure("\(name) must be a port number 0-65535, got \"\(value)\"")
        }
    }

    /// The address to give a user: a wildcard host is reached on the loopback address; IPv6 goes in brackets.
    static func url(host: String, port: Int) -> String {
        let reachable = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        return "http://\(reachable.contains(":") ? "[\(reachable)]" : reachable):\(port)"
    }
}
