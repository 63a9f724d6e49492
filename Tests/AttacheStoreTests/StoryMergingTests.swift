import AttacheModel
@testable import AttacheStore
import Testing

private func member(_ article: String, _ event: String = "ev-1", _ type: String = "consult", date: String?,
                    sources: Set<String>, targets: Set<String> = []) -> StoryMerging.Member {
    StoryMerging.Member(articleID: article, eventID: event, type: type, date: date, sources: sources, targets: targets)
}

/// A small deterministic generator (SplitMix64), so a failing case can be replayed from its seed.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    mutating func shuffled<T>(_ xs: [T]) -> [T] {
        var xs = xs
        for i in stride(from: xs.count - 1, to: 0, by: -1) { xs.swapAt(i, below(i + 1)) }
        return xs
    }
}

@Suite struct StoryMergingTests {
    @Test func bucketsAreTypeAndMonthOrYearAndUndatedEventsStayAlone() {
        #expect(StoryMerging.bucket(type: "consult", date: "2015-12-15", articleID: "a", eventID: "e") == "consult|2015-12")
        #expect(StoryMerging.bucket(type: "consult", date: "2015-12", articleID: "a", eventID: "e") == "consult|2015-12")
        #expect(StoryMerging.bucket(type: "consult", date: "2015", articleID: "a", eventID: "e") == "consult|2015")
        #expect(StoryMerging.bucket(type: "agree", date: "2015-12-15T10:00:00Z", articleID: "a", eventID: "e") == "agree|2015-12")
        let undated = StoryMerging.bucket(type: "consult", date: nil, articleID: "a", eventID: "e")
        #expect(undated != StoryMerging.bucket(type: "consult", date: nil, articleID: "a", eventID: "f"))
        #expect(StoryMerging.bucket(type: "consult", date: "soon", articleID: "a", eventID: "e").hasPrefix(StoryMerging.undatedBucketPrefix))
    }

    @Test func compatibilityNeedsTypeDateSourceAndTarget() {
        let base = member("a", date: "2016-03-04", sources: ["rus"], targets: ["tur"])
        #expect(StoryMerging.compatible(base, member("b", date: "2016-03-04", sources: ["rus", "x"], targets: ["tur"])))
        #expect(!StoryMerging.compatible(base, member("b", "ev-1", "agree", date: "2016-03-04", sources: ["rus"], targets: ["tur"])))
        #expect(!StoryMerging.compatible(base, member("b", date: "2016-03-05", sources: ["rus"], targets: ["tur"])))
        #expect(StoryMerging.compatible(base, member("b", date: "2016-03", sources: ["rus"], targets: ["tur"])), "month-only fits any day of it")
        #expect(!StoryMerging.compatible(base, member("b", date: "2016-04", sources: ["rus"], targets: ["tur"])))
        #expect(!StoryMerging.compatible(base, member("b", date: "2016", sources: ["rus"], targets: ["tur"])), "a year is not a month")
        #expect(!StoryMerging.compatible(base, member("b", date: "2016-03-04", sources: ["tur"], targets: ["rus"])), "no shared source")
        #expect(!StoryMerging.compatible(base, member("b", date: "2016-03-04", sources: ["rus"], targets: ["syr"])), "different targets")
        #expect(StoryMerging.compatible(base, member("b", date: "2016-03-04", sources: ["rus"])), "one names no target")
        #expect(!StoryMerging.compatible(member("a", date: nil, sources: ["rus"]), member("b", date: nil, sources: ["rus"])))
    }

    @Test func componentsChainThroughCompatibleMembers() {
        // b has no target, so it joins a and c although their targets differ; d is another day; e another source.
        let a = member("a", date: "2016-03-04", sources: ["rus"], targets: ["tur"])
        let b = member("b", date: "2016-03-04", sources: ["rus"])
        let c = member("c", date: "2016-03-04", sources: ["rus"], targets: ["syr"])
        let d = member("d", date: "2016-03-05", sources: ["rus"], targets: ["tur"])
        let e = member("e", date: "2016-03-04", sources: ["irn"], targets: ["tur"])
        let groups = StoryMerging.components([e, d, c, b, a]).map { $0.map(\.articleID) }
        #expect(groups == [["a", "b", "c"], ["d"], ["e"]])
    }

    @Test func aMonthOnlyMemberJoinsDaysOfItsMonth() {
        let d1 = member("a", date: "2016-03-04", sources: ["rus"], targets: ["tur"])
        let d2 = member("b", date: "2016-03-09", sources: ["rus"], targets: ["tur"])
        let m = member("c", date: "2016-03", sources: ["rus"], targets: ["tur"])
        #expect(StoryMerging.components([d1, d2]).count == 2)
        #expect(StoryMerging.components([d1, d2, m]).map { $0.map(\.articleID) } == [["a", "b", "c"]])
    }

    /// The fast grouping equals the connected components of the pairwise relation, whatever the input order.
    @Test(arguments: 0..<40)
    func componentsMatchThePairwiseReferenceInAnyOrder(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 7919 &+ 1)
        let entities = ["rus", "usa", "tur", "syr", "irn"]
        let dates: [String?] = ["2016-03-04", "2016-03-05", "2016-03", "2016", nil, "2016-03-04"]
        let members = (0..<rng.below(14) + 1).map { i -> StoryMerging.Member in
            var sources: Set<String> = [rng.pick(entities)]
            if rng.below(3) == 0 { sources.insert(rng.pick(entities)) }
            var targets: Set<String> = []
            for _ in 0..<rng.below(3) { targets.insert(rng.pick(entities)) }
            return member("a\(i)", date: rng.pick(dates), sources: sources, targets: targets)
        }
        let expected = referenceComponents(members)
        for _ in 0..<3 {
            #expect(StoryMerging.components(rng.shuffled(members)) == expected)
        }
    }

    /// Quadratic flood fill over `compatible`, sorted the same way as `components`.
    private func referenceComponents(_ members: [StoryMerging.Member]) -> [[StoryMerging.Member]] {
        let ms = members.sorted(by: StoryMerging.Member.precedes)
        var seen = Set<Int>()
        var out: [[StoryMerging.Member]] = []
        for start in ms.indices where !seen.contains(start) {
            var stack = [start], group: [Int] = []
            seen.insert(start)
            while let i = stack.popLast() {
                group.append(i)
                for j in ms.indices where !seen.contains(j) && StoryMerging.compatible(ms[i], ms[j]) {
                    seen.insert(j)
                    stack.append(j)
                }
            }
            out.append(group.sorted().map { ms[$0] })
        }
        return out
    }

    @Test func storyDateIsTheMostReportedDayElseTheSharedPeriod() {
        #expect(StoryMerging.storyDate(["2016-03-05", "2016-03-04", "2016-03-05", "2016-03"]) == "2016-03-05")
        #expect(StoryMerging.storyDate(["2016-03-05", "2016-03-04"]) == "2016-03-04", "a tie goes to the earlier day")
        #expect(StoryMerging.storyDate(["2016-03", "2016-03"]) == "2016-03")
        #expect(StoryMerging.storyDate([nil]) == nil)
    }

    @Test func statusPrefersWhatHappenedOverReportsOverPlans() {
        #expect(StoryMerging.storyStatus(["planned", "occurred", "reported"]) == "occurred")
        #expect(StoryMerging.storyStatus(["planned", "reported"]) == "reported")
        #expect(StoryMerging.storyStatus(["planned"]) == "planned")
    }

    @Test func participantsTakeTheirMostFrequentRole() {
        func detail(_ article: String, _ ps: [(String, String)]) -> StoryMerging.Detail {
            StoryMerging.Detail(member: member(article, date: "2016-03-04", sources: []), publishedAt: nil, source: nil,
                                status: "occurred", sentence: "", participants: ps.map { ($0.0, $0.1, $0.0.uppercased()) })
        }
        let merged = StoryMerging.mergedParticipants([
            detail("a", [("rus", "source"), ("tur", "target")]),
            detail("b", [("rus", "source"), ("tur", "participant")]),
            detail("c", [("tur", "participant"), ("rus", "target")]),
        ])
        #expect(merged == [StoryEvent.Participant(id: "rus", name: "RUS", role: "source"),
                           StoryEvent.Participant(id: "tur", name: "TUR", role: "participant")])
    }

    @Test func summaryCountsArticlesAndPublishersAndQuotesTheEarliestReport() {
        func detail(_ article: String, _ event: String, published: String?, source: String?, sentence: String) -> StoryMerging.Detail {
            StoryMerging.Detail(member: member(article, event, date: "2016-03-04", sources: ["rus"]), publishedAt: published,
                                source: source, status: "occurred", sentence: sentence, participants: [("rus", "source", "Russia")])
        }
        let s = StoryMerging.summary([
            detail("a", "ev-1", published: "2016-03-06", source: "wire", sentence: "late"),
            detail("a", "ev-2", published: "2016-03-06", source: "wire", sentence: "late again"),
            detail("b", "ev-1", published: "2016-03-05T08:00:00Z", source: "paper", sentence: "early"),
            detail("c", "ev-1", published: nil, source: nil, sentence: "undated"),
        ])
        #expect(s.articleCount == 3 && s.sources == ["paper", "wire"])
        #expect(s.firstReported == "2016-03-05" && s.lastReported == "2016-03-06")
        #expect(s.sentence == "early" && s.members.count == 4)
        #expect(s.id == StoryMerging.storyID(type: "consult", first: member("a", date: nil, sources: [])))
    }
}

@Suite struct DyadCountTests {
    @Test func directionFollowsTheRolesOfAAndB() {
        #expect(DyadCount.direction(roleOfA: "source", roleOfB: "target") == .aToB)
        #expect(DyadCount.direction(roleOfA: "target", roleOfB: "source") == .bToA)
        #expect(DyadCount.direction(roleOfA: "source", roleOfB: "source") == .mutual)
        #expect(DyadCount.direction(roleOfA: "participant", roleOfB: "target") == .mutual)
    }

    @Test func periodsAreMonthsOrYearsOfTheSortKey() {
        #expect(DyadCount.period(ofSortKey: "2016-03-04") == "2016-03")
        #expect(DyadCount.period(ofSortKey: "2016-03-00") == "2016-03")
        #expect(DyadCount.period(ofSortKey: "2016-00-00") == "2016")
        #expect(DyadCount.period(ofSortKey: DateKey.undated) == nil)
    }
}

/// The mergeable form of a summary, with which ingest joins stored stories without reading their members.
@Suite struct StoryAggregateTests {
    static func detail(_ article: String, _ event: String, date: String?, published: String?, source: String?, status: String,
                       _ participants: [(String, String, String)]) -> StoryMerging.Detail {
        StoryMerging.Detail(member: member(article, event, date: date, sources: []), publishedAt: published, source: source,
                            status: status, sentence: "\(article) \(event) said", participants: participants)
    }

    /// Members of one story with varied days, publishers, statuses, roles and names (a tab and a newline in a name).
    static let details: [StoryMerging.Detail] = [
        detail("a", "ev-1", date: "2016-03-04", published: "2016-03-05", source: "wire", status: "reported",
               [("rus", "source", "Moskovia"), ("tur", "target", "Ana\ttolia")]),
        detail("a", "ev-2", date: "2016-03", published: "2016-03-05", source: "wire", status: "planned", [("rus", "participant", "Rus")]),
        detail("b", "ev-1", date: "2016-03-04", published: "2016-03-04T09:00:00Z", source: "paper", status: "occurred",
               [("tur", "participant", "Turkey\nline"), ("rus", "source", "Russia")]),
        detail("c", "ev-3", date: "2016-03-06", published: nil, source: nil, status: "reported", [("rus", "source", "R")]),
        detail("d", "ev-1", date: "2016-03-06", published: "2016-03-02", source: "radio", status: "planned",
               [("irn", "target", "Persis"), ("rus", "source", "Russia")]),
    ]

    @Test func joiningStoriesInAnyGroupingGivesTheSummaryOfAllTheirMembers() {
        let all = StoryMerging.summary(Self.details)
        var rng = SplitMix(state: 7)
        for _ in 0..<20 {
            // Split the members into stories at random, then join the stories in a random order.
            var groups: [[StoryMerging.Detail]] = [[], [], []]
            for d in rng.shuffled(Self.details) { groups[rng.below(groups.count)].append(d) }
            var joined: StoryMerging.Aggregate?
            for g in rng.shuffled(groups.filter { !$0.isEmpty }) {
                let a = StoryMerging.aggregate(g)
                if joined == nil { joined = a } else { joined!.absorb(a) }
            }
            var total = joined!
            total.articleCount = all.articleCount
            #expect(total.summary() == all)
        }
        #expect(all.date == "2016-03-04" && all.status == "occurred" && all.articleCount == 4)
        #expect(all.sentence == "d ev-1 said" && all.firstReported == "2016-03-02" && all.lastReported == "2016-03-05")
        #expect(all.participants.map(\.id) == ["rus", "irn", "tur"] && all.participants.last?.name == "Ana\ttolia")
    }

    @Test func aStoredStateReadsBackAsTheSameAggregate() throws {
        let a = StoryMerging.aggregate(Self.details)
        let s = a.summary()
        let names = Dictionary(uniqueKeysWithValues: s.participants.map { ($0.id, $0.name) })
        let read = try #require(StoryMerging.Aggregate(
            type: s.type, status: s.status, articleCount: a.articleCount, sources: s.sources, firstReported: s.firstReported,
            lastReported: s.lastReported, sentence: s.sentence, names: names, state: s.state))
        #expect(read.summary() == s)
        #expect(read.stateText == s.state)
        #expect(StoryMerging.Aggregate(type: s.type, status: s.status, articleCount: 1, sources: [], firstReported: nil, lastReported: nil,
                                       sentence: "", names: [:], state: "first\ta") == nil, "a malformed state is refused")
    }

    @Test func sidesNeedASharedActorAndASharedTargetWhenBothNameOne() {
        let m = member("a", date: "2016-03-04", sources: ["rus"], targets: ["tur"])
        #expect(StoryMerging.sidesCompatible(m, member("b", date: "2016-03-09", sources: ["rus", "irn"], targets: [])))
        #expect(StoryMerging.sidesCompatible(m, member("b", date: nil, sources: ["rus"], targets: ["tur", "syr"])))
        #expect(!StoryMerging.sidesCompatible(m, member("b", date: "2016-03-04", sources: ["rus"], targets: ["syr"])))
        #expect(!StoryMerging.sidesCompatible(m, member("b", date: "2016-03-04", sources: ["tur"], targets: [])))
    }
}
