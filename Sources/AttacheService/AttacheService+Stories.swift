import AttacheCore
import AttacheModel
import AttacheHTTP
import AttacheJSON
import AttacheStore
import Foundation

/// Story-event endpoints: the default timeline view (events merged across articles), relations and dyads.
extension AttacheService {
    /// The timeline views: story events (the default) or today's per-article items.
    enum TimelineView: String {
        case stories, mentions
    }

    func timelineView(_ c: RequestContext) throws(APIError) -> TimelineView {
        guard let raw = try enumQueryValue(c, "view", allowed: ["stories", "mentions"]) else { return .stories }
        return TimelineView(rawValue: raw) ?? .stories
    }

    /// The value of an enumerated query parameter, nil when the parameter is absent. Present, it must be one of
    /// `allowed`: an empty value ("status=") is refused like any other, not read as "no filter".
    func enumQueryValue(_ c: RequestContext, _ name: String, allowed: [String]) throws(APIError) -> String? {
        guard let raw = c.queryValue(name) else { return nil }
        guard allowed.contains(raw) else {
            throw APIError.badRequest("\(name) must be \(allowed.joined(separator: ", "))", field: name)
        }
        return raw
    }

    /// The story filters of a request: `type`/`types` (repeatable, comma-separated), `from`, `to`, `with`, `role`, `status`.
    func storyFilter(_ c: RequestContext) throws(APIError) -> StoryFilter {
        let (from, to) = try dateBounds(c)
        var types: [String] = []
        for item in c.query where item.name == "types" || item.name == "type" {
            for t in item.value.split(separator: ",") {
                let s = t.trimmingSpaces
                guard EventType(rawValue: s) != nil else {
                    throw APIError.badRequest("unknown event type \(s.prefix(40)): use consult, agree, … (mention needs view=mentions)",
                                              field: item.name)
                }
                types.append(s)
            }
        }
        var filter = StoryFilter(from: from, to: to, types: types, with: nonEmptyQueryValue(c, "with"))
        filter.role = try enumQueryValue(c, "role", allowed: [ParticipantRole.source, .target, .participant].map(\.rawValue))
        filter.status = try enumQueryValue(c, "status", allowed: [EventStatus.occurred, .planned, .reported].map(\.rawValue))
        return filter
    }

    func storyTimeline(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        let id = c.parameters["id"] ?? ""
        let filter = try storyFilter(c)
        let limit = try limit(c, default: 50, max: 500)
        let page: Page<StoryEvent>?
        do {
            page = try store.stories(entityID: id, filter: filter, limit: limit, cursor: nonEmptyQueryValue(c, "cursor"))
        } catch {
            throw invalidArgument(error)
        }
        guard let page else { throw APIError.notFound("no entity with id \(id.prefix(200))") }
        if try ResponseFormat.of(c) == .csv { return Self.storyCSV(page, entityID: id) }
        let typed = StoryPage(entity: id, items: page.items.map { EntityStory($0, entityID: id) }, nextCursor: page.nextCursor)
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: typed.jsonBytes())
    }
}

extension AttacheService {
    /// Digits kept of a Goldstein mean: the table has one decimal, two keep the mean readable and stable.
    static let balanceDecimals = 2.0

    /// The cooperation–conflict balance of story events counted by type: their mean Goldstein value, rounded.
    static func balance(_ countsByType: [String: Int]) -> Double? {
        var counts: [EventType: Int] = [:]
        for (type, n) in countsByType { if let t = EventType(rawValue: type) { counts[t, default: 0] += n } }
        guard let mean = GoldsteinScale.builtIn.mean(counts) else { return nil }
        let scale = Foundation.pow(10.0, balanceDecimals)
        return (mean * scale).rounded() / scale
    }

    /// `GET /v1/entities/{id}/relations`: counterparts by shared story events.
    func relations(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        let id = c.parameters["id"] ?? ""
        try rejectTimelineOnlyFilters(c)
        let filter = try storyFilter(c)
        let limit = try limit(c, default: 50, max: 500)
        let relations: [Relation]?
        do {
            relations = try store.relations(entityID: id, filter: filter, limit: limit)
        } catch {
            throw invalidArgument(error)
        }
        guard let relations else { throw APIError.notFound("no entity with id \(id.prefix(200))") }
        if try ResponseFormat.of(c) == .csv { return Self.relationCSV(relations) }
        let page = RelationsPage(entity: id, items: relations.map {
            RelationSummary(id: $0.id, name: $0.name, type: $0.type, storyCount: $0.storyCount, counts: $0.countsByType,
                            firstDate: $0.firstDate, lastDate: $0.lastDate, balance: Self.balance($0.countsByType))
        })
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: page.jsonBytes())
    }

    /// `with`, `role` and `status` belong to timelines; relations and dyads count every shared story event.
    private func rejectTimelineOnlyFilters(_ c: RequestContext) throws(APIError) {
        for name in ["with", "role", "status", "view"] where nonEmptyQueryValue(c, name) != nil {
            throw APIError.badRequest("\(name) is a timeline filter; relations take from, to and type", field: name)
        }
    }

    /// `GET /v1/relations?a=&b=`: the dyad over time: counts by month, type and direction, and its story events.
    func dyad(_ c: RequestContext) throws -> HTTPResponse {
        let store = try requireStore()
        guard let a = nonEmptyQueryValue(c, "a") else { throw APIError.badRequest("a (an entity id) is required", field: "a") }
        guard let b = nonEmptyQueryValue(c, "b") else { throw APIError.badRequest("b (an entity id) is required", field: "b") }
        guard a != b else { throw APIError.badRequest("a and b must be two different entities", field: "b") }
        try rejectTimelineOnlyFilters(c)
        let filter = try storyFilter(c)
        let limit = try limit(c, default: 50, max: 500)
        let counts: [DyadCount]?
        var stories: Page<StoryEvent>?
        do {
            counts = try store.dyad(a: a, b: b, filter: filter)
            var withB = filter
            withB.with = b
            if counts != nil { stories = try store.stories(entityID: a, filter: withB, limit: limit, cursor: nonEmptyQueryValue(c, "cursor")) }
        } catch {
            throw invalidArgument(error)
        }
        guard let counts, let stories else { throw APIError.notFound("no entity with id \((counts == nil ? "\(a) or \(b)" : a).prefix(400))") }
        if try ResponseFormat.of(c) == .csv { return Self.dyadCSV(a: a, b: b, counts) }
        let page = Self.dyadPage(a: a, b: b, counts, stories: stories)
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: page.jsonBytes())
    }

    /// The dyad's counts grouped by period (in the store's order), with the balance of each period and of all, and
    /// one page of the shared story events seen from `a`.
    static func dyadPage(a: String, b: String, _ counts: [DyadCount], stories: Page<StoryEvent>) -> DyadPage {
        var periods: [String?] = []
        var byPeriod: [String?: [DyadCount]] = [:]
        for d in counts {
            if byPeriod[d.period] == nil { periods.append(d.period) }
            byPeriod[d.period, default: []].append(d)
        }
        var total: [String: Int] = [:]
        for d in counts { total[d.type, default: 0] += d.count }
        return DyadPage(
            a: a, b: b, storyCount: counts.map(\.count).reduce(0, +), balance: balance(total),
            periods: periods.map { p in
                let rows = byPeriod[p] ?? []
                var byType: [String: Int] = [:]
                for d in rows { byType[d.type, default: 0] += d.count }
                return DyadPage.Period(period: p, storyCount: rows.map(\.count).reduce(0, +), balance: balance(byType),
                                       counts: rows.map { DyadPage.Count(type: $0.type, direction: direction($0.direction), count: $0.count) })
            },
            items: stories.items.map { EntityStory($0, entityID: a) }, nextCursor: stories.nextCursor)
    }

    private static func direction(_ d: DyadCount.Direction) -> DyadPage.Direction {
        switch d {
        case .aToB: .aToB
        case .bToA: .bToA
        case .mutual: .mutual
        }
    }
}
