import AttacheModel

/// A person acting for their country: "Russian Foreign Minister Sergei Lavrov accused Turkey" is Russia accusing
/// Turkey as much as Lavrov, and the annotation writes both on that side ("Sergei Lavrov; Russia > Turkey"). A
/// head of state, minister or envoy speaks for the state whose office they hold; a person who holds no office of
/// a state (an opposition leader, a businessman) speaks for no one but themselves.
///
/// Applied to the finished events, after merging: the country is what a reader infers of a participant, not a
/// name of the clause, so it must not make two events look alike to the merger.
struct ActingCountry: Sendable {
    /// The country each knowledge-base person holds (or held) an office of, by knowledge-base index; -1 for other
    /// entities and for persons whose roles name no country.
    let officeCountry: [Int32]

    /// The country of each person's first role that names one (`KBRole.country`): "Foreign Minister" of RU gives
    /// Russia, "President of the National Assembly" of an organization gives none.
    init(kb: KnowledgeBase) {
        officeCountry = kb.entities.map { e in
            guard e.type == .person, let iso2 = e.roles.lazy.compactMap(\.country).first,
                  let country = kb.countryIndex[iso2] else { return -1 }
            return Int32(country)
        }
    }

    /// The countries the document names, each once: only these can join an event as a person's country, since an
    /// entity the text never names is no part of its analysis.
    static func namedCountries(_ mentions: [RawMention], kbTypes: [EntityType]) -> [Int32] {
        var out: [Int32] = []
        for m in mentions {
            guard case .kb(let i) = m.ref, kbTypes[Int(i)] == .country, !out.contains(i) else { continue }
            out.append(i)
        }
        return out
    }

    /// Adds to each event the country an office holder among its sources or targets acts for, on the person's
    /// side. Only a country in `named` that the event does not already hold (in whatever role) is added.
    func apply(_ events: inout [RawEvent], named: [Int32]) {
        guard !named.isEmpty else { return }
        for i in events.indices { add(to: &events[i], named: named) }
    }

    func add(to e: inout RawEvent, named: [Int32]) {
        var added: [(ref: EntityRef, role: ParticipantRole)] = []
        for p in e.participants where p.role != .participant {
            guard case .kb(let i) = p.ref else { continue }
            let country = officeCountry[Int(i)]
            guard country >= 0, named.contains(country) else { continue }
            let ref = EntityRef.kb(country)
            guard !e.participants.contains(where: { $0.ref == ref }), !added.contains(where: { $0.ref == ref }) else { continue }
            added.append((ref, p.role))
        }
        for a in added { e.add(a.ref, a.role) }
    }
}
