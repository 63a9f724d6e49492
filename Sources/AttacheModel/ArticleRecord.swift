import AttacheJSON

/// A stored article as `GET /v1/articles/{id}` answers it (`StoredArticle` in openapi.yaml): the submitted fields,
/// the content hash, when it was stored, and its analysis as it was returned when it was stored.
public struct ArticleRecord: Sendable, Equatable {
    public var id: String
    public var title: String?
    /// Publication date exactly as submitted.
    public var publishedAt: String?
    public var source: String?
    /// Lowercase hex SHA-256 of `(title ?? "") + "\n" + text`.
    public var contentHash: String
    /// When the store first accepted the article: ISO 8601 UTC with milliseconds.
    public var createdAt: String
    public var text: String
    public var analysis: Analysis

    public init(id: String, title: String?, publishedAt: String?, source: String?, contentHash: String, createdAt: String,
                text: String, analysis: Analysis) {
        self.id = id
        self.title = title
        self.publishedAt = publishedAt
        self.source = source
        self.contentHash = contentHash
        self.createdAt = createdAt
        self.text = text
        self.analysis = analysis
    }

    /// The record of a response body.
    public init(json value: JSONValue) throws(WireFormatError) {
        let o = try WireObject(value)
        self.init(id: try o.string("id"), title: try o.optionalString("title"), publishedAt: try o.optionalString("publishedAt"),
                  source: try o.optionalString("source"), contentHash: try o.string("contentHash"),
                  createdAt: try o.string("createdAt"), text: try o.string("text"),
                  analysis: try Analysis(json: try o.object("analysis").value, path: "analysis"))
    }
}
