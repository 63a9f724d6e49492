import ArgumentParser
import AttacheCore
import AttacheJSON
import AttacheModel
import Foundation

/// `attache analyze`: runs the extractor locally, without a server.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse articles locally: a text file, standard input, or JSON Lines of articles.",
        discussion: """
        With --jsonl, each input line is an article {"id", "text", "title"?, "published"? or "publishedAt"?, "source"?}
        and each output line its analysis, carrying the article's id (the shape ../shared/tools/score.py reads).
        """
    )

    @Argument(help: "A text file to analyse; standard input when omitted.")
    var file: String?

    @Option(name: .long, help: "JSON Lines file of articles (one per line).")
    var jsonl: String?

    @Option(name: .long, help: "Publication date (YYYY-MM-DD) for a plain-text article.")
    var published: String?

    @Option(name: .long, help: "Title of a plain-text article.")
    var title: String?

    @Option(name: .long, help: "Extra knowledge-base directory (repeatable); also ATTACHE_KB_DIRS, colon-separated.")
    var kb: [String] = []

    @Flag(name: .long, help: "Do not load the built-in knowledge base (only --kb directories).")
    var noBuiltinKb = false

    @Flag(name: .long, help: "Print the knowledge base's load time and the analysis time and speed to standard error.")
    var timing = false

    func validate() throws {
        if file != nil && jsonl != nil { throw ValidationError("give either a text file or --jsonl FILE, not both") }
        if let published { try PublishedOption.check(published) }
    }

    func run() throws {
        let loadStart = DispatchTime.now()
        let dirs = KnowledgeBaseDirectories.resolve(kb)
        let knowledge = try KnowledgeBase.load(extraDirectories: dirs, includeBuiltIn: !noBuiltinKb)
        let events = try EventLexicon.load(extraDirectories: dirs, includeBuiltIn: !noBuiltinKb)
        let analyzer = Analyzer(knowledgeBase: knowledge, eventLexicon: events)
        let loadMs = Double(DispatchTime.now().uptimeNanoseconds - loadStart.uptimeNanoseconds) / 1e6
        var articles: [ArticleInput] = []
        if let jsonl {
            articles = try JSONLinesInput.articles(in: InputFile.read(jsonl), name: jsonl)
        } else {
            articles.append(ArticleInput(title: title, text: try InputFile.text(file), publishedAt: published))
        }
        var out = [UInt8]()
        out.reserveCapacity(1 << 20)
        let start = DispatchTime.now()
        var bytes = 0
        var words = 0
        for a in articles {
            let analysis = analyzer.analyze(a)
            bytes += a.text.utf8.count
            words += analysis.article.wordCount
            out += analysis.jsonBytes()
            out.append(UInt8(ascii: "\n"))
            if out.count > 1 << 20 { FileHandle.standardOutput.write(Data(out)); out.removeAll(keepingCapacity: true) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        FileHandle.standardOutput.write(Data(out))
        if timing {
            let mb = Double(bytes) / 1e6
            let line = String(format: "kb load %.1f ms; %d articles, %.2f MB, %d words in %.3f s: %.2f MB/s, %.0f words/s\n",
                              loadMs, articles.count, mb, words, seconds, mb / seconds, Double(words) / seconds)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}

/// Articles given as JSON Lines, one object per line, read by the service's own decoder. Publication dates are
/// taken as they are, because annotated corpora carry partial ones ("2024-03") that the analyzer understands.
enum JSONLinesInput {
    /// The articles of `bytes`, skipping blank lines; the first bad line stops the reading with an error
    /// that names it ("dev.jsonl:3: article.text is required").
    static func articles(in bytes: [UInt8], name: String) throws(CommandFailure) -> [ArticleInput] {
        var articles: [ArticleInput] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let at = "\(name):\(index + 1)"
            let value: JSONValue
            do {
                value = try JSONReader.parse(line, limits: ArticleDecoder.limits)
            } catch {
                throw CommandFailure("\(at): not valid JSON: \(error.message) at byte \(error.offset)")
            }
            do {
                articles.append(try ArticleDecoder.article(from: value, path: "article", publicationDates: .asGiven))
            } catch {
                throw CommandFailure("\(at): \(error.message)")
            }
        }
        return articles
    }
}

enum KnowledgeBaseDirectories {
    /// Flag values first, then ATTACHE_KB_DIRS (colon-separated).
    static func resolve(_ flags: [String]) -> [URL] {
        var dirs = flags
        if let env = ProcessInfo.processInfo.environment["ATTACHE_KB_DIRS"] {
            dirs += env.split(separator: ":").map(String.init)
        }
        return dirs.map { URL(fileURLWithPath: $0) }
    }
}
