import Foundation
import Testing

/// `attache kb check`: the built-in knowledge base passes, a good extension directory passes, and each class of
/// mistake in the fixture directories (`Fixtures/kb/<class>`) fails with status 1 and a `file:line: message` line.
@Suite struct KnowledgeBaseCommandTests {
    static let fixtures = AttacheProcess.packageRoot.appendingPathComponent("Tests/AttacheCLITests/Fixtures/kb")

    func check(_ fixture: String) throws -> AttacheProcess.Result {
        try AttacheProcess.run(["kb", "check", Self.fixtures.appendingPathComponent(fixture).path])
    }

    @Test func theBuiltInKnowledgeBasePasses() throws {
        let r = try AttacheProcess.run(["kb", "check"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("the built-in knowledge base: OK ("))
        #expect(r.stderr.isEmpty)
    }

    /// A new person, an alias added to and one removed from a built-in country, a title added to a lexicon.
    @Test func aGoodExtensionDirectoryPasses() throws {
        let r = try check("good")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("/good: OK ("))
    }

    @Test(arguments: [
        ("unknown-key", "people.jsonl:2: unknown key \"nickname\""),
        ("wrong-type", "locations.jsonl:1: \"aliases\" must be a non-empty array of non-empty strings"),
        ("unknown-file", "places.jsonl: unknown file"),
        ("unknown-file", "lexicon/jobs.txt: unknown lexicon file"),
        ("id-clash", "organizations.jsonl:2: duplicate id org-harbour-board: already defined at "),
        ("unknown-country", "people.jsonl:1: unknown country code \"PX\""),
    ])
    func aMistakeFailsWithItsFileAndLine(_ fixture: String, _ message: String) throws {
        let r = try check(fixture)
        #expect(r.status == 1)
        let path = Self.fixtures.appendingPathComponent(fixture).path + "/"
        #expect(r.stderr.split(separator: "\n").contains { $0.hasPrefix(path + message) }, "\(r.stderr)")
        #expect(r.stderr.hasSuffix("problem(s) in \(path.dropLast())\n"))
        #expect(r.stdout.isEmpty)
    }

    /// The same mistakes stop `analyze --kb` before it reads its input.
    @Test func analyzeRefusesADirectoryWithAMistake() throws {
        let dir = Self.fixtures.appendingPathComponent("unknown-country").path
        let r = try AttacheProcess.run(["analyze", "--kb", dir], input: "Talks were held in Lisbon.")
        #expect(r.status != 0)
        #expect(r.stderr.contains(dir + "/people.jsonl:1: unknown country code \"PX\""))
    }
}
