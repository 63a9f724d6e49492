/// "Franco-German", "Sino-US", "Anglo-Irish": a combining form of a country joined to another country word is
/// a mention of each country, as any demonym is. Joined to anything else ("Franco-African summit",
/// "Indo-Pacific", "Anglo-Saxon") the form names no country, and the compound is never a person's name.
/// The forms and their countries are the lexicon file `combining-forms.txt` ("Sino CN").
enum CombiningForms {
    /// The country (ISO 3166-1 alpha-2) of the combining form at `k`, when it is joined by a hyphen to the
    /// next word ("Sino" in "Sino-US"), or nil.
    static func country(_ doc: Document, _ k: Int, _ lex: Lexicon) -> String? {
        guard k + 1 < doc.count, doc.tokens[k].has(.capitalized), doc.tokens[k + 1].has(.hyphenBefore) else { return nil }
        return lex.combiningForms[doc.tokens[k].key]
    }

    /// Adds a country mention for each combining form joined to a country or to another form.
    static func apply(_ doc: Document, kb: KnowledgeBase) {
        for k in 0..<doc.count where doc.owner[k] < 0 {
            guard let code = country(doc, k, kb.lexicon), let entity = kb.countryIndex[code],
                  joinsCountry(doc, k + 1, kb: kb) else { continue }
            doc.addMention(RawMention(start: k, end: k + 1, ref: .kb(Int32(entity)), kind: .demonym, confidence: 0.8))
        }
    }

    /// The hyphen-joined word at `k` is a country mention ("German", "US") or another combining form.
    static func joinsCountry(_ doc: Document, _ k: Int, kb: KnowledgeBase) -> Bool {
        if country(doc, k, kb.lexicon) != nil { return true }
        if kb.lexicon.combiningForms[doc.tokens[k].key] != nil { return true }
        let o = doc.owner[k]
        guard o >= 0, case .kb(let i) = doc.mentions[Int(o)].ref else { return false }
        return kb.entities[Int(i)].type == .country && doc.mentions[Int(o)].start == k
    }

    /// The token at `k` belongs to a combining-form compound ("Franco" or "African" of "Franco-African").
    static func isInCompound(_ doc: Document, _ k: Int, _ lex: Lexicon) -> Bool {
        if country(doc, k, lex) != nil { return true }
        return k > 0 && doc.tokens[k].has(.hyphenBefore) && country(doc, k - 1, lex) != nil
    }
}
