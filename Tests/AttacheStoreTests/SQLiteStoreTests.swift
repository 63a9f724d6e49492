import AttacheModel
@testable import AttacheStore
import Foundation
import Testing

/// A fresh SQLite database in its own temporary directory, removed afterwards.
func withTemporarySQLite<T>(_ body: (_ path: String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attache-store-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    return try body(dir + "/attache.sqlite")
}

@Suite(.timeLimit(storeSuiteTimeLimit)) struct SQLiteStoreTests {
    @Test(arguments: StoreCase.allCases)
    func sharedSuite(_ testCase: StoreCase) throws {
        try withTemporarySQLite { path in
            let store = try SQLiteStore(path: path)
            try testCase.run(store)
        }
    }

    @Test(arguments: StoryCase.allCases)
    func storySuite(_ testCase: StoryCase) throws {
        try withTemporarySQLite { path in
            let store = try SQLiteStore(path: path)
            try testCase.run(store)
        }
    }

    @Test func articlesSurviveReopeningAndMigrationsRunOnce() throws {
        try withTemporarySQLite { path in
            var d = Doc("keep", publishedAt: "2015-01-01", ["Kerry spoke."])
            d.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
            do {
                let store = try SQLiteStore(path: path)
                #expect(try d.put(store).isCreated)
            }
            let reopened = try SQLiteStore(path: path)
            #expect(try reopened.article(id: "keep")?.text == "Kerry spoke.")
            #expect(try d.put(reopened).isExisting)
            let versions = try reopened.withWriter { c throws(StoreError) in try Migrator.appliedVersions(c) }
            #expect(versions == SQLiteSchema.migrations.map(\.version))
        }
    }

    @Test func rowsStoredBeforeMigrationTwoGetAcronymsAndFoldedTitlesOnOpen() throws {
        try withTemporarySQLite { path in
            var d = Doc("old", title: "Summit in Brussels", publishedAt: "2015-01-01", ["Antonov and Antonov met the North Atlantic Treaty Organization."])
            d.mention("antonov", .person, "Anatoly Antonov", "Antonov", in: 0)
            d.mention("antonov", .person, "Anatoly Antonov", "Antonov", in: 0, occurrence: 1)
            d.mention("nato", .organization, "North Atlantic Treaty Organization", "North Atlantic Treaty Organization", in: 0)
            do {
                let store = try SQLiteStore(path: path)
                try d.put(store)
                // As a database written before migration 2 left them.
                try store.withWriter { c throws(StoreError) in
                    try c.execute("UPDATE entities SET acronym = NULL; UPDATE articles SET title_folded = NULL")
                }
                #expect(try store.fullSearch("NATO").map(\.id) == ["antonov"])
            }
            let reopened = try SQLiteStore(path: path)
            #expect(try reopened.fullSearch("NATO").map(\.id) == ["nato", "antonov"])
            #expect(try reopened.articles(from: nil, to: nil, source: nil, query: "brussels", limit: 5, cursor: nil).items.map(\.id) == ["old"])
        }
    }

    @Test func articlesStoredBeforeMigrationThreeGetStoryEventsOnOpen() throws {
        try withTemporarySQLite { path in
            let docs = StorySuite.mixedArticles()
            let expected: [StoryEvent]
            do {
                let store = try SQLiteStore(path: path)
                for d in docs { try d.put(store) }
                expected = try StorySuite.allStories(store, entities: StorySuite.countries)
                // As a database written before migration 3 left it (tables created by the migration, no rows yet): the tables exist (the migration ran) but are empty.
                try store.withWriter { c throws(StoreError) in
                    try c.execute("DELETE FROM story_participants; DELETE FROM story_events; DELETE FROM story_members; DELETE FROM story_buckets")
                }
                #expect(try StorySuite.allStories(store, entities: StorySuite.countries).isEmpty)
            }
            let reopened = try SQLiteStore(path: path)
            #expect(!expected.isEmpty)
            #expect(try StorySuite.allStories(reopened, entities: StorySuite.countries) == expected)
        }
    }

    /// A database of the build before story events (schema version 2, no story tables) is upgraded on open.
    @Test func aDatabaseAtSchemaTwoUpgradesToStoryEvents() throws {
        try withTemporarySQLite { path in
            let expected: [StoryEvent]
            do {
                let store = try SQLiteStore(path: path)
                for d in StorySuite.mixedArticles() { try d.put(store) }
                expected = try StorySuite.allStories(store, entities: StorySuite.countries)
                try store.withWriter { c throws(StoreError) in try c.execute(StorySuite.undoStoryMigrationSQL(version: 3)) }
            }
            let reopened = try SQLiteStore(path: path)
            #expect(!expected.isEmpty)
            #expect(try StorySuite.allStories(reopened, entities: StorySuite.countries) == expected)
        }
    }

    @Test func connectionsUseWALFullSyncAndForeignKeys() throws {
        try withTemporarySQLite { path in
            let store = try SQLiteStore(path: path)
            try store.withWriter { c throws(StoreError) in
                var mode: String?
                try c.query("PRAGMA journal_mode", []) { r throws(StoreError) in mode = r.text(0) }
                #expect(mode == "wal")
                #expect(try c.scalarInt("PRAGMA synchronous") == 2)  // FULL
                #expect(try c.scalarInt("PRAGMA foreign_keys") == 1)
                #expect(Int(try c.scalarInt("PRAGMA busy_timeout") ?? 0) == 5_000)
            }
        }
    }

    @Test func aNewerSchemaIsRefused() throws {
        try withTemporarySQLite { path in
            do {
                let store = try SQLiteStore(path: path)
                _ = try store.withWriter { c throws(StoreError) in
                    try c.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'now')", [])
                }
            }
            #expect {
                _ = try SQLiteStore(path: path)
            } throws: { ($0 as? StoreError)?.kind == .incompatibleSchema }
        }
    }

    @Test func factoryRefusesPostgresSettingsItCannotApply() throws {
        try withTemporarySQLite { path in
            let postgres = "postgres://nobody@127.0.0.1:1/none"
            let refused: [(String, String?, Int?)] = [
                ("sqlite:" + path, postgres, nil),      // a standby of a SQLite file
                ("sqlite:" + path, nil, 4),             // a pool for SQLite
                (postgres, "sqlite:" + path, nil),      // a read database that is not PostgreSQL
                (postgres, nil, 0),                     // an empty pool
            ]
            for (url, readURL, poolSize) in refused {
                #expect {
                    _ = try StoreFactory.open(url: url, readURL: readURL, poolSize: poolSize)
                } throws: { ($0 as? StoreError)?.kind == .invalidArgument }
            }
            let store = try StoreFactory.open(url: "sqlite:" + path, readURL: nil, poolSize: nil)
            #expect(store is SQLiteStore)
        }
    }

    @Test func factoryOpensSQLiteAndCreatesTheDirectory() throws {
        try withTemporarySQLite { path in
            let nested = (path as NSString).deletingLastPathComponent + "/a/b/store.sqlite"
            let store = try StoreFactory.open(url: "sqlite:" + nested)
            try store.ping()
            #expect(FileManager.default.fileExists(atPath: nested))
            #expect(store is SQLiteStore)
        }
    }

    @Test(arguments: [
        (nil, StoreFactory.Location.sqlite("./data/attache.sqlite")),
        ("", .sqlite("./data/attache.sqlite")),
        ("sqlite:/var/lib/a.db", .sqlite("/var/lib/a.db")),
        ("sqlite:///var/lib/a.db", .sqlite("/var/lib/a.db")),
        ("data/x.sqlite", .sqlite("data/x.sqlite")),
        ("postgres://u@h/db", .postgres("postgres://u@h/db")),
        ("postgresql://u@h:5433/db?sslmode=disable", .postgres("postgresql://u@h:5433/db?sslmode=disable")),
    ] as [(String?, StoreFactory.Location)])
    func factoryChoosesTheBackend(_ url: String?, _ expected: StoreFactory.Location) {
        #expect(StoreFactory.location(url) == expected)
    }

    /// The start-up log names the store; a PostgreSQL URL's credentials (user, password, query options) stay out.
    @Test(arguments: [
        (nil, "SQLite at ./data/attache.sqlite"),
        ("sqlite:/tmp/a.db", "SQLite at /tmp/a.db"),
        ("postgres://u:secret@db.example:5432/attache", "PostgreSQL at db.example:5432/attache"),
        ("postgresql://db.example/attache?password=secret", "PostgreSQL at db.example/attache"),
        ("postgres://u:p@ss@h/db", "PostgreSQL at h/db"),
    ] as [(String?, String)])
    func factorySummaryHidesCredentials(_ url: String?, _ expected: String) {
        #expect(StoreFactory.summary(url: url) == expected)
    }

    @Test func errorDescriptionsCarrySQLButNoArguments() throws {
        try withTemporarySQLite { path in
            let store = try SQLiteStore(path: path)
            do {
                _ = try store.withWriter { c throws(StoreError) in
                    try c.run("INSERT INTO articles (id, text, content_hash, analysis_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                              [.text("secret-id"), .null, .text("h"), .blob([1]), .text("t")])
                }
                Issue.record("NULL text was accepted")
            } catch let error as StoreError {
                #expect(error.kind == .constraint)
                #expect(error.code == 1299)  // SQLITE_CONSTRAINT_NOTNULL
                #expect(error.description.contains("INSERT INTO articles"))
                #expect(!error.description.contains("secret-id"))
            }
        }
    }
}
