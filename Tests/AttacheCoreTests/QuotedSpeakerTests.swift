@testable import AttacheCore
import AttacheModel
import Testing

/// `QuotedSpeaker.swift`: "we" and "I" inside a quote stand for the speaker named after it.
@Suite struct QuotedSpeakerTests {
    /// The sources of the first event of `type` in `text`.
    func sources(_ type: EventType, _ text: String) throws -> Set<String> {
        let e = try #require(EventsFixture.events(text).first { $0.type == type })
        return Set(e.participants.filter { $0.role == .source }.map(\.entity))
    }

    @Test func theNameBeforeTheVerbOfSayingSpeaks() throws {
        #expect(try sources(.reject, "\"We reject any role for Iran in the talks,\" Sergei Lavrov told reporters.") == ["person-sergei-lavrov"])
        // An apposition may stand between the name and the verb.
        let apposition = "\"We reject any role for Iran in the talks,\" Sergei Lavrov, the foreign minister, told reporters."
        #expect(try sources(.reject, apposition) == ["person-sergei-lavrov"])
    }

    @Test func theNameAfterTheVerbOfSayingSpeaksWithItsTitle() throws {
        #expect(try sources(.appeal, "\"I urge Iran to open the roads,\" said Foreign Minister Boris Johnson.") == ["person-boris-johnson"])
    }

    @Test func noNameOrNoVerbOfSayingGivesNoSpeaker() throws {
        #expect(try sources(.appeal, "\"We urge Iran to open the roads,\" a diplomat said.").isEmpty)
        #expect(try sources(.appeal, "\"We urge Iran to open the roads,\" Boris Johnson wrote in a letter to the council of ministers.").isEmpty)
    }
}
