/// An article as listed by `ArticleStore.articles` and `GET /v1/articles`: its identity and submitted metadata, without text or analysis.
public struct ArticleSummary: Sendable, Hashable {
    public var id: String
    public var title: String?
    /// Publication date exactly as submitted.
    public var publishedAt: String?
    public var source: String?
    public var createdAt: String
    public var contentHash: String

    public init(id: String, title: String?, publishedAt: String?, source: String?, createdAt: String, contentHash: String) {
        self.id = id
        self.title = title
        self.publishedAt = publishedAt
        self.source = source
        self.createdAt = createdAt
        self.contentHash = contentHash
    }
}
