import AttacheHTTP
import AttacheJSON
import AttacheModel
import AttacheStore

/// Store-backed endpoints: ingest, articles, entity search and detail, timelines.
extension AttacheService {
    func requireStore() throws(APIError) -> any ArticleStore {
        guard let store else { throw APIError.unavailable("no article store is configured") }
        return store
    }

    /// Analyses and stores one article; the id is the client's or the SHA-256 of title and text.
    func put(_ input: ArticleInput, store: any ArticleStore) throws -> PutOutcome {
        let hash = ContentHash.of(title: input.title, text: input.text)
        var input = input
        let id = input.id ?? hash
        input.id = id
        // An existing article with the same content needs no analysis.
        if let existing = try store.article(id: id) {
            return existing.contentHash == hash ? .existing(existing) : .conflict(existing: existing)
        }
        let analysis = analyzeTimed(input)
        let outcome = try store.put(id: id, input: input, contentHash: hash, analysis: analysis, analysisJSON: analysis.jsonBytes())
        if case .created = outcome { metrics.articleCreated() }
        return outcome
    }

    /// Which submitted field makes an article conflict with the one stored under its id: `text` when the texts
    /// differ (whatever the titles), else `title` (the content hash covers both).
    static func conflictingField(existing: StoredArticle, input: ArticleInput) -> String {
        existing.text != input.text ? "text" : "title"
    }

    func ingest(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        let input = try ArticleRequestDecoder.decode(c.request)
        switch try put(input, store: store) {
        case .created(let a):
            var h = HTTPHeaders()
            h.add("Content-Type", "application/json")
            h.add("Location", "/v1/articles/\(a.id)")
            return HTTPResponse(status: 201, headers: h, body: a.analysisJSON)
        case .existing(let a):
            var h = HTTPHeaders()
            h.add("Content-Type", "application/json")
            h.add("Location", "/v1/articles/\(a.id)")
            return HTTPResponse(status: 200, headers: h, body: a.analysisJSON)
        case .conflict(let a):
            let field = Self.conflictingField(existing: a, input: input)
            var e = APIError(409, "article \(a.id) already exists with a different \(field); send it under another id", field: field)
            e.headers.replace("Location", "/v1/articles/\(a.id)")
            throw e
        }
    }

    /// Up to `maxBatchItems` articles as a JSON array, `{"articles": [...]}`, or JSON Lines; each stored or
    /// rejected on its own.
    func ingestBatch(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        let type = MediaType(c.request.headers["Content-Type"])
        var items: [Result<ArticleInput, APIError>] = []
        if type.essence == "application/x-ndjson" || type.essence == "application/jsonl" || type.essence == "application/x-jsonlines" {
            var lineNo = 0
            for line in c.request.body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNo += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    let v = try JSONReader.parse(line, limits: ArticleDecoder.limits)
                    items.append(decodeItem(v, path: "line \(lineNo)"))
                } catch {
                    items.append(.failure(APIError.badRequest("line \(lineNo) is not valid JSON: \(error.message)", field: "line \(lineNo)")))
                }
                if items.count > configuration.maxBatchItems { break }
            }
        } else if type.isJSON {
            let v: JSONValue
            do { v = try JSONReader.parse(c.request.body, limits: ArticleDecoder.limits) } catch {
                throw APIError.badRequest("request body is not valid JSON: \(error.message) at byte \(error.offset)", field: error.field)
            }
            let array: [JSONValue]
            if let a = v.arrayValue { array = a } else if let a = v["articles"]?.arrayValue { array = a } else {
                throw APIError.badRequest("a batch is a JSON array of articles or {\"articles\": [...]}", field: "articles")
            }
            if array.count > configuration.maxBatchItems {
                throw APIError(413, "a batch holds at most \(configuration.maxBatchItems) articles, got \(array.count)")
            }
            for (i, item) in array.enumerated() {
                items.append(decodeItem(item, path: "articles[\(i)]"))
            }
        } else {
            throw APIError(415, "a batch is application/json (array) or application/x-ndjson")
        }
        if items.count > configuration.maxBatchItems {
            throw APIError(413, "a batch holds at most \(configuration.maxBatchItems) articles")
        }
        if items.isEmpty { throw APIError.badRequest("the batch is empty", field: "articles") }
        let outcomes = try putBatch(items.compactMap { try? $0.get() }, store: store)
        var nextOutcome = outcomes.makeIterator()
        var created = 0, existing = 0, failed = 0
        var w = JSONWriter(capacity: 64 * items.count + 64)
        w.beginObject()
        w.key("results")
        w.beginArray()
        for (i, item) in items.enumerated() {
            w.beginObject()
            w.field("index", i)
            switch item {
            case .failure(let e):
                failed += 1
                w.field("status", e.status)
                w.field("error", e.detail)
                w.field("field", e.field)
            case .success(let input):
                switch nextOutcome.next()! {
                case .success(let outcome):
                    switch outcome {
                    case .created(let a):
                        created += 1
                        w.field("id", a.id)
                        w.field("status", 201)
                    case .existing(let a):
                        existing += 1
                        w.field("id", a.id)
                        w.field("status", 200)
                    case .conflict(let a):
                        failed += 1
                        let field = Self.conflictingField(existing: a, input: input)
                        w.field("id", a.id)
                        w.field("status", 409)
                        w.field("error", "article \(a.id) already exists with a different \(field)")
                        w.field("field", field)
                    }
                case .failure:
                    failed += 1
                    w.field("status", 500)
                    w.field("error", "could not store this article")
                }
            }
            w.endObject()
        }
        w.endArray()
        w.field("created", created)
        w.field("existing", existing)
        w.field("failed", failed)
        w.endObject()
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: w.bytes)
    }

    /// Stores the valid articles of a batch in one transaction (`ArticleStore.putMany`): those already stored under
    /// their id are answered without analysis, the others are analysed and written together. One outcome per
    /// input, in order; a failure of one article stays its own, an unavailable store fails the request (503).
    func putBatch(_ inputs: [ArticleInput], store: any ArticleStore) throws(StoreError) -> [Result<PutOutcome, StoreError>] {
        var inputs = inputs
        var hashes: [String] = []
        for i in inputs.indices {
            let hash = ContentHash.of(title: inputs[i].title, text: inputs[i].text)
            hashes.append(hash)
            if inputs[i].id == nil { inputs[i].id = hash }
        }
        let stored = try store.contentHashes(of: inputs.map { $0.id! })
        var outcomes = [Result<PutOutcome, StoreError>?](repeating: nil, count: inputs.count)
        var writes: [ArticleWrite] = []
        var writeIndex: [Int] = []
        for (i, input) in inputs.enumerated() {
            let id = input.id!
            if stored[id] != nil, let existing = try store.article(id: id) {
                outcomes[i] = .success(existing.contentHash == hashes[i] ? .existing(existing) : .conflict(existing: existing))
                continue
            }
            let analysis = analyzeTimed(input)
            writes.append(ArticleWrite(id: id, input: input, contentHash: hashes[i], analysis: analysis, analysisJSON: analysis.jsonBytes()))
            writeIndex.append(i)
        }
        if !writes.isEmpty {
            for (i, result) in zip(writeIndex, try store.putMany(writes)) {
                if case .failure(let e) = result, e.isUnavailable { throw e }
                if case .success(.created) = result { metrics.articleCreated() }
                outcomes[i] = result
            }
        }
        return outcomes.map { $0! }
    }

    /// A store rejection of a cursor or bound is the client's error (400); anything else goes up as it is.
    func invalidArgument(_ e: StoreError) -> any Error {
        e.kind == .invalidArgument ? APIError.badRequest("cursor or date bound is not valid: \(e.message)", field: "cursor") : e
    }

    func decodeItem(_ v: JSONValue, path: String) -> Result<ArticleInput, APIError> {
        do {
            return .success(try ArticleRequestDecoder.article(from: v, path: path))
        } catch {
            return .failure(error)
        }
    }

    /// A non-empty query parameter, or nil.
    func nonEmptyQueryValue(_ c: RequestContext, _ name: String) -> String? {
        c.queryValue(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The `from` and `to` query parameters: partial dates, `from` not after `to`.
    func dateBounds(_ c: RequestContext) throws(APIError) -> (from: String?, to: String?) {
        let from = nonEmptyQueryValue(c, "from")
        let to = nonEmptyQueryValue(c, "to")
        for (name, v) in [("from", from), ("to", to)] {
            if let v, !PartialDate.isValid(v) { throw APIError.badRequest("\(name) must be YYYY, YYYY-MM or YYYY-MM-DD", field: name) }
        }
        if let from, let to, PartialDate.startsAfter(from, to) {
            throw APIError.badRequest("from (\(from)) is after to (\(to)); the range would be empty", field: "from")
        }
        return (from, to)
    }

    /// `GET /v1/articles`: stored articles, newest first, filtered by publication date, source and title.
    func listArticles(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        let (from, to) = try dateBounds(c)
        let limit = try limit(c, default: 20, max: 100)
        let page: Page<ArticleSummary>
        do {
            page = try store.articles(from: from, to: to, source: nonEmptyQueryValue(c, "source"), query: nonEmptyQueryValue(c, "q"),
                                      limit: limit, cursor: nonEmptyQueryValue(c, "cursor"))
        } catch {
            throw invalidArgument(error)
        }
        return pageResponse(page) { a, w in
            w.beginObject()
            w.field("id", a.id)
            w.field("title", a.title)
            w.field("publishedAt", a.publishedAt)
            w.field("source", a.source)
            w.field("createdAt", a.createdAt)
            w.field("contentHash", a.contentHash)
            w.endObject()
        }
    }

    func getArticle(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        let id = c.parameters["id"] ?? ""
        guard let a = try store.article(id: id) else { throw APIError.notFound("no article with id \(id.prefix(200))") }
        return json(200) { w in
            w.beginObject()
            w.field("id", a.id)
            w.field("title", a.title)
            w.field("publishedAt", a.publishedAt)
            w.field("source", a.source)
            w.field("contentHash", a.contentHash)
            w.field("createdAt", a.createdAt)
            w.field("text", a.text)
            w.key("analysis")
            w.raw(a.analysisJSON)
            w.endObject()
        }
    }

    func deleteArticle(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        let id = c.parameters["id"] ?? ""
        guard try store.deleteArticle(id: id) else { throw APIError.notFound("no article with id \(id.prefix(200))") }
        return HTTPResponse(status: 204)
    }

    func limit(_ c: RequestContext, default d: Int, max m: Int) throws(APIError) -> Int {
        guard let raw = c.queryValue("limit") else { return d }
        guard let v = Int(raw), v >= 1, v <= m else { throw APIError.badRequest("limit must be an integer from 1 to \(m)", field: "limit") }
        return v
    }

    func searchEntities(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        var type: EntityType?
        if let t = c.queryValue("type"), !t.isEmpty {
            guard let parsed = EntityType(rawValue: t) else {
                throw APIError.badRequest("type must be one of person, country, organization, location", field: "type")
            }
            type = parsed
        }
        let limit = try limit(c, default: 20, max: 100)
        let q = nonEmptyQueryValue(c, "q")
        let page: Page<EntitySummary>
        do {
            page = try store.searchEntities(query: q, type: type, limit: limit, cursor: nonEmptyQueryValue(c, "cursor"))
        } catch {
            throw invalidArgument(error)
        }
        return pageResponse(page) { e, w in writeSummary(e, &w) }
    }

    func getEntity(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        let id = c.parameters["id"] ?? ""
        guard let d = try store.entity(id: id) else { throw APIError.notFound("no entity with id \(id.prefix(200))") }
        return json(200) { w in
            w.beginObject()
            writeSummaryFields(d.summary, &w)
            w.key("aliases")
            w.beginArray()
            for a in d.aliases { w.string(a) }
            w.endArray()
            w.key("roles")
            w.beginArray()
            for r in d.roles { w.string(r) }
            w.endArray()
            w.key("coOccurring")
            w.beginArray()
            for co in d.coOccurring {
                w.beginObject()
                w.field("id", co.id)
                w.field("type", co.type.rawValue)
                w.field("name", co.name)
                w.field("articleCount", co.articleCount)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    func timeline(_ c: RequestContext) throws -> HTTPResponse {
        if try timelineView(c) == .stories { return try storyTimeline(c) }
        for name in ["with", "role", "status"] where nonEmptyQueryValue(c, name) != nil {
            throw APIError.badRequest("\(name) filters story events; leave out view=mentions to use it", field: name)
        }
        let store = try requireStore()
        let id = c.parameters["id"] ?? ""
        let (from, to) = try dateBounds(c)
        var types: [String] = []
        for item in c.query where item.name == "types" || item.name == "type" {
            for t in item.value.split(separator: ",") {
                let s = t.trimmingSpaces
                guard s == "mention" || EventType(rawValue: s) != nil else {
                    throw APIError.badRequest("unknown type \(s.prefix(40)): use event types (consult, agree, …) or mention", field: "types")
                }
                types.append(s)
            }
        }
        let limit = try limit(c, default: 50, max: 500)
        let page: Page<TimelineItem>?
        do {
            page = try store.timeline(entityID: id, from: from, to: to, types: types, limit: limit,
                                      cursor: nonEmptyQueryValue(c, "cursor"))
        } catch {
            throw invalidArgument(error)
        }
        guard let page else { throw APIError.notFound("no entity with id \(id.prefix(200))") }
        if try ResponseFormat.of(c) == .csv { return Self.mentionCSV(page) }
        let body = TimelinePage(entity: id, items: page.items, nextCursor: page.nextCursor).jsonBytes()
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
    }
}

/// A 200 with one page of a listing: `{"items": [...], "nextCursor"}`, the cursor left out on the last page.
func pageResponse<T>(_ page: Page<T>, before: (inout JSONWriter) -> Void = { _ in },
                     _ writeItem: (T, inout JSONWriter) -> Void) -> HTTPResponse {
    json(200) { w in
        w.beginObject()
        before(&w)
        w.key("items")
        w.beginArray()
        for item in page.items { writeItem(item, &w) }
        w.endArray()
        w.field("nextCursor", page.nextCursor)
        w.endObject()
    }
}

func writeSummary(_ e: EntitySummary, _ w: inout JSONWriter) {
    w.beginObject()
    writeSummaryFields(e, &w)
    w.endObject()
}

func writeSummaryFields(_ e: EntitySummary, _ w: inout JSONWriter) {
    w.field("id", e.id)
    w.field("type", e.type.rawValue)
    w.field("name", e.name)
    w.field("iso2", e.iso2)
    w.field("iso3", e.iso3)
    w.field("country", e.country)
    w.field("mentionCount", e.mentionCount)
    w.field("articleCount", e.articleCount)
    w.field("firstSeen", e.firstSeen)
    w.field("lastSeen", e.lastSeen)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` for timeline bounds.
enum PartialDate {
    static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { u[$0] >= 48 && u[$0] <= 57 } }
        switch u.count {
        case 4: return digits(0..<4)
        case 7: return digits(0..<4) && u[4] == UInt8(ascii: "-") && digits(5..<7) && (1...12).contains(Int(s.dropFirst(5))!)
        case 10: return PublicationDate.isValid(s)
        default: return false
        }
    }

    /// True when every day of the valid partial date `from` comes after every day of `to`, so that no date lies
    /// in both ("2016" after "2015-12"; "2015-12" is not after "2015", it lies inside it). Digit strings of one
    /// layout compare as dates.
    static func startsAfter(_ from: String, _ to: String) -> Bool {
        from > to && !from.hasPrefix(to)
    }
}
