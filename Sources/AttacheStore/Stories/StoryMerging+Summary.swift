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
        /// Member keys, canonical order (empty when the summary was made by joining stored stories, whose members
        /// stay in the store).
        var members: [(articleID: String, eventID: String)]
        /// What joining the story with more members needs beyond the fields above (`Aggregate.stateText`).
        var state: String
        /// Digest of every stored field above: a stored row whose fingerprint matches needs no rewrite.
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
        details.isEmpty ? [] : aggregate(details).participants
    }

    /// The aggregate of members (at least one).
    static func aggregate(_ details: [Detail]) -> Aggregate {
        var total = Aggregate(details[0])
        for d in details.dropFirst() { total.absorb(Aggregate(d)) }
        return total
    }

    static func rank(_ value: String, in precedence: [String]) -> Int {
        precedence.firstIndex(of: value) ?? precedence.count
    }

    /// The summary of one component (members in canonical order, as `components` returns them): the fold of its
    /// members' aggregates, so it equals what joining stored stories one member at a time gives.
    static func summary(_ details: [Detail]) -> Summary {
        var total = aggregate(details)
        total.articleCount = Set(details.map(\.member.articleID)).count
        var s = total.summary()
        s.members = details.map { ($0.member.articleID, $0.member.eventID) }
        return s
    }

    static func fingerprint(_ s: Summary) -> String {
        var parts: [String] = [s.id, s.type, s.date ?? "", s.status, String(s.articleCount), s.firstReported ?? "",
                               s.lastReported ?? "", s.sentence, s.state]
        parts += s.sources
        parts += s.participants.map { $0.id + "\u{1}" + $0.role + "\u{1}" + $0.name }
        return SHA256.hex(parts.joined(separator: "\u{0}").utf8)
    }
}
