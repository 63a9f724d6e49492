import AttacheJSON

extension ArticleInput {
    /// Writes the article object that `ArticleDecoder` reads, for `/v1/analyze`, `/v1/articles` and batches:
    /// `{"id":…,"title":…,"text":…,"publishedAt":…,"source":…}`, `nil` members left out.
    public func writeJSON(into w: inout JSONWriter) {
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
        writeJSON(into: &w)
        return w.bytes
    }
}
