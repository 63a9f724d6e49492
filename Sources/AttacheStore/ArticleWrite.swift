import AttacheCore

/// One analysed article to store: what `ArticleStore.put` takes, as one value, for `ArticleStore.putMany`.
public struct ArticleWrite: Sendable {
    public var id: String
    public var input: ArticleInput
    /// `ContentHash.of(title:text:)` of the input.
    public var contentHash: String
    public var analysis: Analysis
    /// The analysis as served, kept verbatim.
    public var analysisJSON: [UInt8]

    public init(id: String, input: ArticleInput, contentHash: String, analysis: Analysis, analysisJSON: [UInt8]) {
        self.id = id
        self.input = input
        self.contentHash = contentHash
        self.analysis = analysis
        self.analysisJSON = analysisJSON
    }

    /// The rows derived from the article (folding, sentence slicing): pure work, done before taking the write lock.
    func prepared(createdAt: String = Timestamp.now()) -> PreparedWrite {
        PreparedWrite(article: StoredArticle(id: id, title: input.title, text: input.text, publishedAt: input.publishedAt,
                                             source: input.source, contentHash: contentHash, analysisJSON: analysisJSON,
                                             createdAt: createdAt),
                      rows: ArticleRows(input: input, analysis: analysis))
    }
}

/// An article and its derived rows, ready for `StoreOperations.putGroup`.
struct PreparedWrite {
    var article: StoredArticle
    var rows: ArticleRows
}
