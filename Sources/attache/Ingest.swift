import AttacheCore
import AttacheModel
import AttacheService
import AttacheStore
import ArgumentParser
import Foundation
import Glibc

/// `attache ingest`: loads an archive straight into the store, without a server.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load an archive into the store: JSON Lines of articles, or a folder of .txt/.md files.",
        discussion: """
        Each JSON line is an article as POST /v1/articles takes it ({"id"?, "text", "title"?, "publishedAt"?, "source"?}); \
        without an id, the id is the SHA-256 of title and text. In a folder, each .txt or .md file is an article whose id \
        is its path without the extension, "/" written ":" (2024/05/talks.md is 2024:05:talks), and a Markdown file's \
        first line "# Heading" is its title. Articles are analysed on every core and stored in transactions of \
        --batch-size articles. Articles already stored under their id are skipped, so a run that was stopped resumes \
        when started again. Bad lines and files are reported (file:line: reason) and skipped.

        On a terminal, progress (articles/s, ETA) is shown on standard error; a summary line goes to standard output.

        Exit status: 0 when every article is stored; 2 when the run finished but skipped bad lines or articles the \
        store refused; 1 when it stopped (unreadable input, store unavailable; what was stored stays); 64 for usage errors.
        """
    )

    @Argument(help: "A JSON Lines file of articles, or a folder of .txt/.md files.")
    var input: String

    @Option(help: "Store: a SQLite path, sqlite:PATH, or postgres://… (default $ATTACHE_DATABASE_URL, else ./data/attache.sqlite).")
    var database: String?

    @Option(help: "Articles per transaction.")
    var batchSize: Int = ArchiveDefaults.batchSize

    @Option(help: "Threads that analyse (default: the number of cores).")
    var jobs: Int?

    @Option(name: .customLong("kb"), help: "Extra knowledge-base directory (repeatable); also ATTACHE_KB_DIRS, colon-separated.")
    var kb: [String] = []

    /// Exit status of a run that finished but skipped something.
    static let skippedStatus: Int32 = 2

    func validate() throws {
        guard (1...ArchiveDefaults.maxBatchSize).contains(batchSize) else {
            throw ValidationError("--batch-size must be 1-\(ArchiveDefaults.maxBatchSize), got \(batchSize)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        let limits = ServiceConfiguration()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
            throw CommandFailure("cannot read \(input): no such file")
        }
        let dirs = KnowledgeBaseDirectories.resolve(kb)
        let analyzer = Analyzer(knowledgeBase: try KnowledgeBase.load(extraDirectories: dirs),
                                eventLexicon: try EventLexicon.load(extraDirectories: dirs))
        let url = database ?? ProcessInfo.processInfo.environment["ATTACHE_DATABASE_URL"]
        let store: any ArticleStore
        do { store = try StoreFactory.open(url: url, readURL: nil, poolSize: nil, bulkLoad: true) } catch {
            throw CommandFailure("cannot open the store (\(StoreFactory.summary(url: url))): \(error)")
        }
        let progress = Progress(terminal: isatty(STDERR_FILENO) == 1)
        let loader = ArchiveLoader(analyzer: analyzer, store: store, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                   batchSize: batchSize, progress: progress)
        let start = Date()
        if isFolder.boolValue {
            var reader = try FolderReader(path: input, maxFileBytes: limits.maxArticleBytes)
            try loader.run(&reader)
        } else {
            // A line holds one article body plus its JSON quoting; the server's body limit bounds it the same way.
            var reader = try JSONLinesReader(path: input, maxLineBytes: limits.maxArticleBytes)
            defer { reader.close() }
            try loader.run(&reader)
        }
        let seconds = Date().timeIntervalSince(start)
        let t = loader.tally
        let rate = seconds > 0 ? Double(t.stored) / seconds : 0
        print(String(format: "ingest: %d read, %d stored, %d already stored, %d skipped in %.1f s (%.0f articles/s) into %@",
                     t.read, t.stored, t.existing, t.skipped, seconds, rate, StoreFactory.summary(url: url)))
        if t.skipped > 0 { throw ExitCode(Self.skippedStatus) }
    }
}

enum ArchiveDefaults {
    /// Articles per transaction: large enough that the commit's fsync is rare, small enough that a batch's analyses
    /// stay a few tens of megabytes in memory.
    static let batchSize = 1000
    static let maxBatchSize = 100_000
}

/// Progress of a load on standard error: a line redrawn in place on a terminal (articles, articles/s, percent,
/// ETA), nothing otherwise. Messages about skipped entries are printed on their own lines in both cases.
final class Progress {
    let terminal: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Least time between redraws.
    static let redrawSeconds = 0.25

    init(terminal: Bool) { self.terminal = terminal }

    func update(done: Int, fraction: Double) {
        guard terminal, Date().timeIntervalSince(lastDraw) >= Self.redrawSeconds || fraction >= 1 else { return }
        lastDraw = Date()
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var line = String(format: "\r%d articles, %.0f/s, %.0f%%", done, rate, fraction * 100)
        if fraction > 0.01 && fraction < 1 { line += ", ETA " + Self.duration(elapsed * (1 - fraction) / fraction) }
        write(line + "\u{1B}[K")
        drawn = true
    }

    func message(_ text: String) {
        write((drawn ? "\r\u{1B}[K" : "") + "attache: " + text + "\n")
        drawn = false
    }

    func finish() {
        if drawn { write("\n") }
        drawn = false
    }

    /// "42s", "3m05s", "1h02m".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
