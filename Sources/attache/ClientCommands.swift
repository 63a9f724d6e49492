import ArgumentParser
import AttacheClient
import AttacheJSON
import AttacheModel
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
    printJSON(v.serialized())
}

/// Prints a typed value's JSON (`jsonBytes()`, the bytes the server writes) on a line.
func printJSON(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes + [UInt8(ascii: "\n")]))
}

/// Reads an article file (standard input when `path` is nil). A JSON object is an article as the server reads
/// one, checked by the server's own decoder, so that an object without "text" is an error rather than text
/// to analyse; anything else is the plain text of the article. The options win over the object's members.
func readArticle(_ path: String?, title: String?, published: String?, id: String?) throws(CommandFailure) -> ArticleInput {
    let bytes = try InputFile.read(path)
    if let value = try? JSONReader.parse(bytes, limits: ArticleDecoder.limits), case .object = value {
        let article: ArticleInput
        do {
            article = try ArticleDecoder.article(from: value, path: "")
        } catch {
            throw CommandFailure("\(path ?? "standard input"): \(error.message)")
        }
        return ArticleInput(id: id ?? article.id, title: title ?? article.title, text: article.text,
                              publishedAt: published ?? article.publishedAt, source: article.source)
    }
    return ArticleInput(id: id, title: title, text: try InputFile.text(of: bytes, from: path), publishedAt: published)
}

/// The `--published` option of `analyze` and `post`, held to the rule the server applies to `publishedAt`.
enum PublishedOption {
    static func check(_ value: String) throws(ValidationError) {
        guard PublicationDate.isValid(value) else {
            throw ValidationError("--published must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, got \"\(value)\"")
        }
    }
}

struct Health: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask a running server whether it is alive.")
    @OptionGroup var server: ServerOptions
    func run() throws { printJSON(try server.client().healthJSON()) }
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

    func validate() throws {
        if let published { try PublishedOption.check(published) }
        if let id, !ArticleID.isValid(id) { throw ValidationError("--id must be 1-200 characters of A-Z a-z 0-9 . _ ~ : -") }
    }

    func run() throws {
        let article = try readArticle(file, title: title, published: published, id: id)
        let client = server.client()
        if store {
            let (created, analysis) = try client.ingestJSON(article)
            FileHandle.standardError.write(Data((created ? "created\n" : "already stored\n").utf8))
            printJSON(analysis)
        } else {
            printJSON(try client.analyzeJSON(article))
        }
    }
}

struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print an entity's timeline from a running server.")
    @OptionGroup var server: ServerOptions
    @Argument(help: "Entity id (for example person-vladimir-putin).") var entity: String
    @Option(help: "From date (YYYY[-MM[-DD]]).") var from: String?
    @Option(help: "To date (YYYY[-MM[-DD]]).") var to: String?
    @Option(help: "Event types, comma-separated (and 'mention' with --view mentions).") var types: String?
    @Option(help: "stories (events merged across articles, the default) or mentions (per-article items).") var view: String?
    @Option(help: "Keep story events this entity id also takes part in.") var with: String?
    @Option(help: "Keep story events where the entity is source, target or participant.") var role: String?
    @Option(help: "Keep story events that occurred, are planned or reported.") var status: String?
    @Option(help: "Page size.") var limit: Int?
    @Option(help: "Cursor from a previous page.") var cursor: String?

    func run() throws {
        let t = types.map { $0.split(separator: ",").map(String.init) } ?? []
        let client = server.client()
        if view == nil || view == StoryPage.view {
            printJSON(try client.stories(entityID: entity, from: from, to: to, types: t, with: with, role: role, status: status,
                                         limit: limit, cursor: cursor).jsonBytes())
        } else {
            printJSON(try client.timelineJSON(entityID: entity, view: view, from: from, to: to, types: t, with: with, role: role,
                                              status: status, limit: limit, cursor: cursor))
        }
    }
}

struct Relations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the entities an entity has story events with, or with --with, the two over time.")
    @OptionGroup var server: ServerOptions
    @Argument(help: "Entity id (for example country-rus).") var entity: String
    @Option(help: "Another entity id: the story events the two share, by month, type and direction.") var with: String?
    @Option(help: "From date (YYYY[-MM[-DD]]).") var from: String?
    @Option(help: "To date (YYYY[-MM[-DD]]).") var to: String?
    @Option(help: "Event types, comma-separated.") var types: String?
    @Option(help: "Counterparts (or story events with --with) at most.") var limit: Int?

    func run() throws {
        let t = types.map { $0.split(separator: ",").map(String.init) } ?? []
        let client = server.client()
        if let with {
            printJSON(try client.dyad(a: entity, b: with, from: from, to: to, types: t, limit: limit).jsonBytes())
        } else {
            printJSON(try client.relations(entityID: entity, from: from, to: to, types: t, limit: limit).jsonBytes())
        }
    }
}

struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Search stored entities by name or alias on a running server.")
    @OptionGroup var server: ServerOptions
    @Argument(help: "Name or alias to look for.") var query: String?
    @Option(help: "person, country, organization or location.") var type: String?
    @Option(help: "Page size.") var limit: Int?
    func run() throws { printJSON(try server.client().entitiesJSON(query: query, type: type, limit: limit)) }
}
