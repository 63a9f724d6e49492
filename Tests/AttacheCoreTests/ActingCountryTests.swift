@testable import AttacheCore
import AttacheModel
import Testing

/// A person acting for their country (`ActingCountry.swift`), on sentences of its own and a knowledge base whose
/// persons hold offices or none.
@Suite struct ActingCountryTests {
    static let kb: KnowledgeBase = {
        var lexicons: [String: [String]] = [:]
        if let dir = KnowledgeBaseLoader.builtInDirectory, let loaded = try? KnowledgeBaseLoader.load(directories: [dir]) {
            lexicons = loaded.lexicons
        }
        lexicons["titles", default: []] += ["Foreign Minister", "President"]
        func country(_ id: String, _ name: String, _ iso2: String, demonym: String) -> KBEntity {
            var e = KBEntity(id: id, type: .country, name: name)
            e.iso2 = iso2
            e.demonyms = [demonym]
            return e
        }
        func person(_ id: String, _ name: String, country: String, roles: [KBRole]) -> KBEntity {
            var e = KBEntity(id: id, type: .person, name: name)
            e.country = country
            e.roles = roles
            return e
        }
        return KnowledgeBase(entities: [
            country("country-rus", "Russia", "RU", demonym: "Russian"),
            country("country-tur", "Turkey", "TR", demonym: "Turkish"),
            country("country-irn", "Iran", "IR", demonym: "Iranian"),
            person("person-sergei-lavrov", "Sergei Lavrov", country: "RU", roles: [KBRole(title: "Foreign Minister", country: "RU")]),
            // An office of an organization, not of a state.
            person("person-ivan-petrov", "Ivan Petrov", country: "RU", roles: [KBRole(title: "Chairman", org: "org-x")]),
            person("person-oleg-sidorov", "Oleg Sidorov", country: "RU", roles: []),
        ], lexicons: lexicons)
    }()

    static let analyzer = Analyzer(knowledgeBase: kb)

    func event(_ type: EventType, _ text: String) throws -> Event {
        let events = ActingCountryTests.analyzer.analyze(ArticleInput(id: "t", text: text, publishedAt: "2015-12-15")).events
        return try #require(events.first { $0.type == type }, "no \(type) in \(events.map(\.type))")
    }

    @Test func theOfficeCountryIsTheFirstRoleThatNamesOne() {
        let table = ActingCountry(kb: ActingCountryTests.kb)
        let ids = ActingCountryTests.kb.entities.map(\.id)
        func office(_ id: String) -> Int32 { table.officeCountry[ids.firstIndex(of: id)!] }
        #expect(office("person-sergei-lavrov") == Int32(ids.firstIndex(of: "country-rus")!))
        #expect(office("person-ivan-petrov") == -1)
        #expect(office("person-oleg-sidorov") == -1)
        #expect(office("country-rus") == -1)
    }

    @Test func aMinisterTakesTheCountryHeActsForToHisSide() throws {
        // The country is named in another sentence, so only the rule can bring it to the event.
        let source = try event(.accuse, "Russia has a new envoy. Foreign Minister Sergei Lavrov accused Turkey of smuggling oil.")
        #expect(source.role(of: "person-sergei-lavrov") == .source)
        #expect(source.role(of: "country-rus") == .source)
        #expect(source.role(of: "country-tur") == .target)
        let target = try event(.accuse, "Turkey accused Sergei Lavrov of lying. Russia denied it.")
        #expect(target.role(of: "person-sergei-lavrov") == .target)
        #expect(target.role(of: "country-rus") == .target)
        #expect(target.role(of: "country-tur") == .source)
    }

    @Test func aPersonWithNoOfficeOfAStateActsForNoCountry() throws {
        for name in ["Ivan Petrov", "Oleg Sidorov"] {
            let e = try event(.accuse, "\(name) accused Turkey of lying. Russia denied it.")
            #expect(e.role(of: "country-rus") == nil, "\(name)")
        }
    }

    @Test func aCountryTheTextNeverNamesIsNotAdded() throws {
        let analysis = ActingCountryTests.analyzer.analyze(ArticleInput(id: "t", text: "Sergei Lavrov accused Turkey of lying.",
                                                                       publishedAt: "2015-12-15"))
        let e = try #require(analysis.events.first { $0.type == .accuse })
        #expect(e.role(of: "country-rus") == nil)
        #expect(!analysis.entities.contains { $0.id == "country-rus" })
    }

    @Test func aCountryTheEventHoldsKeepsItsRole() throws {
        let e = try event(.accuse, "Sergei Lavrov accused Russia of lying.")
        #expect(e.role(of: "person-sergei-lavrov") == .source)
        #expect(e.role(of: "country-rus") == .target)
    }
}
