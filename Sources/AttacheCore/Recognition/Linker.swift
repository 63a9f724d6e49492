import AttacheModel

/// Turns dictionary hits into mentions of one entity each: titles set aside, surnames linked to people of
/// the document, capitals and seats of power read as government or place (`Metonymy`).
struct Linker {
    let kb: KnowledgeBase
    /// Publication date (ISO), to prefer people in office.
    let date: String?

    func link(_ doc: Document, _ matches: [DictMatch], alsoNamed: Set<Int32> = []) {
        let entries = kb.gazetteer.entries
        // People named in full somewhere in the document: their surnames link anywhere in it.
        var fullPeople = alsoNamed
        for m in matches {
            for e in m.entries {
                let entry = entries[Int(e)]
                if entry.target >= 0, entry.kind == .name || entry.kind == .alias,
                   kb.entities[Int(entry.target)].type == .person, entry.tokenCount >= 2 {
                    fullPeople.insert(entry.target)
                }
            }
        }
        for m in matches {
            resolve(m, doc, fullPeople)
        }
    }

    func resolve(_ m: DictMatch, _ doc: Document, _ fullPeople: Set<Int32>) {
        let entries = kb.gazetteer.entries
        var cands: [GazetteerEntry] = m.entries.map { entries[Int($0)] }
        let hasTitle = cands.contains { $0.target < 0 }
        cands.removeAll { $0.target < 0 }
        // Weak surname links: only to people named in full here, or to the one person of that name in office.
        let surnameOnly = cands.allSatisfy { $0.kind == .surname }
        // A one-word person name that is also a month or weekday ("May") needs the full name in the text
        // and no date shape around it ("last May", "May 9").
        if m.end - m.start == 1, kb.lexicon.neverNames.contains(doc.tokens[m.start].key) {
            let dateLike = (m.end < doc.count && doc.tokens[m.end].kind == .number)
                || (doc.previous(m.start, skippingThe: false).map { kb.lexicon.dateCues.contains(doc.tokens[$0].key) } ?? false)
            cands.removeAll { c in kb.entities[Int(c.target)].type == .person && (dateLike || !fullPeople.contains(c.target)) }
        }
        // A one-word person alias glued to other capitalised words is part of an unknown longer name
        // ("Petro Poroshenko" is not Gustavo Petro).
        if m.end - m.start == 1, !doc.isStandalone(m.start, m.end, kb.lexicon) {
            cands.removeAll { c in kb.entities[Int(c.target)].type == .person && !(c.kind == .name) }
        }
        let seatOfPower = cands.contains { $0.kind == .capital || $0.kind == .metonym }
        cands.removeAll { c in isUnsupportedPlace(c, doc, m, seatOfPower: seatOfPower) }
        cands.removeAll { c in
            guard c.kind == .surname else { return false }
            if fullPeople.contains(c.target) { return false }
            if !surnameOnly { return true }
            return !isLikelyAlone(c.target, doc, m)
        }
        if cands.isEmpty {
            if hasTitle { for k in m.start..<m.end { doc.isTitle[k] = true } }
            return
        }
        if hasTitle && cands.allSatisfy({ $0.kind == .surname }) && !cands.contains(where: { fullPeople.contains($0.target) }) {
            for k in m.start..<m.end { doc.isTitle[k] = true }
            return
        }
        // A person named in this document wins a bare surname over places that share it.
        if let p = cands.first(where: { $0.kind == .surname && fullPeople.contains($0.target) }), doc.isStandalone(m.start, m.end, kb.lexicon) {
            doc.addMention(RawMention(start: m.start, end: m.end, ref: .kb(p.target), kind: .surname, confidence: 0.9))
            return
        }
        let metonymic = cands.contains { $0.kind == .capital || $0.kind == .metonym }
        if metonymic {
            let actors = cands.filter { $0.kind == .capital || $0.kind == .metonym }
            let reading = isFollowedByOwnCountry(doc, m.end, actors) ? .place : Metonymy.classify(doc, m.start, m.end, kb: kb)
            let places = cands.filter { kb.entities[Int($0.target)].type == .location }
            if reading != .place {
                // An explicit seat of power ("Brussels" for the EU) over a capital of the same name.
                let seats = actors.filter { $0.kind == .metonym }
                let a = best(seats.isEmpty ? actors : seats)
                doc.addMention(RawMention(start: m.start, end: m.end, ref: .kb(a.target), kind: .metonym, confidence: reading == .actor ? 0.85 : 0.6))
            } else if let p = places.first {
                doc.addMention(RawMention(start: m.start, end: m.end, ref: .kb(p.target), kind: .name, confidence: reading == .place ? 0.9 : 0.7))
            } else {
                let name = Folding.stripAccents(doc.text(m.start, m.end))
                let ref = doc.local(type: .location, name: name, keys: doc.tokens[m.start..<m.end].map(\.key), confidence: 0.7)
                doc.addMention(RawMention(start: m.start, end: m.end, ref: ref, kind: .name, confidence: 0.7))
            }
            return
        }
        let c = best(cands)
        doc.addMention(RawMention(start: m.start, end: m.end, ref: .kb(c.target), kind: mentionKind(c.kind), confidence: c.kind == .surname ? 0.6 : 0.95))
    }

    /// A place reading the context rules out: a place named like a word or a person ("Split", "Obama") with
    /// no place cue around it, or a one-word place right after a title ("President Lugo") or glued to other
    /// capitalised words ("Fernando Lugo"), which make it part of a person's name.
    /// A capital or seat of power (`seatOfPower`) is left to `Metonymy`.
    func isUnsupportedPlace(_ c: GazetteerEntry, _ doc: Document, _ m: DictMatch, seatOfPower: Bool) -> Bool {
        guard c.kind == .name || c.kind == .alias, kb.entities[Int(c.target)].type == .location else { return false }
        if m.end - m.start == 1 && !seatOfPower {
            if m.start > 0, doc.isTitle[m.start - 1], doc.tokens[m.start - 1].sentence == doc.tokens[m.start].sentence { return true }
            if !doc.isStandalone(m.start, m.end, kb.lexicon, particleBefore: false) { return true }
        }
        // A town does not speak; a person or a body named like it does ("Davis said"). Not after a lower-case
        // word: "Helms of North Carolina said" is the senator speaking.
        let afterLowercase = m.start > 0 && doc.tokens[m.start - 1].has(.lowercase)
            && doc.tokens[m.start - 1].sentence == doc.tokens[m.start].sentence
        if !seatOfPower, m.end - m.start == 1, !afterLowercase, isFollowedBySpeechVerb(doc, m.end) { return true }
        return kb.entities[Int(c.target)].needsContext && !Linker.hasPlaceContext(doc, m.start, m.end, kb)
    }

    /// The token at `i` is a verb of saying in lower case, in the same sentence as the token before it.
    func isFollowedBySpeechVerb(_ doc: Document, _ i: Int) -> Bool {
        guard i < doc.count, i > 0, doc.tokens[i].sentence == doc.tokens[i - 1].sentence else { return false }
        let t = doc.tokens[i]
        return t.kind == .word && t.has(.lowercase) && kb.lexicon.speechVerbs.contains(t.key)
    }

    /// "Berlin, Germany": a capital followed by a comma and the name of its own country is the city.
    func isFollowedByOwnCountry(_ doc: Document, _ end: Int, _ actors: [GazetteerEntry]) -> Bool {
        guard end + 1 < doc.count, doc.tokens[end].key == Keys.comma, doc.tokens[end + 1].sentence == doc.tokens[end].sentence else { return false }
        return Linker.phrases(startingAt: end + 1, doc, kb).contains { entry in
            (entry.kind == .name || entry.kind == .alias) && actors.contains { $0.target == entry.target }
        }
    }

    /// A cue that the words at `start..<end` name a place: the dateline, the place cues of `Metonymy` ("in",
    /// "flew to", "the outskirts of", "X talks"), a place noun before "of" ("the town of"), or a country or
    /// known place after a comma ("Split, Croatia").
    static func hasPlaceContext(_ doc: Document, _ start: Int, _ end: Int, _ kb: KnowledgeBase) -> Bool {
        if Metonymy.classify(doc, start, end, kb: kb) == .place { return true }
        let t = doc.tokens
        if let p = doc.previous(start, skippingThe: false), t[p].key == Keys.of, p > 0, kb.lexicon.placeNouns.contains(t[p - 1].key) {
            return true
        }
        if end + 1 < t.count, t[end].key == Keys.comma, t[end + 1].sentence == t[start].sentence, t[end + 1].has(.capitalized) {
            return namesCountryOrPlace(doc, end + 1, kb)
        }
        return false
    }

    /// A country or a place (not one that itself needs context) is named from token `i` on.
    static func namesCountryOrPlace(_ doc: Document, _ i: Int, _ kb: KnowledgeBase) -> Bool {
        phrases(startingAt: i, doc, kb).contains { entry in
            guard entry.kind == .name || entry.kind == .alias || entry.kind == .acronym else { return false }
            let type = kb.entities[Int(entry.target)].type
            return type == .country || (type == .location && !kb.entities[Int(entry.target)].needsContext)
        }
    }

    /// The entity entries of the dictionary phrases that start at token `i`, up to `maxPlaceWords` words in its sentence.
    static func phrases(startingAt i: Int, _ doc: Document, _ kb: KnowledgeBase) -> [GazetteerEntry] {
        let g = kb.gazetteer
        var out: [GazetteerEntry] = []
        var node: Int32 = 0
        var k = i
        while k < doc.count, k - i < maxPlaceWords, doc.tokens[k].sentence == doc.tokens[i].sentence, let next = g.child(node, doc.tokens[k].key) {
            node = next
            k += 1
            for x in g.entriesAt(node) ?? [] where g.entries[Int(x)].target >= 0 { out.append(g.entries[Int(x)]) }
        }
        return out
    }

    /// The longest country or place name looked for after a comma ("Democratic Republic of the Congo").
    static let maxPlaceWords = 6

    /// A bare surname with no full name in the text: the unique person of that name in the knowledge base
    /// whose role covers the publication date (or any, without a date), not at the start of a sentence.
    func isLikelyAlone(_ person: Int32, _ doc: Document, _ m: DictMatch) -> Bool {
        // Part of a longer name the dictionary lacks ("John Sullivan" is not Jake Sullivan).
        guard doc.isStandalone(m.start, m.end, kb.lexicon) else { return false }
        let key = doc.tokens[m.end - 1].key
        guard m.end - m.start == 1, let people = kb.surnames[key], people.count == 1 else {
            // Several people share it: only the one in office at the date.
            guard let date, let people = kb.surnames[doc.tokens[m.end - 1].key] else { return false }
            let inOffice = people.filter { kb.entities[Int($0)].roles.contains { $0.isValid(on: date) } }
            return inOffice == [person]
        }
        guard let date else { return true }
        let roles = kb.entities[Int(person)].roles
        return roles.isEmpty || roles.contains { $0.isValid(on: date) }
    }

    /// The best of several readings of one phrase: country over organization over location over person,
    /// full names over aliases over short forms, and people in office at the date.
    func best(_ cands: [GazetteerEntry]) -> GazetteerEntry {
        func rank(_ c: GazetteerEntry) -> Int {
            let e = kb.entities[Int(c.target)]
            let kindRank: Int
            switch c.kind {
            case .name: kindRank = 0
            case .alias: kindRank = 1
            case .acronym: kindRank = 2
            case .demonym: kindRank = 3
            case .metonym: kindRank = 4
            case .capital: kindRank = 5
            default: kindRank = 6
            }
            let typeRank: Int
            switch e.type {
            case .country: typeRank = 0
            case .organization: typeRank = 1
            case .location: typeRank = 2
            case .person: typeRank = 3
            }
            var inOffice = 1
            if let date, e.type == .person, e.roles.contains(where: { $0.isValid(on: date) }) { inOffice = 0 }
            return inOffice * 100 + kindRank * 10 + typeRank
        }
        return cands.min { rank($0) < rank($1) }!
    }

    func mentionKind(_ k: EntryKind) -> MentionKind {
        switch k {
        case .name: .name
        case .alias: .alias
        case .acronym: .acronym
        case .demonym: .demonym
        case .metonym, .capital: .metonym
        case .surname: .surname
        case .title, .honorific: .name
        }
    }
}

extension Folding {
    /// The text with diacritics removed and case kept: canonical names carry no accents.
    public static func stripAccents(_ s: String) -> String {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x80 { out.unicodeScalars.append(scalar); continue }
            if scalar.value == 0x2019 { out += "'"; continue }
            if let base = latinBase(scalar.value) {
                out += scalar.properties.isUppercase ? base.prefix(1).uppercased() + base.dropFirst() : base
                continue
            }
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
