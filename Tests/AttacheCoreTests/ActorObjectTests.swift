@testable import AttacheCore
import AttacheModel
import Testing

/// `ActorObject.swift`: a verb of support is aid when its object names an actor, and no event when it names
/// an idea, a plan or a position.
@Suite struct ActorObjectTests {
    func aid(_ text: String) -> [Event] { EventsFixture.events(text).filter { $0.type == .aid } }

    @Test func supportOfANamedActorIsAid() throws {
        let e = try #require(aid("Britain will support Turkey through training and equipment.").first)
        #expect(e.role(of: "country-gbr") == .source)
        #expect(e.role(of: "country-tur") == .target)
        #expect(aid("The alliance has supported Turkey and Syria in the war.").count == 1)
        #expect(aid("Iran supported Syria.").count == 1)
    }

    @Test func aDemonymBeforeAGroupNounIsAnActor() throws {
        let e = try #require(aid("Iran is supporting the Syrian security forces in the north.").first)
        #expect(e.role(of: "country-irn") == .source)
        #expect(e.role(of: "country-syr") == .target)
        #expect(aid("Russia assisted the Syrian government.").count == 1)
    }

    @Test func anAdjectiveAfterADeterminerIsSkippedAndACapitalisedGroupNounCounts() throws {
        let e = try #require(aid("Britain will support the moderate Syrian Opposition in the north.").first)
        #expect(e.role(of: "country-gbr") == .source)
        #expect(e.role(of: "country-syr") == .target)
        #expect(aid("Iran supported the embattled Turkey.").count == 1)
        // Without a determiner the word is no adjective ("the support of Turkey" below); before an idea the
        // adjective changes nothing.
        #expect(aid("Turkey supports the latest Russian proposal on tariffs.").isEmpty)
    }

    @Test func supportOfAnIdeaOrAPlanIsNoAid() {
        #expect(aid("Turkey supports the Russian proposal on tariffs.").isEmpty)
        #expect(aid("Iran supported the idea of a summit.").isEmpty)
        #expect(aid("Britain supports Syrian unity.").isEmpty)
        #expect(aid("Iran supported Russia's position at the talks.").isEmpty)
        #expect(aid("The support of Turkey was needed.").isEmpty)
    }

    @Test func aPlaceIsNoActorObject() {
        #expect(aid("Turkey assisted Aleppo in March.").isEmpty)
    }
}
