/// `putMany` and `contentHashes` on PostgreSQL.
extension PostgresStore {
    /// The whole group as one statement (`putPrepared`). When that statement fails on one article's data
    /// (a constraint), each article is written on its own, so that it fails alone and the others are stored; an
    /// unavailable database fails the group.
    public func putMany(_ articles: [ArticleWrite]) throws(StoreError) -> [Result<PutOutcome, StoreError>] {
        let writes = articles.map { $0.prepared() }
        do throws(StoreError) {
            return try putPrepared(writes).map { .success($0) }
        } catch where !error.isUnavailable {
            // One article's data broke the statement: fall through and write them one by one.
        }
        var results: [Result<PutOutcome, StoreError>] = []
        for write in writes {
            do throws(StoreError) {
                results.append(.success(try putPrepared([write])[0]))
            } catch where !error.isUnavailable {
                results.append(.failure(error))
            }
        }
        return results
    }

    public func contentHashes(of ids: [String]) throws(StoreError) -> [String: String] {
        try withConnection { c throws(StoreError) in try StoreOperations.contentHashes(c, of: ids) }
    }
}
