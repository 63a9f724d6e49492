import AttacheModel

/// The host of a meeting held in its capital: "talks in Beijing", "a state visit to Riyadh". The annotation writes
/// the host on the side acted on ("the visitor > the host"), and the capital stands for its country as an actor does
/// (`KBEntity.capital`). Only meetings: a capital is the place of an attack or a protest, not a party to it.
///
/// Applied to the finished events, after merging, as `ActingCountry` is: the host is inferred, not named in the
/// clause.
struct HostCountry: Sendable {
    /// The country whose capital each knowledge-base location is, by the location's index.
    let countryOfCapital: [Int32: Int32]

    /// Pairs each country's `capital` with the location of that name in the same country.
    init(kb: KnowledgeBase) {
        var capitals: [String: Int32] = [:]
        for (i, e) in kb.entities.enumerated() where e.type == .country {
            if let capital = e.capital, let iso2 = e.iso2 { capitals[capital + "\t" + iso2] = Int32(i) }
        }
        var map: [Int32: Int32] = [:]
        for (i, e) in kb.entities.enumerated() where e.type == .location {
            if let iso2 = e.country, let country = capitals[e.name + "\t" + iso2] { map[Int32(i)] = country }
        }
        countryOfCapital = map
    }

    /// Adds to each meeting held in a capital the capital's country as a target, when the document names the country
    /// (`named`, see `ActingCountry.namedCountries`) and the meeting does not already hold it.
    func apply(_ events: inout [RawEvent], named: [Int32]) {
        guard !named.isEmpty else { return }
        for i in events.indices where events[i].type == .consult {
            guard case .kb(let place)? = events[i].location, let country = countryOfCapital[place], named.contains(country) else { continue }
            let ref = EntityRef.kb(country)
            if !events[i].participants.contains(where: { $0.ref == ref }) { events[i].add(ref, .target) }
        }
    }
}
