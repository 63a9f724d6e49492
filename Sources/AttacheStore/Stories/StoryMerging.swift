/// The rules that group extracted events of many articles into story events (one happening, reported by several
/// articles). Pure functions over plain values, so both backends and the tests share them.
///
/// Two member events are *compatible* when they have the same type, compatible dates (the same day when both
/// have a day, the same month when either has only a month, the same year when both have only a year), share
/// at least one source-side entity (role `source` or `participant`) and, when both name a target, share a target.
/// A story event is a connected component of that relation within one bucket (type and month, or type and
/// year). Components do not depend on the order in which members arrive, so any ingest order gives the same
/// story events; a greedy "join the first story that fits" would not.
enum StoryMerging {
    /// One extracted event as merging sees it.
    struct Member: Hashable, Sendable {
        var articleID: String
        var eventID: String
        var type: String
        /// Effective partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): the event date, else the article's publication
        /// date; nil when neither is known.
        var date: String?
        /// Entities on the acting side (`source` and `participant` roles).
        var sources: Set<String>
        /// Entities acted on (`target` role).
        var targets: Set<String>

        /// Canonical order of members: article id, then event id.
        static func precedes(_ a: Member, _ b: Member) -> Bool { (a.articleID, a.eventID) < (b.articleID, b.eventID) }
    }

    /// Separates the type from the period in a bucket key (no event type contains it).
    static let bucketSeparator = "|"
    /// Prefix of the private bucket of an undated event: with no date there is nothing to compare, so it stays alone.
    static let undatedBucketPrefix = "~"

    /// Length of `YYYY`, `YYYY-MM` and `YYYY-MM-DD`.
    static let yearLength = 4, monthLength = 7, dayLength = 10

    /// The bucket of a member: every member it can be compatible with has the same bucket, so recomputing one
    /// bucket from its rows gives its story events. Type and month for dated events (a day or a month), type and
    /// year for year-only dates; an undated event gets a bucket of its own.
    static func bucket(type: String, date: String?, articleID: String, eventID: String) -> String {
        guard let period = period(of: date) else {
            return undatedBucketPrefix + articleID + "\u{0}" + eventID
        }
        return type + bucketSeparator + period
    }

    /// The month (`YYYY-MM`) of a date with a month, the year of a year-only date, nil for no usable date.
    static func period(of date: String?) -> String? {
        guard let date, date.utf8.count >= yearLength, date.utf8.prefix(yearLength).allSatisfy(isDigit) else { return nil }
        if date.utf8.count >= monthLength { return String(decoding: date.utf8.prefix(monthLength), as: UTF8.self) }
        return String(decoding: date.utf8.prefix(yearLength), as: UTF8.self)
    }

    /// The day (`YYYY-MM-DD`) of a date that has one, else nil.
    static func day(of date: String?) -> String? {
        guard let date, date.utf8.count >= dayLength else { return nil }
        return String(decoding: date.utf8.prefix(dayLength), as: UTF8.self)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Whether two members are compatible (see the type's discussion); used by tests as the reference relation.
    static func compatible(_ a: Member, _ b: Member) -> Bool {
        guard a.type == b.type, let pa = period(of: a.date), pa == period(of: b.date) else { return false }
        if let da = day(of: a.date), let db = day(of: b.date), da != db { return false }
        return sidesCompatible(a, b)
    }

    /// The participant half of `compatible`: a shared acting entity and, when both name targets, a shared target.
    static func sidesCompatible(_ a: Member, _ b: Member) -> Bool {
        guard !a.sources.isDisjoint(with: b.sources) else { return false }
        return a.targets.isEmpty || b.targets.isEmpty || !a.targets.isDisjoint(with: b.targets)
    }

    /// The story events of one bucket: the connected components of the compatibility relation, each sorted
    /// canonically, and the components sorted by their first member. Near-linear: instead of comparing all pairs,
    /// members are grouped per source entity and day, where every member of a group with a target-less member is
    /// connected, and otherwise members sharing a target are (a month-only member sits in every day group of its
    /// month, at most 31).
    static func components(_ members: [Member]) -> [[Member]] {
        let members = members.sorted(by: Member.precedes)
        var sets = UnionFind(count: members.count)
        // Members by (type, period, source entity).
        var bySource: [String: [Int]] = [:]
        for (i, m) in members.enumerated() {
            guard let p = period(of: m.date) else { continue }
            for s in m.sources { bySource[m.type + bucketSeparator + p + "\u{0}" + s, default: []].append(i) }
        }
        for group in bySource.values {
            // The coarse cell (no day) holds month- or year-only members; a day cell also holds the coarse ones.
            var coarse: [Int] = []
            var days: [String: [Int]] = [:]
            for i in group {
                if let d = day(of: members[i].date) { days[d, default: []].append(i) } else { coarse.append(i) }
            }
            connectCell(coarse, members, &sets)
            for dayMembers in days.values { connectCell(dayMembers + coarse, members, &sets) }
        }
        var byRoot: [Int: [Member]] = [:]
        var roots: [Int] = []
        for i in members.indices {
            let r = sets.find(i)
            if byRoot[r] == nil { roots.append(r) }
            byRoot[r, default: []].append(members[i])
        }
        // Members were sorted, so each component is sorted and `roots` follows first members.
        return roots.map { byRoot[$0]! }
    }

    /// Connects the members of one cell (one source entity, pairwise compatible dates): all of them when one
    /// names no target (it is compatible with each), else those that share a target.
    private static func connectCell(_ cell: [Int], _ members: [Member], _ sets: inout UnionFind) {
        guard let first = cell.first else { return }
        if cell.contains(where: { members[$0].targets.isEmpty }) {
            for i in cell.dropFirst() { sets.union(first, i) }
            return
        }
        var byTarget: [String: Int] = [:]
        for i in cell {
            for t in members[i].targets {
                if let j = byTarget[t] { sets.union(i, j) } else { byTarget[t] = i }
            }
        }
    }
}

/// Disjoint sets over 0..<count with path halving and union by size.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
    }
}
