/// Wire headlines shorten a country's compass word to its initial: "S.AFRICA 'S ZULU PROVINCE",
/// "N.KOREA", "S.Korea". An initial from the lexicon file `compass-initials.txt` ("S South") glued to the
/// next word, where the two spelled out name a country of the knowledge base, is a mention of that country
/// (not of the continent or region the second word alone may name).
enum CompassInitials {
    static func apply(_ doc: Document, kb: KnowledgeBase) {
        let t = doc.tokens
        var countries: [String: Int]?
        for k in 0..<max(0, t.count - 1) where t[k].has(.initial) && t[k + 1].kind == .word && !t[k + 1].has(.spaceBefore) {
            guard let word = kb.lexicon.compassInitials[t[k].key] else { continue }
            if countries == nil { countries = countryNames(kb) }
            let name = Folding.fold(word + " " + doc.tokenText(k + 1))
            guard let entity = countries?[name] else { continue }
            let o = doc.owner[k + 1]
            if o >= 0 {
                let m = doc.mentions[Int(o)]
                guard m.start == k + 1, m.end == k + 2 else { continue }
                doc.mentions[Int(o)].end = m.start   // emptied: skipped at output
                doc.owner[k + 1] = -1
            }
            guard doc.owner[k] < 0 else { continue }
            doc.addMention(RawMention(start: k, end: k + 2, ref: .kb(Int32(entity)), kind: .acronym, confidence: 0.8))
        }
    }

    /// Folded name and aliases of every country → its entity index; built only for a text that needs it.
    static func countryNames(_ kb: KnowledgeBase) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, e) in kb.entities.enumerated() where e.type == .country {
            for name in [e.name] + e.aliases where out[Folding.fold(name)] == nil { out[Folding.fold(name)] = i }
        }
        return out
    }
}
