import AttacheModel

extension StoreOperations {
    /// Stores several articles in one write transaction, each under its own savepoint: an article that fails (a
    /// constraint, a duplicate id with other content) is rolled back alone and the others commit together. The
    /// results follow the order of `writes` and mean what `put` would have answered; none is durable before the
    /// one COMMIT, so callers acknowledge only after this returns.
    ///
    /// Throws (failing the whole group) when the transaction itself cannot go on: BEGIN or COMMIT fails, the
    /// backend is unavailable, or a savepoint cannot be rolled back.
    static func putGroup<C: SQLConnection>(_ c: C, _ writes: [PreparedWrite]) throws(StoreError) -> [Result<PutOutcome, StoreError>] {
        try c.transaction(write: true) { () throws(StoreError) -> [Result<PutOutcome, StoreError>] in
            var results: [Result<PutOutcome, StoreError>] = []
            results.reserveCapacity(writes.count)
            for w in writes {
                try c.execute("SAVEPOINT article")
                let outcome: Result<PutOutcome, StoreError>
                do throws(StoreError) {
                    outcome = .success(try putInTransaction(c, w))
                } catch where !error.isUnavailable {
                    // When the rollback to the savepoint fails, the transaction is gone (SQLite rolls back the
                    // whole transaction on some errors), so the group fails.
                    try c.execute("ROLLBACK TO SAVEPOINT article")
                    outcome = .failure(error)
                }
                try c.execute("RELEASE SAVEPOINT article")
                results.append(outcome)
            }
            return results
        }
    }

    /// Inserts one article inside the caller's write transaction, or says what is stored under its id. An earlier
    /// article of the same transaction counts as stored.
    private static func putInTransaction<C: SQLConnection>(_ c: C, _ w: PreparedWrite) throws(StoreError) -> PutOutcome {
        if try insertArticleRow(c, article: w.article) {
            try insertRows(c, article: w.article, rows: w.rows)
            return .created(w.article)
        }
        guard let existing = try article(c, id: w.article.id) else {
            // PostgreSQL only: the conflicting row was deleted by a concurrent transaction after our insert saw it.
            throw StoreError(kind: .unavailable, backend: .store, message: "article kept changing during put; retry")
        }
        return existing.contentHash == w.article.contentHash ? .existing(existing) : .conflict(existing: existing)
    }

    /// The content hash of each id among `ids` that is stored, asked in chunks so that no statement has too many
    /// parameters (SQLite allows 32,766; PostgreSQL 65,535).
    static func contentHashes<C: SQLConnection>(_ c: C, of ids: [String]) throws(StoreError) -> [String: String] {
        var found: [String: String] = [:]
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + contentHashesChunk)]
            var params = SQLParameters()
            let list = chunk.map { params.add(.text($0)) }.joined(separator: ", ")
            try c.query("SELECT id, content_hash FROM articles WHERE id IN (\(list))", params.values) { (r: C.Row) throws(StoreError) in
                if let id = r.text(0) { found[id] = r.text(1) ?? "" }
            }
            start += chunk.count
        }
        return found
    }

    /// Ids per `contentHashes` statement: well under both backends' parameter limits, and few statement shapes to cache.
    static let contentHashesChunk = 500
}
