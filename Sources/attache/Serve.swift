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
        Environment: ATTACHE_HOST, ATTACHE_PORT (or PORT), ATTACHE_DATABASE_URL, ATTACHE_API_KEY, ATTACHE_API_KEY_READS=1,
        ATTACHE_KB_DIRS, ATTACHE_MAX_BODY_BYTES, ATTACHE_MAX_CONNECTIONS, ATTACHE_WORKERS, ATTACHE_EVENT_LOOPS, ATTACHE_LOG_LEVEL,
        ATTACHE_CORS_ORIGINS (comma-separated). Flags win.
        """
    )

    @Option(help: "Address to listen on (default 0.0.0.0).") var host: String?
    @Option(help: "Port to listen on (default 8080; 0 picks a free one).") var port: Int?
    @Option(help: "Store: a SQLite path, sqlite:PATH, or postgres://… (default ./data/attache.sqlite).") var database: String?
    @Option(name: .customLong("kb"), help: "Extra knowledge-base directory (repeatable).") var kb: [String] = []
    @Option(help: "Largest article body in bytes (default 1048576).") var maxBodyBytes: Int?
    @Option(help: "Most open connections before answering 503 (default 10000).") var maxConnections: Int?
    @Option(help: "Worker threads for handlers (default max(4, 2 × cores)).") var workers: Int?
    @Option(help: "Event-loop threads, one epoll each (default: the number of cores).") var eventLoops: Int?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default info).") var logLevel: String?
    @Option(help: "Browser origin allowed to call the API (CORS), such as https://app.example.org; repeatable or comma-separated, * for any (default none).")
    var corsOrigin: [String] = []

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let level = Logger.Level(rawValue: logLevel ?? env["ATTACHE_LOG_LEVEL"] ?? "info") ?? .info
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
            store = try StoreFactory.open(url: config.databaseURL)
        } catch {
            logger.critical("cannot open the article store", metadata: ["error": "\(error)"])
            throw ExitCode(2)
        }
        let service = AttacheService(analyzer: Analyzer(knowledgeBase: knowledge, eventLexicon: events), store: store, configuration: config, logger: logger)
        let server = HTTPServer(configuration: config.http, responder: service, logger: logger)
        try server.start()
        server.installSignalHandlers()
        logger.info("attache listening", metadata: ["host": "\(config.http.host)", "port": "\(server.port)", "version": "\(AttacheInfo.version)"])
        server.wait()
        logger.info("attache stopped")
    }
}
