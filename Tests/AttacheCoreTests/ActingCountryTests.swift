@testable import AttacheCore
import AttacheModel
import Testing

/// A person acting for their country (`ActingCountry.swift`), on sentences of its own and a knowledge base whose
/// persons hold offices or none.
@Suite struct ActingCountryTests {
    func event(_ type: EventType, _ text: String) throws -> Event { try RoleFixture.event(type, text) }

    @Test func theOfficeCountryIsTheFirstRoleThatNamesOne() {
        let offices = ActingCountry(kb: RoleFixture.kb).officeCountry
        func office(_ id: String) -> Int32 { offices[Int(RoleFixture.index(id))] }
        #expect(office("person-sergei-lavrov") == RoleFixture.index("country-rus"))
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
        let analysis = RoleFixture.analyzer.analyze(ArticleInput(id: "t", text: "Sergei Lavrov accused Turkey of lying.",
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
