import AttacheModel
@testable import AttacheStore
import Foundation
import Testing

/// Story-event behaviour every `ArticleStore` must have, run against each backend like `StoreCase`.
enum StoryCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case fiveReportsOfOneMeetingAreOneStory, twoMeetingsOnOneDayWithOtherPeopleAreTwo, anyIngestOrderGivesTheSameStories,
         deleteAndReingestRoundTrips, timelineFiltersAndPages, concurrentWritersAgree, relationsAndDyadsMatchARecount,
         incrementalRebuildsEqualAFullRecompute, aBatchKeepsStoriesLikeSinglePuts

    var testDescription: String { rawValue }

    func run(_ store: any ArticleStore) throws {
        switch self {
        case .fiveReportsOfOneMeetingAreOneStory: try StorySuite.fiveReports(store)
        case .twoMeetingsOnOneDayWithOtherPeopleAreTwo: try StorySuite.twoMeetings(store)
        case .anyIngestOrderGivesTheSameStories: try StorySuite.orderIndependence(store)
        case .deleteAndReingestRoundTrips: try StorySuite.deleteAndReingest(store)
        case .timelineFiltersAndPages: try StorySuite.filtersAndPages(store)
        case .concurrentWritersAgree: try StorySuite.concurrentWriters(store)
        case .relationsAndDyadsMatchARecount: try StorySuite.relationsAndDyads(store)
        case .incrementalRebuildsEqualAFullRecompute: try StorySuite.incrementalEqualsFull(store)
        case .aBatchKeepsStoriesLikeSinglePuts: try StorySuite.batchKeepsStories(store)
        }
    }
}

enum StorySuite {
    /// An article reporting that `source` met `target` (a consult) on `date`, published the next day by `publisher`.
    static func meeting(_ id: String, _ source: (id: String, name: String), _ target: (id: String, name: String), date: String?,
                        published: String?, publisher: String = "wire", type: EventType = .consult, trigger: String = "met",
                        negated: Bool = false) -> Doc {
        var d = Doc(id, publishedAt: published, ["\(source.name) \(trigger) \(target.name) in the capital.", "Talks went on."])
        d.source = publisher
        d.mention(source.id, .country, source.name, source.name, in: 0)
        d.mention(target.id, .country, target.name, target.name, in: 0)
        d.event("ev-1", type, trigger: trigger, in: 0, [(source.id, .source), (target.id, .target)], date: date)
        if negated { d.events[0].negated = true }
        return d
    }

    /// Takes the story-event migration (`version`) and the ones after it out of a database again, tables and
    /// `schema_migrations` rows, so that it is as the build before story events left it.
    static func undoStoryMigrationSQL(version: Int) -> String {
        """
        DROP TABLE story_participants; DROP TABLE story_events; DROP TABLE story_members; DROP TABLE story_buckets;
        DELETE FROM schema_migrations WHERE version >= \(version)
        """
    }

    static let russia = (id: "country-rus", name: "Moskovia"), turkey = (id: "country-tur", name: "Anatolia")
    static let iran = (id: "country-irn", name: "Persis"), syria = (id: "country-syr", name: "Levantia")
    static let countries = [russia.id, turkey.id, iran.id, syria.id]

    /// Every story event of the store, as seen from each entity's timeline (unique, sorted by id).
    static func allStories(_ store: any ArticleStore, entities: [String]) throws -> [StoryEvent] {
        var byID: [String: StoryEvent] = [:]
        for e in entities { for s in try store.fullStories(e) { byID[s.id] = s } }
        return byID.keys.sorted().map { byID[$0]! }
    }

    static func fiveReports(_ store: any ArticleStore) throws {
        let publishers = ["wire", "paper", "wire", "radio", "blog"]
        for i in 0..<5 {
            // Two reports know only the month; the others the day.
            let date = i % 2 == 1 ? "2016-03" : "2016-03-04"
            try meeting("r\(i)", russia, turkey, date: date, published: "2016-03-0\(5 + i)", publisher: publishers[i]).put(store)
        }
        let stories = try store.fullStories(russia.id)
        #expect(stories.count == 1)
        let s = try #require(stories.first)
        #expect(s.type == "consult" && s.date == "2016-03-04" && s.status == "occurred")
        #expect(s.articleCount == 5 && s.sources == ["blog", "paper", "radio", "wire"])
        #expect(s.firstReported == "2016-03-05" && s.lastReported == "2016-03-09")
        #expect(s.participants == [StoryEvent.Participant(id: russia.id, name: russia.name, role: "source"),
                                   StoryEvent.Participant(id: turkey.id, name: turkey.name, role: "target")])
        #expect(s.members.map(\.articleID) == ["r0", "r1", "r2", "r3", "r4"])
        let m = s.members[0]
        #expect(m.trigger == "met" && m.triggerEnd - m.triggerStart == 3 && m.sentenceIndex == 0)
        #expect(m.sentence == "Moskovia met Anatolia in the capital." && s.sentence == m.sentence)
        let text = Array(try #require(try store.article(id: "r0")).text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(text[m.triggerStart..<m.triggerEnd])) == "met")
        #expect(try store.fullStories(turkey.id).map(\.id) == [s.id])
    }

    static func twoMeetings(_ store: any ArticleStore) throws {
        try meeting("a", russia, turkey, date: "2016-03-04", published: "2016-03-05").put(store)
        try meeting("b", iran, syria, date: "2016-03-04", published: "2016-03-05").put(store)
        try meeting("c", russia, syria, date: "2016-03-04", published: "2016-03-05").put(store)
        // Same people, another day; and a denial, which reports no happening.
        try meeting("d", russia, turkey, date: "2016-03-06", published: "2016-03-06").put(store)
        try meeting("e", russia, turkey, date: "2016-03-04", published: "2016-03-05", negated: true).put(store)
        let stories = try allStories(store, entities: countries)
        #expect(stories.count == 4)
        #expect(Set(stories.map { $0.members.map(\.articleID) }) == [["a"], ["b"], ["c"], ["d"]])
    }

    /// Articles with overlapping participants, days and month-only dates, so the grouping chains.
    static func mixedArticles() -> [Doc] {
        let countries = [russia, turkey, iran, syria]
        let dates: [String?] = ["2016-03-04", "2016-03-04", "2016-03-05", "2016-03", "2016", nil]
        var rng = SplitMix(state: 42)
        return (0..<24).map { i in
            let a = rng.pick(countries)
            var b = rng.pick(countries)
            if b.id == a.id { b = countries[(countries.firstIndex { $0.id == a.id }! + 1) % countries.count] }
            let type: EventType = rng.below(4) == 0 ? .agree : .consult
            return meeting("m\(i)", a, b, date: rng.pick(dates), published: "2016-03-\(10 + rng.below(9))",
                           publisher: rng.pick(["wire", "paper"]), type: type, trigger: type == .agree ? "signed with" : "met")
        }
    }

    static func orderIndependence(_ store: any ArticleStore) throws {
        // Each order goes into the same store: delete everything, ingest again, compare.
        let docs = mixedArticles()
        let entities = countries
        var rng = SplitMix(state: 7)
        var reference: [StoryEvent]?
        for round in 0..<4 {
            let order = round == 0 ? docs : rng.shuffled(docs)
            for d in order { try d.put(store) }
            let stories = try allStories(store, entities: entities)
            #expect(stories.count > 1 && stories.count < docs.count, "the fixture should both merge and split")
            if let reference { #expect(stories == reference, "round \(round)") } else { reference = stories }
            for d in rng.shuffled(docs) { #expect(try store.deleteArticle(id: d.id)) }
            #expect(try allStories(store, entities: entities).isEmpty)
        }
    }

    static func deleteAndReingest(_ store: any ArticleStore) throws {
        // b only links a and c (it names no target); deleting it splits the story, putting it back joins it again.
        let a = meeting("a", russia, turkey, date: "2016-03-04", published: "2016-03-05")
        var b = Doc("b", publishedAt: "2016-03-05", ["Moskovia held talks in the capital."])
        b.mention(russia.id, .country, russia.name, russia.name, in: 0)
        b.event("ev-1", .consult, trigger: "held talks", in: 0, [(russia.id, .source)], date: "2016-03-04")
        let c = meeting("c", russia, syria, date: "2016-03-04", published: "2016-03-06")
        for d in [a, b, c] { try d.put(store) }
        let joined = try store.fullStories(russia.id)
        #expect(joined.map { $0.members.map(\.articleID) } == [["a", "b", "c"]])
        #expect(joined.first?.participants.map(\.id) == [russia.id, syria.id, turkey.id])
        #expect(try store.deleteArticle(id: "b"))
        #expect(Set(try store.fullStories(russia.id).map { $0.members.map(\.articleID) }) == [["a"], ["c"]])
        #expect(try store.fullStories(turkey.id).map { $0.articleCount } == [1])
        try b.put(store)
        #expect(try store.fullStories(russia.id) == joined)
        for d in [a, b, c] { #expect(try store.deleteArticle(id: d.id)) }
        #expect(try store.stories(entityID: russia.id, filter: StoryFilter(), limit: 10, cursor: nil) == nil)
    }

    static func filtersAndPages(_ store: any ArticleStore) throws {
        for d in mixedArticles() { try d.put(store) }
        let all = try store.fullStories(russia.id)
        #expect(all.count >= 4)
        #expect(all.map(\.id) == (try store.fullStories(russia.id, pageSize: 1)).map(\.id), "pages of one give the same list")
        let keys = all.map { (DateKey.sortKey($0.date), $0.id) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "date, then id")
        for s in all { #expect(s.participants.contains { $0.id == russia.id }) }

        let agree = try store.fullStories(russia.id, StoryFilter(types: ["agree"]))
        #expect(agree.map(\.id) == all.filter { $0.type == "agree" }.map(\.id))
        let withTurkey = try store.fullStories(russia.id, StoryFilter(with: turkey.id))
        #expect(withTurkey.map(\.id) == all.filter { $0.participants.contains { $0.id == turkey.id } }.map(\.id))
        let asTarget = try store.fullStories(russia.id, StoryFilter(role: "target"))
        #expect(asTarget.map(\.id) == all.filter { $0.participants.contains { $0.id == russia.id && $0.role == "target" } }.map(\.id))
        let march = try store.fullStories(russia.id, StoryFilter(from: "2016-03", to: "2016-03-04"))
        #expect(march.map(\.id) == all.filter { ($0.date ?? "~") >= "2016-03" && ($0.date ?? "~") < "2016-03-05" }.map(\.id))
        #expect(try store.fullStories(russia.id, StoryFilter(status: "planned")).isEmpty)

        for bad in [StoryFilter(types: ["meeting"]), StoryFilter(role: "agent"), StoryFilter(status: "done"), StoryFilter(from: "March")] {
            #expect(throws: StoreError.self) { try store.stories(entityID: russia.id, filter: bad, limit: 5, cursor: nil) }
        }
        let page = try #require(try store.stories(entityID: russia.id, filter: StoryFilter(), limit: 1, cursor: nil))
        let cursor = try #require(page.nextCursor)
        #expect(throws: StoreError.self) { try store.stories(entityID: turkey.id, filter: StoryFilter(), limit: 1, cursor: cursor) }
        #expect(throws: StoreError.self) {
            try store.stories(entityID: russia.id, filter: StoryFilter(with: turkey.id), limit: 1, cursor: cursor)
        }
    }

    /// Threads storing articles of shared buckets at once end with the stories a single writer would make.
    /// With several stores on one database (separate processes), thread `t` writes through `stores[t % count]`.
    static func concurrentWriters(_ store: any ArticleStore, others: [any ArticleStore] = []) throws {
        let docs = mixedArticles()
        let failures = Collected<String>()
        let stores = [store] + others
        onThreads(4) { t in
            let writer = stores[t % stores.count]
            for (i, d) in docs.enumerated() where i % 4 == t {
                do { try d.put(writer) } catch { failures.append("\(d.id): \(error)") }
            }
            // Deleting and storing again while the others write.
            for (i, d) in docs.enumerated() where i % 8 == t {
                do {
                    _ = try writer.deleteArticle(id: d.id)
                    try d.put(writer)
                } catch { failures.append("\(d.id) again: \(error)") }
            }
        }
        #expect(failures.all.isEmpty)
        let concurrent = try allStories(store, entities: countries)
        for d in docs { _ = try store.deleteArticle(id: d.id) }
        for d in docs { try d.put(store) }
        #expect(try allStories(store, entities: countries) == concurrent)
    }
}

extension StorySuite {
    static func relationsAndDyads(_ store: any ArticleStore) throws {
        for d in mixedArticles() { try d.put(store) }
        let stories = try allStories(store, entities: countries)
        for entity in countries {
            // Recount from the story events themselves.
            var expected: [String: [String: Int]] = [:]
            for s in stories where s.participants.contains(where: { $0.id == entity }) {
                for p in s.participants where p.id != entity { expected[p.id, default: [:]][s.type, default: 0] += 1 }
            }
            let relations = try #require(try store.relations(entityID: entity, filter: StoryFilter(), limit: 100))
            #expect(Dictionary(uniqueKeysWithValues: relations.map { ($0.id, $0.countsByType) }) == expected)
            #expect(relations.allSatisfy { $0.storyCount == $0.countsByType.values.reduce(0, +) })
            let order = relations.map { (-$0.storyCount, $0.id) }
            #expect(zip(order, order.dropFirst()).allSatisfy { $0 < $1 }, "most story events first, then id")
            #expect(try store.relations(entityID: entity, filter: StoryFilter(), limit: 1)?.map(\.id) == relations.prefix(1).map(\.id))
            let agree = try #require(try store.relations(entityID: entity, filter: StoryFilter(types: ["agree"]), limit: 100))
            #expect(agree.allSatisfy { $0.countsByType.keys.sorted() == ["agree"] })
        }
        let (a, b) = (russia.id, turkey.id)
        var expected: [DyadCount: Int] = [:]
        for s in stories {
            guard let pa = s.participants.first(where: { $0.id == a }), let pb = s.participants.first(where: { $0.id == b }) else { continue }
            let key = DyadCount(period: s.date.map { String($0.prefix(7)) }, type: s.type,
                                direction: DyadCount.direction(roleOfA: pa.role, roleOfB: pb.role), count: 0)
            expected[key, default: 0] += 1
        }
        let dyad = try #require(try store.dyad(a: a, b: b, filter: StoryFilter()))
        #expect(!dyad.isEmpty)
        #expect(Dictionary(uniqueKeysWithValues: dyad.map { d in
            var key = d
            key.count = 0
            return (key, d.count)
        }) == expected)
        let reversed = try #require(try store.dyad(a: b, b: a, filter: StoryFilter()))
        func total(_ counts: [DyadCount], _ direction: DyadCount.Direction? = nil) -> Int {
            counts.filter { direction == nil || $0.direction == direction }.map(\.count).reduce(0, +)
        }
        #expect(total(reversed) == total(dyad))
        #expect(total(reversed, .aToB) == total(dyad, .bToA) && total(reversed, .bToA) == total(dyad, .aToB))
        #expect(try store.dyad(a: a, b: "nobody", filter: StoryFilter()) == nil)
        #expect(try store.relations(entityID: "nobody", filter: StoryFilter(), limit: 5) == nil)
    }
}

extension StorySuite {
    /// Random puts and deletes keep the story rows a full recompute of every bucket would make.
    static func incrementalEqualsFull(_ store: any ArticleStore) throws {
        let docs = mixedArticles()
        var rng = SplitMix(state: 99)
        var stored = Set<String>()
        for step in 0..<60 {
            let d = rng.pick(docs)
            if stored.contains(d.id) {
                #expect(try store.deleteArticle(id: d.id))
                stored.remove(d.id)
            } else {
                try d.put(store)
                stored.insert(d.id)
            }
            guard step % 10 == 9 else { continue }
            let incremental = try allStories(store, entities: countries)
            try rebuildAllStories(store)
            #expect(try allStories(store, entities: countries) == incremental, "after step \(step)")
        }
    }

    /// `putMany` (one transaction on SQLite, one statement on PostgreSQL) maintains story events like single puts: a
    /// batch, then a second batch repeating part of it, leave what a full rebuild makes, and deleting then putting
    /// one article in a batch again changes nothing.
    static func batchKeepsStories(_ store: any ArticleStore) throws {
        let docs = mixedArticles()
        let half = docs.count / 2
        func write(_ d: Doc) -> ArticleWrite {
            ArticleWrite(id: d.id, input: d.input, contentHash: d.contentHash, analysis: d.analysis, analysisJSON: d.json)
        }
        let first = try store.putMany(docs[..<half].map(write)).map { try $0.get() }
        #expect(first.allSatisfy { $0.isCreated })
        let outcomes = try store.putMany(docs[(half - 1)...].map(write)).map { try $0.get() }
        #expect(outcomes.first?.isExisting == true)
        #expect(outcomes.dropFirst().allSatisfy { $0.isCreated })
        let batched = try allStories(store, entities: countries)
        #expect(!batched.isEmpty)
        try rebuildAllStories(store)
        #expect(try allStories(store, entities: countries) == batched)
        #expect(try store.deleteArticle(id: docs[0].id))
        _ = try store.putMany([write(docs[0])])
        #expect(try allStories(store, entities: countries) == batched)
    }

    static func rebuildAllStories(_ store: any ArticleStore) throws {
        if let s = store as? SQLiteStore {
            try s.withWriter { c throws(StoreError) in try StoryOperations.rebuildAll(c) }
        } else if let s = store as? PostgresStore {
            try s.withConnection { c throws(StoreError) in try StoryOperations.rebuildAll(c) }
        } else {
            Issue.record("no full rebuild for \(type(of: store))")
        }
    }
}

extension ArticleStore {
    /// Every story event of an entity, following cursors.
    func fullStories(_ entityID: String, _ filter: StoryFilter = StoryFilter(), pageSize: Int = 1000) throws -> [StoryEvent] {
        var items: [StoryEvent] = []
        var cursor: String?
        repeat {
            guard let page = try stories(entityID: entityID, filter: filter, limit: pageSize, cursor: cursor) else { return [] }
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }
}
