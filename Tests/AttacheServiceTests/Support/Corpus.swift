import AttacheClient
import AttacheJSON
import AttacheModel
import Foundation
import Testing

/// One article of the shared development corpus (`shared/corpus/dev.jsonl`).
struct CorpusArticle: Sendable {
    var id: String
    var title: String?
    var publishedAt: String?
    var source: String?
    var text: String

    /// The article as the client sends it, under `id` (nil: let the service assign one).
    func request(id: String? = nil) -> ArticleInput {
        ArticleInput(id: id, title: title, text: text, publishedAt: publishedAt, source: source)
    }
}

/// The development corpus, read at run time from the repository's sibling `shared` directory
/// (`<repo>/../shared/corpus/dev.jsonl`, found from this file's path). Nil when it is not there, so tests that
/// need it can skip with a clear message instead of failing.
enum Corpus {
    static let path: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AttacheServiceTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()  // its parent
        .appendingPathComponent("shared/corpus/dev.jsonl").standardized.path

    static let articles: [String: CorpusArticle]? = {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var out: [String: CorpusArticle] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let v = try? JSONReader.parse(Array(line)),
                  let a = try? ArticleDecoder.article(from: v, path: "article", publicationDates: .asGiven), let id = a.id else {
                continue
            }
            out[id] = CorpusArticle(id: id, title: a.title, publishedAt: a.publishedAt, source: a.source, text: a.text)
        }
        return out
    }()

    static var isAvailable: Bool { articles != nil }

    /// Why corpus tests are skipped, for `.enabled(if:_:)`.
    static var missingMessage: Comment { "the dev corpus is missing: expected \(path)" }

    static func article(_ id: String) throws -> CorpusArticle {
        guard let a = articles?[id] else { throw CorpusError(message: "no article \(id) in \(path)") }
        return a
    }

    /// Corpus articles whose text names Vladimir Putin, for timeline tests.
    static let putinArticleIDs = ["dev-a03", "dev-a05", "dev-a06", "dev-b06", "dev-b11"]
}

struct CorpusError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
