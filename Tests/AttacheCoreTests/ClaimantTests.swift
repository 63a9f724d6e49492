@testable import AttacheCore
import AttacheModel
import Testing

/// `Claimant.swift`: the one who claimed an attack is the one its condemnation accuses.
@Suite struct ClaimantTests {
    /// The targets of the first accusation in `text`.
    func accused(_ text: String) throws -> Set<String> {
        let e = try #require(EventsFixture.events(text).first { $0.type == .accuse })
        return Set(e.participants.filter { $0.role == .target }.map(\.entity))
    }

    @Test func theAgentOfClaimedIsAccused() throws {
        #expect(try accused("Russia condemned the attacks in Aleppo, including one claimed by Turkey.") == ["country-tur"])
        #expect(try accused("Russia condemned the attacks in Aleppo, which were claimed by Iran.") == ["country-irn"])
    }

    @Test func theSubjectOfClaimedResponsibilityIsAccused() throws {
        #expect(try accused("Russia condemned the bombing in Aleppo, for which Iran has claimed responsibility.") == ["country-irn"])
    }

    @Test func aClaimOfAnythingElseAccusesNoOne() throws {
        #expect(try accused("Russia condemned the attacks in Aleppo, where Iran claimed a victory.").isEmpty)
    }

    @Test func anAccusationWithATargetOfItsOwnKeepsIt() throws {
        #expect(try accused("Russia accused Syria of the attacks in Aleppo, for which Iran has claimed responsibility.") == ["country-syr"])
    }

    @Test func theClaimIsLookedForOnlySoFar() throws {
        let filler = String(repeating: "and the town ", count: EventExtractor.claimReach / 3)
        #expect(try accused("Russia condemned the attacks in Aleppo " + filler + "that were claimed by Iran.").isEmpty)
    }
}
