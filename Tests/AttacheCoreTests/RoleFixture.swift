@testable import AttacheCore
import AttacheModel
import Testing

/// Knowledge bases of a few entities for the role rules that read the knowledge base (`ActingCountry`,
/// `HostCountry`), with the built-in lexicons.
enum RoleFixture {
    /// Three countries with capitals, a capital and another city, and persons who hold an office of a state, of an
    /// organization, or none.
    static let kb = knowledgeBase([
        country("country-rus", "Russia", "RU", demonym: "Russian", capital: "Moscow"),
        country("country-tur", "Turkey", "TR", demonym: "Turkish", capital: "Ankara"),
        country("country-irn", "Iran", "IR", demonym: "Iranian", capital: "Tehran"),
        place("loc-moscow", "Moscow", "RU"),
        place("loc-sochi", "Sochi", "RU"),
        person("person-sergei-lavrov", "Sergei Lavrov", country: "RU", roles: [KBRole(title: "Foreign Minister", country: "RU")]),
        person("person-ivan-petrov", "Ivan Petrov", country: "RU", roles: [KBRole(title: "Chairman", org: "org-x")]),
        person("person-oleg-sidorov", "Oleg Sidorov", country: "RU", roles: []),
    ], titles: ["Foreign Minister", "President"])

    static let analyzer = Analyzer(knowledgeBase: kb)

    /// A knowledge base of `entities`, the built-in lexicons and the extra `titles`.
    static func knowledgeBase(_ entities: [KBEntity], titles: [String] = []) -> KnowledgeBase {
        var lexicons: [String: [String]] = [:]
        if let dir = KnowledgeBaseLoader.builtInDirectory, let loaded = try? KnowledgeBaseLoader.load(directories: [dir]) {
            lexicons = loaded.lexicons
        }
        lexicons["titles", default: []] += titles
        return KnowledgeBase(entities: entities, lexicons: lexicons)
    }

    static func country(_ id: String, _ name: String, _ iso2: String, demonym: String? = nil, capital: String? = nil) -> KBEntity {
        var e = KBEntity(id: id, type: .country, name: name)
        e.iso2 = iso2
        e.demonyms = demonym.map { [$0] } ?? []
        e.capital = capital
        return e
    }

    static func person(_ id: String, _ name: String, country: String, roles: [KBRole]) -> KBEntity {
        var e = KBEntity(id: id, type: .person, name: name)
        e.country = country
        e.roles = roles
        return e
    }

    static func place(_ id: String, _ name: String, _ iso2: String) -> KBEntity {
        var e = KBEntity(id: id, type: .location, name: name)
        e.country = iso2
        return e
    }

    /// The knowledge-base index of the entity `id` of `kb`.
    static func index(_ id: String) -> Int32 { Int32(kb.entities.firstIndex { $0.id == id }!) }

    /// The first event of `type` found in `text`.
    static func event(_ type: EventType, _ text: String) throws -> Event {
        let events = RoleFixture.analyzer.analyze(ArticleInput(id: "t", text: text, publishedAt: "2015-12-15")).events
        return try #require(events.first { $0.type == type }, "no \(type) in \(events.map(\.type))")
    }
}
