import AttacheModel
@testable import AttacheStore
import Foundation
import Testing

private let standbyURL = ProcessInfo.processInfo.environment["ATTACHE_TEST_POSTGRES_STANDBY_URL"]
private let standbyCtl = ProcessInfo.processInfo.environment["ATTACHE_TEST_POSTGRES_STANDBY_CTL"]

/// Reads from a hot standby (`PostgresStore.Configuration.readURL`), on the primary and streaming standby that
/// `scripts/ci/with-postgres.sh --standby` starts. Part of the serialized `PostgresStoreTests`: one test stops the
/// standby, another suite test stops the primary.
extension PostgresStoreTests {
    /// Opens a store on a fresh database of the primary with the standby for reads, once the standby has the
    /// database (it arrives by replication).
    private func withReplicatedStore(_ body: (PostgresStore) throws -> Void) throws {
        let standby = try #require(standbyURL)
        try withFreshDatabase { primaryURL in
            var config = PostgresStore.Configuration(url: primaryURL)
            config.readURL = url(standby, database: String(primaryURL.split(separator: "/").last!))
            let store = try PostgresStore(configuration: config)
            try #require(try waitUntil(seconds: 20) { try store.standbyHasCaughtUp() }, "the standby did not catch up")
            try body(store)
        }
    }

    private func waitUntil(seconds: Double, _ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? condition()) == true { return true }
            usleep(50_000)
        }
        return try condition()
    }

    private func reportDoc(_ i: Int) -> Doc {
        var d = Doc("replica-\(i)", publishedAt: String(format: "2019-03-%02d", 1 + i % 28), ["Ambassador Vey met the envoy \(i)."])
        d.mention("vey", .person, "Anna Vey", "Vey", in: 0)
        d.event("ev", .consult, trigger: "met", in: 0, [("vey", .source)])
        return d
    }

    @Test(.enabled(if: standbyURL != nil, "needs scripts/ci/with-postgres.sh --standby"))
    func readsGoToTheStandbyAndSeeTheWritesBeforeThem() throws {
        try withReplicatedStore { store in
            let inRecovery = try store.withReadConnection { c throws(StoreError) in
                try c.scalarInt("SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END")
            }
            #expect(inRecovery == 1, "the read pool is not connected to a standby")

            // Each read follows its write at once: it must see it, from whichever server answers.
            for i in 0..<20 {
                #expect(try reportDoc(i).put(store).isCreated)
                #expect(try store.entity(id: "vey")?.articleCount == i + 1)
                #expect(try store.fullTimeline("vey").count == 2 * (i + 1))
                #expect(try store.searchEntities(query: "vey", type: nil, limit: 5, cursor: nil).items.first?.mentionCount == i + 1)
                #expect(try store.articles(from: nil, to: nil, source: nil, query: nil, limit: 100, cursor: nil).items.count == i + 1)
            }
            // Once the standby has replayed everything, a read is the standby's.
            try #require(try waitUntil(seconds: 20) { try store.standbyHasCaughtUp() })
            let before = store.readRouting
            #expect(try store.entity(id: "vey")?.articleCount == 20)
            #expect(store.readRouting.standby == before.standby + 1, "\(store.readRouting)")
            #expect(store.readRouting.primary == before.primary)
            // Writes never go to the standby, which would refuse them.
            #expect(try store.deleteArticle(id: "replica-0"))
            #expect(try store.entity(id: "vey")?.articleCount == 19)
        }
    }

    @Test(.enabled(if: standbyURL != nil && standbyCtl != nil, "needs scripts/ci/with-postgres.sh --standby"))
    func readsFallBackToThePrimaryWhileTheStandbyIsDown() throws {
        try withReplicatedStore { store in
            #expect(try reportDoc(0).put(store).isCreated)
            #expect(try store.entity(id: "vey")?.articleCount == 1)

            try serverControl("stop", script: standbyCtl)
            var running = false
            defer { if !running { try? serverControl("start", script: standbyCtl) } }
            let before = store.readRouting
            for i in 1..<6 {
                #expect(try reportDoc(i).put(store).isCreated)
                #expect(try store.entity(id: "vey")?.articleCount == i + 1)
                #expect(try store.fullTimeline("vey").count == 2 * (i + 1))
            }
            #expect(store.readRouting.standby == before.standby)
            #expect(store.readRouting.primary >= before.primary + 10)

            try serverControl("start", script: standbyCtl)
            running = true
            // After `ReadReplica.retryAfterSeconds` the standby is tried again and serves reads once caught up.
            let served = try waitUntil(seconds: 30) {
                let standby = store.readRouting.standby
                _ = try store.entity(id: "vey")
                return store.readRouting.standby > standby
            }
            #expect(served, "the standby did not serve reads again after it came back: \(store.readRouting)")
        }
    }
}

extension PostgresStore {
    /// True when the standby has replayed all the primary has written (tests wait for it before expecting the
    /// standby to serve a read).
    func standbyHasCaughtUp() throws -> Bool {
        let position = try withConnection(ReadReplica.primaryPosition)
        return try withReadConnection { c throws(StoreError) in try c.scalarInt(ReadReplica.caughtUpSQL, [.text(position)]) } == 1
    }
}
