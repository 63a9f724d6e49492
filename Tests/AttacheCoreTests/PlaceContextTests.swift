import Testing
@testable import AttacheCore

/// Places the gazetteer lacks, told by the places around them.
struct PlaceContextTests {
    let kb = TestKB.self

    @Test(arguments: [
        ("The engineer grew up in Tolvik, Turkey, before joining the army.", "Tolvik"),
        ("She is a native of Marnsby, Syria and speaks three languages.", "Marnsby"),
        ("Aid convoys arrived in Bel Haroun, Syria on Tuesday.", "Bel Haroun"),
    ])
    func addressShapeMakesAPlace(_ text: String, _ name: String) {
        #expect(kb.entity(of: name, in: text)?.type == .location)
    }

    @Test(arguments: [
        ("Shelling was reported in Moscow and Ostrovka overnight.", ["Ostrovka"]),
        ("The attacks on Paris, Dorval and Quillan were condemned.", ["Dorval", "Quillan"]),
        ("Convoys left Zarnik or Paris each morning.", ["Zarnik"]),
    ])
    func unknownNamesListedWithPlacesArePlaces(_ text: String, _ names: [String]) {
        for name in names { #expect(kb.entity(of: name, in: text)?.type == .location, "\(name)") }
    }

    @Test(arguments: [
        // A comma alone is an apposition, not a list.
        "In Paris, Dorval spoke to the press.",
        // A list with a person in it is not a list of places.
        "Vladimir Putin and Dorval met in Paris.",
        // A country and an unknown name: governments list with companies ("Russia and Gazprom").
        "Russia and Dorval signed the contract.",
        // After a person, "Dorval, Turkey" is not an address.
        "Vladimir Putin told Dorval, Turkey's envoy, to wait.",
    ])
    func noPlaceWithoutPlaceCompany(_ text: String) {
        #expect(kb.entity(of: "Dorval", in: text)?.type != .location)
    }

    @Test func aNameUsedAsAPlaceIsAPlaceWhereverItStandsAlone() {
        let text = "Rebels took the town of Quillan on Monday. Quillan had been held by the army since 2014."
        #expect(kb.entity(of: "Quillan", in: text)?.type == .location)
        let later = kb.entity(of: "Quillan", in: text, occurrence: 1)
        #expect(later?.type == .location)
        #expect(later?.id == kb.entity(of: "Quillan", in: text)?.id)
    }
}

/// Names that look like places or people by their position and are neither, and military units.
struct OperationAndUnitNameTests {
    let kb = TestKB.self

    @Test(arguments: [
        ("Troops from six nations took part in Exercise Silver Falcon last week.", "Exercise Silver Falcon"),
        ("The strikes were carried out under Operation Northern Shield near the border.", "Operation Northern Shield"),
    ])
    func namedOperationsAreNoPlaces(_ text: String, _ name: String) {
        #expect(kb.entity(of: name, in: text) == nil)
        #expect(kb.entity(of: String(name.split(separator: " ").dropFirst().joined(separator: " ")), in: text) == nil)
    }

    @Test func aHeadingInTitleCaseIsNoPlaceByItsPreposition() {
        let text = "Forces Advance in Second Offensive Phase\nThe army moved north on Monday."
        #expect(kb.entity(of: "Second Offensive Phase", in: text) == nil)
    }

    @Test(arguments: [
        ("Soldiers of the 3rd Battalion fired the first rounds.", "3rd Battalion"),
        ("A sergeant in Baker Battery described the drill.", "Baker Battery"),
        ("The 82nd Airborne Division was put on alert.", "82nd Airborne Division"),
    ])
    func militaryUnitsAreOrganizations(_ text: String, _ name: String) {
        #expect(kb.entity(of: name, in: text)?.type == .organization)
    }
}
