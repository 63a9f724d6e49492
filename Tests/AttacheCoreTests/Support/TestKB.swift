@testable import AttacheCore
import AttacheModel

/// A small hand-written knowledge base, so that rule tests do not move when the shipped data grows.
enum TestKB {
    /// The shipped grammar-word lists (place nouns, auxiliaries, connectors, surname particles…): the small test
    /// knowledge bases hand-write their names and cues but read the language's function words as the engine does.
    static let grammarLists: [String: [String]] = {
        let names = ["place-nouns", "auxiliaries", "actor-prepositions", "place-verbs", "name-connectors",
                     "place-name-connectors", "clause-links", "date-cues", "surname-particles", "surname-prefixes",
                     "family-name-first"]
        guard let dir = KnowledgeBaseLoader.builtInDirectory?.appendingPathComponent("lexicon") else { return [:] }
        var lists: [String: [String]] = [:]
        for name in names {
            let text = (try? String(contentsOf: dir.appendingPathComponent(name + ".txt"), encoding: .utf8)) ?? ""
            lists[name] = KnowledgeBaseLoader.parseList(text)
        }
        return lists
    }()

    static let shared: KnowledgeBase = {
        var ru = KBEntity(id: "country-rus", type: .country, name: "Russia")
        ru.iso2 = "RU"; ru.iso3 = "RUS"; ru.demonyms = ["Russian", "Russians"]; ru.capital = "Moscow"; ru.metonyms = ["Kremlin"]
        var us = KBEntity(id: "country-usa", type: .country, name: "United States")
        us.iso2 = "US"; us.iso3 = "USA"; us.aliases = ["United States of America", "America"]; us.acronyms = ["US", "U.S.", "USA"]
        us.demonyms = ["American", "Americans"]; us.capital = "Washington"; us.metonyms = ["White House"]
        var sy = KBEntity(id: "country-syr", type: .country, name: "Syria")
        sy.iso2 = "SY"; sy.iso3 = "SYR"; sy.demonyms = ["Syrian", "Syrians"]; sy.capital = "Damascus"
        var tr = KBEntity(id: "country-tur", type: .country, name: "Turkey")
        tr.iso2 = "TR"; tr.iso3 = "TUR"; tr.demonyms = ["Turkish"]; tr.capital = "Ankara"
        var moscow = KBEntity(id: "loc-moscow", type: .location, name: "Moscow")
        moscow.country = "RU"
        var washington = KBEntity(id: "loc-washington", type: .location, name: "Washington")
        washington.country = "US"
        var kremlin = KBEntity(id: "loc-kremlin", type: .location, name: "Kremlin")
        kremlin.country = "RU"
        let paris = KBEntity(id: "loc-paris", type: .location, name: "Paris")
        var putin = KBEntity(id: "person-vladimir-putin", type: .person, name: "Vladimir Putin")
        putin.country = "RU"; putin.aliases = ["Putin"]
        putin.roles = [KBRole(title: "President", country: "RU", from: "2012-05-07")]
        var kerry = KBEntity(id: "person-john-kerry", type: .person, name: "John Kerry")
        kerry.country = "US"
        kerry.roles = [KBRole(title: "Secretary of State", country: "US", from: "2013-02-01", to: "2017-01-20")]
        var assad = KBEntity(id: "person-bashar-al-assad", type: .person, name: "Bashar al-Assad")
        assad.country = "SY"
        var erdogan = KBEntity(id: "person-recep-tayyip-erdogan", type: .person, name: "Recep Tayyip Erdogan")
        erdogan.country = "TR"; erdogan.aliases = ["Erdoğan"]
        var xi = KBEntity(id: "person-xi-jinping", type: .person, name: "Xi Jinping")
        xi.country = "CN"
        var isis = KBEntity(id: "org-islamic-state", type: .organization, name: "Islamic State")
        isis.aliases = ["Daesh"]; isis.acronyms = ["IS", "ISIS", "ISIL"]
        var un = KBEntity(id: "org-un", type: .organization, name: "United Nations")
        un.acronyms = ["UN", "U.N."]
        var unsc = KBEntity(id: "org-unsc", type: .organization, name: "United Nations Security Council")
        unsc.aliases = ["UN Security Council", "U.N. Security Council"]
        var eu = KBEntity(id: "org-eu", type: .organization, name: "European Union")
        eu.acronyms = ["EU"]; eu.metonyms = ["Brussels"]
        let brussels = KBEntity(id: "loc-brussels", type: .location, name: "Brussels")
        let lexicons: [String: [String]] = [
            "titles": ["President", "Foreign Minister", "Secretary of State", "spokeswoman", "spokesman", "General", "Gen.",
                       "foreign minister", "Prime Minister", "envoy", "Mr."],
            "honorifics": ["Sheikh", "Mr."],
            "given-names": ["Maria", "Majed", "John", "Sergei", "Abiy", "Anna"],
            "name-particles": ["al", "al-", "bin", "de", "von", "der", "el"],
            "common-words": ["the", "is", "us", "after", "meeting", "in", "officials", "may", "troops", "focus", "it", "later", "said", "nothing"],
            "org-heads": ["Forces", "Council", "Front", "Ministry", "Observatory", "Group", "Party", "Assembly", "Battalion", "Battery", "Division"],
            "location-heads": ["Hotel", "Base", "Province", "Palace", "Strait"],
            "location-openers": ["Lake", "Villa", "Camp"],
            "locative-prepositions": ["in", "at", "near", "outside", "into"],
            "direction-prepositions": ["to", "for", "from"],
            "motion-words": ["flew", "trip", "left", "visit", "visited", "arrived"],
            "parts-of-places": ["outskirts", "streets"],
            "place-modifiers": ["talks", "process", "summit", "agreement"],
            "speech-verbs": ["said", "told", "says"],
            "district-words": ["North", "South", "East", "West", "Central"],
            "operation-words": ["Operation", "Exercise"],
            "unit-heads": ["Battalion", "Battery", "Division"],
        ].merging(grammarLists) { own, _ in own }
        return KnowledgeBase(entities: [ru, us, sy, tr, moscow, washington, kremlin, paris, putin, kerry, assad, erdogan, xi,
                                        isis, un, unsc, eu, brussels], lexicons: lexicons)
    }()

    static let analyzer = Analyzer(knowledgeBase: shared)

    /// Entity id of the mention covering `surface` (the n-th occurrence) in `text`.
    static func entity(of surface: String, in text: String, occurrence: Int = 0, published: String? = nil) -> (id: String, type: EntityType, kind: MentionKind)? {
        let a = analyzer.analyze(ArticleInput(text: text, publishedAt: published))
        return find(surface, in: text, analysis: a, occurrence: occurrence)
    }

    static func find(_ surface: String, in text: String, analysis a: Analysis, occurrence: Int = 0) -> (id: String, type: EntityType, kind: MentionKind)? {
        let scalars = Array(text.unicodeScalars)
        let target = Array(surface.unicodeScalars)
        var starts: [Int] = []
        if target.count <= scalars.count {
            for i in 0...(scalars.count - target.count) where Array(scalars[i..<i + target.count]) == target { starts.append(i) }
        }
        guard occurrence < starts.count else { return nil }
        let s = starts[occurrence]
        for e in a.entities {
            for m in e.mentions where m.field == .text && m.start == s && m.end == s + target.count {
                return (e.id, e.type, m.kind)
            }
        }
        return nil
    }
}
