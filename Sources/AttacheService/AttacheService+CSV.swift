import AttacheCore
import AttacheModel
import AttacheHTTP
import AttacheStore

/// The CSV forms of timelines and relations: stable columns, one row per item, lists inside a cell joined by `; `.
extension AttacheService {
    static let storyColumns = ["id", "date", "type", "cameo", "status", "role", "other_participants", "article_count", "sources",
                               "first_reported", "last_reported", "sentence", "article_ids"]

    static func storyCSV(_ page: Page<StoryEvent>, entityID: String) -> HTTPResponse {
        var csv = CSVWriter(header: storyColumns)
        for s in page.items {
            csv.row([s.id, s.date, s.type, EventType(rawValue: s.type)?.cameo, s.status, s.participants.first { $0.id == entityID }?.role,
                     CSVWriter.list(s.participants.filter { $0.id != entityID }.map { "\($0.id) (\($0.role))" }),
                     String(s.articleCount), CSVWriter.list(s.sources), s.firstReported, s.lastReported, s.sentence,
                     CSVWriter.list(s.members.map(\.articleID))])
        }
        return csv.response(nextCursor: page.nextCursor)
    }

    static let mentionColumns = ["kind", "date", "article_id", "article_title", "article_published_at", "event_type", "event_id",
                                 "trigger", "role", "other_participants", "sentence", "mention_text", "mention_count"]

    static func mentionCSV(_ page: Page<TimelineItem>) -> HTTPResponse {
        var csv = CSVWriter(header: mentionColumns)
        for t in page.items {
            csv.row([t.kind.rawValue, t.date, t.articleID, t.articleTitle, t.articlePublishedAt, t.eventType, t.eventID, t.trigger,
                     t.role, CSVWriter.list(t.otherParticipants.map(\.id)), t.sentence, t.mentionText, t.mentionCount.map(String.init)])
        }
        return csv.response(nextCursor: page.nextCursor)
    }

    /// One count column per event type, in `EventType.allCases` order, so the columns never move.
    static let relationColumns = ["id", "name", "type", "story_count", "balance", "first_date", "last_date"]
        + EventType.allCases.map { "count_\($0.rawValue)" }

    static func relationCSV(_ relations: [Relation]) -> HTTPResponse {
        var csv = CSVWriter(header: relationColumns)
        for r in relations {
            csv.row([r.id, r.name, r.type, String(r.storyCount), balance(r.countsByType).map { String($0) }, r.firstDate, r.lastDate]
                    + EventType.allCases.map { String(r.countsByType[$0.rawValue] ?? 0) })
        }
        return csv.response()
    }

    static let dyadColumns = ["a", "b", "period", "type", "cameo", "direction", "count"]

    /// The dyad's counts table (its story events are on the timeline of `a` with `with=b`).
    static func dyadCSV(a: String, b: String, _ counts: [DyadCount]) -> HTTPResponse {
        var csv = CSVWriter(header: dyadColumns)
        for d in counts {
            csv.row([a, b, d.period, d.type, EventType(rawValue: d.type)?.cameo, d.direction.rawValue, String(d.count)])
        }
        return csv.response()
    }
}
