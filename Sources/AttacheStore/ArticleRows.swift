import AttacheModel

/// The rows one analysed article contributes, derived once in Swift so both backends store the same thing.
///
/// Entities are merged by id and sorted by id (and aliases/roles by value): writers lock entity rows in that
/// global order, so concurrent PostgreSQL transactions cannot deadlock on them.
struct ArticleRows {
    struct EntityRow {
        var id: String
        var type: EntityType
        var name: String
        var nameFolded: String
        /// `TextFolding.acronym(name)`, "" when the name has none (NULL marks rows stored before the column).
        var acronym: String
        var iso2: String?
        var iso3: String?
        var country: String?
        var mentionCount: Int
        /// Distinct mention texts with how often each occurs in this article, sorted by text.
        var aliases: [(alias: String, folded: String, count: Int)]
        /// Distinct roles, sorted.
        var roles: [String]
        var firstSentence: String
    }

    struct MentionRow {
        var entityID: String
        var mention: Mention
    }

    struct ParticipantRow {
        var entityID: String
        var role: String
        var name: String
    }

    struct EventRow {
        var event: Event
        var dateSort: String
        var sentence: String
        var participants: [ParticipantRow]
    }

    struct TimelineRow {
        var entityID: String
        /// Tie-break within one position: "m" for the mention item, "e:<event id>" for events.
        var ord: String
        var dateSort: String
        var position: Int
        var kind: TimelineItem.Kind
        /// Event type, or "mention"; what the `types` filter matches.
        var typeKey: String
        var date: String?
        var eventID: String?
        var eventType: String?
        var trigger: String?
        var role: String?
        var sentence: String
        var mentionText: String?
        var mentionCount: Int?
    }

    var entities: [EntityRow] = []
    var mentions: [MentionRow] = []
    var events: [EventRow] = []
    var timeline: [TimelineRow] = []

    init(input: ArticleInput, analysis: Analysis) {
        let scalars = Array(input.text.unicodeScalars)
        let sentenceSpans = analysis.sentences
        func slice(_ span: Span) -> String {
            let lo = min(max(span.start, 0), scalars.count)
            let hi = min(max(span.end, lo), scalars.count)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[lo..<hi])
            return ArticleRows.trimmed(String(view))
        }
        func sentenceText(_ index: Int) -> String? {
            sentenceSpans.indices.contains(index) ? slice(sentenceSpans[index]) : nil
        }
        let title = input.title ?? ""
        let publishedAt = input.publishedAt

        // Entities, merged by id.
        var order: [String] = []
        var byID: [String: Entity] = [:]
        for e in analysis.entities {
            if var seen = byID[e.id] {
                seen.mentions += e.mentions
                seen.roles += e.roles
                byID[e.id] = seen
            } else {
                byID[e.id] = e
                order.append(e.id)
            }
        }
        order.sort()
        let publishedKey = DateKey.sortKey(publishedAt)
        for id in order {
            let e = byID[id]!
            var aliasCounts: [String: Int] = [:]
            for m in e.mentions { aliasCounts[m.text, default: 0] += 1 }
            let aliases = aliasCounts.keys.sorted().map { (alias: $0, folded: TextFolding.fold($0), count: aliasCounts[$0]!) }
            // First mention: the earliest in the body; the title only when the body has none.
            let bodyMentions = e.mentions.filter { $0.field == .text }
            let first = bodyMentions.min { ($0.start, $0.end) < ($1.start, $1.end) } ?? e.mentions.first
            var sentence = title
            var position = -1
            if let first, first.field == .text {
                position = first.start
                sentence = sentenceText(first.sentence) ?? slice(Span(start: first.start, end: first.end))
            }
            entities.append(EntityRow(
                id: e.id, type: e.type, name: e.name, nameFolded: TextFolding.fold(e.name),
                acronym: TextFolding.acronym(e.name) ?? "", iso2: e.iso2, iso3: e.iso3,
                country: e.country, mentionCount: e.mentions.count, aliases: aliases, roles: Array(Set(e.roles)).sorted(),
                firstSentence: sentence))
            for m in e.mentions { mentions.append(MentionRow(entityID: e.id, mention: m)) }
            if let first {
                timeline.append(TimelineRow(
                    entityID: e.id, ord: "m", dateSort: publishedKey, position: position, kind: .mention, typeKey: "mention",
                    date: publishedAt, eventID: nil, eventType: nil, trigger: nil, role: nil, sentence: sentence,
                    mentionText: first.text, mentionCount: e.mentions.count))
            }
        }

        // Events and the timeline items of their participants and location.
        for ev in analysis.events {
            let date = ev.date ?? publishedAt
            let dateSort = DateKey.sortKey(date)
            var sentence = slice(ev.sentenceSpan)
            if sentence.isEmpty, let s = sentenceText(ev.sentence) { sentence = s }
            let participants = ev.participants.map {
                ParticipantRow(entityID: $0.entity, role: $0.role.rawValue, name: byID[$0.entity]?.name ?? $0.entity)
            }
            events.append(EventRow(event: ev, dateSort: dateSort, sentence: sentence, participants: participants))
            var involved: [(id: String, role: String)] = []
            for p in participants where !involved.contains(where: { $0.id == p.entityID }) {
                involved.append((p.entityID, p.role))
            }
            if let loc = ev.location, !involved.contains(where: { $0.id == loc }) {
                involved.append((loc, "location"))
            }
            for (entityID, role) in involved where byID[entityID] != nil {
                timeline.append(TimelineRow(
                    entityID: entityID, ord: "e:" + ev.id, dateSort: dateSort, position: ev.triggerSpan.start, kind: .event,
                    typeKey: ev.type.rawValue, date: date, eventID: ev.id, eventType: ev.type.rawValue, trigger: ev.trigger,
                    role: role, sentence: sentence, mentionText: nil, mentionCount: nil))
            }
        }
    }

    /// Strips ASCII whitespace at both ends (sentence spans often include the trailing space or newline).
    static func trimmed(_ s: String) -> String {
        let u = s.utf8
        func ws(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        guard let first = u.firstIndex(where: { !ws($0) }) else { return "" }
        let last = u.lastIndex(where: { !ws($0) })!
        return String(s[first...last])
    }
}
