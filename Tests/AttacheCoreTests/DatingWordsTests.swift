import Foundation
import Testing
@testable import AttacheCore

/// The dating rules' word sets are knowledge-base data: loaded strictly, extended by a user's directory.
@Suite struct DatingWordsTests {
    /// The lists, each with one word of its own, as a user's directory that loads alone would hold them.
    static let complete = [
        "lexicon/simultaneity-openers.txt": "when\n",
        "lexicon/period-openers.txt": "since\n",
        "lexicon/inexact-shift-units.txt": "weeks\n",
        "lexicon/shift-directions.txt": "after\n",
        "lexicon/sequence-openers.txt": "afterwards\n",
        "lexicon/speech-time-words.txt": "today\n",
        "lexicon/onset-nouns.txt": "effect\n",
        "lexicon/onset-lead-ins.txt": "into\n",
        "lexicon/response-verbs.txt": "responded\n",
    ]

    /// A fresh directory holding `files`, as the loader's tests make them.
    func withDirectory<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        try KnowledgeBaseLoaderTests().withDirectory(files, body)
    }

    @Test func theBuiltInListsHoldTheRulesWords() {
        let words = EventsFixture.kb.lexicon.dating
        #expect(["when", "while", "as"].allSatisfy { words.simultaneity.contains(Folding.hash($0)) })
        #expect(words.periodOpeners.contains(Folding.hash("since")))
        #expect(words.inexactShiftUnits.contains(Folding.hash("months")))
        #expect(words.shiftDirections.contains(Folding.hash("before")))
        #expect(words.sequenceOpeners.contains(Folding.hash("afterwards")))
        #expect(words.speechTime.contains(Folding.hash("today")))
        #expect(["effect", "force"].allSatisfy { words.onsetNouns.contains(Folding.hash($0)) })
        #expect(["took", "into"].allSatisfy { words.onsetLeadIns.contains(Folding.hash($0)) })
        #expect(words.responseVerbs.contains(Folding.hash("retaliated")))
        // Each list holds its own words only.
        #expect(!words.simultaneity.contains(Folding.hash("since")))
        #expect(!words.inexactShiftUnits.contains(Folding.hash("days")))
    }

    @Test func aMissingListIsALoadErrorNamingIt() throws {
        var files = Self.complete
        files["lexicon/shift-directions.txt"] = nil
        try withDirectory(files) { dir in
            do {
                _ = try KnowledgeBase.load(extraDirectories: [dir], includeBuiltIn: false)
                Issue.record("a knowledge base without lexicon/shift-directions.txt loaded")
            } catch let error as KnowledgeBaseLoader.LoadError {
                #expect(error.problems.map(\.summary) == [
                    "lexicon/shift-directions.txt: missing: no knowledge-base directory holds this required word list",
                ])
            }
        }
        // With all of them the same directory loads.
        let kb = try withDirectory(Self.complete) { try KnowledgeBase.load(extraDirectories: [$0], includeBuiltIn: false) }
        #expect(kb.lexicon.dating.shiftDirections.contains(Folding.hash("after")))
    }

    @Test func aLineOfTwoWordsIsALoadErrorWithItsLine() throws {
        var files = Self.complete
        files["lexicon/period-openers.txt"] = "# openers\nsince\never since\n"
        try withDirectory(files) { dir in
            do {
                _ = try KnowledgeBaseLoader.load(directories: [dir])
                Issue.record("a two-word line in lexicon/period-openers.txt loaded")
            } catch let error as KnowledgeBaseLoader.LoadError {
                let found = error.problems.map(\.summary)
                #expect(found.count == 1, "\(found)")
                #expect(found.first?.hasSuffix(#"lexicon/period-openers.txt:3: expected one word a line, got "ever since""#) == true)
            }
        }
    }

    @Test func aUsersListAddsToTheBuiltInOne() throws {
        let kb = try withDirectory(["lexicon/simultaneity-openers.txt": "whilst\n"]) { try KnowledgeBase.load(extraDirectories: [$0]) }
        #expect(kb.lexicon.dating.simultaneity.contains(Folding.hash("whilst")))
        #expect(kb.lexicon.dating.simultaneity.contains(Folding.hash("when")))
    }
}
