/// `putMany` and `contentHashes` on PostgreSQL: the shared logic in one transaction on one pooled connection, one
/// round trip per statement (correct, not yet fast). A deadlock between two groups (each locks entity rows
/// article by article) is retried as a whole like any put.
extension PostgresStore {
    public func putMany(_ articles: [ArticleWrite]) throws(StoreError) -> [Result<PutOutcome, StoreError>] {
        let writes = articles.map { $0.prepared() }
        return try withConnection { c throws(StoreError) in try StoreOperations.putGroup(c, writes) }
    }

    public func contentHashes(of ids: [String]) throws(StoreError) -> [String: String] {
        try withConnection { c throws(StoreError) in try StoreOperations.contentHashes(c, of: ids) }
    }
}
