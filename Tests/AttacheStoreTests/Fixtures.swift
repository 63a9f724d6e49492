import AttacheModel
@testable import AttacheStore
import Testing

/// Builds an article and its `Analysis` by hand: sentences joined by single spaces, mentions located by their
/// text inside a sentence (offsets in Unicode code points, as the extractor produces them).
struct Doc {
    var id: String
    var title: String?
    var publishedAt: String?
    var sentences: [String]
    var source: String? = "test"
    private var entityOrder: [String] = []
    private var entityByID: [String: Entity] = [:]
    var events: [Event] = []

    init(_ id: String, title: String? = nil, publishedAt: String? = nil, _ sentences: [String]) {
        self.id = id
        self.title = title ?? "Title of \(id)"
        self.publishedAt = publishedAt
        self.sentences = sentences
    }

    var text: String { sentences.joined(separator: " ") }

    /// Code-point span of sentence `i`.
    func sentenceSpan(_ i: Int) -> Span {
        var start = 0
        for s in sentences[0..<i] { start += s.unicodeScalars.count + 1 }
        return Span(start: start, end: start + sentences[i].unicodeScalars.count)
    }

    /// Code-point offset of the `occurrence`-th `needle` in sentence `i`.
    func offset(of needle: String, in i: Int, occurrence: Int = 0) -> Int {
        let hay = Array(sentences[i].unicodeScalars)
        let n = Array(needle.unicodeScalars)
        var seen = 0
        for start in 0...(hay.count - n.count) where Array(hay[start..<(start + n.count)]) == n {
            if seen == occurrence { return sentenceSpan(i).start + start }
            seen += 1
        }
        fatalError("\(needle) not in sentence \(i)")
    }

    /// Adds a mention of `entity` (created on first use) with `text` found in sentence `i`.
    mutating func mention(_ entityID: String, _ type: EntityType, _ name: String, _ text: String, in i: Int,
                          occurrence: Int = 0, kind: MentionKind = .name, roles: [String] = [], iso2: String? = nil,
                          iso3: String? = nil, country: String? = nil) {
        let start = offset(of: text, in: i, occurrence: occurrence)
        let m = Mention(start: start, end: start + text.unicodeScalars.count, text: text, sentence: i, kind: kind)
        if var e = entityByID[entityID] {
            e.mentions.append(m)
            for r in roles where !e.roles.contains(r) { e.roles.append(r) }
            entityByID[entityID] = e
        } else {
            entityOrder.append(entityID)
            entityByID[entityID] = Entity(id: entityID, type: type, name: name, iso2: iso2, iso3: iso3, country: country,
                                          roles: roles, mentions: [m])
        }
    }

    /// Adds a title mention (sentence -1, field title).
    mutating func titleMention(_ entityID: String, _ type: EntityType, _ name: String, _ text: String) {
        let m = Mention(start: 0, end: text.unicodeScalars.count, text: text, sentence: -1, kind: .name, field: .title)
        if var e = entityByID[entityID] {
            e.mentions.append(m)
            entityByID[entityID] = e
        } else {
            entityOrder.append(entityID)
            entityByID[entityID] = Entity(id: entityID, type: type, name: name, mentions: [m])
        }
    }

    mutating func event(_ id: String, _ type: EventType, trigger: String, in i: Int, _ participants: [(String, ParticipantRole)],
                        location: String? = nil, date: String? = nil) {
        let start = offset(of: trigger, in: i)
        events.append(Event(
            id: id, type: type, trigger: trigger, triggerSpan: Span(start: start, end: start + trigger.unicodeScalars.count),
            sentence: i, sentenceSpan: sentenceSpan(i), participants: participants.map { Participant(entity: $0.0, role: $0.1) },
            location: location, date: date, dateText: nil, dateSource: date == nil ? .published : .text, status: .occurred,
            negated: false))
    }

    var entities: [Entity] { entityOrder.map { entityByID[$0]! } }

    var input: ArticleInput { ArticleInput(id: id, title: title, text: text, publishedAt: publishedAt, source: source) }

    var analysis: Analysis {
        Analysis(
            article: ArticleInfo(id: id, title: title, publishedAt: publishedAt, source: source,
                                 length: text.unicodeScalars.count, wordCount: text.split(separator: " ").count),
            entities: entities, events: events, sentences: sentences.indices.map(sentenceSpan))
    }

    var contentHash: String { ContentHash.of(title: title, text: text) }

    /// Stand-in for the API's JSON: opaque bytes the store must return verbatim.
    var json: [UInt8] { Array("{\"article\":{\"id\":\"\(id)\"},\"note\":\"é\u{0}\"}".utf8) }

    @discardableResult
    func put(_ store: any ArticleStore) throws -> PutOutcome {
        try store.put(id: id, input: input, contentHash: contentHash, analysis: analysis, analysisJSON: json)
    }
}

extension PutOutcome {
    var isCreated: Bool { if case .created = self { true } else { false } }
    var isExisting: Bool { if case .existing = self { true } else { false } }
    var isConflict: Bool { if case .conflict = self { true } else { false } }
}

extension ArticleStore {
    /// Every timeline item, following cursors with pages of `pageSize`.
    func fullTimeline(_ entityID: String, from: String? = nil, to: String? = nil, types: [String] = [],
                      pageSize: Int = 1000) throws -> [TimelineItem] {
        var items: [TimelineItem] = []
        var cursor: String?
        repeat {
            guard let page = try timeline(entityID: entityID, from: from, to: to, types: types, limit: pageSize, cursor: cursor) else {
                return []
            }
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }

    /// Every search result, following cursors.
    func fullSearch(_ query: String?, type: EntityType? = nil, pageSize: Int = 1000) throws -> [EntitySummary] {
        var items: [EntitySummary] = []
        var cursor: String?
        repeat {
            let page = try searchEntities(query: query, type: type, limit: pageSize, cursor: cursor)
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }
}

/// The store suites' time limit: a guard against a hang, not a speed bar. Swift Testing counts a test's time from
/// when the test is started, which includes its wait for one of the few test threads (one per core) while long
/// serialized suites hold them; in a full run with PostgreSQL on a loaded machine that wait took over 3 minutes.
let storeSuiteTimeLimit = TimeLimitTrait.Duration.minutes(10)
