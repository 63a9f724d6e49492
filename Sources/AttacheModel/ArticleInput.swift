/// An article as a client submits it.
public struct ArticleInput: Sendable, Hashable {
    public var id: String?
    public var title: String?
    public var text: String
    /// Publication date, `YYYY-MM-DD` or RFC 3339; relative dates ("Tuesday") resolve against it.
    public var publishedAt: String?
    public var source: String?

    public init(id: String? = nil, title: String? = nil, text: String, publishedAt: String? = nil, source: String? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.publishedAt = publishedAt
        self.source = source
    }
}
