import AttacheCore
import AttacheModel
import AttacheJSON
import AttacheService
import AttacheStore
import Foundation
import Glibc

/// `attache ingest`'s engine: reads an archive chunk by chunk, parses and analyses each chunk on every core, skips
/// the articles already stored (so a run cut short resumes where it stopped), and writes each chunk in one
/// transaction (`ArticleStore.putMany`) while the next chunk is analysed.
final class ArchiveLoader {
    /// What a run did, for the summary line and the exit status.
    struct Tally {
        /// Entries read (articles and bad lines or files; blank lines are not entries).
        var read = 0
        /// Articles stored by this run.
        var stored = 0
        /// Articles already stored with the same content (by an earlier run or an earlier line): skipped.
        var existing = 0
        /// Bad lines or files, and articles the store refused (an id stored with other content).
        var skipped = 0
    }

    let analyzer: Analyzer
    let store: any ArticleStore
    /// Threads that parse and analyse.
    let jobs: Int
    /// Articles per transaction.
    let batchSize: Int
    let progress: Progress
    private(set) var tally = Tally()

    init(analyzer: Analyzer, store: any ArticleStore, jobs: Int, batchSize: Int, progress: Progress) {
        self.analyzer = analyzer
        self.store = store
        self.jobs = max(1, jobs)
        self.batchSize = max(1, batchSize)
        self.progress = progress
    }

    /// A parsed entry: an article ready to analyse, or the reason it is skipped.
    struct Parsed {
        var location: String
        var article: Result<(input: ArticleInput, contentHash: String), ArchiveError>
    }

    /// Loads the whole archive. Bad entries are reported on standard error and skipped; a store failure stops
    /// the run (what was committed stays, and a rerun resumes after it).
    func run(_ reader: inout some ArchiveReader) throws(CommandFailure) {
        let writer = DispatchQueue(label: "attache.ingest.writer")
        let pending = DispatchGroup()
        var pendingLocations: [String]?
        let box = ResultBox()
        while true {
            let raw = try reader.next(batchSize)
            if raw.isEmpty { break }
            tally.read += raw.count
            let parsed = parallelMap(raw, jobs: jobs, Self.parse)
            var candidates: [(location: String, input: ArticleInput, hash: String)] = []
            for p in parsed {
                switch p.article {
                case .failure(let e): report(p.location, e.message)
                case .success(let a): candidates.append((p.location, a.input, a.contentHash))
                }
            }
            let stored: [String: String]
            do { stored = try store.contentHashes(of: candidates.map { $0.input.id! }) } catch { throw storeFailure(error) }
            var fresh: [(location: String, input: ArticleInput, hash: String)] = []
            for c in candidates {
                switch stored[c.input.id!] {
                case nil: fresh.append(c)
                case c.hash: tally.existing += 1
                default: report(c.location, Self.conflict(c.input.id!))
                }
            }
            let analyzer = self.analyzer
            let writes = parallelMap(fresh, jobs: jobs) { c -> ArticleWrite in
                let analysis = analyzer.analyze(c.input)
                return ArticleWrite(id: c.input.id!, input: c.input, contentHash: c.hash, analysis: analysis, analysisJSON: analysis.jsonBytes())
            }
            // One transaction in flight while the next chunk is analysed.
            pending.wait()
            if let previous = pendingLocations { try account(previous, box.take()) }
            progress.update(done: tally.stored + tally.existing + tally.skipped, fraction: reader.fractionDone)
            pendingLocations = fresh.map(\.location)
            if writes.isEmpty {
                box.put(.success([]))
                continue
            }
            let store = self.store
            pending.enter()
            writer.async {
                do throws(StoreError) { box.put(.success(try store.putMany(writes))) } catch { box.put(.failure(error)) }
                pending.leave()
            }
        }
        pending.wait()
        if let previous = pendingLocations { try account(previous, box.take()) }
        progress.update(done: tally.stored + tally.existing + tally.skipped, fraction: 1)
        progress.finish()
    }

    /// Counts a written chunk's outcomes and reports its refused articles.
    private func account(_ locations: [String], _ results: Result<[Result<PutOutcome, StoreError>], StoreError>) throws(CommandFailure) {
        let outcomes: [Result<PutOutcome, StoreError>]
        switch results {
        case .success(let o): outcomes = o
        case .failure(let e): throw storeFailure(e)
        }
        for (location, outcome) in zip(locations, outcomes) {
            switch outcome {
            case .success(.created): tally.stored += 1
            case .success(.existing): tally.existing += 1
            case .success(.conflict(let a)): report(location, Self.conflict(a.id))
            case .failure(let e) where e.isUnavailable: throw storeFailure(e)
            case .failure(let e): report(location, "the store refused the article (\(e.kind.rawValue))")
            }
        }
    }

    static func conflict(_ id: String) -> String { "article \(id) is already stored with a different text or title" }

    private func storeFailure(_ e: StoreError) -> CommandFailure {
        progress.finish()
        return CommandFailure("the store failed after \(tally.stored) articles were stored by this run (\(e)); run again to resume")
    }

    private func report(_ location: String, _ message: String) {
        tally.skipped += 1
        progress.message("\(location): \(message)")
    }

    /// Parses one entry the way `POST /v1/articles` reads a body; the id defaults to the content hash.
    static func parse(_ raw: RawEntry) -> Parsed {
        func article(_ input: ArticleInput) -> Parsed {
            var input = input
            let hash = ContentHash.of(title: input.title, text: input.text)
            if input.id == nil { input.id = hash }
            return Parsed(location: raw.location, article: .success((input, hash)))
        }
        func bad(_ message: String) -> Parsed { Parsed(location: raw.location, article: .failure(ArchiveError(message: message))) }
        switch raw {
        case .bad(_, let message):
            return bad(message)
        case .jsonLine(_, let bytes):
            let value: JSONValue
            do { value = try JSONReader.parse(bytes, limits: ArticleDecoder.limits) } catch {
                return bad("not valid JSON: \(error.message) at byte \(error.offset)")
            }
            do { return article(try ArticleDecoder.article(from: value, path: "")) } catch { return bad(error.message) }
        case .file(_, let id, let name, let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else { return bad("not valid UTF-8 text") }
            var object: [(String, JSONValue)] = [("text", .string(text))]
            if let id { object.append(("id", .string(id))) }
            if (name as NSString).pathExtension.lowercased() == "md", let (title, body) = markdownHeading(text) {
                object = [("title", .string(title)), ("text", .string(body))] + object.dropFirst()
            }
            do { return article(try ArticleDecoder.article(from: .object(JSONObject(object)), path: "")) } catch {
                return bad(error.message)
            }
        }
    }

    /// `# Title\n\nbody` → ("Title", "body"); nil when the first line is not a level-one heading.
    static func markdownHeading(_ text: String) -> (title: String, body: String)? {
        guard text.hasPrefix("# ") else { return nil }
        let end = text.firstIndex(of: "\n") ?? text.endIndex
        let title = text[text.index(text.startIndex, offsetBy: 2)..<end].trimmingCharacters(in: .whitespaces)
        let body = text[end...].trimmingCharacters(in: .whitespacesAndNewlines)
        return title.isEmpty ? nil : (title, body)
    }
}

/// The write result handed from the writer queue to the reading thread (the `DispatchGroup` orders them).
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<[Result<PutOutcome, StoreError>], StoreError> = .success([])
    func put(_ v: Result<[Result<PutOutcome, StoreError>], StoreError>) { lock.withLock { value = v } }
    func take() -> Result<[Result<PutOutcome, StoreError>], StoreError> { lock.withLock { value } }
}

/// `transform` over `items` on `jobs` threads (items strided over the threads, so uneven costs even out), in order.
func parallelMap<T, R>(_ items: [T], jobs: Int, _ transform: (T) -> R) -> [R] {
    if items.isEmpty { return [] }
    let out = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    out.initialize(repeating: nil)
    defer { out.deinitialize(); out.deallocate() }
    let threads = min(jobs, items.count)
    withoutActuallyEscaping(transform) { transform in
        let slots = UncheckedSendable((out, transform, items))
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let (out, transform, items) = slots.value
            for i in stride(from: t, to: items.count, by: threads) { out[i] = transform(items[i]) }
        }
    }
    return out.map { $0! }
}

/// Hands values to `concurrentPerform` workers, which write disjoint slots only.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
