import AttacheModel

/// What a story event says about its members: date, status, participants, counts and representative sentence, each
/// chosen by a canonical rule so the result depends only on the set of members.
extension StoryMerging {
    /// A member with the article facts the summary needs.
    struct Detail: Sendable {
        var member: Member
        var publishedAt: String?
        /// The article's source (publisher).
        var source: String?
        var status: String
        var sentence: String
        /// Participants in the event's order.
        var participants: [(id: String, role: String, name: String)]
    }

    /// A story event as stored.
    struct Summary: Sendable, Equatable {
        var id: String
        var type: String
        var date: String?
        var dateSort: String
        var status: String
        var participants: [StoryEvent.Participant]
        var articleCount: Int
        var sources: [String]
        var firstReported: String?
        var lastReported: String?
        var sentence: String
        /// Member keys, canonical order.
        var members: [(articleID: String, eventID: String)]
        /// Digest of every field above: a stored row whose fingerprint matches needs no rewrite.
        var fingerprint: String

        static func == (a: Summary, b: Summary) -> Bool { a.fingerprint == b.fingerprint }
    }

    /// Hex digits of the SHA-256 kept in a story id.
    static let idHexDigits = 16

    /// Status precedence: a member that says the event happened outweighs a report, which outweighs a plan.
    static let statusPrecedence = ["occurred", "reported", "planned"]

    /// Role precedence when an entity has several roles equally often among the members.
    static let rolePrecedence = ["source", "target", "participant"]

    /// The story id of a component: the type and its first member (canonical order).
    static func storyID(type: String, first: Member) -> String {
        "story-" + SHA256.hex((type + "\u{0}" + first.articleID + "\u{0}" + first.eventID).utf8).prefix(idHexDigits)
    }

    /// The most reported day (ties: the earliest); when no member has a day, the period they share; nil undated.
    static func storyDate(_ dates: [String?]) -> String? {
        var counts: [String: Int] = [:]
        for d in dates { if let day = day(of: d) { counts[day, default: 0] += 1 } }
        if let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { return best.key }
        return dates.compactMap { period(of: $0) }.min()
    }

    /// The strongest status among the members (see `statusPrecedence`); unknown statuses rank last.
    static func storyStatus(_ statuses: [String]) -> String {
        statuses.min { rank($0, in: statusPrecedence) < rank($1, in: statusPrecedence) } ?? statusPrecedence[0]
    }

    /// Each entity once, with its most frequent role (ties by `rolePrecedence`) and the name its first member gives;
    /// ordered by role precedence, then id.
    static func mergedParticipants(_ details: [Detail]) -> [StoryEvent.Participant] {
        var roleCounts: [String: [String: Int]] = [:]
        var names: [String: String] = [:]
        for d in details {
            for p in d.participants {
                roleCounts[p.id, default: [:]][p.role, default: 0] += 1
                if names[p.id] == nil { names[p.id] = p.name }
            }
        }
        let merged = roleCounts.map { id, counts -> StoryEvent.Participant in
            let role = counts.min { a, b in
                (-a.value, rank(a.key, in: rolePrecedence), a.key) < (-b.value, rank(b.key, in: rolePrecedence), b.key)
            }!.key
            return StoryEvent.Participant(id: id, name: names[id] ?? id, role: role)
        }
        return merged.sorted { (rank($0.role, in: rolePrecedence), $0.id) < (rank($1.role, in: rolePrecedence), $1.id) }
    }

    private static func rank(_ value: String, in precedence: [String]) -> Int {
        precedence.firstIndex(of: value) ?? precedence.count
    }

    /// The summary of one component (members in canonical order, as `components` returns them).
    static func summary(_ details: [Detail]) -> Summary {
        let first = details[0].member
        let type = first.type
        let date = storyDate(details.map(\.member.date))
        let published = details.compactMap(\.publishedAt).map { DateKey.partialDate($0) ?? $0 }
        // The earliest report (undated articles last), then canonical order.
        let representative = details.enumerated().min { a, b in
            (DateKey.sortKey(a.element.publishedAt), a.offset) < (DateKey.sortKey(b.element.publishedAt), b.offset)
        }!.element
        var summary = Summary(
            id: storyID(type: type, first: first), type: type, date: date, dateSort: DateKey.sortKey(date),
            status: storyStatus(details.map(\.status)), participants: mergedParticipants(details),
            articleCount: Set(details.map(\.member.articleID)).count,
            sources: Array(Set(details.compactMap(\.source))).sorted(),
            firstReported: published.min(), lastReported: published.max(), sentence: representative.sentence,
            members: details.map { ($0.member.articleID, $0.member.eventID) }, fingerprint: "")
        summary.fingerprint = fingerprint(summary)
        return summary
    }

    private static func fingerprint(_ s: Summary) -> String {
        var parts: [String] = [s.id, s.type, s.date ?? "", s.status, String(s.articleCount), s.firstReported ?? "",
                               s.lastReported ?? "", s.sentence]
        parts += s.sources
        parts += s.participants.map { $0.id + "\u{1}" + $0.role + "\u{1}" + $0.name }
        parts += s.members.map { $0.articleID + "\u{1}" + $0.eventID }
        return SHA256.hex(parts.joined(separator: "\u{0}").utf8)
    }
}
