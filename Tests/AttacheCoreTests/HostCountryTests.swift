@testable import AttacheCore
import AttacheModel
import Testing

/// The host of a meeting held in its capital (`HostCountry.swift`), on sentences of its own.
@Suite struct HostCountryTests {
    func event(_ type: EventType, _ text: String) throws -> Event { try RoleFixture.event(type, text) }

    @Test func aCapitalIsPairedWithItsCountryAndNoOtherCity() {
        let capitals = HostCountry(kb: RoleFixture.kb).countryOfCapital
        #expect(capitals[RoleFixture.index("loc-moscow")] == RoleFixture.index("country-rus"))
        #expect(capitals[RoleFixture.index("loc-sochi")] == nil)
    }

    @Test func aMeetingInACapitalHasItsCountryAsHost() throws {
        let e = try event(.consult, "Russia has a new envoy. Turkey held talks with Iran in Moscow.")
        #expect(e.location == "loc-moscow")
        #expect(e.role(of: "country-rus") == .target)
        #expect(e.role(of: "country-tur") == .source)
    }

    @Test func noHostOutsideACapitalOrAMeetingOrTheText() throws {
        let city = try event(.consult, "Russia has a new envoy. Turkey held talks with Iran in Sochi.")
        #expect(city.role(of: "country-rus") == nil)
        let attack = try event(.assault, "Russia has a new envoy. Turkey attacked Iran in Moscow.")
        #expect(attack.location == "loc-moscow")
        #expect(attack.role(of: "country-rus") == nil)
        let unnamed = try event(.consult, "Turkey held talks with Iran in Moscow.")
        #expect(unnamed.role(of: "country-rus") == nil)
    }
}
