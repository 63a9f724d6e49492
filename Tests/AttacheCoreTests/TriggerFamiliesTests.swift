@testable import AttacheCore
import AttacheModel
import Testing

/// The trigger families of issue 14, item 4 that are more than one word in the list: releases and swaps of
/// captives (concede), jailing and extradition (sanction, CAMEO 17), shelling and strikes (assault, 19), and
/// votes and elections between named actors. Sentences of our own, over the small fixture knowledge base.
@Suite struct TriggerFamiliesTests {
    static func event(_ type: EventType, _ text: String) -> Event? {
        EventsFixture.events(text).first { $0.type == type }
    }

    @Test(arguments: [
        ("Turkey released 150 Russian prisoners on Monday.", "country-tur"),
        ("Russia and Turkey exchanged prisoners on Sunday.", "country-rus"),
        ("Russia swapped two of its hostages with Turkey.", "country-rus"),
        ("Iran agreed to free Sergei Lavrov on Monday.", "person-sergei-lavrov"),
        ("Syria said the hostages would be released by Turkey.", "country-tur"),
    ])
    func lettingCaptivesGoIsAConcession(_ text: String, _ participant: String) throws {
        let e = try #require(Self.event(.concede, text), "\(text)")
        #expect(e.entityIDs.contains(participant))
        #expect(e.cameo == "08")
    }

    @Test(arguments: [
        "Turkey released a statement on Syria on Monday.",
        "Russia and Turkey exchanged views on Syria.",
        "Russia released a report on prisoners in Syria.",
        "Iran wants a free press in Syria.",
        // Captives let go by nobody named are no event between actors.
        "The hostages were released on Monday.",
    ])
    func lettingAnythingElseGoIsNoConcession(_ text: String) {
        #expect(Self.event(.concede, text) == nil, "\(text)")
    }
}
