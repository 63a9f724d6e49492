import AttacheModel

/// Links short forms to entities named in full in the same document:
/// - acronyms defined in brackets ("Rapid Support Forces (RSF)") or formed from a name's initials
///   ("Government of National Accord" … "GNA");
/// - family names and usual given-name short forms of people ("Kerry", "De Mistura", "Abiy").
struct Coreference {
    let kb: KnowledgeBase

    func apply(_ doc: Document) {
        linkAcronyms(doc)
        linkNicknames(doc)
        linkNames(doc)
    }

    static let nicknameCues: [[UInt64]] = [["known", "as"], ["nom", "de", "guerre"], ["alias"], ["dubbed"], ["nicknamed"]]
        .map { $0.map { Folding.hash($0) } }

    /// "Mohamed Hamdan Dagalo, better known as Hemedti": the name after the cue is the same person, here and
    /// wherever it appears again.
    func linkNicknames(_ doc: Document) {
        let t = doc.tokens
        var nicknames: [UInt64: EntityRef] = [:]
        let people = doc.mentions.filter { $0.end > $0.start && entityType($0.ref, doc) == .person }
        for m in people {
            var k = m.end
            var steps = 0
            scan: while k < t.count, steps < 5, t[k].sentence == t[m.start].sentence {
                for cue in Coreference.nicknameCues where k + cue.count < t.count {
                    guard (0..<cue.count).allSatisfy({ t[k + $0].key == cue[$0] }) else { continue }
                    var j = k + cue.count
                    if j < t.count, t[j].has(.openQuote) { j += 1 }
                    var end = j
                    while end < t.count, end - j < 3, t[end].kind == .word, t[end].has(.capitalized), doc.owner[end] < 0 { end += 1 }
                    if end > j {
                        doc.addMention(RawMention(start: j, end: end, ref: m.ref, kind: .alias, confidence: 0.8))
                        if end - j == 1 { nicknames[t[j].key] = m.ref }
                    }
                    break scan
                }
                if k > m.end && doc.owner[k] >= 0 { break }
                k += 1
                steps += 1
            }
        }
        guard !nicknames.isEmpty else { return }
        for i in 0..<t.count where doc.owner[i] < 0 && t[i].kind == .word && t[i].has(.capitalized) {
            if let ref = nicknames[t[i].key] { doc.addMention(RawMention(start: i, end: i + 1, ref: ref, kind: .alias, confidence: 0.8)) }
        }
    }

    func entityType(_ ref: EntityRef, _ doc: Document) -> EntityType { doc.entityType(ref, kb) }

    func linkAcronyms(_ doc: Document) {
        let t = doc.tokens
        var acronyms: [UInt64: EntityRef] = [:]
        // Definitions: NAME ( ACR ); after a person ("Guido Westerwelle (FDP)") the brackets hold a party label.
        for m in doc.mentions where m.end > m.start && entityType(m.ref, doc) != .person {
            let k = m.end
            guard k + 2 < t.count, t[k].key == Keys.openParen, t[k + 2].key == Keys.closeParen,
                  t[k + 1].has(.allCaps), t[k + 1].kind == .word else { continue }
            acronyms[t[k + 1].key] = m.ref
        }
        // Initials of multi-word organization names.
        for m in doc.mentions where m.end - m.start >= 2 {
            guard entityType(m.ref, doc) == .organization else { continue }
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
        for m in doc.mentions where m.end - m.start >= 2 && entityType(m.ref, doc) == .person && m.kind != .surname {
            guard seen.insert(m.ref).inserted else { continue }
            let words = (m.start..<m.end).filter { t[$0].kind == .word && !lex.particles.contains(t[$0].key) && !t[$0].has(.initial) }
            guard let last = words.last, let first = words.first else { continue }
            var familyKey = t[last].key
            if case .kb(let idx) = m.ref, let c = kb.entities[Int(idx)].country, lex.familyNameFirst.contains(c) {
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
            guard doc.isStandalone(i, i + 1, lex) else { continue }
            // "May 9", "last May": the month, not Theresa May.
            if Lexicon.calendarKeys.contains(t[i].key) {
                let dateLike = (i + 1 < t.count && t[i + 1].kind == .number)
                    || (i > 0 && lex.dateCues.contains(t[i - 1].key)) || (i > 0 && t[i - 1].kind == .number)
                if dateLike { continue }
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
