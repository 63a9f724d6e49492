@testable import AttacheCore
import AttacheModel
import Foundation
import Testing

/// The places of the generated gazetteer: names that need context, places that are part of a person's name,
/// capitals read as places, and the GeoNames fields from the files to the JSON. Sentences written for these tests.
struct GazetteerPlacesTests {
    /// A small knowledge base with places named like words and people, beside `TestKB`'s.
    static let kb: KnowledgeBase = {
        var hr = KBEntity(id: "country-hrv", type: .country, name: "Croatia")
        hr.iso2 = "HR"; hr.iso3 = "HRV"; hr.demonyms = ["Croatian"]; hr.capital = "Zagreb"
        var de = KBEntity(id: "country-deu", type: .country, name: "Germany")
        de.iso2 = "DE"; de.iso3 = "DEU"; de.demonyms = ["German"]; de.capital = "Berlin"
        var iq = KBEntity(id: "country-irq", type: .country, name: "Iraq")
        iq.iso2 = "IQ"; iq.iso3 = "IRQ"; iq.capital = "Baghdad"
        var nz = KBEntity(id: "country-nzl", type: .country, name: "New Zealand")
        nz.iso2 = "NZ"; nz.iso3 = "NZL"; nz.capital = "Wellington"
        func place(_ id: String, _ name: String, _ country: String, needsContext: Bool = false, geonamesId: Int? = nil) -> KBEntity {
            var e = KBEntity(id: id, type: .location, name: name)
            e.country = country; e.kind = "city"; e.needsContext = needsContext; e.geonamesId = geonamesId
            if geonamesId != nil { e.latitude = 45.5; e.longitude = -12.25 }
            return e
        }
        let entities = [
            hr, de, iq, nz,
            place("loc-split", "Split", "HR", needsContext: true, geonamesId: 3_190_261),
            place("loc-davis", "Davis", "US", needsContext: true),
            place("loc-lugo", "Lugo", "ES", geonamesId: 3_117_814),
            place("loc-zagreb", "Zagreb", "HR"),
            place("loc-berlin", "Berlin", "DE"),
            place("loc-baghdad", "Baghdad", "IQ"),
            place("loc-wellington", "Wellington", "NZ"),
            place("loc-minsk", "Minsk", "BY"),
        ]
        let lexicons: [String: [String]] = [
            "titles": ["President", "General"],
            "given-names": ["Fernando"],
            "common-words": ["the", "in", "split", "said", "city"],
            "locative-prepositions": ["in", "at", "near"],
            "direction-prepositions": ["to", "from"],
            "motion-words": ["flew", "visited"],
            "parts-of-places": ["outskirts"],
            "place-modifiers": ["talks", "agreement", "agreements"],
            "speech-verbs": ["said", "told"],
        ].merging(TestKB.grammarLists) { own, _ in own }
        return KnowledgeBase(entities: entities, lexicons: lexicons)
    }()
    static let analyzer = Analyzer(knowledgeBase: kb)

    func id(of surface: String, in text: String, occurrence: Int = 0) -> String? {
        let a = Self.analyzer.analyze(ArticleInput(text: text))
        return TestKB.find(surface, in: text, analysis: a, occurrence: occurrence)?.id
    }

    @Test(arguments: [
        ("The ferry sailed in Split harbour at dawn.", "loc-split"),
        ("SPLIT, Croatia (Reuters) - The ferry sailed.", "loc-split"),
        ("The ferry left Split, Croatia, at dawn.", "loc-split"),
        ("Officials flew to Split on Monday.", "loc-split"),
        ("He was born in the city of Split.", "loc-split"),
    ])
    func aNameLikeAWordCountsWithAPlaceCue(_ text: String, _ expected: String) {
        #expect(id(of: text.hasPrefix("SPLIT") ? "SPLIT" : "Split", in: text) == expected)
    }

    @Test(arguments: [
        "Split decisions are rare in the court.",
        "The party saw a Split vote on Monday.",
        "Davis arrived late for the hearing.",
    ])
    func aNameLikeAWordWithoutACueIsNoPlace(_ text: String) {
        let surface = text.contains("Davis") ? "Davis" : "Split"
        #expect(id(of: surface, in: text) == nil)
    }

    @Test func aPlaceNamedLikeAPersonIsNoPlaceWhenItSpeaksOrFollowsATitle() {
        #expect(id(of: "Lugo", in: "The talks in Lugo went on.") == "loc-lugo")
        #expect(id(of: "Lugo", in: "Later Lugo said the vote was fair.") != "loc-lugo")
        // The speaker is the one before the place: "a senator of Lugo said".
        #expect(id(of: "Lugo", in: "A senator of Lugo said the vote was fair.") == "loc-lugo")
        #expect(id(of: "Lugo", in: "They met President Lugo on Monday.") == "person-lugo")
        #expect(id(of: "Lugo", in: "They met Fernando Lugo on Monday.") == nil)
        #expect(id(of: "Fernando Lugo", in: "They met Fernando Lugo on Monday.") == "person-fernando-lugo")
        // A lower-case particle before the name is no part of a person's name here.
        #expect(id(of: "Lugo", in: "Towns such as Lugo were quiet.") == "loc-lugo")
    }

    @Test(arguments: [
        ("Fighting erupted in Karrada, Baghdad, on Sunday.", "Baghdad", "loc-baghdad"),
        ("A delegation will go to Berlin, Germany for a meeting.", "Berlin", "loc-berlin"),
        ("A flag will fly in the nation's capital, Wellington.", "Wellington", "loc-wellington"),
        ("Progress was made in both Zagreb and Berlin.", "Zagreb", "loc-zagreb"),
        ("Both sides broke the Minsk agreements again.", "Minsk", "loc-minsk"),
        ("Berlin said it would send aid.", "Berlin", "country-deu"),
        ("Baghdad, Berlin and Zagreb agreed on the plan.", "Berlin", "country-deu"),
    ])
    func capitalsArePlacesUnlessTheyAct(_ text: String, _ surface: String, _ expected: String) {
        #expect(id(of: surface, in: text) == expected)
    }

    @Test func locationsCarryTheirGeoNamesFieldsIntoTheJSON() throws {
        let a = Self.analyzer.analyze(ArticleInput(text: "The ferry sailed in Split and in Lugo."))
        let split = try #require(a.entities.first { $0.id == "loc-split" })
        #expect(split.geonamesId == 3_190_261)
        #expect(split.latitude == 45.5 && split.longitude == -12.25)
        let json = String(decoding: a.jsonBytes(), as: UTF8.self)
        #expect(json.contains(#""geonamesId":3190261,"latitude":45.5,"longitude":-12.25"#))
    }

    @Test func theLoaderReadsGeoNamesFieldsAndRejectsBadOnes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("locations.jsonl")
        try #"""
        {"id":"loc-equator","type":"location","name":"Equator Town","kind":"city","geonamesId":12,"latitude":0.0,"longitude":-1.5,"needsContext":true}
        """#.write(to: file, atomically: true, encoding: .utf8)
        let e = try #require(KnowledgeBaseLoader.load(directories: [dir]).entities.first)
        #expect(e.geonamesId == 12 && e.latitude == 0 && e.longitude == -1.5 && e.needsContext)

        for bad in [#""latitude":"north""#, #""latitude":91.0"#, #""longitude":-180.5"#] {
            try #"{"id":"loc-x","type":"location","name":"X",\#(bad)}"#.write(to: file, atomically: true, encoding: .utf8)
            #expect(throws: KnowledgeBaseLoader.LoadError.self) { try KnowledgeBaseLoader.load(directories: [dir]) }
        }
    }
}

/// Names of other times in the shipped knowledge base: former names of states and cities, and their demonyms.
struct HistoricalNamesTests {
    static let analyzer = Analyzer(knowledgeBase: try! KnowledgeBase.load())

    @Test(arguments: [
        ("Zairean troops crossed the border at dawn.", "Zairean", "country-cod"),
        ("Officials in Zaire denied the report.", "Zaire", "country-cod"),
        ("The junta renamed Burma in 1989.", "Burma", "country-mmr"),
        ("Czechoslovakia split into two states.", "Czechoslovakia", "country-csk"),
        ("Bechuanaland became independent.", "Bechuanaland", "country-bwa"),
        ("The Soviet Union collapsed in 1991.", "Soviet Union", "country-sun"),
        ("Troops from East Germany marched.", "East Germany", "country-ddr"),
        ("He was born in Leopoldville in 1950.", "Leopoldville", "loc-kinshasa"),
        ("The delegation flew to Peking for talks.", "Peking", "loc-beijing"),
        ("Riots broke out in Bombay on Monday.", "Bombay", "loc-mumbai"),
    ])
    func formerNamesLinkToTheirEntity(_ text: String, _ surface: String, _ expected: String) {
        let a = Self.analyzer.analyze(ArticleInput(text: text))
        #expect(TestKB.find(surface, in: text, analysis: a)?.id == expected)
    }

    @Test func theShippedGazetteerPlacesItsCitiesOnTheMap() throws {
        let kb = Self.analyzer.knowledgeBase
        let kindu = try #require(kb.entity(id: "loc-kindu"))
        #expect(kindu.country == "CD" && kindu.geonamesId != nil)
        let lat = try #require(kindu.latitude), lon = try #require(kindu.longitude)
        #expect(abs(lat - -2.94) < 0.1 && abs(lon - 25.92) < 0.1)
        #expect(kb.entity(id: "loc-split")?.needsContext == true)
        #expect(kb.entity(id: "loc-kyiv")?.needsContext == false)
    }
}
