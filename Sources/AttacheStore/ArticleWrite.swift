import AttacheModel

/// One analysed article to store: what `ArticleStore.put` takes, as one value, for `ArticleStore.putMany`.
///
/// Creating one derives the article's rows (folding, sentence slicing): pure work that costs about as much as a
/// third of the analysis, so it is done by the thread that creates the value, not by the store's one writer.
public struct ArticleWrite: Sendable {
    public let id: String
    public let input: ArticleInput
    /// `ContentHash.of(title:text:)` of the input.
    public let contentHash: String
    /// The analysis as served, kept verbatim.
    public let analysisJSON: [UInt8]
    let rows: ArticleRows

    public init(id: String, input: ArticleInput, contentHash: String, analysis: Analysis, analysisJSON: [UInt8]) {
        self.id = id
        self.input = input
        self.contentHash = contentHash
        self.analysisJSON = analysisJSON
        rows = ArticleRows(input: input, analysis: analysis)
    }

    /// The article row and the derived rows, stamped with the time of writing.
    func prepared(createdAt: String = Timestamp.now()) -> PreparedWrite {
        PreparedWrite(article: StoredArticle(id: id, title: input.title, text: input.text, publishedAt: input.publishedAt,
                                             source: input.source, contentHash: contentHash, analysisJSON: analysisJSON,
                                             createdAt: createdAt),
                      rows: rows)
    }
}

/// An article and its derived rows, ready for `StoreOperations.putGroup`.
struct PreparedWrite {
    var article: StoredArticle
    var rows: ArticleRows
}
