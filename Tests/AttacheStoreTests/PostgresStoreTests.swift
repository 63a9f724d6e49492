import AttacheModel
@testable import AttacheStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

let postgresURL = ProcessInfo.processInfo.environment["ATTACHE_TEST_POSTGRES_URL"]
private let postgresCtl = ProcessInfo.processInfo.environment["ATTACHE_TEST_POSTGRES_CTL"]

/// `base` with its database name replaced.
func url(_ base: String, database: String) -> String {
    let query = base.firstIndex(of: "?").map { String(base[$0...]) } ?? ""
    let noQuery = base.firstIndex(of: "?").map { String(base[..<$0]) } ?? base
    let slash = noQuery.lastIndex(of: "/")!
    return String(noQuery[...slash]) + database + query
}

/// Runs `body` against a new, empty database on the test server, dropped afterwards.
func withFreshDatabase(_ body: (_ url: String) throws -> Void) throws {
    let base = try #require(postgresURL)
    let name = "attache_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    do {
        let admin = try PGConnection(url: base, connectTimeoutSeconds: 5)
        try admin.execute("CREATE DATABASE \(name)")
    }
    defer {
        if let admin = try? PGConnection(url: base, connectTimeoutSeconds: 5) {
            try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }
    try body(url(base, database: name))
}

/// Runs the server control script `scripts/ci/with-postgres.sh` provides with `arguments` (`stop`, `start`, `new NAME`,
/// `stop NAME`, ...) and returns what it prints. Spawns and reaps the child directly: Foundation's
/// `Process.waitUntilExit` can miss the exit when called off the main thread.
@discardableResult
func serverControl(_ arguments: String..., script: String? = postgresCtl) throws -> String {
    let script = try #require(script)
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("attache-ctl-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let args = ["/bin/sh", "-c", "\"$@\" >\"$0\" 2>/dev/null", output, script] + arguments
    let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
    try #require(spawned == 0, "cannot spawn the server control script")
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    try #require(status == 0, "server \(arguments.joined(separator: " ")) failed")
    let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    return printed.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A PostgreSQL server of one test's own (`ctl.sh new NAME`), which the test may stop and restart: stopping the shared
/// server would cut the connections of every other test running beside it.
struct OwnServer {
    let name: String
    /// Its database `attache_test`.
    let url: String

    init(_ purpose: String) throws {
        name = purpose + "-" + UUID().uuidString.prefix(8).lowercased()
        url = try serverControl("new", name)
    }

    func stop() throws { try serverControl("stop", name) }
    func start() throws { try serverControl("start", name) }
}

/// Runs only against a real server: `scripts/ci/with-postgres.sh swift test --filter AttacheStoreTests`.
/// Serialized: its tests were written one after another against one server (the one that stops a server stops its own).
@Suite(.serialized, .timeLimit(storeSuiteTimeLimit), .enabled(if: postgresURL != nil,
    "PostgreSQL suite skipped: ATTACHE_TEST_POSTGRES_URL is not set; run `scripts/ci/with-postgres.sh swift test --filter AttacheStoreTests`"))
struct PostgresStoreTests {
    @Test(arguments: StoreCase.allCases)
    func sharedSuite(_ testCase: StoreCase) throws {
        try withFreshDatabase { url in
            let store = try PostgresStore(url: url)
            try testCase.run(store)
        }
    }

    @Test(arguments: StoryCase.allCases)
    func storySuite(_ testCase: StoryCase) throws {
        try withFreshDatabase { url in
            let store = try PostgresStore(url: url)
            try testCase.run(store)
        }
    }

    /// A database of the build before story events (schema version 3, no story tables) is upgraded on open.
    @Test func aDatabaseAtSchemaThreeUpgradesToStoryEvents() throws {
        try withFreshDatabase { url in
            let expected: [StoryEvent]
            do {
                let store = try PostgresStore(url: url)
                for d in StorySuite.mixedArticles() { try d.put(store) }
                expected = try StorySuite.allStories(store, entities: StorySuite.countries)
                try store.withConnection { c throws(StoreError) in try c.execute(StorySuite.undoStoryMigrationSQL(version: 4)) }
            }
            let reopened = try PostgresStore(url: url)
            #expect(!expected.isEmpty)
            #expect(try StorySuite.allStories(reopened, entities: StorySuite.countries) == expected)
        }
    }

    @Test func twoStoresOnOneDatabaseAgreeOnStoryEvents() throws {
        try withFreshDatabase { url in
            let first = try PostgresStore(url: url)
            let second = try PostgresStore(url: url)
            try StorySuite.concurrentWriters(first, others: [second])
        }
    }

    @Test func processesStartingTogetherMigrateOnce() throws {
        try withFreshDatabase { url in
            let errors = Collected<String>()
            onThreads(6) { _ in
                do {
                    let store = try PostgresStore(configuration: .init(url: url))
                    try store.ping()
                } catch {
                    errors.append(String(describing: error))
                }
            }
            #expect(errors.all.isEmpty, "\(errors.all)")
            let store = try PostgresStore(url: url)
            let versions = try store.withConnection { c throws(StoreError) in try Migrator.appliedVersions(c) }
            #expect(versions == PostgresSchema.migrations.map(\.version))
        }
    }

    /// Articles and mentions carry the publication month (the partition key), nothing references `articles` by a
    /// foreign key, and deleting an article still removes every row derived from it.
    @Test func schemaIsPartitionReady() throws {
        try withFreshDatabase { url in
            let store = try PostgresStore(url: url)
            let dates: [String?] = ["2015-03-04", "2015-03-31T23:00:00Z", "2016", nil]
            for (i, date) in dates.enumerated() {
                var d = Doc("month-\(i)", publishedAt: date, ["Kerry met Lavrov."])
                d.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
                d.event("ev", .consult, trigger: "met", in: 0, [("kerry", .source)])
                try d.put(store)
            }
            let months = try store.withConnection { c throws(StoreError) -> [String] in
                var out: [String] = []
                try c.query("""
                    SELECT a.published_month || '|' || string_agg(DISTINCT m.published_month, ',') FROM articles a
                    JOIN mentions m ON m.article_id = a.id GROUP BY a.id, a.published_month ORDER BY a.id
                    """, []) { (r: PGRow) throws(StoreError) in out.append(r.text(0) ?? "") }
                return out
            }
            #expect(months == ["2015-03|2015-03", "2015-03|2015-03", "|", "|"])
            let references = try store.withConnection { c throws(StoreError) in
                try c.scalarInt("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid = 'articles'::regclass")
            }
            #expect(references == 0)

            #expect(try store.deleteArticle(id: "month-0"))
            for table in StoreOperations.derivedArticleTables {
                let left = try store.withConnection { c throws(StoreError) in
                    try c.scalarInt("SELECT count(*) FROM \(table) WHERE article_id = 'month-0'")
                }
                #expect(left == 0, "\(table) keeps rows of a deleted article")
            }
            #expect(try store.fullTimeline("kerry").count == 6)
        }
    }

    @Test(.enabled(if: postgresCtl != nil, "needs ATTACHE_TEST_POSTGRES_CTL from scripts/ci/with-postgres.sh"))
    func serverDownIsUnavailableAndRecovers() throws {
        let server = try OwnServer("store-restart")
        let url = server.url
        let store = try PostgresStore(url: url)
        var d = Doc("before", publishedAt: "2015-01-01", ["Kerry spoke."])
        d.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
        try d.put(store)

        try server.stop()
        var running = false
        defer { if !running { try? server.start() } }
        func unavailable(_ body: () throws -> Void) -> Bool {
            do { try body() } catch { return (error as? StoreError)?.isUnavailable == true }
            return false
        }
        #expect(unavailable { try store.ping() })
        #expect(unavailable { _ = try store.article(id: "before") })
        #expect(unavailable { _ = try store.searchEntities(query: nil, type: nil, limit: 5, cursor: nil) })
        var d2 = Doc("during", publishedAt: "2015-01-02", ["Kerry spoke again."])
        d2.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
        #expect(unavailable { _ = try store.put(id: d2.id, input: d2.input, contentHash: d2.contentHash, analysis: d2.analysis, analysisJSON: d2.json) })
        #expect(throws: StoreError.self) { _ = try PostgresStore(url: url) }

        try server.start()
        running = true
        try store.ping()
        #expect(try store.article(id: "before")?.text == "Kerry spoke.")
        #expect(try d2.put(store).isCreated)
        #expect(try store.entity(id: "kerry")?.mentionCount == 2)
    }
}

/// Needs no server: a refused connection is "unavailable", not a crash or a hang.
@Suite struct PostgresConnectionFailureTests {
    @Test func refusedConnectionIsUnavailable() {
        #expect {
            _ = try PostgresStore(url: "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
        } throws: { error in
            guard let e = error as? StoreError else { return false }
            return e.isUnavailable && e.backend == .postgres && !e.description.contains("nobody")
        }
    }

    @Test func placeholdersAreRewrittenForLibpq() {
        #expect(url("postgres://u@h:1/db?x=1", database: "t") == "postgres://u@h:1/t?x=1")
    }
}
