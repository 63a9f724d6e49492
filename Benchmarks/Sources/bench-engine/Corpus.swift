import AttacheCore
import AttacheModel
import Foundation

/// Reads a benchmark's input. The corpus files are the annotated ones (`../shared/corpus/*.jsonl`), whose
/// publication dates may be partial ("2024-03"): they are passed on as they are, as `attache analyze --jsonl` does.
enum Corpus {
    /// One line of a JSON Lines corpus; other fields (the gold annotations) are ignored.
    private struct Line: Decodable {
        var id: String?
        var title: String?
        var text: String
        var published: String?
        var publishedAt: String?
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The articles of the JSON Lines file at `path`, skipping blank lines; a bad line stops with its number.
    static func articles(jsonLines path: String) throws -> [ArticleInput] {
        let decoder = JSONDecoder()
        var articles: [ArticleInput] = []
        for (index, line) in try text(of: path).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            do {
                let l = try decoder.decode(Line.self, from: Data(line.utf8))
                articles.append(ArticleInput(id: l.id, title: l.title, text: l.text, publishedAt: l.publishedAt ?? l.published))
            } catch {
                throw Failure(description: "\(path):\(index + 1): not an article object with a \"text\" string (\(error))")
            }
        }
        return articles
    }

    /// The whole file at `path` as UTF-8 text.
    static func text(of path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(description: "\(path) is not UTF-8 text") }
        return text
    }
}
