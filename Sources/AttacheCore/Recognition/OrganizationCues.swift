/// Organizations the knowledge base lacks, named by their context rather than by a head noun:
/// - an acronym defined in brackets after a name ("the Radical Democrats (FDP)"): the name is an
///   organization and, in this article, the acronym is its alias, whatever else the acronym may mean;
/// - media cues: "the daily Mlada Fronta Dnes", "the Lidove Noviny newspaper", "Yonhap news agency",
///   "told the Guardian".
struct OrganizationCues {
    let kb: KnowledgeBase
    let patterns: NamePatterns

    /// Words of an organization's name found from a cue ("Democratic Alliance for the Betterment of ...").
    static let maxNameWords = 6
    /// Letters of a bracketed acronym: "(FDP)", "(CPRF)", "(HDZ)"; a single capital is a list marker.
    static let minAcronymLetters = 2

    func apply(_ doc: Document) {
        findAcronymAliases(doc)
        findMediaNames(doc)
        findBareHeads(doc)
        linkShortenedNames(doc)
        absorbCountryPrefixes(doc)
    }

    // MARK: A person's party or employer

    /// "Raymond Chan of People Power", "Nathan Law of Demosisto", "Youngspiration's Baggio Leung": a name the
    /// knowledge base lacks, tied to a person by "of" after the name or by a possessive before it, is the
    /// person's party, group or employer. Runs after people and places, so that a known or patterned place
    /// ("Smith of Ohio", "of Kowloon") has already been claimed and only free names are taken.
    func findAffiliations(_ doc: Document) {
        let t = doc.tokens
        var k = 1
        while k + 1 < t.count {
            defer { k += 1 }
            if t[k].key == Keys.of, t[k].has(.lowercase), isPersonEnd(doc, k) {
                var start = k + 1
                let article = t[start].key == Keys.the
                if article, start + 1 < t.count { start += 1 }
                guard var end = freeRun(doc, from: start) else { continue }
                // "Ann Chiang of DAB In the west seat": a caption run on; the capitalised preposition opens a clause.
                if let opener = (start..<end).first(where: { patterns.opensClause(doc, $0) }) { end = opener }
                guard end > start, end >= t.count || !continuesName(doc, end, afterArticle: article) else { continue }
                guard !isBarePlaceShaped(doc, start, end, afterArticle: article) else { continue }
                doc.addPatternMention(type: .organization, start, end, confidence: 0.6)
            } else if t[k].key == Keys.possessive, isPersonStart(doc, k + 1),
                      let start = freeRunBack(doc, endingAt: k), !(start > 0 && t[start - 1].key == Keys.of) {
                doc.addPatternMention(type: .organization, start, k, confidence: 0.6)
            }
        }
        retypePrepositionPlaces(doc)
    }

    /// "leadership in Civic Passion ... Civic Passion's Wong Yeung-tat": a name the article reads as a place
    /// from a locative preposition alone, and elsewhere as an organization from a person's possessive or "of",
    /// is the organization.
    func retypePrepositionPlaces(_ doc: Document) {
        for at in doc.mentions.indices where doc.mentions[at].end > doc.mentions[at].start {
            guard case .local(let i) = doc.mentions[at].ref else { continue }
            let place = doc.locals[Int(i)]
            guard place.type == .location, place.confidence <= NamePatterns.prepositionPlaceConfidence,
                  let org = doc.existingLocal(type: .organization, name: place.name) else { continue }
            doc.mentions[at].ref = org
        }
    }

    /// "Mayor Tom Bates of Berkeley", "Dr. Jane Doe of Springvale": one capitalised word after "PERSON of" is
    /// as often the person's town as their group, and a town outside the gazetteer must not become a body. An
    /// acronym ("of LSD"), a name of several words ("of People Power") or one after "the" ("of the Greens")
    /// still names the group.
    func isBarePlaceShaped(_ doc: Document, _ start: Int, _ end: Int, afterArticle: Bool) -> Bool {
        end - start == 1 && !afterArticle && !doc.tokens[start].has(.allCaps)
    }

    /// A person's mention ends right before token `k`, in its sentence.
    func isPersonEnd(_ doc: Document, _ k: Int) -> Bool {
        let o = doc.owner[k - 1]
        guard o >= 0, doc.tokens[k - 1].sentence == doc.tokens[k].sentence else { return false }
        let m = doc.mentions[Int(o)]
        return m.end == k && doc.entityType(m.ref, kb) == .person
    }

    /// A person's mention opens at token `k`.
    func isPersonStart(_ doc: Document, _ k: Int) -> Bool {
        let o = doc.owner[k]
        guard o >= 0 else { return false }
        let m = doc.mentions[Int(o)]
        return m.start == k && doc.entityType(m.ref, kb) == .person
    }

    /// The token after a run carries the name on ("of People Power's" is a possessive, "of Civic Party-backed"
    /// a modifier), or, after "the", the run qualifies a common noun ("of the Social Welfare constituency"):
    /// a lower-case word there that is not a verb, preposition or link.
    func continuesName(_ doc: Document, _ end: Int, afterArticle: Bool) -> Bool {
        let t = doc.tokens
        guard t[end].sentence == t[end - 1].sentence else { return false }
        if t[end].key == Keys.possessive || t[end].has(.hyphenBefore) { return true }
        guard afterArticle, t[end].kind == .word, t[end].has(.lowercase) else { return false }
        let lex = kb.lexicon
        return !(lex.auxiliaries.contains(t[end].key) || lex.nameConnectors.contains(t[end].key) || lex.clauseLinks.contains(t[end].key)
                 || lex.locativePrepositions.contains(t[end].key) || lex.directionPrepositions.contains(t[end].key))
    }

    // MARK: A country before a body's name

    /// "U.S. Department of State", "Iraqi Ministry of Defence": a country word right before an organization
    /// whose name opens with its head noun is part of that name (the guideline: a country inside an
    /// organization's name is not separate).
    func absorbCountryPrefixes(_ doc: Document) {
        let t = doc.tokens
        for at in doc.mentions.indices {
            let m = doc.mentions[at]
            guard m.end > m.start, m.start > 0, kb.lexicon.orgHeads.contains(t[m.start].key), t[m.start].has(.capitalized),
                  doc.entityType(m.ref, kb) == .organization, t[m.start - 1].sentence == t[m.start].sentence else { continue }
            let o = doc.owner[m.start - 1]
            guard o >= 0, doc.mentions[Int(o)].end == m.start, doc.entityType(doc.mentions[Int(o)].ref, kb) == .country else { continue }
            let country = doc.mentions[Int(o)]
            doc.mentions[Int(o)].end = country.start   // emptied: skipped at output
            for k in country.start..<m.start { doc.owner[k] = Int32(at) }
            doc.mentions[at].start = country.start
        }
    }

    // MARK: Shortened names

    /// "the Italian Supreme Court of Cassation ... the Supreme Court": an organization found by pattern whose
    /// words are a run of the words of a longer one in the article is that organization. So is one with the
    /// same words as another, written with other punctuation ("New People's Party ... New People Party").
    func linkShortenedNames(_ doc: Document) {
        let t = doc.tokens
        let shortened = doc.mentions.indices.filter {
            let m = doc.mentions[$0]
            guard m.end - m.start >= 2, case .local = m.ref else { return false }
            return doc.entityType(m.ref, kb) == .organization
        }
        guard !shortened.isEmpty else { return }
        func words(_ m: RawMention) -> [UInt64] { t[m.start..<m.end].filter { $0.kind == .word }.map(\.key) }
        // Every run of two words or more of each name, to the longest name holding it (the first of equals).
        var runs: [[UInt64]: (ref: EntityRef, length: Int)] = [:]
        for m in doc.mentions where m.end - m.start >= 2 && doc.entityType(m.ref, kb) == .organization {
            let keys = words(m)
            guard keys.count <= OrganizationCues.maxShortenedName else { continue }
            for a in 0..<keys.count {
                for b in stride(from: a + 2, through: keys.count, by: 1) {
                    let run = Array(keys[a..<b])
                    if (runs[run]?.length ?? 0) < keys.count { runs[run] = (m.ref, keys.count) }
                }
            }
        }
        guard !runs.isEmpty else { return }
        for at in shortened {
            let m = doc.mentions[at]
            guard let longer = runs[words(m)], longer.ref != m.ref else { continue }
            doc.mentions[at].ref = longer.ref
            doc.mentions[at].kind = .alias
        }
    }

    /// Words of the longest name whose shorter runs are looked up ("Democratic Alliance for the Betterment and
    /// Progress of Hong Kong" is eleven); longer runs of capitals are lists, not names.
    static let maxShortenedName = 12

    // MARK: A head noun alone

    /// "the Coalition", "its Coalition advisers" written with a capital inside a sentence: a named body
    /// referred to by its head noun. It is the organization of the article whose name, or a known alias, holds
    /// that noun ("the Global Coalition ... the Coalition", "NATO ... the Alliance" by "Atlantic Alliance");
    /// else a body of its own, named by the noun.
    func findBareHeads(_ doc: Document) {
        let t = doc.tokens
        let heads = (1..<max(1, t.count)).filter { doc.owner[$0] < 0 && isBareHead(doc, $0) }
        guard !heads.isEmpty else { return }
        var byHead: [UInt64: EntityRef] = [:]
        func note(_ key: UInt64, _ ref: EntityRef) {
            if kb.lexicon.orgHeads.contains(key) && byHead[key] == nil { byHead[key] = ref }
        }
        for m in doc.mentions where m.end > m.start && doc.entityType(m.ref, kb) == .organization {
            if m.end - m.start >= 2 { for k in m.start..<m.end { note(t[k].key, m.ref) } }
            if case .kb(let i) = m.ref {
                for name in [kb.entities[Int(i)].name] + kb.entities[Int(i)].aliases {
                    for word in name.split(separator: " ") { note(Folding.hash(word), m.ref) }
                }
            }
        }
        // Inside sentences first: a head after a sentence's opening "The" only refers back to a body named
        // in the article, since its capital says nothing there.
        for k in heads where !afterOpeningThe(doc, k) {
            if let ref = byHead[t[k].key] {
                doc.addMention(RawMention(start: k, end: k + 1, ref: ref, kind: .alias, confidence: 0.7))
            } else {
                byHead[t[k].key] = doc.addPatternMention(type: .organization, k, k + 1, confidence: 0.6)
            }
        }
        for k in heads where afterOpeningThe(doc, k) {
            if let ref = byHead[t[k].key] { doc.addMention(RawMention(start: k, end: k + 1, ref: ref, kind: .alias, confidence: 0.7)) }
        }
    }

    /// "The Coalition said": the head at `k` follows the "The" that opens its sentence.
    func afterOpeningThe(_ doc: Document, _ k: Int) -> Bool {
        doc.tokens[k - 1].key == Keys.the && doc.tokens[k - 1].has(.capitalized) && patterns.atSentenceStartWord(doc, k - 1)
    }

    /// A capitalised head noun inside a sentence, after a lower-case word ("the Coalition", "of Coalition
    /// efforts") or a sentence's opening "The", alone: no capitalised word on either side.
    func isBareHead(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens
        guard t[k].kind == .word, t[k].has(.capitalized), !t[k].has(.allCaps), kb.lexicon.orgHeads.contains(t[k].key),
              !doc.allCapsSentence[Int(t[k].sentence)], !doc.isTitle[k], t[k - 1].kind == .word, t[k - 1].sentence == t[k].sentence,
              t[k - 1].has(.lowercase) || afterOpeningThe(doc, k) else { return false }
        if k + 1 < t.count, t[k + 1].sentence == t[k].sentence, t[k + 1].has(.capitalized) || t[k + 1].has(.hyphenBefore) { return false }
        return true
    }

    // MARK: Acronyms defined in brackets

    /// "the Radical Democrats (FDP)": a name, then its acronym in brackets. The name becomes an organization
    /// (if nothing claimed it yet) and every use of the acronym in the article links to it. A person before
    /// the brackets ("Guido Westerwelle (FDP)") is a party label, not a definition; a country or place is not
    /// defined by its acronym here either.
    func findAcronymAliases(_ doc: Document) {
        let t = doc.tokens
        var defined: [UInt64: EntityRef] = [:]
        var k = 1
        while k + 2 < t.count {
            defer { k += 1 }
            guard t[k].key == Keys.openParen, t[k + 1].kind == .word, t[k + 1].has(.allCaps), t[k + 2].key == Keys.closeParen,
                  t[k + 1].length >= OrganizationCues.minAcronymLetters, t[k + 1].sentence == t[k - 1].sentence else { continue }
            guard let ref = definedName(doc, before: k) else { continue }
            if defined[t[k + 1].key] == nil { defined[t[k + 1].key] = ref }
        }
        for k in 1..<max(1, t.count) where t[k].key == Keys.openParen {
            if let (acronym, ref) = glossedAcronym(doc, paren: k), defined[acronym] == nil { defined[acronym] = ref }
        }
        if !defined.isEmpty { linkAcronyms(doc, defined) }
    }

    /// "CEI (Italian Episcopal Conference)": an acronym, then the organization it stands for in brackets, as
    /// an article glosses a foreign body's acronym. The initials need not match (the acronym is often of the
    /// name in its own language). The acronym's key and the organization, when the brackets hold exactly one
    /// organization's name and the acronym names no country or person.
    func glossedAcronym(_ doc: Document, paren: Int) -> (UInt64, EntityRef)? {
        let t = doc.tokens, a = paren - 1
        guard paren + 2 < t.count, t[a].kind == .word, t[a].has(.allCaps), t[a].length >= OrganizationCues.minAcronymLetters,
              t[a].sentence == t[paren].sentence, doc.owner[paren + 1] >= 0 else { return nil }
        let name = doc.mentions[Int(doc.owner[paren + 1])]
        guard name.start == paren + 1, name.end - name.start >= 2, name.end < t.count, t[name.end].key == Keys.closeParen,
              doc.entityType(name.ref, kb) == .organization else { return nil }
        if doc.owner[a] >= 0 {
            let type = doc.entityType(doc.mentions[Int(doc.owner[a])].ref, kb)
            guard type == .organization else { return nil }
        }
        return (t[a].key, name.ref)
    }

    /// The organization named just before the brackets at `paren`: an existing organization mention, or a
    /// free capitalised run after "the", made one.
    func definedName(_ doc: Document, before paren: Int) -> EntityRef? {
        let o = doc.owner[paren - 1]
        if o >= 0 {
            let m = doc.mentions[Int(o)]
            return doc.entityType(m.ref, kb) == .organization && m.end == paren ? m.ref : nil
        }
        var start = paren
        while start > 0, paren - start < OrganizationCues.maxNameWords, doc.tokens[start - 1].sentence == doc.tokens[paren].sentence,
              doc.owner[start - 1] < 0, doc.tokens[start - 1].key != Keys.the, patterns.isRunWord(doc, start - 1, type: .organization) {
            start -= 1
        }
        guard start < paren, start > 0, doc.tokens[start - 1].key == Keys.the else { return nil }
        return doc.addPatternMention(type: .organization, start, paren, confidence: 0.75)
    }

    /// Every one-word use of a defined acronym, free or linked elsewhere by the dictionary, now means its name.
    func linkAcronyms(_ doc: Document, _ defined: [UInt64: EntityRef]) {
        let t = doc.tokens
        for i in 0..<t.count where t[i].kind == .word && t[i].has(.allCaps) {
            guard let ref = defined[t[i].key] else { continue }
            let o = doc.owner[i]
            if o >= 0 {
                let m = doc.mentions[Int(o)]
                guard m.start == i, m.end == i + 1 else { continue }
                doc.mentions[Int(o)].ref = ref
                doc.mentions[Int(o)].kind = .acronym
            } else {
                doc.addMention(RawMention(start: i, end: i + 1, ref: ref, kind: .acronym, confidence: 0.8))
            }
        }
    }

    // MARK: Media

    /// "the daily X", "X newspaper", "X news agency", "told the X": a free capitalised run next to a media
    /// noun (or after "told the") is a newspaper, agency or broadcaster.
    func findMediaNames(_ doc: Document) {
        let t = doc.tokens
        let media = kb.lexicon.mediaNouns
        for k in 0..<t.count where t[k].kind == .word && t[k].has(.lowercase) {
            if media.contains(t[k].key) {
                if let end = freeRun(doc, from: k + 1) { doc.addPatternMention(type: .organization, k + 1, end, confidence: 0.7) }
                var before = k
                // "Yonhap news agency": "news" may sit between the name and the noun.
                if before > 0, t[before - 1].key == Keys.news { before -= 1 }
                if let start = freeRunBack(doc, endingAt: before) { doc.addPatternMention(type: .organization, start, before, confidence: 0.7) }
            } else if kb.lexicon.mediaVerbs.contains(t[k].key), k + 1 < t.count, t[k + 1].key == Keys.the,
                      let end = freeRun(doc, from: k + 2), end >= t.count || !t[end].has(.capitalized) {
                doc.addPatternMention(type: .organization, k + 2, end, confidence: 0.65)
            }
        }
    }

    /// A run of free capitalised words starting at `start` in the sentence, not a person's name; its end.
    func freeRun(_ doc: Document, from start: Int) -> Int? {
        let t = doc.tokens
        guard start < t.count, start > 0, t[start].sentence == t[start - 1].sentence else { return nil }
        var end = start
        while end < t.count, end - start < OrganizationCues.maxNameWords, t[end].sentence == t[start].sentence,
              doc.owner[end] < 0, t[end].kind == .word, patterns.isRunWord(doc, end, type: .organization) {
            end += 1
        }
        return end > start && isName(doc, start, end) ? end : nil
    }

    /// A run of free capitalised words ending at `end` (exclusive) in the sentence, without "The"; its start.
    func freeRunBack(_ doc: Document, endingAt end: Int) -> Int? {
        let t = doc.tokens
        guard end > 0, end < t.count else { return nil }
        var start = end
        while start > 0, end - start < OrganizationCues.maxNameWords, t[start - 1].sentence == t[end].sentence,
              doc.owner[start - 1] < 0, t[start - 1].kind == .word, patterns.isRunWord(doc, start - 1, type: .organization) {
            start -= 1
        }
        while start < end, t[start].key == Keys.the || patterns.isSentenceOpener(doc, start) { start += 1 }
        // "al-Ikhbariya television": a particle joined by a hyphen opens the name.
        if start > 0, start < end, t[start].has(.hyphenBefore), kb.lexicon.particles.contains(t[start - 1].key),
           doc.owner[start - 1] < 0, t[start - 1].sentence == t[start].sentence {
            start -= 1
        }
        return start < end && isName(doc, start, end) ? start : nil
    }

    /// Ends on a capitalised word ("English-language" is a description), and does not open with a given name
    /// before another capitalised word ("the newspaper Anna Politkovskaya wrote for" names a person).
    func isName(_ doc: Document, _ start: Int, _ end: Int) -> Bool {
        let t = doc.tokens
        guard t[end - 1].has(.capitalized) else { return false }
        return !(kb.lexicon.givenNames.contains(t[start].key) && start + 1 < end)
    }
}
