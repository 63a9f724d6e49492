/// An article as the store keeps it: the submitted fields, a content hash and the analysis JSON verbatim.
public struct StoredArticle: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var text: String
    /// Publication date exactly as submitted (`YYYY-MM-DD` or RFC 3339).
    public var publishedAt: String?
    public var source: String?
    /// Lowercase hex SHA-256 of `(title ?? "") + "\n" + text`; see `ContentHash`.
    public var contentHash: String
    /// The exact JSON the API returned for the analysis, stored and returned byte for byte.
    public var analysisJSON: [UInt8]
    /// When the store first accepted the article: ISO 8601 UTC with milliseconds ("2024-05-01T12:00:00.123Z").
    public var createdAt: String

    public init(id: String, title: String?, text: String, publishedAt: String?, source: String?, contentHash: String,
                analysisJSON: [UInt8], createdAt: String) {
        self.id = id
        self.title = title
        self.text = text
        self.publishedAt = publishedAt
        self.source = source
        self.contentHash = contentHash
        self.analysisJSON = analysisJSON
        self.createdAt = createdAt
    }
}

/// What `ArticleStore.put` did. Puts are idempotent by article id.
public enum PutOutcome: Sendable {
    /// The article was new and is now stored with all its rows.
    case created(StoredArticle)
    /// An article with this id and the same content hash was already stored; nothing changed.
    case existing(StoredArticle)
    /// An article with this id but a different content hash is stored; nothing changed (HTTP 409).
    case conflict(existing: StoredArticle)

    /// The stored article in every case.
    public var article: StoredArticle {
        switch self {
        case .created(let a), .existing(let a), .conflict(existing: let a): a
        }
    }
}
