import Foundation
import Testing
@testable import AttacheCore
import AttacheModel

/// The strict loader: the built-in knowledge base loads without a problem, each class of mistake in a user's
/// directory is an error naming its file and line, and an extension can add to or remove from a built-in entity.
/// The records are written for these tests.
@Suite("Knowledge-base loader")
struct KnowledgeBaseLoaderTests {
    /// A fresh directory holding `files` (relative path → contents); removed after `body`.
    @discardableResult
    func withDirectory<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return try body(dir)
    }

    /// The problems of loading `files` alone, each `file:line: message` with the file's path relative to the directory.
    func problems(_ files: [String: String]) throws -> [String] {
        try withDirectory(files) { dir in
            do {
                _ = try KnowledgeBaseLoader.load(directories: [dir], checkSurfaces: true)
                return []
            } catch let error as KnowledgeBaseLoader.LoadError {
                return error.problems.map { $0.summary.replacingOccurrences(of: dir.path + "/", with: "") }
            }
        }
    }

    static let france = #"{"id":"country-fra","type":"country","name":"France","iso2":"FR","iso3":"FRA"}"#

    @Test func theBuiltInKnowledgeBaseLoadsWithoutAProblem() throws {
        let dir = try #require(KnowledgeBaseLoader.builtInDirectory)
        let loaded = try KnowledgeBaseLoader.load(directories: [dir], checkSurfaces: true)
        #expect(loaded.entities.count > 30_000)
        #expect(try EventLexicon.load(directories: [dir]).phraseCount > 0)
    }

    @Test func aGoodDirectoryLoads() throws {
        let found = try problems([
            "countries.jsonl": Self.france,
            "people.jsonl": #"{"id":"person-ana-ruiz","type":"person","name":"Ana Ruiz","country":"FR","roles":[{"title":"Mayor","country":"FR","from":"2020-03"}]}"#,
            "lexicon/titles.txt": "# titles\nHarbour Master\n",
            "README.md": "notes",
        ])
        #expect(found == [])
    }

    @Test func anUnknownKeyNamesTheFileAndLine() throws {
        let found = try problems(["people.jsonl": "# people\n" + #"{"id":"person-a-b","type":"person","name":"A B","nickname":"Ab"}"#])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix(#"people.jsonl:2: unknown key "nickname""#) == true)
    }

    @Test func aKeyOfAnotherFileIsUnknownHere() throws {
        // `roles` belongs to people, not to organizations.
        let found = try problems(["organizations.jsonl": #"{"id":"org-x","type":"organization","name":"X","roles":[]}"#])
        #expect(found.first?.hasPrefix(#"organizations.jsonl:1: unknown key "roles""#) == true)
    }

    @Test(arguments: [
        (#""aliases":"Ville""#, #""aliases" must be a non-empty array"#),
        (#""aliases":["Ville",3]"#, #""aliases" must be a non-empty array of non-empty strings"#),
        (#""needsContext":"yes""#, #""needsContext" must be true or false"#),
        (#""geonamesId":"12""#, #""geonamesId" must be a positive integer"#),
        (#""latitude":"north""#, #""latitude" must be a number"#),
        (#""latitude":95"#, #""latitude" 95.0 is out of range"#),
        (#""name":"""#, #""name" must be a non-empty string"#),
        (#""type":"city""#, #""type" is "city"; every record of locations.jsonl is a location"#),
        (#""id":"Loc-Ville""#, #""id" "Loc-Ville" must be loc- followed by lower-case letters, digits and dashes"#),
        (#""name":"Villé""#, #""name" "Villé" must be plain ASCII"#),
        (#""kind":"town""#, #""kind" "town" is none of body-of-water, city, "#),
    ])
    func aValueOfTheWrongTypeIsAnError(_ member: String, _ message: String) throws {
        // A repeated key keeps its last value (`JSONObject`), so the member given replaces a good one.
        let line = #"{"id":"loc-ville","type":"location","name":"Ville","kind":"city","# + member + "}"
        let found = try problems(["locations.jsonl": line])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("locations.jsonl:1: " + message) == true, "\(found)")
    }

    @Test func aRoleIsCheckedKeyByKey() throws {
        let bad = [
            (#"{"title":"Mayor","country":"FR","since":"2020"}"#, #"unknown key "since" in roles[0] (a role takes title, country, org, from, to)"#),
            (#"{"title":"Mayor","country":"FR","from":"March 2020"}"#, #""roles[0].from" must be a date YYYY, YYYY-MM or YYYY-MM-DD, got "March 2020""#),
            (#"{"country":"FR"}"#, #"roles[0] has no "title""#),
            (#"{"title":"Mayor","country":"FR","from":"2021","to":"2020-05"}"#, "roles[0] runs from 2021 to 2020-05, which is earlier"),
        ]
        for (role, message) in bad {
            let found = try problems([
                "countries.jsonl": Self.france,
                "people.jsonl": #"{"id":"person-a-b","type":"person","name":"A B","roles":["# + role + "]}",
            ])
            #expect(found == ["people.jsonl:1: " + message], "\(role)")
        }
    }

    @Test func aLineThatIsNoJSONObjectIsAnError() throws {
        let found = try problems(["organizations.jsonl": "[1,2]\n{\"id\":\"org-x\",\n"])
        #expect(found.count == 2)
        #expect(found.first == "organizations.jsonl:1: not a JSON object")
        #expect(found.last?.hasPrefix("organizations.jsonl:2: not valid JSON") == true)
    }

    @Test func anUnknownFileNameIsAnError() throws {
        let found = try problems([
            "places.jsonl": "{}",
            "lexicon/colours.txt": "red",
            "lexicon/titles.csv": "Mayor",
            "events/verbs.txt": "met",
        ])
        #expect(found.count == 4)
        #expect(found.contains { $0.hasPrefix("places.jsonl: unknown file") })
        #expect(found.contains { $0.hasPrefix("lexicon/colours.txt: unknown lexicon file") })
        #expect(found.contains { $0.hasPrefix("lexicon/titles.csv: unknown lexicon file") })
        #expect(found.contains { $0.hasPrefix("events/verbs.txt: unknown events file") })
    }

    @Test func anIdDefinedTwiceInOneDirectoryIsAClash() throws {
        let org = #"{"id":"org-harbour-board","type":"organization","name":"Harbour Board","kind":"agency"}"#
        let found = try problems(["organizations.jsonl": org + "\n" + org])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("organizations.jsonl:2: duplicate id org-harbour-board: already defined at ") == true)
        #expect(found.first?.hasSuffix("organizations.jsonl:1") == true)
    }

    /// An extension line in the file of another type: ids carry their type, so the id gives it away.
    @Test func anIdOfAnotherTypeIsAnError() throws {
        try withDirectory(["countries.jsonl": Self.france]) { base in
            try withDirectory(["people.jsonl": #"{"id":"country-fra","aliases":["Marianne"]}"#]) { ext in
                #expect {
                    try KnowledgeBaseLoader.load(directories: [base, ext])
                } throws: { error in
                    (error as? KnowledgeBaseLoader.LoadError)?.message.hasPrefix(#""id" "country-fra" must be person- followed by"#) == true
                }
            }
        }
    }

    @Test func anUnknownCountryCodeIsAnError() throws {
        let found = try problems([
            "countries.jsonl": Self.france,
            "locations.jsonl": #"{"id":"loc-ville","type":"location","name":"Ville","kind":"city","country":"QQ"}"#,
            "people.jsonl": "\n" + #"{"id":"person-a-b","type":"person","name":"A B","country":"FR","roles":[{"title":"Envoy","country":"ZZ"}]}"#,
            "lexicon/combining-forms.txt": "Gallo FR\nAtlanto XA\n",
        ])
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix(#"locations.jsonl:1: unknown country code "QQ""#) })
        #expect(found.contains { $0.hasPrefix(#"people.jsonl:2: unknown country code "ZZ""#) })
        #expect(found.contains { $0.hasPrefix(#"lexicon/combining-forms.txt:2: unknown country code "XA""#) })
    }

    @Test func aTerritoryCodeIsAKnownCountryCode() throws {
        let found = try problems([
            "organizations.jsonl": #"{"id":"org-harbour-board","type":"organization","name":"Harbour Board","kind":"agency","country":"HK"}"#,
            "lexicon/territory-codes.txt": "HK  # Hong Kong\n",
        ])
        #expect(found == [])
    }

    @Test func aRoleInAnUnknownOrganizationIsAnError() throws {
        let found = try problems([
            "people.jsonl": #"{"id":"person-a-b","type":"person","name":"A B","roles":[{"title":"Chair","org":"org-nowhere"}]}"#,
        ])
        #expect(found == [#"people.jsonl:1: unknown organization "org-nowhere" in a role: no organization has this id"#])
    }

    @Test func aMalformedLexiconLineIsAnError() throws {
        let found = try problems([
            "countries.jsonl": Self.france,
            "lexicon/compass-initials.txt": "S. South\nN.\n",
            "lexicon/combining-forms.txt": "Gallo fr\n",
            "lexicon/territory-codes.txt": "Hong Kong\n",
        ])
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix(#"lexicon/compass-initials.txt:2: expected two fields"#) })
        #expect(found.contains { $0.hasPrefix(#"lexicon/combining-forms.txt:1: expected an ISO 3166-1 alpha-2 code"#) })
        #expect(found.contains { $0.hasPrefix(#"lexicon/territory-codes.txt:1: expected an ISO 3166-1 alpha-2 code"#) })
    }

    @Test func oneSurfaceNamesOneCountryAndOnePlace() throws {
        let found = try problems([
            "countries.jsonl": Self.france + "\n" + #"{"id":"country-gal","type":"country","name":"Gallia","aliases":["France"],"capital":"Lutetia"}"#,
            "locations.jsonl": #"{"id":"loc-gallia","type":"location","name":"Gallia","kind":"region"}"#
                + "\n" + #"{"id":"loc-gaul","type":"location","name":"Gaul","aliases":["Galia"],"kind":"region"}"#
                + "\n" + #"{"id":"loc-galia","type":"location","name":"Galia","kind":"city"}"#,
        ])
        #expect(found.count == 4, "\(found)")
        #expect(found.contains { $0.hasPrefix(#"countries.jsonl:2: "France" names both country-gal and country-fra (countries.jsonl:1)"#) })
        #expect(found.contains { $0.hasPrefix(#"locations.jsonl:1: "Gallia" of loc-gallia also names a country"#) })
        #expect(found.contains { $0.hasPrefix(#"locations.jsonl:3: "Galia" names both loc-galia and loc-gaul (locations.jsonl:2)"#) })
        #expect(found.contains { $0.hasPrefix(#"countries.jsonl:2: "Lutetia", the capital or a seat of power of country-gal, names no location"#) })
    }

    /// The surface checks are the checker's: a start-up does not pay for them.
    @Test func aPlainLoadLeavesSurfacesUnchecked() throws {
        try withDirectory(["countries.jsonl": Self.france + "\n" + #"{"id":"country-gal","type":"country","name":"Gallia","aliases":["France"]}"#]) { dir in
            let loaded = try KnowledgeBaseLoader.load(directories: [dir])
            #expect(loaded.entities.count == 2)
            #expect(throws: KnowledgeBaseLoader.LoadError.self) { try KnowledgeBaseLoader.load(directories: [dir], checkSurfaces: true) }
        }
    }

    @Test func everyProblemIsReportedInOnePass() throws {
        let lines = (1...3).map { #"{"id":"org-\#($0)","type":"organization","name":"X","colour":"red"}"# }
        let found = try problems(["organizations.jsonl": lines.joined(separator: "\n")])
        #expect(found.map { $0.prefix(while: { $0 != " " }) } == ["organizations.jsonl:1:", "organizations.jsonl:2:", "organizations.jsonl:3:"])
    }

    @Test func aMissingDirectoryIsAnError() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("kb-missing-\(UUID().uuidString)")
        #expect(throws: KnowledgeBaseLoader.LoadError.self) { try KnowledgeBaseLoader.load(directories: [missing]) }
    }

    // MARK: extensions

    static let person = #"{"id":"person-ana-ruiz","type":"person","name":"Ana Ruiz","aliases":["Anita Ruiz"],"acronyms":["AR"]}"#

    @Test func anExtensionAddsToAnEarlierEntity() throws {
        try withDirectory(["people.jsonl": Self.person]) { base in
            try withDirectory(["people.jsonl": #"{"id":"person-ana-ruiz","aliases":["Ana Ruiz-Vega"]}"#]) { ext in
                let e = try #require(KnowledgeBaseLoader.load(directories: [base, ext]).entities.first)
                #expect(e.aliases == ["Anita Ruiz", "Ana Ruiz-Vega"])
            }
        }
    }

    @Test func anExtensionRemovesABuiltInAlias() throws {
        try withDirectory(["people.jsonl": Self.person]) { base in
            try withDirectory(["people.jsonl": #"{"id":"person-ana-ruiz","remove":["Anita Ruiz","AR"]}"#]) { ext in
                let e = try #require(KnowledgeBaseLoader.load(directories: [base, ext]).entities.first)
                #expect(e.aliases.isEmpty && e.acronyms.isEmpty && e.name == "Ana Ruiz")
            }
        }
    }

    @Test func removingASurfaceTheEntityDoesNotHaveIsAnError() throws {
        try withDirectory(["people.jsonl": Self.person]) { base in
            try withDirectory(["people.jsonl": #"{"id":"person-ana-ruiz","remove":["Ana Ruiz"]}"#]) { ext in
                #expect {
                    try KnowledgeBaseLoader.load(directories: [base, ext])
                } throws: { error in
                    (error as? KnowledgeBaseLoader.LoadError)?.message.hasPrefix(#"cannot remove "Ana Ruiz""#) == true
                }
            }
        }
    }

    @Test func removeOnANewEntityIsAnError() throws {
        let found = try problems(["people.jsonl": #"{"id":"person-x-y","type":"person","name":"X Y","remove":["X"]}"#])
        #expect(found == [#"people.jsonl:1: "remove" applies to an entity of an earlier directory; person-x-y is new"#])
    }

    /// End to end: with the built-in "Britain" removed from the United Kingdom, the word no longer links to it.
    @Test func aRemovedBuiltInAliasNoLongerLinks() throws {
        let sentence = "Officials in Britain met on Monday."
        func countries(_ kb: KnowledgeBase) -> [String] {
            Analyzer(knowledgeBase: kb).analyze(ArticleInput(text: sentence)).entities.map(\.id).filter { $0.hasPrefix("country-") }
        }
        #expect(countries(try KnowledgeBase.load()) == ["country-gbr"])
        try withDirectory(["countries.jsonl": #"{"id":"country-gbr","remove":["Britain"]}"#]) { ext in
            let extended = try KnowledgeBase.load(extraDirectories: [ext])
            #expect(countries(extended) == [])
        }
    }
}
