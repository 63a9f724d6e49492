import AttacheJSON

/// The report of `POST /v1/articles:batch` (`BatchResult` in openapi.yaml): one result per item, in request order,
/// and the counts by outcome.
public struct BatchResult: Sendable, Equatable {
    /// What happened to one item of the batch.
    public struct Item: Sendable, Equatable {
        /// Position in the request (JSON Lines: counting non-blank lines).
        public var index: Int
        /// The article id; nil for an item that was not a valid article.
        public var id: String?
        /// 201 stored, 200 already stored, 400 invalid, 409 stored under this id with another text or title, 500 not stored.
        public var status: Int
        /// Why the item failed (400, 409, 500).
        public var error: String?
        /// The member at fault (400), or `text` / `title` for a 409.
        public var field: String?

        public init(index: Int, id: String?, status: Int, error: String?, field: String?) {
            self.index = index
            self.id = id
            self.status = status
            self.error = error
            self.field = field
        }

        /// True for 200 and 201: the article is stored.
        public var isStored: Bool { status == 200 || status == 201 }
    }

    public var results: [Item]
    /// Items stored by this request (201).
    public var created: Int
    /// Items already stored with the same content (200).
    public var existing: Int
    /// Items not stored (400, 409, 500).
    public var failed: Int

    public init(results: [Item], created: Int, existing: Int, failed: Int) {
        self.results = results
        self.created = created
        self.existing = existing
        self.failed = failed
    }

    /// The report of a response body.
    public init(json value: JSONValue) throws(WireFormatError) {
        let o = try WireObject(value)
        self.init(results: try o.objects("results").map { (r) throws(WireFormatError) in
                      Item(index: try r.int("index"), id: try r.optionalString("id"), status: try r.int("status"),
                           error: try r.optionalString("error"), field: try r.optionalString("field"))
                  },
                  created: try o.int("created"), existing: try o.int("existing"), failed: try o.int("failed"))
    }
}
