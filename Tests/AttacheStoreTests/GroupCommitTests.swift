import AttacheModel
@testable import AttacheStore
import Foundation
import Testing

/// Group commit and `putMany` on SQLite: concurrent puts share transactions, each article keeps its own outcome,
/// and a failing article fails alone.
@Suite(.timeLimit(storeSuiteTimeLimit)) struct GroupCommitTests {
    /// An article by `id` that mentions one entity shared by all such articles and one of its own.
    static func doc(_ id: String, text: String? = nil) -> Doc {
        var d = Doc(id, publishedAt: "2021-03-04", [text ?? "Envoy Maren Oduya met the delegation of \(id)."])
        d.mention("maren", .person, "Maren Oduya", "Maren Oduya", in: 0)
        if text == nil { d.mention("del-\(id)", .organization, "Delegation \(id)", id, in: 0) }
        return d
    }

    /// Two events under one id break the events table's primary key: a constraint error inside the article's rows.
    static func brokenDoc(_ id: String) -> Doc {
        var d = Doc(id, publishedAt: "2021-03-04", ["Maren Oduya met Tomas Reyl and Maren Oduya met Ilse Varr."])
        d.mention("maren", .person, "Maren Oduya", "Maren Oduya", in: 0)
        d.event("ev-1", .consult, trigger: "met", in: 0, [("maren", .source)])
        d.event("ev-1", .consult, trigger: "met", in: 0, [("maren", .source)])
        return d
    }

    static func write(_ d: Doc) -> ArticleWrite {
        ArticleWrite(id: d.id, input: d.input, contentHash: d.contentHash, analysis: d.analysis, analysisJSON: d.json)
    }

    func store(_ path: String, window: Int, maxArticles: Int = GroupCommitLimits.defaultMaxArticles) throws -> SQLiteStore {
        var config = SQLiteStore.Configuration(path: path)
        config.groupCommit.windowMilliseconds = window
        config.groupCommit.maxArticles = maxArticles
        return try SQLiteStore(configuration: config)
    }

    /// Runs `body(i)` for `count` indices on `threads` threads of their own (`concurrentPerform` would run only
    /// as many at once as there are cores) and waits for all.
    func concurrently(_ count: Int, threads: Int = 8, _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchGroup()
        for t in 0..<threads {
            done.enter()
            Thread {
                for i in stride(from: t, to: count, by: threads) { body(i) }
                done.leave()
            }.start()
        }
        done.wait()
    }

    @Test func concurrentPutsShareTransactionsAndCountsStayExact() throws {
        try withTemporarySQLite { path in
            let store = try store(path, window: 20)
            let outcomes = Locked<[String: String]>([:])
            let count = 160
            concurrently(count) { i in
                let d = Self.doc("art-\(i)")
                let outcome: String
                do { outcome = try d.put(store).isCreated ? "created" : "not created" } catch { outcome = "\(error)" }
                outcomes.update { $0[d.id] = outcome }
            }
            #expect(outcomes.value.count == count)
            #expect(outcomes.value.values.allSatisfy { $0 == "created" }, "\(outcomes.value.filter { $0.value != "created" }.prefix(3))")
            #expect(try store.articleCount() == count)
            #expect(store.groupCommitCount < count / 2, "\(store.groupCommitCount) transactions for \(count) concurrent puts")
            let shared = try #require(try store.entity(id: "maren"))
            #expect(shared.summary.articleCount == count)
            #expect(shared.summary.mentionCount == count)
        }
    }

    /// Four puts fill one group (the window is long, a group holds four); the broken one fails with its
    /// constraint error, the other three are stored, and a duplicate id with other content is a conflict.
    @Test func aFailingArticleFailsOnlyItsOwnPut() throws {
        try withTemporarySQLite { path in
            let store = try store(path, window: 10_000, maxArticles: 4)
            // Stored outside the group commit, which would wait out the window for three more.
            _ = try store.putMany([Self.write(Self.doc("first"))])
            let docs = [Self.doc("a"), Self.brokenDoc("broken"), Self.doc("b"), Self.doc("first", text: "Maren Oduya left.")]
            let outcomes = Locked<[String: String]>([:])
            concurrently(docs.count, threads: docs.count) { i in
                let d = docs[i]
                let outcome: String
                do {
                    let o = try d.put(store)
                    outcome = o.isCreated ? "created" : o.isConflict ? "conflict" : "existing"
                } catch let e as StoreError {
                    outcome = e.kind.rawValue
                } catch {
                    outcome = "\(error)"
                }
                outcomes.update { $0[d.id + "/" + d.text.prefix(5)] = outcome }
            }
            #expect(outcomes.value == ["a/Envoy": "created", "broken/Maren": "constraint", "b/Envoy": "created", "first/Maren": "conflict"])
            #expect(store.groupCommitCount == 1, "the four puts were not one group")
            #expect(try store.article(id: "broken") == nil)
            #expect(try store.articleCount() == 3)
            #expect(try store.entity(id: "maren")?.summary.articleCount == 3)
        }
    }

    @Test func putManyIsOneTransactionWithAnOutcomePerArticle() throws {
        try withTemporarySQLite { path in
            try Self.putManyKeepsEachOutcome(try store(path, window: 0))
        }
    }

    /// The same on PostgreSQL, whose `putMany` runs the shared code in one transaction.
    @Test(.enabled(if: postgresURL != nil, "ATTACHE_TEST_POSTGRES_URL is not set"))
    func putManyOnPostgreSQL() throws {
        try withFreshDatabase { url in
            try Self.putManyKeepsEachOutcome(try PostgresStore(url: url))
        }
    }

    static func putManyKeepsEachOutcome(_ store: any ArticleStore) throws {
        do {
            try Self.doc("old").put(store)
            let results = try store.putMany([Self.write(Self.doc("n1")), Self.write(Self.brokenDoc("bad")), Self.write(Self.doc("old")),
                                             Self.write(Self.doc("n1", text: "Maren Oduya spoke.")), Self.write(Self.doc("n2"))])
            let said = results.map { r -> String in
                switch r {
                case .success(let o): o.isCreated ? "created" : o.isExisting ? "existing" : "conflict"
                case .failure(let e): e.kind.rawValue
                }
            }
            #expect(said == ["created", "constraint", "existing", "conflict", "created"])
            #expect(try store.articleCount() == 3)
            #expect(try store.entity(id: "maren")?.summary.articleCount == 3)
            #expect(try store.entity(id: "maren")?.summary.mentionCount == 3)
            #expect(try store.contentHashes(of: ["old", "bad", "n2"]) == ["old": Self.doc("old").contentHash, "n2": Self.doc("n2").contentHash])
        }
    }

    @Test func contentHashesAnswersOverManyStatements() throws {
        try withTemporarySQLite { path in
            let store = try store(path, window: 0)
            let stored = (0..<30).map { "s-\($0 * 41)" }
            _ = try store.putMany(stored.map { Self.write(Self.doc($0)) })
            let asked = (0..<(StoreOperations.contentHashesChunk * 2 + 300)).map { "s-\($0)" }
            let expected = Dictionary(uniqueKeysWithValues: stored.filter { asked.contains($0) }.map { ($0, Self.doc($0).contentHash) })
            #expect(expected.count == 30)
            #expect(try store.contentHashes(of: asked) == expected)
            #expect(try store.contentHashes(of: []).isEmpty)
        }
    }
}

/// A value shared by test threads.
final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func update(_ body: (inout T) -> Void) { lock.withLock { body(&stored) } }
}
