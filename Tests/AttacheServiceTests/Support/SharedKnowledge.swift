import AttacheCore
import Foundation

/// The knowledge base every test server shares, loaded once per process (it takes a while and is read-only).
///
/// It is the built-in knowledge base. Entities the tests assert on but that the built-in data of this checkout
/// lacks are added from `fallbackEntities` (copied from the project's own KB files, same ids), so the tests do
/// not depend on which KB branches are merged; an entity the built-in KB already has is never overlaid.
enum SharedKnowledge {
    static let analyzer: Analyzer = Analyzer(knowledgeBase: knowledgeBase)

    static let knowledgeBase: KnowledgeBase = {
        do {
            let builtIn = try KnowledgeBase.load()
            let known = Set(builtIn.entities.map(\.id))
            let missing = fallbackEntities.split(separator: "\n").filter { line in
                guard let id = entityID(of: line) else { return false }
                return !known.contains(id)
            }
            if missing.isEmpty { return builtIn }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attache-itest-kb-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            try (missing.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("itest-fallback.jsonl"),
                                                              atomically: true, encoding: .utf8)
            return try KnowledgeBase.load(extraDirectories: [dir])
        } catch {
            fatalError("cannot load the knowledge base: \(error)")
        }
    }()

    /// The `"id"` value of one JSON Lines entity record.
    private static func entityID(of line: Substring) -> String? {
        guard let key = line.range(of: "\"id\": \"") else { return nil }
        let rest = line[key.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// Entities the tests name, in the KB's JSON Lines form.
    static let fallbackEntities = #"""
{"id": "country-fra", "type": "country", "name": "France", "iso2": "FR", "iso3": "FRA", "aliases": ["French Republic"], "demonyms": ["French", "Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"], "capital": "Paris", "metonyms": ["Elysee", "Élysée", "Elysee Palace", "Élysée Palace", "Quai d'Orsay"]}
{"id": "country-rus", "type": "country", "name": "Russia", "iso2": "RU", "iso3": "RUS", "aliases": ["Russian Federation"], "acronyms": ["RF"], "demonyms": ["Russian", "Russians"], "capital": "Moscow", "metonyms": ["Kremlin"]}
{"id": "country-syr", "type": "country", "name": "Syria", "iso2": "SY", "iso3": "SYR", "aliases": ["Syrian Arab Republic"], "demonyms": ["Syrian", "Syrians"], "capital": "Damascus"}
{"id": "country-tur", "type": "country", "name": "Turkey", "iso2": "TR", "iso3": "TUR", "aliases": ["Turkiye", "Türkiye", "Republic of Turkiye", "Republic of Türkiye", "Republic of Turkey"], "demonyms": ["Turkish", "Turk", "Turks"], "capital": "Ankara"}
{"id": "country-ukr", "type": "country", "name": "Ukraine", "iso2": "UA", "iso3": "UKR", "demonyms": ["Ukrainian", "Ukrainians"], "capital": "Kyiv"}
{"id": "country-usa", "type": "country", "name": "United States", "iso2": "US", "iso3": "USA", "aliases": ["United States of America", "America"], "acronyms": ["US", "U.S.", "USA", "U.S.A."], "demonyms": ["American", "Americans"], "capital": "Washington", "metonyms": ["White House"]}
{"id": "person-john-kerry", "type": "person", "name": "John Kerry", "aliases": ["Kerry", "John Forbes Kerry"], "country": "US", "roles": [{"title": "Secretary of State", "country": "US", "from": "2013-02-01", "to": "2017-01-20"}, {"title": "Special Presidential Envoy for Climate", "country": "US", "from": "2021-01-20", "to": "2024-03"}]}
{"id": "person-vladimir-putin", "type": "person", "name": "Vladimir Putin", "aliases": ["Putin", "Vladimir Vladimirovich Putin"], "country": "RU", "roles": [{"title": "President", "country": "RU", "from": "2012-05-07"}, {"title": "Prime Minister", "country": "RU", "from": "2008-05-08", "to": "2012-05-07"}, {"title": "President", "country": "RU", "from": "2000-05-07", "to": "2008-05-07"}, {"title": "Acting President", "country": "RU", "from": "1999-12-31", "to": "2000-05-07"}, {"title": "Prime Minister", "country": "RU", "from": "1999-08-09", "to": "2000-05-07"}, {"title": "Director of the Federal Security Service", "country": "RU", "from": "1998-07", "to": "1999-08"}]}
{"id": "person-sergei-lavrov", "type": "person", "name": "Sergei Lavrov", "aliases": ["Lavrov", "Sergey Lavrov", "Sergej Lawrow", "Sergey Viktorovich Lavrov"], "country": "RU", "roles": [{"title": "Foreign Minister", "country": "RU", "from": "2004-03-09"}, {"title": "Permanent Representative to the United Nations", "country": "RU", "org": "org-un", "from": "1994", "to": "2004"}]}
{"id": "person-emmanuel-macron", "type": "person", "name": "Emmanuel Macron", "aliases": ["Macron"], "country": "FR", "roles": [{"title": "President", "country": "FR", "from": "2017-05-14"}]}
{"id": "person-recep-tayyip-erdogan", "type": "person", "name": "Recep Tayyip Erdogan", "aliases": ["Recep Tayyip Erdoğan", "Erdogan", "Erdoğan", "Tayyip Erdogan", "Tayyip Erdoğan"], "country": "TR", "roles": [{"title": "President", "country": "TR", "from": "2014-08-28"}, {"title": "Prime Minister", "country": "TR", "from": "2003-03-14", "to": "2014-08-28"}]}
{"id": "loc-moscow", "type": "location", "name": "Moscow", "aliases": ["Moskva"], "country": "RU", "kind": "city"}
{"id": "loc-paris", "type": "location", "name": "Paris", "country": "FR", "kind": "city"}
"""#
}
