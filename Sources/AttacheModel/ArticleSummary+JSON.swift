import AttacheJSON

extension ArticleSummary {
    /// One item of `GET /v1/articles`.
    public init(wire o: WireObject) throws(WireFormatError) {
        self.init(id: try o.string("id"), title: try o.optionalString("title"), publishedAt: try o.optionalString("publishedAt"),
                  source: try o.optionalString("source"), createdAt: try o.string("createdAt"),
                  contentHash: try o.string("contentHash"))
    }
}
