import AttacheCore
import AttacheJSON
import AttacheModel

/// The work behind `POST /v1/analyze`, done the way `attache serve` does it, so that the competitor apps
/// differ from Attache only in their HTTP layer.
///
/// The knowledge base is loaded once at start-up (`KnowledgeBase.load()`, the built-in data) and shared
/// by every request; the analyser is immutable and `Sendable`, so any number of threads may call it.
public final class EngineEndpoint: Sendable {
    /// Loaded once; about the same start-up cost as `attache serve`.
    public let analyzer: Analyzer

    /// Loads the built-in knowledge base. Throws when its resources cannot be read.
    public init() throws {
        analyzer = Analyzer(knowledgeBase: try KnowledgeBase.load())
    }

    /// `{"status":"ok"}`, the body of `GET /health` (Attache adds its version; a few bytes more).
    public static let healthBody: [UInt8] = Array(#"{"status":"ok"}"#.utf8)

    /// Outcome of one analyse request: the HTTP status and a JSON body.
    public struct Reply: Sendable {
        /// 200 on success, 400 for a body the service's article decoder refuses (no non-empty "text", a bad member).
        public var status: Int
        /// The analysis (`Analysis.jsonBytes()`) or a small problem object.
        public var body: [UInt8]
    }

    /// Decodes the article with Attache's own reader and article decoder (`ArticleDecoder`, as the service
    /// does), analyses it, and encodes the result as Attache does.
    public func analyze(body: [UInt8]) -> Reply {
        guard let value = try? JSONReader.parse(body, limits: ArticleDecoder.limits),
              let input = try? ArticleDecoder.article(from: value) else {
            return Reply(status: 400, body: Array(#"{"title":"request body is not an article"}"#.utf8))
        }
        return Reply(status: 200, body: analyzer.analyze(input).jsonBytes())
    }
}

/// Command-line settings shared by the apps: `--host H --port P` (defaults 127.0.0.1 and 8080).
public struct ServerArguments: Sendable {
    /// Address to bind. Default "127.0.0.1".
    public var host = "127.0.0.1"
    /// TCP port. Default 8080.
    public var port = 8080

    /// Reads `--host` and `--port` from `arguments` (usually `CommandLine.arguments`); unknown flags are ignored.
    public init(_ arguments: [String]) {
        var i = 1
        while i < arguments.count {
            let flag = arguments[i]
            let next = i + 1 < arguments.count ? arguments[i + 1] : nil
            if flag == "--host", let next { host = next; i += 1 }
            if flag == "--port", let next, let p = Int(next) { port = p; i += 1 }
            i += 1
        }
    }
}
