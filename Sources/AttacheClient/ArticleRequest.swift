import AttacheJSON

/// An article to send to `/v1/analyze` or `/v1/articles`.
///
/// Wire form: `{"id":…,"title":…,"text":…,"publishedAt":…,"source":…}`; `nil` members are
/// left out.
public struct ArticleRequest: Sendable, Equatable {
    /// Client-chosen identifier; the service assigns one when `nil`.
    public var id: String?
    /// Headline, analysed along with the text.
    public var title: String?
    /// Body text (required).
    public var text: String
    /// Publication date, `YYYY-MM-DD` or RFC 3339; relative dates in the text resolve against it.
    public var publishedAt: String?
    /// Where the article came from (free text).
    public var source: String?

    /// An article; only `text` is required.
    public init(id: String? = nil, title: String? = nil, text: String, publishedAt: String? = nil, source: String? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.publishedAt = publishedAt
        self.source = source
    }

    /// Writes the article object into `w` (used for single requests and batches).
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("title", title)
        w.key("text")
        w.string(text)
        w.field("publishedAt", publishedAt)
        w.field("source", source)
        w.endObject()
    }

    /// The JSON body for this article.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: text.utf8.count + 128)
        write(to: &w)
        return w.bytes
    }
}
