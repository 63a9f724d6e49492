/// Links short forms to entities named in full in the same document:
/// - acronyms defined in brackets ("Rapid Support Forces (RSF)") or formed from a name's initials
///   ("Government of National Accord" … "GNA");
/// - family names and usual given-name short forms of people ("Kerry", "De Mistura", "Abiy").
struct Coreference {
    let kb: KnowledgeBase

    func apply(_ doc: Document) {
        linkAcronyms(doc)
        linkNames(doc)
    }

    /// The entity of a mention.
    func type(of ref: EntityRef, _ doc: Document) -> EntityType {
        switch ref {
        case .kb(let i): kb.entities[Int(i)].type
        case .local(let i): doc.locals[Int(i)].type
        }
    }

    func linkAcronyms(_ doc: Document) {
        let t = doc.tokens
        var acronyms: [UInt64: EntityRef] = [:]
        // Definitions: NAME ( ACR )
        for m in doc.mentions where m.end > m.start {
            let k = m.end
            guard k + 2 < t.count, t[k].key == Keys.openParen, t[k + 2].key == Keys.closeParen,
                  t[k + 1].has(.allCaps), t[k + 1].kind == .word else { continue }
            acronyms[t[k + 1].key] = m.ref
        }
        // Initials of multi-word organization names.
        for m in doc.mentions where m.end - m.start >= 2 {
            guard type(of: m.ref, doc) == .organization else { continue }
            var initials = ""
            for k in m.start..<m.end where t[k].kind == .word && t[k].has(.capitalized) {
                let b = doc.bytes[Int(t[k].start)]
                if b < 0x80 { initials.unicodeScalars.append(Unicode.Scalar(b)) }
            }
            if initials.count >= 2, acronyms[Folding.hash(initials)] == nil {
                acronyms[Folding.hash(initials)] = m.ref
            }
        }
        guard !acronyms.isEmpty else { return }
        for i in 0..<t.count where doc.owner[i] < 0 && t[i].kind == .word && t[i].has(.allCaps) && t[i].length >= 2 {
            if let ref = acronyms[t[i].key] {
                doc.addMention(RawMention(start: i, end: i + 1, ref: ref, kind: .acronym, confidence: 0.8))
            }
        }
    }

    func linkNames(_ doc: Document) {
        let t = doc.tokens
        let lex = kb.lexicon
        // Family names and given names of the people of this document.
        var family: [UInt64: EntityRef] = [:]
        var given: [UInt64: EntityRef] = [:]
        var ambiguousGiven = Set<UInt64>()
        var seen = Set<EntityRef>()
        for m in doc.mentions where m.end - m.start >= 2 && type(of: m.ref, doc) == .person && m.kind != .surname {
            guard seen.insert(m.ref).inserted else { continue }
            let words = (m.start..<m.end).filter { t[$0].kind == .word && !lex.particles.contains(t[$0].key) && !t[$0].has(.initial) }
            guard let last = words.last, let first = words.first else { continue }
            var familyKey = t[last].key
            if case .kb(let idx) = m.ref, let c = kb.entities[Int(idx)].country, KnowledgeBase.familyNameFirst.contains(c) {
                familyKey = t[first].key
            } else if case .local = m.ref, t[m.start].has(.hyphenBefore) == false, isEastAsianShape(doc, m) {
                familyKey = t[first].key
            }
            family[familyKey] = family[familyKey] ?? m.ref
            if first != last {
                if let g = given[t[first].key], g != m.ref { ambiguousGiven.insert(t[first].key) }
                given[t[first].key] = m.ref
            }
        }
        for k in ambiguousGiven { given[k] = nil }
        guard !family.isEmpty || !given.isEmpty else { return }
        var i = 0
        while i < t.count {
            defer { i += 1 }
            guard doc.owner[i] < 0, t[i].kind == .word, t[i].has(.capitalized), !doc.isTitle[i] else { continue }
            // "De Mistura": a particle written capitalised before the family name.
            if lex.particles.contains(t[i].key), i + 1 < t.count, doc.owner[i + 1] < 0, let ref = family[t[i + 1].key] {
                doc.addMention(RawMention(start: i, end: i + 2, ref: ref, kind: .surname, confidence: 0.85))
                i += 1
                continue
            }
            if let ref = family[t[i].key] {
                doc.addMention(RawMention(start: i, end: i + 1, ref: ref, kind: .surname, confidence: 0.85))
            } else if let ref = given[t[i].key], !t[i].has(.allCaps) {
                doc.addMention(RawMention(start: i, end: i + 1, ref: ref, kind: .surname, confidence: 0.7))
            }
        }
    }

    /// Three short parts with a hyphenated last one ("Moon Jae-in", "Tsai Ing-wen"): family name first.
    func isEastAsianShape(_ doc: Document, _ m: RawMention) -> Bool {
        let t = doc.tokens
        let words = (m.start..<m.end).filter { t[$0].kind == .word }
        guard words.count == 3 else { return false }
        return t[words[2]].has(.hyphenBefore) && t[words[0]].length <= 4
    }
}
