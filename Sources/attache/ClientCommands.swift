import AttacheClient
import AttacheJSON
import ArgumentParser
import Foundation

/// Options shared by the commands that talk to a running server.
struct ServerOptions: ParsableArguments {
    @Option(help: "Base URL of the server (default $ATTACHE_URL or http://127.0.0.1:8080).")
    var url: String?

    @Option(help: "API key for write endpoints (default $ATTACHE_API_KEY).")
    var apiKey: String?

    func client() -> AttacheClient {
        let env = ProcessInfo.processInfo.environment
        return AttacheClient(baseURL: url ?? env["ATTACHE_URL"] ?? "http://127.0.0.1:8080", apiKey: apiKey ?? env["ATTACHE_API_KEY"])
    }
}

func printJSON(_ v: JSONValue) {
    FileHandle.standardOutput.write(Data(v.serialized() + [UInt8(ascii: "\n")]))
}

/// Reads an article file: JSON ({"text", ...}) when it parses as an object, plain text otherwise.
func readArticle(_ path: String?, title: String?, published: String?, id: String?) throws -> ArticleRequest {
    let data = try path.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? FileHandle.standardInput.readDataToEndOfFile()
    if let v = try? JSONReader.parse(Array(data)), let text = v["text"]?.stringValue {
        return ArticleRequest(id: id ?? v["id"]?.stringValue, title: title ?? v["title"]?.stringValue, text: text,
                              publishedAt: published ?? v["publishedAt"]?.stringValue ?? v["published"]?.stringValue,
                              source: v["source"]?.stringValue)
    }
    guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("the article is not valid UTF-8") }
    return ArticleRequest(id: id, title: title, text: text, publishedAt: published)
}

struct Health: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask a running server whether it is alive.")
    @OptionGroup var server: ServerOptions
    func run() throws { printJSON(try server.client().health()) }
}

struct Post: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Send an article (text or JSON file, or standard input) to a running server: analyse, or --store it.")
    @OptionGroup var server: ServerOptions
    @Argument(help: "Article file; standard input when omitted.") var file: String?
    @Option(help: "Title.") var title: String?
    @Option(help: "Publication date (YYYY-MM-DD).") var published: String?
    @Option(help: "Article id (for --store).") var id: String?
    @Flag(help: "Store the article (POST /v1/articles) instead of only analysing it.") var store = false

    func run() throws {
        let article = try readArticle(file, title: title, published: published, id: id)
        let client = server.client()
        if store {
            let (created, analysis) = try client.ingest(article)
            FileHandle.standardError.write(Data((created ? "created\n" : "already stored\n").utf8))
            printJSON(analysis)
        } else {
            printJSON(try client.analyze(article))
        }
    }
}

struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print an entity's timeline from a running server.")
    @OptionGroup var server: ServerOptions
    @Argument(help: "Entity id (for example person-vladimir-putin).") var entity: String
    @Option(help: "From date (YYYY[-MM[-DD]]).") var from: String?
    @Option(help: "To date (YYYY[-MM[-DD]]).") var to: String?
    @Option(help: "Event types, comma-separated (and 'mention').") var types: String?
    @Option(help: "Page size.") var limit: Int?
    @Option(help: "Cursor from a previous page.") var cursor: String?

    func run() throws {
        let t = types.map { $0.split(separator: ",").map(String.init) } ?? []
        printJSON(try server.client().timeline(entityID: entity, from: from, to: to, types: t, limit: limit, cursor: cursor))
    }
}

struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Search stored entities by name or alias on a running server.")
    @OptionGroup var server: ServerOptions
    @Argument(help: "Name or alias to look for.") var query: String?
    @Option(help: "person, country, organization or location.") var type: String?
    @Option(help: "Page size.") var limit: Int?
    func run() throws { printJSON(try server.client().entities(query: query, type: type, limit: limit)) }
}
