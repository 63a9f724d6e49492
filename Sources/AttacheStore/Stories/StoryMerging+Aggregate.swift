import AttacheModel

/// A story's summary as a mergeable value: every field of `Summary` is a count, a minimum, a maximum or a union over
/// the members, so the aggregate of a component is the same whichever way its members are grouped. Ingest uses that
/// to join a new member to stored stories from their rows and `state` alone, without reading their members.
extension StoryMerging {
    /// A member's identity; the canonical order of members is the order of their keys.
    struct MemberKey: Hashable, Comparable, Sendable {
        var articleID: String
        var eventID: String

        static func < (a: MemberKey, b: MemberKey) -> Bool { (a.articleID, a.eventID) < (b.articleID, b.eventID) }
    }

    struct Aggregate: Sendable, Equatable {
        var type: String
        /// The first member (canonical order): it names the story.
        var first: MemberKey
        /// The least period among the members (they share one within a bucket).
        var period: String?
        /// Members per day, for the most reported day.
        var days: [String: Int]
        var status: String
        /// Per entity: how often each role was given, and the first member (canonical order) that names it.
        var roles: [String: [String: Int]]
        var nameKeys: [String: MemberKey]
        var names: [String: String]
        var publishers: Set<String>
        var firstReported: String?
        var lastReported: String?
        /// The earliest report: publication sort key, then canonical order.
        var representativeSort: String
        var representative: MemberKey
        var sentence: String
        /// Distinct articles. Absorbing adds the counts; a caller joining stories that may share an article sets it.
        var articleCount: Int

        /// One member alone.
        init(_ d: Detail) {
            let key = MemberKey(articleID: d.member.articleID, eventID: d.member.eventID)
            type = d.member.type
            first = key
            period = StoryMerging.period(of: d.member.date)
            days = StoryMerging.day(of: d.member.date).map { [$0: 1] } ?? [:]
            status = d.status
            roles = [:]
            nameKeys = [:]
            names = [:]
            for p in d.participants {
                roles[p.id, default: [:]][p.role, default: 0] += 1
                if nameKeys[p.id] == nil {
                    nameKeys[p.id] = key
                    names[p.id] = p.name
                }
            }
            publishers = d.source.map { [$0] } ?? []
            let published = d.publishedAt.map { DateKey.partialDate($0) ?? $0 }
            firstReported = published
            lastReported = published
            representativeSort = DateKey.sortKey(d.publishedAt)
            representative = key
            sentence = d.sentence
            articleCount = 1
        }

        /// Joins another story's aggregate (of other members).
        mutating func absorb(_ o: Aggregate) {
            first = min(first, o.first)
            period = [period, o.period].compactMap { $0 }.min()
            days.merge(o.days, uniquingKeysWith: +)
            status = StoryMerging.storyStatus([status, o.status])
            for (entity, counts) in o.roles { roles[entity, default: [:]].merge(counts, uniquingKeysWith: +) }
            for (entity, key) in o.nameKeys where nameKeys[entity].map({ key < $0 }) ?? true {
                nameKeys[entity] = key
                names[entity] = o.names[entity]
            }
            publishers.formUnion(o.publishers)
            firstReported = [firstReported, o.firstReported].compactMap { $0 }.min()
            lastReported = [lastReported, o.lastReported].compactMap { $0 }.max()
            if (o.representativeSort, o.representative) < (representativeSort, representative) {
                representativeSort = o.representativeSort
                representative = o.representative
                sentence = o.sentence
            }
            articleCount += o.articleCount
        }

        /// The story date: the most reported day (ties: the earliest), else the period.
        var date: String? {
            days.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? period
        }

        /// Each entity once with its most frequent role (ties by `rolePrecedence`), ordered by role precedence, then id.
        var participants: [StoryEvent.Participant] {
            roles.map { id, counts in
                StoryEvent.Participant(id: id, name: names[id] ?? id, role: StoryMerging.mostFrequentRole(counts))
            }.sorted { (rank($0.role, in: rolePrecedence), $0.id) < (rank($1.role, in: rolePrecedence), $1.id) }
        }

        func summary() -> Summary {
            let date = date
            let firstMember = Member(articleID: first.articleID, eventID: first.eventID, type: type, date: nil, sources: [], targets: [])
            var s = Summary(id: storyID(type: type, first: firstMember), type: type, date: date, dateSort: DateKey.sortKey(date),
                            status: status, participants: participants, articleCount: articleCount,
                            sources: publishers.sorted(), firstReported: firstReported, lastReported: lastReported,
                            sentence: sentence, members: [], state: stateText, fingerprint: "")
            s.fingerprint = fingerprint(s)
            return s
        }

        // MARK: Stored form

        /// What the story's row does not hold, as text: `first`, `period`, `rep` and one line per day and per entity
        /// (`day`, `role`, `name`), sorted, so equal aggregates give equal text. Fields are tab-separated and escaped.
        var stateText: String {
            var lines = ["first\t" + escaped(first), "period\t" + escape(period ?? ""), "rep\t" + escape(representativeSort) + "\t" + escaped(representative)]
            for (day, n) in days.sorted(by: { $0.key < $1.key }) { lines.append("day\t" + escape(day) + "\t" + String(n)) }
            for (entity, counts) in roles.sorted(by: { $0.key < $1.key }) {
                for (role, n) in counts.sorted(by: { $0.key < $1.key }) {
                    lines.append("role\t" + escape(entity) + "\t" + escape(role) + "\t" + String(n))
                }
                if let key = nameKeys[entity] { lines.append("name\t" + escape(entity) + "\t" + escaped(key)) }
            }
            return lines.joined(separator: "\n")
        }

        /// A stored story: its row's fields, its participants' names and its `state` text; nil when the state does not
        /// parse (a row the caller must rebuild from its members).
        init?(type: String, status: String, articleCount: Int, sources: [String], firstReported: String?, lastReported: String?,
              sentence: String, names: [String: String], state: String) {
            self.type = type
            self.status = status
            self.articleCount = articleCount
            publishers = Set(sources)
            self.firstReported = firstReported
            self.lastReported = lastReported
            self.sentence = sentence
            self.names = names
            days = [:]
            roles = [:]
            nameKeys = [:]
            var first: MemberKey?, rep: (String, MemberKey)?, period: String?
            for line in state.split(separator: "\n", omittingEmptySubsequences: true) {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape($0) }
                switch (f.first, f.count) {
                case ("first", 3): first = MemberKey(articleID: f[1], eventID: f[2])
                case ("period", 2): period = f[1].isEmpty ? nil : f[1]
                case ("rep", 4): rep = (f[1], MemberKey(articleID: f[2], eventID: f[3]))
                case ("day", 3): days[f[1]] = Int(f[2]) ?? 0
                case ("role", 4): roles[f[1], default: [:]][f[2]] = Int(f[3]) ?? 0
                case ("name", 4): nameKeys[f[1]] = MemberKey(articleID: f[2], eventID: f[3])
                default: return nil
                }
            }
            guard let first, let rep else { return nil }
            self.first = first
            self.period = period
            representativeSort = rep.0
            representative = rep.1
        }

        private func escaped(_ k: MemberKey) -> String { escape(k.articleID) + "\t" + escape(k.eventID) }
    }

    /// The most frequent role in `counts`, ties by `rolePrecedence`, then name.
    static func mostFrequentRole(_ counts: [String: Int]) -> String {
        counts.min { a, b in
            (-a.value, rank(a.key, in: rolePrecedence), a.key) < (-b.value, rank(b.key, in: rolePrecedence), b.key)
        }!.key
    }
}

/// `%`, tab and newline as `%25`, `%09`, `%0A`, so any text fits a tab-separated line.
private func escape(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A }) else { return s }
    return s.replacingOccurrences("%", "%25").replacingOccurrences("\t", "%09").replacingOccurrences("\n", "%0A")
}

private func unescape(_ s: Substring) -> String {
    guard s.utf8.contains(0x25) else { return String(s) }
    return String(s).replacingOccurrences("%0A", "\n").replacingOccurrences("%09", "\t").replacingOccurrences("%25", "%")
}

private extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
