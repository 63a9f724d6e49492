import AttacheClient
import AttacheJSON
@testable import AttacheStore
import Testing

/// The dev corpus through HTTP: Russia's relations match a recount from the stored analyses.
@Suite(.timeLimit(.minutes(5))) struct CorpusRelationsTests {
    /// Story events counted straight from the analyses the store kept: the members of every stored event, grouped
    /// by the merging rule, and the groups that name both entities.
    static func recount(_ analyses: [(publishedAt: String?, analysis: JSONValue)], _ a: String, _ b: String) -> Int {
        var members: [StoryMerging.Member] = []
        var participants: [String: Set<String>] = [:]
        for (i, stored) in analyses.enumerated() {
            for ev in stored.analysis["events"]?.arrayValue ?? [] where ev["negated"]?.boolValue != true {
                let ps = ev["participants"]?.arrayValue ?? []
                func ids(_ keep: (String) -> Bool) -> Set<String> {
                    Set(ps.filter { keep($0["role"]?.stringValue ?? "") }.compactMap { $0["entity"]?.stringValue })
                }
                let m = StoryMerging.Member(
                    articleID: "a\(i)", eventID: ev["id"]?.stringValue ?? "", type: ev["type"]?.stringValue ?? "",
                    date: StoryOperations.effectiveDate(eventDate: ev["date"]?.stringValue, publishedAt: stored.publishedAt),
                    sources: ids { $0 != "target" }, targets: ids { $0 == "target" })
                members.append(m)
                participants[m.articleID + "|" + m.eventID] = m.sources.union(m.targets)
            }
        }
        return StoryMerging.components(members).filter { group in
            let all = group.reduce(into: Set<String>()) { $0.formUnion(participants[$1.articleID + "|" + $1.eventID] ?? []) }
            return all.contains(a) && all.contains(b)
        }.count
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingMessage))
    func russiasRelationsWithTheUnitedStatesAndTurkeyMatchARecount() throws {
        let articles = try #require(Corpus.articles).values.sorted { $0.id < $1.id }
        try TestServer.with { server in
            let client = server.client()
            for a in articles { _ = try client.ingest(a.request(id: a.id)) }
            var analyses: [(publishedAt: String?, analysis: JSONValue)] = []
            for a in articles {
                let stored = try client.get("/v1/articles/\(a.id)").jsonBody()
                analyses.append((stored["publishedAt"]?.stringValue, try #require(stored["analysis"])))
            }
            let relations = try client.get("/v1/entities/country-rus/relations?limit=500").jsonBody()["items"]?.arrayValue ?? []
            for other in ["country-usa", "country-tur"] {
                let expected = Self.recount(analyses, "country-rus", other)
                let got = relations.first { $0["id"]?.stringValue == other }?["storyCount"]?.intValue ?? 0
                #expect(Int(got) == expected, "\(other)")
                #expect(expected > 0, "the dev corpus has story events of Russia with \(other)")
                let dyad = try client.get("/v1/relations?a=country-rus&b=\(other)").jsonBody()
                #expect(dyad["storyCount"]?.intValue == Int64(expected))
            }
        }
    }
}
