import AttacheModel
@testable import AttacheStore
import Foundation
import Testing

/// The behaviour every `ArticleStore` must have, written once and run against each backend
/// (`SQLiteStoreTests`, `PostgresStoreTests`). Each case gets a fresh, empty store.
enum StoreCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case roundTrip, idempotency, deleteFixesCountsAndTimeline, search, entityDetail, timelineOrderAndFilters,
         timelinePagingWhileInserting, concurrentPuts, concurrentPutsOfOneID, atomicity, invalidArguments,
         searchRanksExactThenAcronymThenPrefixThenSubstring, cursorsBelongToTheirQuery, timelineDatesArePartialDates,
         articleListing, batchEqualsSuccessivePuts, concurrentOverlappingBatches

    var testDescription: String { rawValue }

    func run(_ store: any ArticleStore) throws {
        switch self {
        case .roundTrip: try StoreSuite.roundTrip(store)
        case .idempotency: try StoreSuite.idempotency(store)
        case .deleteFixesCountsAndTimeline: try StoreSuite.delete(store)
        case .search: try StoreSuite.search(store)
        case .entityDetail: try StoreSuite.entityDetail(store)
        case .timelineOrderAndFilters: try StoreSuite.timelineOrder(store)
        case .timelinePagingWhileInserting: try StoreSuite.timelinePaging(store)
        case .concurrentPuts: try StoreSuite.concurrentPuts(store, threads: 8, perThread: 250)
        case .concurrentPutsOfOneID: try StoreSuite.concurrentSameID(store)
        case .atomicity: try StoreSuite.atomicity(store)
        case .invalidArguments: try StoreSuite.invalidArguments(store)
        case .searchRanksExactThenAcronymThenPrefixThenSubstring: try StoreSuite.searchRanking(store)
        case .cursorsBelongToTheirQuery: try StoreSuite.cursorsBelongToTheirQuery(store)
        case .timelineDatesArePartialDates: try StoreSuite.timelineDatesArePartial(store)
        case .articleListing: try StoreSuite.articleListing(store)
        case .batchEqualsSuccessivePuts: try StoreSuite.batchEqualsSuccessivePuts(store)
        case .concurrentOverlappingBatches: try StoreSuite.concurrentOverlappingBatches(store)
        }
    }
}

/// Thread-safe collector for results of concurrent work.
final class Collected<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ item: T) { lock.lock(); items.append(item); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Runs `body(i)` for i in 0..<n on n real threads at once (not the 2-thread cooperative pool).
func onThreads(_ n: Int, _ body: @escaping @Sendable (Int) -> Void) {
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

enum StoreSuite {
    // MARK: Round trip

    static func roundTrip(_ store: any ArticleStore) throws {
        var d = Doc("a1", title: "Lavrov in Paris", publishedAt: "2015-12-15", [
            "Café 🕊 talks opened in Paris on Tuesday.",
            "Sergei Lavrov met Laurent Fabius there.",
            "Lavrov said peace was near.",
        ])
        d.mention("paris", .location, "Paris", "Paris", in: 0, country: "FR")
        d.mention("lavrov", .person, "Sergei Lavrov", "Sergei Lavrov", in: 1, roles: ["Foreign Minister of Russia"], country: "RU")
        d.mention("fabius", .person, "Laurent Fabius", "Laurent Fabius", in: 1)
        d.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 2, kind: .surname)
        d.event("ev1", .consult, trigger: "met", in: 1, [("lavrov", .source), ("fabius", .target)], location: "paris", date: "2015-12-15")

        let outcome = try d.put(store)
        #expect(outcome.isCreated)
        let a = try #require(try store.article(id: "a1"))
        #expect(a == outcome.article)
        #expect(a.id == "a1" && a.title == d.title && a.text == d.text && a.publishedAt == "2015-12-15" && a.source == "test")
        #expect(a.contentHash == d.contentHash && a.contentHash.utf8.count == 64)
        #expect(a.analysisJSON == d.json)
        let created = Array(a.createdAt.utf8)
        #expect(created.count == 24 && created[4] == UInt8(ascii: "-") && created[10] == UInt8(ascii: "T") && created[23] == UInt8(ascii: "Z"))
        #expect(try store.article(id: "missing") == nil)
        #expect(try store.articleCount() == 1)
        try store.ping()

        // Sentences are sliced by code points: sentence 0 holds a 4-byte emoji and a 2-byte letter.
        let lavrov = try store.fullTimeline("lavrov")
        try #require(lavrov.count == 2)
        let mention = lavrov[0], event = lavrov[1]
        #expect(mention.kind == .mention && mention.mentionCount == 2 && mention.mentionText == "Sergei Lavrov")
        #expect(mention.sentence == d.sentences[1] && mention.date == "2015-12-15")
        #expect(mention.articleTitle == "Lavrov in Paris" && mention.articlePublishedAt == "2015-12-15")
        #expect(event.kind == .event && event.eventID == "ev1" && event.eventType == "consult" && event.trigger == "met")
        #expect(event.role == "source" && event.sentence == d.sentences[1] && event.date == "2015-12-15")
        #expect(event.otherParticipants == [TimelineItem.Participant(id: "fabius", name: "Laurent Fabius")])
        #expect(event.mentionText == nil && event.mentionCount == nil)

        let paris = try store.fullTimeline("paris")
        #expect(paris.map(\.kind) == [.mention, .event])
        #expect(paris[0].sentence == d.sentences[0])
        #expect(paris[1].role == "location")
        #expect(paris[1].otherParticipants.map(\.id) == ["lavrov", "fabius"])
    }

    // MARK: Idempotency

    static func idempotency(_ store: any ArticleStore) throws {
        var d = Doc("same", publishedAt: "2016-02-01", ["John Kerry spoke.", "Kerry left."])
        d.mention("kerry", .person, "John Kerry", "John Kerry", in: 0)
        d.mention("kerry", .person, "John Kerry", "Kerry", in: 1)
        let first = try d.put(store)
        #expect(first.isCreated)
        let again = try d.put(store)
        #expect(again.isExisting)
        #expect(again.article.createdAt == first.article.createdAt)

        var changed = d
        changed.sentences[1] = "Kerry left for Geneva."
        let conflict = try changed.put(store)
        #expect(conflict.isConflict)
        #expect(conflict.article.text == d.text)
        #expect(try store.article(id: "same")?.text == d.text)

        // Nothing was counted twice.
        let kerry = try #require(try store.entity(id: "kerry"))
        #expect(kerry.mentionCount == 2 && kerry.articleCount == 1)
        #expect(try store.fullTimeline("kerry").count == 1)

        // Without a client id the content hash is the id: resubmitting the same text finds it.
        var anonymous = Doc("", publishedAt: nil, ["Kerry arrived."])
        anonymous.title = nil
        anonymous.id = anonymous.contentHash
        anonymous.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
        #expect(try anonymous.put(store).isCreated)
        #expect(try anonymous.put(store).isExisting)
        #expect(ContentHash.of(title: nil, text: "Kerry arrived.") == anonymous.id)
        #expect(ContentHash.of(title: "T", text: "x") == SHA256.hex(Array("T\nx".utf8)))
        #expect(ContentHash.of(title: nil, text: "x") == SHA256.hex(Array("\nx".utf8)))
        #expect(ContentHash.of(title: "a", text: "b") != ContentHash.of(title: "a", text: "c"))
        #expect(try store.articleCount() == 2)
        #expect(try store.entity(id: "kerry")?.mentionCount == 3)
    }

    // MARK: Delete

    static func delete(_ store: any ArticleStore) throws {
        var a = Doc("del-a", publishedAt: "2015-12-01", ["Sergei Lavrov met John Kerry.", "Lavrov smiled."])
        a.mention("lavrov", .person, "Sergei Lavrov", "Sergei Lavrov", in: 0, roles: ["Foreign Minister"])
        a.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 1)
        a.mention("kerry", .person, "John Kerry", "John Kerry", in: 0)
        a.event("e1", .consult, trigger: "met", in: 0, [("lavrov", .source), ("kerry", .target)])
        var b = Doc("del-b", publishedAt: "2016-01-10", ["FM Lavrov called Javad Zarif."])
        b.mention("lavrov", .person, "Sergei Lavrov", "FM Lavrov", in: 0, roles: ["Envoy"])
        b.mention("zarif", .person, "Javad Zarif", "Javad Zarif", in: 0)
        b.event("e1", .consult, trigger: "called", in: 0, [("lavrov", .source), ("zarif", .target)])
        try a.put(store)
        try b.put(store)

        let before = try #require(try store.entity(id: "lavrov"))
        #expect(before.mentionCount == 3 && before.articleCount == 2 && before.lastSeen == "2016-01-10")
        #expect(Set(before.aliases) == ["Sergei Lavrov", "Lavrov", "FM Lavrov"])
        #expect(Set(before.roles) == ["Foreign Minister", "Envoy"])
        #expect(try store.fullTimeline("lavrov").count == 4)

        #expect(try store.deleteArticle(id: "del-b"))
        #expect(try store.article(id: "del-b") == nil)
        let after = try #require(try store.entity(id: "lavrov"))
        #expect(after.mentionCount == 2 && after.articleCount == 1)
        #expect(after.firstSeen == "2015-12-01" && after.lastSeen == "2015-12-01")
        #expect(Set(after.aliases) == ["Sergei Lavrov", "Lavrov"])
        #expect(after.roles == ["Foreign Minister"])
        #expect(after.coOccurring.map(\.id) == ["kerry"])
        let timeline = try store.fullTimeline("lavrov")
        #expect(timeline.count == 2 && timeline.allSatisfy { $0.articleID == "del-a" })
        // An entity only the deleted article mentioned is gone everywhere.
        #expect(try store.entity(id: "zarif") == nil)
        #expect(try store.timeline(entityID: "zarif", from: nil, to: nil, types: [], limit: 10, cursor: nil) == nil)
        #expect(try store.fullSearch("zarif").isEmpty)
        #expect(try store.deleteArticle(id: "del-b") == false)
        #expect(try store.articleCount() == 1)

        #expect(try store.deleteArticle(id: "del-a"))
        #expect(try store.entity(id: "lavrov") == nil)
        #expect(try store.fullSearch(nil).isEmpty)
        #expect(try store.articleCount() == 0)
        // The id can be reused after deletion.
        #expect(try b.put(store).isCreated)
        #expect(try store.entity(id: "lavrov")?.mentionCount == 1)
    }

    // MARK: Search

    static func search(_ store: any ArticleStore) throws {
        var d = Doc("s1", publishedAt: "2017-05-05", [
            "Sergei Lavrov, Lavrov and again Lavrov.",
            "Lavrov visited the Élysée Palace, then the Élysée Palace again.",
            "Islamic State, or Daesh, or Daesh again.",
            "Russia and Russia and Russia, said Russia.",
            "The Lavrov Foundation and Ban Ki-moon and Amal Clooney.",
        ])
        d.mention("lavrov", .person, "Sergei Lavrov", "Sergei Lavrov", in: 0)
        d.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 0, occurrence: 1)
        d.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 0, occurrence: 2)
        d.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 1)
        d.mention("elysee", .location, "Élysée Palace", "Élysée Palace", in: 1)
        d.mention("elysee", .location, "Élysée Palace", "Élysée Palace", in: 1, occurrence: 1)
        d.mention("islamic-state", .organization, "Islamic State", "Islamic State", in: 2)
        d.mention("islamic-state", .organization, "Islamic State", "Daesh", in: 2, kind: .alias)
        d.mention("islamic-state", .organization, "Islamic State", "Daesh", in: 2, occurrence: 1, kind: .alias)
        for i in 0..<4 { d.mention("russia", .country, "Russia", "Russia", in: 3, occurrence: i, iso2: "RU", iso3: "RUS") }
        d.mention("lavrov-foundation", .organization, "Lavrov Foundation", "Lavrov Foundation", in: 4)
        d.mention("ban-ki-moon", .person, "Ban Ki-moon", "Ban Ki-moon", in: 4)
        d.mention("amal-clooney", .person, "Amal Clooney", "Amal Clooney", in: 4)
        try d.put(store)

        let all = try store.fullSearch(nil)
        // Mention count descending, then id (ties: amal-clooney, ban-ki-moon, lavrov-foundation all have 1).
        #expect(all.map(\.id) == ["lavrov", "russia", "islamic-state", "elysee", "amal-clooney", "ban-ki-moon", "lavrov-foundation"])
        #expect(all.map(\.mentionCount) == [4, 4, 3, 2, 1, 1, 1])
        #expect(all[1].iso2 == "RU" && all[1].iso3 == "RUS" && all[1].articleCount == 1 && all[1].firstSeen == "2017-05-05")

        #expect(try store.fullSearch("elysee").map(\.id) == ["elysee"])
        #expect(try store.fullSearch("ÉLYSÉE").map(\.id) == ["elysee"])
        #expect(try store.fullSearch("lysée pa").map(\.id) == ["elysee"])
        #expect(try store.fullSearch("LAVROV").map(\.id) == ["lavrov", "lavrov-foundation"])
        #expect(try store.fullSearch("lavrov", type: .person).map(\.id) == ["lavrov"])
        #expect(try store.fullSearch(nil, type: .organization).map(\.id) == ["islamic-state", "lavrov-foundation"])
        // Found by an alias (a mention text), not the name.
        #expect(try store.fullSearch("daesh").map(\.id) == ["islamic-state"])
        #expect(try store.fullSearch("ki-m").map(\.id) == ["ban-ki-moon"])
        // LIKE wildcards in the query are literal.
        #expect(try store.fullSearch("%").isEmpty)
        #expect(try store.fullSearch("_").isEmpty)
        #expect(try store.fullSearch("nobody").isEmpty)

        // Cursor paging returns the same list, page by page.
        var paged: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try store.searchEntities(query: nil, type: nil, limit: 2, cursor: cursor)
            #expect(page.items.count <= 2)
            paged += page.items.map(\.id)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 10
        #expect(paged == all.map(\.id))
        #expect(pages == 4)
    }

    // MARK: Entity detail

    static func entityDetail(_ store: any ArticleStore) throws {
        var d1 = Doc("d1", publishedAt: "2015-03-01", ["Sergei Lavrov met John Kerry in Russia.", "Lavrov and Lavrov again."])
        d1.mention("lavrov", .person, "Sergei Lavrov", "Sergei Lavrov", in: 0, roles: ["Foreign Minister of Russia"], country: "RU")
        d1.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 1)
        d1.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 1, occurrence: 1)
        d1.mention("kerry", .person, "John Kerry", "John Kerry", in: 0)
        d1.mention("russia", .country, "Russia", "Russia", in: 0, iso2: "RU", iso3: "RUS")
        var d2 = Doc("d2", publishedAt: "2014-07-09", ["Lavrov phoned Kerry and Zarif."])
        d2.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 0, roles: ["Foreign Minister of Russia"])
        d2.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
        d2.mention("zarif", .person, "Javad Zarif", "Zarif", in: 0)
        var d3 = Doc("d3", publishedAt: nil, ["Mr. Lavrov thanked Zarif."])
        d3.mention("lavrov", .person, "Sergei Lavrov", "Mr. Lavrov", in: 0)
        d3.mention("zarif", .person, "Javad Zarif", "Zarif", in: 0)
        for d in [d1, d2, d3] { try d.put(store) }

        let lavrov = try #require(try store.entity(id: "lavrov"))
        #expect(lavrov.name == "Sergei Lavrov" && lavrov.type == .person && lavrov.summary.country == "RU")
        #expect(lavrov.mentionCount == 5 && lavrov.articleCount == 3)
        #expect(lavrov.firstSeen == "2014-07-09" && lavrov.lastSeen == "2015-03-01")
        #expect(lavrov.aliases == ["Lavrov", "Mr. Lavrov", "Sergei Lavrov"])
        #expect(lavrov.roles == ["Foreign Minister of Russia"])
        #expect(lavrov.coOccurring == [
            CoOccurrence(id: "kerry", type: .person, name: "John Kerry", articleCount: 2),
            CoOccurrence(id: "zarif", type: .person, name: "Javad Zarif", articleCount: 2),
            CoOccurrence(id: "russia", type: .country, name: "Russia", articleCount: 1),
        ])
        let russia = try #require(try store.entity(id: "russia"))
        #expect(russia.summary.iso2 == "RU" && russia.summary.iso3 == "RUS")
        #expect(russia.firstSeen == "2015-03-01" && russia.lastSeen == "2015-03-01")
        let zarif = try #require(try store.entity(id: "zarif"))
        #expect(zarif.firstSeen == "2014-07-09" && zarif.lastSeen == "2014-07-09")
        #expect(try store.entity(id: "nobody") == nil)

        // Co-occurrence is capped at 10.
        var big = Doc("big", publishedAt: "2015-03-02", ["Lavrov met " + (0..<12).map { "P\($0)x" }.joined(separator: " ") + "."])
        big.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 0)
        for i in 0..<12 { big.mention("p\(i)", .person, "P\(i)", "P\(i)x", in: 0) }
        try big.put(store)
        let capped = try #require(try store.entity(id: "lavrov"))
        #expect(capped.coOccurring.count == 10)
        #expect(capped.coOccurring.prefix(2).map(\.id) == ["kerry", "zarif"])
        #expect(capped.lastSeen == "2015-03-02")
    }

    // MARK: Timeline

    static func timelineOrder(_ store: any ArticleStore) throws {
        var b1 = Doc("b1", publishedAt: "2016-01-20", ["In 2015 Syria said things.", "On 15 December Syria met envoys."])
        b1.mention("syria", .country, "Syria", "Syria", in: 0)
        b1.mention("syria", .country, "Syria", "Syria", in: 1)
        b1.mention("un", .organization, "United Nations", "envoys", in: 1)
        b1.event("ev1", .statement, trigger: "said", in: 0, [("syria", .source)], date: "2015")
        b1.event("ev2", .consult, trigger: "met", in: 1, [("syria", .source), ("un", .target)], date: "2015-12-15")
        var a1 = Doc("a1", publishedAt: "2015-12-20", ["In December Syria was sanctioned.", "Syria then met the UN."])
        a1.mention("syria", .country, "Syria", "Syria", in: 0)
        a1.mention("syria", .country, "Syria", "Syria", in: 1)
        a1.event("ev3", .sanction, trigger: "sanctioned", in: 0, [("syria", .target)], date: "2015-12")
        a1.event("ev4", .consult, trigger: "met", in: 1, [("syria", .source)])
        var a0 = Doc("a0", publishedAt: "2015-12-20", ["Syria was quiet."])
        a0.mention("syria", .country, "Syria", "Syria", in: 0)
        var c1 = Doc("c1", publishedAt: nil, ["Syria was attacked somewhere."])
        c1.mention("syria", .country, "Syria", "Syria", in: 0)
        c1.event("ev5", .assault, trigger: "attacked", in: 0, [("syria", .target)])
        for d in [c1, b1, a1, a0] { try d.put(store) }

        func key(_ t: TimelineItem) -> String { t.kind == .event ? t.eventID! : "m:" + t.articleID }
        let all = try store.fullTimeline("syria")
        // Partial dates first in their period; undated events use the publication date; no date at all comes last.
        #expect(all.map(key) == ["ev1", "ev3", "ev2", "m:a0", "m:a1", "ev4", "m:b1", "m:c1", "ev5"])
        #expect(all.map(\.date) == ["2015", "2015-12", "2015-12-15", "2015-12-20", "2015-12-20", "2015-12-20", "2016-01-20", nil, nil])
        #expect(all.first { $0.eventID == "ev3" }?.role == "target")
        #expect(all.first { $0.articleID == "b1" && $0.kind == .mention }?.mentionCount == 2)

        #expect(try store.fullTimeline("syria", from: "2015-12", to: "2015-12").map(key) == ["ev3", "ev2", "m:a0", "m:a1", "ev4"])
        #expect(try store.fullTimeline("syria", from: "2015-12-15", to: "2015-12-20").map(key) == ["ev2", "m:a0", "m:a1", "ev4"])
        #expect(try store.fullTimeline("syria", from: "2016").map(key) == ["m:b1"])
        // `to` is inclusive of its whole period: "2015" reaches 2015-12-31.
        #expect(try store.fullTimeline("syria", to: "2015").map(key) == ["ev1", "ev3", "ev2", "m:a0", "m:a1", "ev4"])
        #expect(try store.fullTimeline("syria", to: "2015-12-15").map(key) == ["ev1", "ev3", "ev2"])
        #expect(try store.fullTimeline("syria", types: ["consult"]).map(key) == ["ev2", "ev4"])
        #expect(try store.fullTimeline("syria", types: ["mention"]).map(key) == ["m:a0", "m:a1", "m:b1", "m:c1"])
        #expect(try store.fullTimeline("syria", types: ["assault", "mention"]).map(key) == ["m:a0", "m:a1", "m:b1", "m:c1", "ev5"])
        #expect(try store.fullTimeline("syria", types: ["nonsense"]).isEmpty)

        // Paging gives the same sequence.
        for size in [1, 2, 4] {
            #expect(try store.fullTimeline("syria", pageSize: size).map(key) == all.map(key))
        }
        let un = try store.fullTimeline("un")
        #expect(un.map(key) == ["ev2", "m:b1"])
        #expect(un[0].otherParticipants == [TimelineItem.Participant(id: "syria", name: "Syria")])
        #expect(try store.timeline(entityID: "atlantis", from: nil, to: nil, types: [], limit: 5, cursor: nil) == nil)
    }

    static func timelinePaging(_ store: any ArticleStore) throws {
        func doc(_ id: String, _ date: String) -> Doc {
            var d = Doc(id, publishedAt: date, ["Iran talked.", "Iran agreed with the group."])
            d.mention("iran", .country, "Iran", "Iran", in: 0)
            d.event("ev", .agree, trigger: "agreed", in: 1, [("iran", .source)])
            return d
        }
        var initial: [String] = []
        for i in 0..<20 {
            let d = doc(String(format: "p%02d", i), String(format: "2015-%02d-%02d", 1 + i % 12, 1 + i))
            try d.put(store)
            initial.append(d.id)
        }
        var seen: [(String, String, String)] = []  // (date key, article, kind)
        var cursor: String?
        var round = 0
        repeat {
            let page = try #require(try store.timeline(entityID: "iran", from: nil, to: nil, types: [], limit: 3, cursor: cursor))
            seen += page.items.map { (DateKey.sortKey($0.date), $0.articleID, $0.kind.rawValue) }
            cursor = page.nextCursor
            // Articles arrive between pages (during the first 8): one before every cursor, one after all of them.
            if round < 8 {
                try doc("new-early-\(round)", "2014-06-01").put(store)
                try doc(String(format: "new-late-%02d", round), "2017-01-01").put(store)
            }
            round += 1
        } while cursor != nil && round < 100
        #expect(cursor == nil, "paging ended")
        let keys = seen.map { "\($0.0)|\($0.1)|\($0.2)" }
        #expect(Set(keys).count == keys.count, "no item repeated")
        #expect(zip(seen, seen.dropFirst()).allSatisfy { ($0.0, $0.1) <= ($1.0, $1.1) }, "order kept across pages")
        let articles = Set(seen.map(\.1))
        #expect(initial.allSatisfy { articles.contains($0) }, "no initial item lost")
        #expect(seen.filter { $0.1 == "p00" }.count == 2)
        #expect(!articles.contains { $0.hasPrefix("new-early") }, "items behind the cursor are not revisited")
        #expect((0..<8).allSatisfy { articles.contains(String(format: "new-late-%02d", $0)) }, "items ahead of the cursor are picked up")
    }

    // MARK: Concurrency

    /// Entity j appears in article k when j == 0 or (k + j) % 3 == 0, with 1 + (k + j) % 2 mentions; every
    /// article has one event between entity 0 and entity k % 10 (location when that is entity 0 itself).
    static func concurrencyDoc(_ k: Int) -> Doc {
        var sentences = ["Opening line \(k)."]
        for j in 0..<10 { sentences.append("E\(j)n and E\(j)n were here.") }
        sentences.append("E0n met E\(k % 10)n today.")
        var d = Doc(String(format: "c%05d", k), publishedAt: String(format: "20%02d-%02d-%02d", 10 + k % 10, 1 + k % 12, 1 + k % 28), sentences)
        for j in 0..<10 where j == 0 || (k + j) % 3 == 0 {
            for occurrence in 0..<(1 + (k + j) % 2) {
                d.mention("ent-\(j)", .organization, "Entity \(j)", "E\(j)n", in: 1 + j, occurrence: occurrence)
            }
        }
        let other = k % 10
        if other != 0, (k + other) % 3 != 0 {
            d.mention("ent-\(other)", .organization, "Entity \(other)", "E\(other)n", in: 11, occurrence: 0)
        }
        if other == 0 {
            d.event("ev", .cooperate, trigger: "met", in: 11, [("ent-0", .source)], location: "ent-0")
        } else {
            d.event("ev", .cooperate, trigger: "met", in: 11, [("ent-0", .source), ("ent-\(other)", .target)])
        }
        return d
    }

    static func concurrentPuts(_ store: any ArticleStore, threads: Int, perThread: Int) throws {
        let failures = Collected<String>()
        onThreads(threads) { t in
            for i in 0..<perThread {
                do {
                    let outcome = try concurrencyDoc(t * perThread + i).put(store)
                    if !outcome.isCreated { failures.append("not created: \(outcome.article.id)") }
                } catch {
                    failures.append(String(describing: error))
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
        try expectConcurrencyAggregates(store, total: threads * perThread)
    }

    /// Entity counts and timelines after `concurrencyDoc(0..<total)` were all stored, recounted from the documents.
    static func expectConcurrencyAggregates(_ store: any ArticleStore, total: Int) throws {
        #expect(try store.articleCount() == total)

        var mentions = [Int](repeating: 0, count: 10)
        var articles = [Int](repeating: 0, count: 10)
        var items = [Int](repeating: 0, count: 10)
        for k in 0..<total {
            let d = concurrencyDoc(k)
            for e in d.entities {
                let j = Int(e.id.dropFirst(4))!
                mentions[j] += e.mentions.count
                articles[j] += 1
                items[j] += 1  // the mention item
            }
            items[0] += 1
            if k % 10 != 0 { items[k % 10] += 1 }
        }
        for j in 0..<10 {
            let e = try #require(try store.entity(id: "ent-\(j)"))
            #expect(e.mentionCount == mentions[j], "mentions of ent-\(j)")
            #expect(e.articleCount == articles[j], "articles of ent-\(j)")
            let timeline = try store.fullTimeline("ent-\(j)", pageSize: 1000)
            #expect(timeline.count == items[j], "timeline of ent-\(j)")
            #expect(timeline.filter { $0.kind == .mention }.reduce(0) { $0 + ($1.mentionCount ?? 0) } == mentions[j])
        }
        let listed = try store.fullSearch("entity")
        #expect(listed.reduce(0) { $0 + $1.mentionCount } == mentions.reduce(0, +))
    }

    static func put(_ d: Doc) -> ArticleWrite {
        ArticleWrite(id: d.id, input: d.input, contentHash: d.contentHash, analysis: d.analysis, analysisJSON: d.json)
    }

    static func outcomeName(_ o: PutOutcome) -> String {
        o.isCreated ? "created" : o.isExisting ? "existing" : "conflict"
    }

    /// A batch gives what successive puts give: new ids created, a repeated id created once and then existing
    /// (same text) or in conflict (another text), ids stored before the batch existing or in conflict; the
    /// aggregates count each created article once.
    static func batchEqualsSuccessivePuts(_ store: any ArticleStore) throws {
        let total = 60
        try concurrencyDoc(0).put(store)
        var changed = concurrencyDoc(1)
        changed.sentences[0] = "Another opening."
        try changed.put(store)
        var batch = (0..<total).map { put(concurrencyDoc($0)) }
        batch.append(put(concurrencyDoc(5)))
        var repeatChanged = concurrencyDoc(6)
        repeatChanged.sentences[0] = "A different opening."
        batch.append(put(repeatChanged))
        let outcomes = try store.putMany(batch).map { try $0.get() }
        #expect(outcomes.count == batch.count)
        var expected = ["existing", "conflict"] + Array(repeating: "created", count: total - 2)
        expected += ["existing", "conflict"]
        #expect(outcomes.map(outcomeName) == expected)
        #expect(zip(outcomes, batch).allSatisfy { $0.article.id == $1.id })
        #expect(outcomes[total + 1].article.contentHash == concurrencyDoc(6).contentHash)
        #expect(try store.article(id: concurrencyDoc(1).id)?.text == changed.text)

        // Swap the changed article for the original, then every count must be that of documents 0..<total.
        #expect(try store.deleteArticle(id: concurrencyDoc(1).id))
        #expect(try store.putMany([put(concurrencyDoc(1))]).map { try $0.get() }.map(outcomeName) == ["created"])
        try expectConcurrencyAggregates(store, total: total)
        #expect(try store.putMany([]).isEmpty)
    }

    /// Threads storing overlapping batches (in different orders, so they race on ids and on shared entities)
    /// create each id exactly once, without deadlock errors, and the counts recount exactly.
    static func concurrentOverlappingBatches(_ store: any ArticleStore) throws {
        let total = 200, threads = 4, batchSize = 25
        let outcomes = Collected<(String, String)>()
        let failures = Collected<String>()
        onThreads(threads) { t in
            // Thread t walks the ids rotated by t * 50, half of them reversed.
            var order = (0..<total).map { ($0 + t * 50) % total }
            if t % 2 == 1 { order.reverse() }
            for start in stride(from: 0, to: total, by: batchSize) {
                let docs = order[start..<min(start + batchSize, total)].map { put(concurrencyDoc($0)) }
                do {
                    for o in try store.putMany(docs).map({ try $0.get() }) { outcomes.append((o.article.id, outcomeName(o))) }
                } catch {
                    failures.append(String(describing: error))
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
        var byID: [String: [String]] = [:]
        for (id, o) in outcomes.all { byID[id, default: []].append(o) }
        #expect(byID.count == total)
        let wrong = byID.filter { $0.value.sorted() != ["created"] + Array(repeating: "existing", count: threads - 1) }
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")
        try expectConcurrencyAggregates(store, total: total)
    }

    static func concurrentSameID(_ store: any ArticleStore) throws {
        for round in 0..<5 {
            var d = Doc("race-\(round)", publishedAt: "2020-01-01", ["Kerry met Lavrov."])
            d.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
            d.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 0)
            d.event("ev", .consult, trigger: "met", in: 0, [("kerry", .source), ("lavrov", .target)])
            let doc = d
            let outcomes = Collected<String>()
            onThreads(8) { _ in
                do {
                    let o = try doc.put(store)
                    outcomes.append(o.isCreated ? "created" : o.isExisting ? "existing" : "conflict")
                } catch {
                    outcomes.append("error: \(error)")
                }
            }
            #expect(outcomes.all.filter { $0 == "created" }.count == 1, "\(outcomes.all)")
            #expect(outcomes.all.filter { $0 == "existing" }.count == 7, "\(outcomes.all)")
        }
        #expect(try store.entity(id: "kerry")?.mentionCount == 5)
        #expect(try store.entity(id: "kerry")?.articleCount == 5)
        #expect(try store.fullTimeline("kerry").count == 10)
    }

    // MARK: Atomicity and errors

    static func atomicity(_ store: any ArticleStore) throws {
        var base = Doc("base", publishedAt: "2015-01-01", ["Lavrov spoke."])
        base.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 0)
        try base.put(store)

        // Two events with one id violate the events primary key after the article, entities, aliases and
        // mentions were written: all of it must be rolled back.
        var bad = Doc("bad", publishedAt: "2016-01-01", ["SECRET Lavrov met Ghost.", "Lavrov met Ghost again."])
        bad.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 0, roles: ["Minister"])
        bad.mention("ghost", .person, "Ghost", "Ghost", in: 0)
        bad.event("dup", .consult, trigger: "met", in: 0, [("lavrov", .source), ("ghost", .target)])
        bad.event("dup", .consult, trigger: "met", in: 1, [("lavrov", .source), ("ghost", .target)])
        do {
            try bad.put(store)
            Issue.record("put with duplicate event ids succeeded")
        } catch let error as StoreError {
            #expect(error.kind == .constraint)
            #expect(!error.isUnavailable)
            #expect(error.sql?.contains("INSERT INTO events") == true)
            #expect(!error.description.contains("SECRET") && !error.description.contains("bad"))
        }
        #expect(try store.article(id: "bad") == nil)
        #expect(try store.entity(id: "ghost") == nil)
        let lavrov = try #require(try store.entity(id: "lavrov"))
        #expect(lavrov.mentionCount == 1 && lavrov.articleCount == 1 && lavrov.lastSeen == "2015-01-01" && lavrov.roles.isEmpty)
        #expect(try store.fullTimeline("lavrov").count == 1)
        #expect(try store.articleCount() == 1)

        // The store is still usable and the id is free.
        bad.events.removeLast()
        #expect(try bad.put(store).isCreated)
        #expect(try store.entity(id: "lavrov")?.mentionCount == 2)
    }

    static func invalidArguments(_ store: any ArticleStore) throws {
        var d = Doc("x", publishedAt: "2015-01-01", ["Kerry spoke.", "Kerry spoke again."])
        d.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
        d.event("e1", .statement, trigger: "spoke", in: 0, [("kerry", .source)])
        try d.put(store)
        func kind(_ body: () throws -> Void) -> StoreError.Kind? {
            do { try body() } catch { return (error as? StoreError)?.kind }
            return nil
        }
        #expect(kind { _ = try store.timeline(entityID: "kerry", from: "yesterday", to: nil, types: [], limit: 5, cursor: nil) } == .invalidArgument)
        #expect(kind { _ = try store.timeline(entityID: "kerry", from: nil, to: "15/12/2015", types: [], limit: 5, cursor: nil) } == .invalidArgument)
        #expect(kind { _ = try store.timeline(entityID: "kerry", from: nil, to: nil, types: [], limit: 5, cursor: "!!") } == .invalidArgument)
        #expect(kind { _ = try store.searchEntities(query: nil, type: nil, limit: 5, cursor: "bm9wZQ") } == .invalidArgument)
        #expect(kind { _ = try store.timeline(entityID: "kerry", from: nil, to: nil, types: (0..<40).map { "t\($0)" }, limit: 5, cursor: nil) } == .invalidArgument)
        #expect(try store.fullTimeline("kerry", types: ["statement", "statement"]).map(\.eventID) == ["e1"])
        // A timeline cursor is not a search cursor.
        let page = try #require(try store.timeline(entityID: "kerry", from: nil, to: nil, types: [], limit: 1, cursor: nil))
        let cursor = try #require(page.nextCursor)
        #expect(kind { _ = try store.searchEntities(query: nil, type: nil, limit: 5, cursor: cursor) } == .invalidArgument)
        // Limits are clamped rather than rejected.
        #expect(try store.searchEntities(query: nil, type: nil, limit: 0, cursor: nil).items.count == 1)
        #expect(try store.timeline(entityID: "kerry", from: nil, to: nil, types: [], limit: -3, cursor: nil)?.items.count == 1)
    }

    // MARK: Search ranking, cursor scopes, partial dates, article listing

    static func searchRanking(_ store: any ArticleStore) throws {
        var d = Doc("rank", publishedAt: "2020-01-01", [
            "Anatoly Antonov and Anatoly Antonov and Anatoly Antonov spoke.",
            "The North Atlantic Treaty Organization met.",
            "The United States and the United States and the U.S. and Russia and Russia and Russia talked.",
            "The United Nations and the Union of Writers met.",
            "The European Union and the Eurasian Economic Union and the Eurasian Economic Union met.",
        ])
        for i in 0..<3 { d.mention("antonov", .person, "Anatoly Antonov", "Anatoly Antonov", in: 0, occurrence: i) }
        d.mention("nato", .organization, "North Atlantic Treaty Organization", "North Atlantic Treaty Organization", in: 1)
        d.mention("usa", .country, "United States", "United States", in: 2)
        d.mention("usa", .country, "United States", "United States", in: 2, occurrence: 1)
        d.mention("usa", .country, "United States", "U.S.", in: 2, kind: .acronym)
        for i in 0..<3 { d.mention("russia", .country, "Russia", "Russia", in: 2, occurrence: i) }
        d.mention("un", .organization, "United Nations", "United Nations", in: 3)
        d.mention("writers", .organization, "Union of Writers", "Union of Writers", in: 3)
        d.mention("eu", .organization, "European Union", "European Union", in: 4)
        for i in 0..<2 { d.mention("eaeu", .organization, "Eurasian Economic Union", "Eurasian Economic Union", in: 4, occurrence: i) }
        try d.put(store)

        // An acronym beats a more-mentioned substring ("nato" is inside "Anatoly").
        #expect(try store.fullSearch("NATO").map(\.id) == ["nato", "antonov"])
        // An alias with dots is an exact match ("U.S."), above the prefix "Union of Writers" and the substring "Russia".
        #expect(try store.fullSearch("US").map(\.id) == ["usa", "russia"])
        #expect(try store.fullSearch("u.s.").map(\.id) == ["usa"])
        // Acronym first; then names starting with "un" by mention count; no substring ranks above them.
        #expect(try store.fullSearch("UN").map(\.id) == ["un", "usa", "writers", "eaeu", "eu"])
        #expect(try store.fullSearch("EU").map(\.id) == ["eu", "eaeu"])
        // Exact name above a prefix of a more-mentioned name.
        #expect(try store.fullSearch("russia").map(\.id) == ["russia"])
        #expect(try store.fullSearch("United Nations").map(\.id) == ["un"])

        // Paging through a ranked result gives the same list.
        var paged: [String] = []
        var cursor: String?
        repeat {
            let page = try store.searchEntities(query: "UN", type: nil, limit: 2, cursor: cursor)
            paged += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil && paged.count < 20
        #expect(paged == ["un", "usa", "writers", "eaeu", "eu"])
    }

    static func cursorsBelongToTheirQuery(_ store: any ArticleStore) throws {
        for (k, date) in ["2015-01-01", "2016-01-01", "2017-01-01"].enumerated() {
            var d = Doc("c\(k)", publishedAt: date, ["Kerry met Zarif.", "Kerry spoke."])
            d.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
            d.mention("zarif", .person, "Javad Zarif", "Zarif", in: 0)
            d.event("e1", .consult, trigger: "met", in: 0, [("kerry", .source), ("zarif", .target)])
            try d.put(store)
        }
        func kind(_ body: () throws -> Void) -> StoreError.Kind? {
            do { try body() } catch { return (error as? StoreError)?.kind }
            return nil
        }
        let page = try #require(try store.timeline(entityID: "kerry", from: "2015", to: nil, types: [], limit: 1, cursor: nil))
        let cursor = try #require(page.nextCursor)
        #expect(try store.timeline(entityID: "kerry", from: "2015", to: nil, types: [], limit: 1, cursor: cursor)?.items.count == 1)
        #expect(kind { _ = try store.timeline(entityID: "zarif", from: "2015", to: nil, types: [], limit: 1, cursor: cursor) } == .invalidArgument)
        #expect(kind { _ = try store.timeline(entityID: "kerry", from: "2016", to: nil, types: [], limit: 1, cursor: cursor) } == .invalidArgument)
        #expect(kind { _ = try store.timeline(entityID: "kerry", from: "2015", to: "2016", types: [], limit: 1, cursor: cursor) } == .invalidArgument)
        #expect(kind { _ = try store.timeline(entityID: "kerry", from: "2015", to: nil, types: ["consult"], limit: 1, cursor: cursor) } == .invalidArgument)
        // The order of the types does not change the query.
        let typed = try #require(try store.timeline(entityID: "kerry", from: nil, to: nil, types: ["consult", "mention"], limit: 1, cursor: nil))
        #expect(try store.timeline(entityID: "kerry", from: nil, to: nil, types: ["mention", "consult"], limit: 1,
                                   cursor: typed.nextCursor)?.items.count == 1)

        let search = try store.searchEntities(query: "r", type: nil, limit: 1, cursor: nil)
        let searchCursor = try #require(search.nextCursor)
        #expect(kind { _ = try store.searchEntities(query: "z", type: nil, limit: 1, cursor: searchCursor) } == .invalidArgument)
        #expect(kind { _ = try store.searchEntities(query: "r", type: .person, limit: 1, cursor: searchCursor) } == .invalidArgument)

        let articles = try store.articles(from: nil, to: nil, source: nil, query: nil, limit: 1, cursor: nil)
        let articleCursor = try #require(articles.nextCursor)
        #expect(kind { _ = try store.articles(from: "2016", to: nil, source: nil, query: nil, limit: 1, cursor: articleCursor) } == .invalidArgument)
    }

    static func timelineDatesArePartial(_ store: any ArticleStore) throws {
        var d = Doc("ts", publishedAt: "2022-01-10T09:30:00Z", ["Blinken met Lavrov.", "Blinken spoke in 2021."])
        d.mention("blinken", .person, "Antony Blinken", "Blinken", in: 0)
        d.mention("lavrov", .person, "Sergei Lavrov", "Lavrov", in: 0)
        d.event("e1", .consult, trigger: "met", in: 0, [("blinken", .source), ("lavrov", .target)])
        d.event("e2", .statement, trigger: "spoke", in: 1, [("blinken", .source)], date: "2021")
        try d.put(store)
        let items = try store.fullTimeline("blinken")
        #expect(items.map(\.date) == ["2021", "2022-01-10", "2022-01-10"])
        // The article's own date is still shown as submitted.
        #expect(items.allSatisfy { $0.articlePublishedAt == "2022-01-10T09:30:00Z" })
    }

    static func articleListing(_ store: any ArticleStore) throws {
        let specs: [(id: String, title: String, date: String?, source: String)] = [
            ("l1", "Talks in Geneva", "2015-03-01", "wire"),
            ("l2", "Sanctions on Iran", "2016-07-15", "paper"),
            ("l3", "Élysée summit ends", "2016-07-15T08:00:00Z", "wire"),
            ("l4", "Undated note on Geneva", nil, "wire"),
            ("l5", "Ceasefire in Syria", "2017-01-02", "paper"),
        ]
        for s in specs {
            var d = Doc(s.id, title: s.title, publishedAt: s.date, ["Kerry spoke."])
            d.source = s.source
            d.mention("kerry", .person, "John Kerry", "Kerry", in: 0)
            try d.put(store)
        }
        func list(from: String? = nil, to: String? = nil, source: String? = nil, query: String? = nil,
                  pageSize: Int = 100) throws -> [String] {
            var ids: [String] = []
            var cursor: String?
            repeat {
                let page = try store.articles(from: from, to: to, source: source, query: query, limit: pageSize, cursor: cursor)
                #expect(page.items.count <= pageSize)
                ids += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil && ids.count < 100
            return ids
        }
        // Newest first; a timestamp after the same day's date; undated last.
        #expect(try list() == ["l5", "l3", "l2", "l1", "l4"])
        #expect(try list(pageSize: 2) == ["l5", "l3", "l2", "l1", "l4"])
        #expect(try list(from: "2016") == ["l5", "l3", "l2"])
        #expect(try list(to: "2016-07") == ["l3", "l2", "l1"])
        #expect(try list(from: "2016-07-15", to: "2016-07-15", pageSize: 1) == ["l3", "l2"])
        #expect(try list(source: "paper") == ["l5", "l2"])
        #expect(try list(query: "GENEVA") == ["l1", "l4"])
        #expect(try list(query: "elysee") == ["l3"])
        #expect(try list(query: "%") == [])
        let first = try #require(try store.articles(from: nil, to: nil, source: nil, query: "summit", limit: 10, cursor: nil).items.first)
        #expect(first.title == "Élysée summit ends" && first.publishedAt == "2016-07-15T08:00:00Z" && first.source == "wire")
        #expect(first.contentHash.utf8.count == 64 && first.createdAt.hasSuffix("Z"))
    }
}
