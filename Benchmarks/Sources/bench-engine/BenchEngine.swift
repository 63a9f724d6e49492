import ArgumentParser
import AttacheCore
import AttacheModel
import Foundation

/// The engine's benchmarks, kept out of the `attache` product: the analysis speed on a corpus, and what the
/// event stage costs on top of entity extraction. Both load the built-in knowledge base, as `attache` does.
@main
struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-engine",
        abstract: "Benchmarks of Attache's engine (AttacheCore), run in one process without the HTTP layer.",
        subcommands: [Throughput.self, EventsCost.self]
    )
}

/// The articles a benchmark analyses: a JSON Lines file, one article a line.
struct CorpusArgument: ParsableArguments {
    @Argument(help: "JSON Lines of articles {\"text\", \"id\"?, \"title\"?, \"published\"? or \"publishedAt\"?}, e.g. ../shared/corpus/dev.jsonl.")
    var corpus: String

    func articles() throws -> [ArticleInput] { try Corpus.articles(jsonLines: corpus) }
}

/// `bench-engine throughput`: the articles analysed `--repeat` times in one process; the knowledge base's
/// load is timed apart, so the speed is the analysis alone.
struct Throughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analysis speed: the articles analysed --repeat times in one process.",
        discussion: """
        Prints one line: "kb load L ms; N articles, M MB, W words in S s: R MB/s, V words/s". The time covers \
        the analyses only (and their JSON encoding with --encode); nothing is written.
        """
    )

    @OptionGroup var corpus: CorpusArgument

    @Option(name: .long, help: "Passes over the articles.")
    var `repeat` = 1

    @Flag(name: .long, help: "Also encode each analysis as JSON, as `attache analyze` does before writing it.")
    var encode = false

    @Flag(name: .long, help: "Skip event extraction (a lexicon without triggers): what entities alone cost.")
    var noEvents = false

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be 1 or more") }
    }

    func run() throws {
        let loadStart = DispatchTime.now()
        let knowledge = try KnowledgeBase.load()
        let analyzer = noEvents ? Analyzer(knowledgeBase: knowledge, eventLexicon: EventLexicon())
                                : Analyzer(knowledgeBase: knowledge)
        let loadSeconds = Stopwatch.seconds(since: loadStart)
        let articles = try corpus.articles()
        var bytes = 0, words = 0, encoded = 0
        let start = DispatchTime.now()
        for _ in 0..<`repeat` {
            for article in articles {
                let analysis = analyzer.analyze(article)
                bytes += article.text.utf8.count
                words += analysis.article.wordCount
                if encode { encoded &+= analysis.jsonBytes().count }
            }
        }
        let seconds = Stopwatch.seconds(since: start)
        let mb = Double(bytes) / 1e6
        print(String(format: "kb load %.1f ms; %d articles, %.2f MB, %d words in %.3f s: %.2f MB/s, %.0f words/s",
                     loadSeconds * 1e3, articles.count * `repeat`, mb, words, seconds, mb / seconds,
                     Double(words) / seconds))
        if encode && encoded == 0 { print("no JSON encoded") }      // keeps the encoding observable
    }
}

/// `bench-engine events-cost`: throughput with events over throughput without, from passes interleaved in
/// one process (see ``EventsCostBenchmark``).
struct EventsCost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events-cost",
        abstract: "What event extraction costs: passes with and without events, interleaved in one process."
    )

    @OptionGroup var corpus: CorpusArgument

    @Option(name: .long, help: "Pairs of passes (one with events, one without).")
    var pairs = 200

    func validate() throws {
        guard pairs >= 1 else { throw ValidationError("--pairs must be 1 or more") }
    }

    func run() throws {
        let knowledge = try KnowledgeBase.load()
        let benchmark = EventsCostBenchmark(with: Analyzer(knowledgeBase: knowledge),
                                            without: Analyzer(knowledgeBase: knowledge, eventLexicon: EventLexicon()),
                                            articles: try corpus.articles())
        print(benchmark.run(pairs: pairs).summary, terminator: "")
    }
}

enum Stopwatch {
    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
