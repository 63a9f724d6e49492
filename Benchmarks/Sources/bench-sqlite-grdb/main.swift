@testable import AttacheStore
import AttacheCore
import AttacheJSON
import Foundation
import GRDB

// The SQLite insert path of one analysis, ours against GRDB 7.10: the same `StoreOperations.put` (same SQL, same
// arguments, same schema from `SQLiteSchema.migrations`) over our `SQLiteConnection` and over a GRDB `Database`,
// with the rows derived beforehand, so only the wrapper differs. Rounds alternate between the two; the best
// round of each counts. Needs `@testable` access to the store, so it builds with -enable-testing:
//
//   swift build -c release -Xswiftc -enable-testing --scratch-path .build-testing --product bench-sqlite-grdb
//   .build-testing/release/bench-sqlite-grdb ../../shared/corpus/dev.jsonl [rounds] [FULL|NORMAL|OFF]

let arguments = CommandLine.arguments
let corpusPath = arguments.count > 1 ? arguments[1] : "../../shared/corpus/dev.jsonl"
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
let synchronous = arguments.count > 3 ? arguments[3] : "NORMAL"

let analyzer = Analyzer(knowledgeBase: try KnowledgeBase.load())
let prepared: [(article: StoredArticle, rows: ArticleRows)] = try String(contentsOfFile: corpusPath, encoding: .utf8)
    .split(separator: "\n").map { line in
        let v = try JSONReader.parse(String(line))
        let input = ArticleInput(id: v["id"]?.stringValue, title: v["title"]?.stringValue, text: v["text"]?.stringValue ?? "",
                                 publishedAt: (v["publishedAt"] ?? v["published"])?.stringValue)
        let analysis = analyzer.analyze(input)
        let article = StoredArticle(id: input.id ?? "", title: input.title, text: input.text, publishedAt: input.publishedAt,
                                    source: nil, contentHash: ContentHash.of(title: input.title, text: input.text),
                                    analysisJSON: analysis.jsonBytes(), createdAt: Timestamp.now())
        return (article, ArticleRows(input: input, analysis: analysis))
    }

/// Stores every prepared article under a fresh id; returns how many were created.
func putAll<C: SQLConnection>(_ c: C, round: Int) throws -> Int {
    var created = 0
    for p in prepared {
        var article = p.article
        article.id = "r\(round)-\(article.id)"
        if case .created = try StoreOperations.put(c, article: article, rows: p.rows) { created += 1 }
    }
    return created
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-sqlite-grdb-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

let ours = try SQLiteConnection(path: directory.appendingPathComponent("ours.sqlite").path, readOnly: false,
                                busyTimeoutMilliseconds: 5_000, synchronous: SQLiteStore.Synchronous(rawValue: synchronous) ?? .normal)
try ours.execute("PRAGMA journal_mode = WAL")
try ours.execute("PRAGMA synchronous = \(synchronous)")
try Migrator.migrate(ours, SQLiteSchema.migrations, lockSQL: nil)

var grdbConfig = Configuration()
grdbConfig.prepareDatabase { db in
    try db.execute(sql: "PRAGMA foreign_keys = ON")
    try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
}
let queue = try DatabaseQueue(path: directory.appendingPathComponent("grdb.sqlite").path, configuration: grdbConfig)
try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }

var bestOurs = Double.infinity, bestGRDB = Double.infinity
try queue.inDatabase { db in
    let grdb = GRDBConnection(db)
    try Migrator.migrate(grdb, SQLiteSchema.migrations, lockSQL: nil)
    for round in 0..<rounds {
        var start = DispatchTime.now().uptimeNanoseconds
        let createdByOurs = try putAll(ours, round: round)
        precondition(createdByOurs == prepared.count)
        bestOurs = min(bestOurs, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(prepared.count))
        start = DispatchTime.now().uptimeNanoseconds
        let createdByGRDB = try putAll(grdb, round: round)
        precondition(createdByGRDB == prepared.count)
        bestGRDB = min(bestGRDB, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(prepared.count))
    }
    // Both databases hold the same rows.
    for table in ["articles", "entities", "mentions", "events", "timeline_items"] {
        let a = try ours.scalarInt("SELECT count(*) FROM \(table)"), b = try grdb.scalarInt("SELECT count(*) FROM \(table)")
        precondition(a == b, "\(table): ours \(a ?? -1), GRDB \(b ?? -1)")
    }
}
print("SQLite insert path of one analysis, synchronous=\(synchronous), rows derived beforehand (best of \(rounds) rounds):")
print(String(format: "  ours (SQLiteConnection)  %8.1f µs   1.00x", bestOurs / 1000))
print(String(format: "  GRDB 7.10 (Database)     %8.1f µs   %.2fx", bestGRDB / 1000, bestGRDB / bestOurs))
