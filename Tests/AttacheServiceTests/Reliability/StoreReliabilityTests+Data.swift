import AttacheClient
import AttacheJSON
import AttacheModel
import Foundation
import Testing

extension StoreReliabilityTests {
    /// After a kill -9: every acknowledged article is stored with the text and analysis it was acknowledged
    /// with, every request cut off by the kill was committed entirely or not at all, and the store holds nothing
    /// else. Returns the entity recount of what is stored, for `expectAggregatesMatch`.
    static func expectAcknowledgedStored(_ acked: [String: KillNineDurabilityTests.Ack], inFlight: [String],
                                         client: AttacheClient, baseURL: String, context: String) throws -> EntityRecount {
        let stored = Reader.articles(Array(acked.keys), baseURL: baseURL)
        #expect(stored.errors.isEmpty, "acknowledged articles missing (\(context)): \(stored.errors.prefix(5))")
        var recount = EntityRecount()
        var wrong: [String] = []
        for (id, ack) in acked {
            guard let a = stored.found[id] else { continue }
            if a["text"]?.stringValue != ack.text { wrong.append("\(id): text differs") }
            if a["analysis"] != ack.analysis { wrong.append("\(id): analysis differs from the acknowledged one") }
            recount.add(articleID: id, analysis: a["analysis"] ?? .null)
        }
        #expect(wrong.isEmpty, "\(context): \(wrong.prefix(5))")
        var inFlightStored = 0
        for id in inFlight {
            let r = try client.request(method: "GET", path: "/v1/articles/\(id)")
            if r.status == 200, let a = r.json {
                inFlightStored += 1
                #expect(a["text"]?.stringValue?.isEmpty == false)
                recount.add(articleID: id, analysis: a["analysis"] ?? .null)
            } else {
                #expect(r.status == 404, "in-flight \(id): GET answered \(r.status)")
            }
        }
        #expect(try Reader.storedArticleCount(client) == stored.found.count + inFlightStored,
                "the store holds articles nobody sent (\(context))")
        return recount
    }

    /// Articles generated from the dev corpus: article `i` is corpus article `i % 25` (in id order) under the id
    /// `<prefix>-<i>-<corpus id>`, published `i / 25` days later within its month (day 1...28), and, from the
    /// second round on, without one of its paragraphs (which one depends on `i`), so most analyses differ from
    /// their corpus original in mentions and events.
    enum ArticleVariants {
        static let base: [CorpusArticle] = (Corpus.articles ?? [:]).values.sorted { $0.id < $1.id }

        static func article(_ i: Int, prefix: String) -> ArticleInput {
            let a = base[i % base.count]
            let round = i / base.count
            var text = a.text
            if round > 0 {
                var paragraphs = text.components(separatedBy: "\n\n")
                if paragraphs.count > 2 {
                    paragraphs.remove(at: 1 + (round - 1) % (paragraphs.count - 1))
                    text = paragraphs.joined(separator: "\n\n")
                }
            }
            return ArticleInput(id: "\(prefix)-\(i)-\(a.id)", title: a.title, text: text,
                                  publishedAt: a.publishedAt.map { shiftedDay($0, by: round) }, source: a.source)
        }

        /// `YYYY-MM-DD…` with the day moved `by` days forward, wrapping within days 1...28 of the month.
        static func shiftedDay(_ date: String, by days: Int) -> String {
            let u = Array(date.utf8)
            guard u.count >= 10, let day = Int(String(decoding: u[8..<10], as: UTF8.self)) else { return date }
            let d = (day - 1 + days) % 28 + 1
            let dd = d < 10 ? "0\(d)" : "\(d)"
            return String(decoding: u[0..<8], as: UTF8.self) + dd + String(decoding: u[10...], as: UTF8.self)
        }
    }

    /// What the store's aggregates must be, recomputed from stored analyses (the JSON `GET /v1/articles/{id}`
    /// returns), following `ArticleRows` and `StoreOperations`:
    /// - an article counts once for every entity its analysis lists (entries merged by id), and adds that entity's
    ///   mentions to its `mentionCount`;
    /// - the entity's timeline has one `mention` item per article in which it has at least one mention, and one
    ///   `event` item per event of which it is a participant or the location (once per event, even when both),
    ///   provided the article's analysis lists the entity.
    struct EntityRecount {
        struct Tally: Equatable {
            var mentions = 0
            var articles = 0
            /// `articleID|m` and `articleID|e:eventID`, one per expected timeline item.
            var timeline: [String] = []
        }

        private(set) var tallies: [String: Tally] = [:]

        mutating func add(articleID: String, analysis: JSONValue) {
            var mentions: [String: Int] = [:]
            for e in analysis["entities"]?.arrayValue ?? [] {
                guard let id = e["id"]?.stringValue else { continue }
                mentions[id, default: 0] += e["mentions"]?.arrayValue?.count ?? 0
            }
            for (id, count) in mentions {
                tallies[id, default: Tally()].mentions += count
                tallies[id]!.articles += 1
                if count > 0 { tallies[id]!.timeline.append(articleID + "|m") }
            }
            for ev in analysis["events"]?.arrayValue ?? [] {
                guard let eventID = ev["id"]?.stringValue else { continue }
                var involved: [String] = []
                for p in ev["participants"]?.arrayValue ?? [] {
                    if let id = p["entity"]?.stringValue, !involved.contains(id) { involved.append(id) }
                }
                if let loc = ev["location"]?.stringValue, !involved.contains(loc) { involved.append(loc) }
                for id in involved where mentions[id] != nil {
                    tallies[id]!.timeline.append(articleID + "|e:" + eventID)
                }
            }
        }

        /// A spread of entities to check in depth: the most mentioned, a few from the middle, the least mentioned,
        /// and the entities with the most event items.
        func sample(_ n: Int = 8) -> [String] {
            let byMentions = tallies.sorted { ($0.value.mentions, $1.key) > ($1.value.mentions, $0.key) }.map(\.key)
            guard byMentions.count > n else { return byMentions }
            var picked: [String] = Array(byMentions.prefix(3))
            picked.append(byMentions[byMentions.count / 2])
            picked.append(byMentions[byMentions.count - 1])
            let byEvents = tallies.sorted {
                ($0.value.timeline.count - $0.value.articles, $1.key) > ($1.value.timeline.count - $1.value.articles, $0.key)
            }.map(\.key)
            for id in byEvents where picked.count < n && !picked.contains(id) { picked.append(id) }
            return picked
        }
    }

    /// Reads through the HTTP API, failing loudly on anything but 200.
    enum Reader {
        /// Every entity `GET /v1/entities` lists (paged by 100), by id.
        static func allEntities(_ client: AttacheClient) throws -> [String: EntitySummary] {
            var out: [String: EntitySummary] = [:]
            var cursor: String?
            repeat {
                let page = try client.entities(limit: 100, cursor: cursor)
                for item in page.items {
                    #expect(out[item.id] == nil, "entity \(item.id) listed twice")
                    out[item.id] = item
                }
                cursor = page.nextCursor
            } while cursor != nil
            return out
        }

        /// Every item of the entity's timeline, paging by 500.
        static func timeline(_ client: AttacheClient, entityID: String) throws -> [TimelineItem] {
            var out: [TimelineItem] = []
            var cursor: String?
            repeat {
                let page = try client.timeline(entityID: entityID, limit: 500, cursor: cursor)
                out += page.items
                cursor = page.nextCursor
            } while cursor != nil
            return out
        }

        /// Every item of the entity's timeline in `view` (nil: story events, which have no typed reader) as JSON, paging by 500.
        static func timelineJSON(_ client: AttacheClient, entityID: String, view: String?) throws -> [JSONValue] {
            var out: [JSONValue] = []
            var cursor: String?
            repeat {
                let page = try client.timelineJSON(entityID: entityID, view: view, limit: 500, cursor: cursor)
                out += page["items"]?.arrayValue ?? []
                cursor = page["nextCursor"]?.stringValue
            } while cursor != nil
            return out
        }

        /// `articleID|m` or `articleID|e:eventID` for a timeline item (see `EntityRecount`).
        static func key(_ item: TimelineItem) -> String {
            item.kind == .event ? item.articleID + "|e:" + (item.eventID ?? "?") : item.articleID + "|m"
        }

        /// `GET /v1/articles/{id}` for every id, on `threads` threads; the article objects by id, as the JSON the
        /// server sent (`articleJSON`): the bars compare the stored analysis with the acknowledged one verbatim.
        static func articles(_ ids: [String], baseURL: String, threads: Int = 4) -> (found: [String: JSONValue], errors: [String]) {
            let found = Locked<[String: JSONValue]>([:])
            let errors = Locked<[String]>([])
            runThreads(threads) { t in
                let client = AttacheClient(baseURL: baseURL, timeout: 60)
                for i in stride(from: t, to: ids.count, by: threads) {
                    do {
                        let a = try articleJSON(client, id: ids[i])
                        found.update { $0[ids[i]] = a }
                    } catch {
                        errors.update { $0.append("\(ids[i]): \(error)") }
                    }
                }
            }
            return (found.value, errors.value)
        }

        /// `GET /v1/articles/{id}` as JSON; anything but a 200 is an error.
        static func articleJSON(_ client: AttacheClient, id: String) throws -> JSONValue {
            let r = try client.request(method: "GET", path: "/v1/articles/" + id, headers: [("Accept", "application/json")])
            guard r.status == 200, let json = r.json else { throw AttacheClientError.http(status: r.status, title: nil, detail: r.text) }
            return json
        }

        /// `attache_articles_stored` from `/metrics`.
        static func storedArticleCount(_ client: AttacheClient) throws -> Int? {
            let text = try client.request(method: "GET", path: "/metrics").text
            for line in text.split(separator: "\n") where line.hasPrefix("attache_articles_stored ") {
                return Int(line.dropFirst("attache_articles_stored ".count))
            }
            return nil
        }
    }

    /// Compares `GET /v1/entities` (all of it) and, for a sample, `GET /v1/entities/{id}` and the whole timeline
    /// with `recount`. Returns the sampled ids.
    @discardableResult
    static func expectAggregatesMatch(_ recount: EntityRecount, client: AttacheClient, sample: Int = 8,
                                      sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let listed = try Reader.allEntities(client)
        let expectedIDs = Set(recount.tallies.filter { $0.value.articles > 0 }.keys)
        #expect(Set(listed.keys) == expectedIDs,
                "listed entities differ: missing \(expectedIDs.subtracting(listed.keys).sorted().prefix(10)), extra \(Set(listed.keys).subtracting(expectedIDs).sorted().prefix(10))",
                sourceLocation: sourceLocation)
        var wrong: [String] = []
        for (id, tally) in recount.tallies.sorted(by: { $0.key < $1.key }) {
            guard let e = listed[id] else { continue }
            if e.mentionCount != tally.mentions || e.articleCount != tally.articles {
                wrong.append("\(id): mentionCount \(e.mentionCount) (recount \(tally.mentions)), articleCount \(e.articleCount) (recount \(tally.articles))")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(listed.count) entities have wrong counts: \(wrong.prefix(10))", sourceLocation: sourceLocation)

        let picked = recount.sample(sample)
        for id in picked {
            let tally = recount.tallies[id]!
            let detail = try client.entity(id: id)
            #expect(detail.mentionCount == tally.mentions, "\(id) mentionCount", sourceLocation: sourceLocation)
            #expect(detail.articleCount == tally.articles, "\(id) articleCount", sourceLocation: sourceLocation)
            #expect(detail.summary == listed[id], "\(id): the detail's counts differ from the listing's", sourceLocation: sourceLocation)
            let items = try Reader.timeline(client, entityID: id)
            let keys = items.map(Reader.key)
            #expect(keys.count == tally.timeline.count,
                    "\(id): \(keys.count) timeline items, recount says \(tally.timeline.count)", sourceLocation: sourceLocation)
            #expect(keys.sorted() == tally.timeline.sorted(), "\(id): timeline items differ from the recount", sourceLocation: sourceLocation)
            #expect(Set(keys).count == keys.count, "\(id): a timeline item appears twice", sourceLocation: sourceLocation)
            let mentionSum = items.reduce(0) { $0 + ($1.mentionCount ?? 0) }
            #expect(mentionSum == tally.mentions, "\(id): mention items sum to \(mentionSum) mentions, entity has \(tally.mentions)",
                    sourceLocation: sourceLocation)
        }
        return picked
    }

    /// A value guarded by a lock, for results gathered by several threads.
    final class Locked<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: T
        init(_ value: T) { stored = value }
        func update<R>(_ body: (inout T) -> R) -> R {
            lock.lock()
            defer { lock.unlock() }
            return body(&stored)
        }
        var value: T { update { $0 } }
    }

    /// Runs `body(i)` for i in 0..<n on n threads of their own (blocking clients must not tie up the small
    /// cooperative pool) and waits for all of them.
    static func runThreads(_ n: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for i in 0..<n {
            group.enter()
            let thread = Thread {
                body(i)
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        group.wait()
    }
}
