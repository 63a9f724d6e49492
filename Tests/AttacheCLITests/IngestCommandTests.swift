import AttacheStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `attache ingest`: bad lines reported by number and skipped, folders of text files, resuming by id, and a run
/// killed with SIGKILL that a second run completes with exactly the counts of an uninterrupted one.
@Suite(.timeLimit(.minutes(10))) struct IngestCommandTests {
    static let skippedStatus: Int32 = 2

    /// Article `i` of a synthetic archive: a short dispatch of its own, with people, countries and cities that vary
    /// with `i`, so that entities recur across articles in different numbers.
    static func article(_ i: Int) -> String {
        let visitors = ["French President Emmanuel Macron", "German Chancellor Olaf Scholz", "Kenyan President William Ruto",
                        "Japanese Prime Minister Fumio Kishida", "Brazilian President Luiz Inacio Lula da Silva"]
        let cities = ["Nairobi", "Tokyo", "Brasilia", "Paris", "Berlin", "Ottawa", "Canberra"]
        let text = "\(visitors[i % visitors.count]) arrived in \(cities[i % cities.count]) on Monday for talks on trade. "
            + "Officials said the two sides signed an agreement on \(["energy", "ports", "vaccines"][i % 3]) after the meeting."
        let day = String(format: "%02d", i % 28 + 1)
        return #"{"id":"dispatch-\#(i)","title":"Visit \#(i)","publishedAt":"2023-0\#(i % 9 + 1)-\#(day)","text":"\#(text)"}"#
    }

    static func archive(_ count: Int) -> String {
        (0..<count).map(article).joined(separator: "\n") + "\n"
    }

    /// Entity rows compared between two stores: every field the aggregates keep.
    static func entityRows(_ path: String) throws -> [String] {
        let store = try SQLiteStore(path: path)
        var rows: [String] = []
        var cursor: String?
        repeat {
            let page = try store.searchEntities(query: nil, type: nil, limit: 1000, cursor: cursor)
            rows += page.items.map { "\($0.id) \($0.mentionCount) \($0.articleCount) \($0.firstSeen ?? "-") \($0.lastSeen ?? "-")" }
            cursor = page.nextCursor
        } while cursor != nil
        return rows.sorted()
    }

    @Test func badLinesAreReportedWithTheirNumbersAndSkipped() throws {
        let dir = try AttacheProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("archive.jsonl").path
        let lines = [Self.article(0), "{\"text\": \"unterminated", Self.article(1), "", #"{"id":"x","text":"  "}"#,
                     #"{"id":"bad id!","text":"Olaf Scholz spoke."}"#, Self.article(2)]
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: input))
        let db = dir.appendingPathComponent("store.sqlite").path
        let r = try AttacheProcess.run(["ingest", "--database", db, input])
        #expect(r.status == Self.skippedStatus, "\(r.stderr)")
        #expect(r.stderr.contains("archive.jsonl:2: not valid JSON"), "\(r.stderr)")
        #expect(r.stderr.contains("archive.jsonl:5: text must not be empty"), "\(r.stderr)")
        #expect(r.stderr.contains("archive.jsonl:6: id must be 1-200 characters"), "\(r.stderr)")
        #expect(r.stdout.hasPrefix("ingest: 6 read, 3 stored, 0 already stored, 3 skipped in "), "\(r.stdout)")
        #expect(try SQLiteStore(path: db).articleCount() == 3)
    }

    @Test func aSecondRunSkipsWhatIsStoredAndAnIDWithOtherContentIsReported() throws {
        let dir = try AttacheProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("a.jsonl").path
        let db = dir.appendingPathComponent("store.sqlite").path
        try Data(Self.archive(5).utf8).write(to: URL(fileURLWithPath: input))
        let first = try AttacheProcess.run(["ingest", "--database", db, input])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("ingest: 5 read, 5 stored, 0 already stored, 0 skipped"), "\(first.stdout)")
        // One more article, and dispatch-0 again with another text.
        let more = Self.archive(6) + #"{"id":"dispatch-0","text":"Olaf Scholz left Nairobi."}"# + "\n"
        try Data(more.utf8).write(to: URL(fileURLWithPath: input))
        let second = try AttacheProcess.run(["ingest", "--database", db, "--batch-size", "2", input])
        #expect(second.status == Self.skippedStatus)
        #expect(second.stdout.hasPrefix("ingest: 7 read, 1 stored, 5 already stored, 1 skipped"), "\(second.stdout)")
        #expect(second.stderr.contains("a.jsonl:7: article dispatch-0 is already stored with a different text or title"), "\(second.stderr)")
        #expect(try SQLiteStore(path: db).articleCount() == 6)
    }

    @Test func aFolderOfTextAndMarkdownFilesIsLoadedWithPathIDs() throws {
        let dir = try AttacheProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("news")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("2023/05"), withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        try write("2023/05/talks.md", "# Talks in Nairobi\n\nKenyan President William Ruto met Olaf Scholz in Nairobi.\n")
        try write("visit.txt", "Emmanuel Macron arrived in Tokyo on Monday.")
        try write("empty.txt", "\n\n")
        try write("notes.json", "{\"text\": \"not an article file\"}")
        let db = dir.appendingPathComponent("store.sqlite").path
        let r = try AttacheProcess.run(["ingest", "--database", db, folder.path])
        #expect(r.status == Self.skippedStatus, "\(r.stderr)")
        #expect(r.stderr.contains("empty.txt: text must not be empty"), "\(r.stderr)")
        #expect(r.stdout.hasPrefix("ingest: 3 read, 2 stored, 0 already stored, 1 skipped"), "\(r.stdout)")
        let store = try SQLiteStore(path: db)
        let talks = try #require(try store.article(id: "2023:05:talks"))
        #expect(talks.title == "Talks in Nairobi")
        #expect(talks.text == "Kenyan President William Ruto met Olaf Scholz in Nairobi.")
        #expect(try store.article(id: "visit")?.title == nil)
    }

    @Test func usageErrors() throws {
        let r = try AttacheProcess.run(["ingest", "--batch-size", "0", "x.jsonl"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--batch-size must be 1-100000, got 0"))
        let missing = try AttacheProcess.run(["ingest", "--database", "/tmp/unused.sqlite", "/nonexistent/archive.jsonl"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "attache: cannot read /nonexistent/archive.jsonl: no such file\n")
    }

    /// Issue 18: `kill -9` in the middle of a load loses at most the transaction in flight; a second run stores the
    /// rest, and the store equals one loaded in a single uninterrupted run (articles and every entity aggregate).
    @Test func aRunKilledWithSIGKILLIsCompletedByTheNextWithExactCounts() throws {
        let dir = try AttacheProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 300
        let input = dir.appendingPathComponent("archive.jsonl").path
        try Data(Self.archive(count).utf8).write(to: URL(fileURLWithPath: input))
        let killedDB = dir.appendingPathComponent("killed.sqlite").path
        let cleanDB = dir.appendingPathComponent("clean.sqlite").path
        let watcher = try SQLiteStore(path: killedDB)

        let process = Process()
        process.executableURL = AttacheProcess.binary
        process.arguments = ["ingest", "--database", killedDB, "--batch-size", "10", input]
        process.environment = AttacheProcess.environment([:])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var storedAtKill = 0
        while process.isRunning && Date() < deadline {
            storedAtKill = try watcher.articleCount()
            if storedAtKill >= 30 { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the load ended before it was killed")
        let afterKill = try watcher.articleCount()
        #expect(afterKill >= 30 && afterKill < count, "\(afterKill) articles stored at the kill")
        #expect(afterKill % 10 == 0, "a transaction of 10 was stored in part: \(afterKill)")

        let resumed = try AttacheProcess.run(["ingest", "--database", killedDB, input])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("ingest: \(count) read, \(count - afterKill) stored, \(afterKill) already stored, 0 skipped"),
                "\(resumed.stdout)")
        let clean = try AttacheProcess.run(["ingest", "--database", cleanDB, input])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(try watcher.articleCount() == count)
        let killedRows = try Self.entityRows(killedDB)
        #expect(killedRows.count > 10)
        #expect(killedRows == (try Self.entityRows(cleanDB)))
    }
}
