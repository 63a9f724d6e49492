import ArgumentParser

/// `attache articles`: browse stored articles without knowing an id.
struct Articles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the articles stored on a running server, newest first (GET /v1/articles).")
    @OptionGroup var server: ServerOptions
    @Argument(help: "Text to look for in titles.") var query: String?
    @Option(help: "Earliest publication date (YYYY[-MM[-DD]]).") var from: String?
    @Option(help: "Latest publication date (YYYY[-MM[-DD]]).") var to: String?
    @Option(help: "Only articles from this source.") var source: String?
    @Option(help: "Page size (1-100, default 20).") var limit: Int?
    @Option(help: "The nextCursor of a previous page (with the same filters).") var cursor: String?

    func run() throws {
        printJSON(try server.client().articlesJSON(from: from, to: to, source: source, query: query, limit: limit, cursor: cursor))
    }
}
