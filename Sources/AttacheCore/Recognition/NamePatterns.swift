import AttacheModel

/// Finds names the knowledge base lacks, from the shape of the text and word lists:
/// - organizations: a capitalised run holding a head noun ("Rapid Support Forces", "Ministry of Foreign
///   Affairs", "Venezuelan Observatory of Social Conflict"), which may swallow a demonym or place inside it;
/// - places: a run ending in a place noun or opened by one ("Capella Hotel", "Lake Geneva"), or a
///   capitalised word after a locative preposition ("in Pale", "the town of Brcko");
/// - people: a run after a title or honorific ("spokeswoman Maria Zakharova"), opening with a known given
///   name, holding a name particle ("Majed al-Ansari"), or next to a speech verb or an appositive title.
struct NamePatterns {
    let kb: KnowledgeBase

    func apply(_ doc: Document) {
        Byline.apply(doc, kb: kb)
        CombiningForms.apply(doc, kb: kb)
        CompassInitials.apply(doc, kb: kb)
        findDefinedAcronyms(doc)
        findHeadedRuns(doc, heads: kb.lexicon.orgHeads, openers: KeySet(), type: .organization)
        joinTwoPartNames(doc)
        OrganizationCues(kb: kb, patterns: self).apply(doc)
        findHeadedRuns(doc, heads: kb.lexicon.locationHeads, openers: kb.lexicon.locationOpeners, type: .location)
        findPeopleAndPlaces(doc)
        OrganizationCues(kb: kb, patterns: self).findAffiliations(doc)
        findCompassDistricts(doc)
        PlaceContext(kb: kb, doc: doc).apply(doc)
    }

    /// "New Territories East", "Hong Kong Island West": a place followed by a capitalised district word
    /// (`lexicon/district-words.txt`), and no
    /// further capitalised word, names a district of that place (a constituency, a ward), a place of its own.
    /// Not in headlines, where every word is capitalised, nor for countries ("Korea North" is not English).
    func findCompassDistricts(_ doc: Document) {
        guard !doc.isHeadline else { return }
        let t = doc.tokens
        for k in 1..<max(1, t.count) where doc.owner[k] < 0 && t[k].kind == .word && t[k].has(.capitalized) && !t[k].has(.allCaps)
            && kb.lexicon.districtWords.contains(t[k].key) && !doc.allCapsSentence[Int(t[k].sentence)] {
            let o = doc.owner[k - 1]
            guard o >= 0, t[k - 1].sentence == t[k].sentence else { continue }
            let place = doc.mentions[Int(o)]
            guard place.end == k, doc.entityType(place.ref, kb) == .location else { continue }
            if k + 1 < t.count, t[k + 1].sentence == t[k].sentence, t[k + 1].has(.capitalized) || t[k + 1].has(.hyphenBefore) { continue }
            clear(doc, place.start, k)
            doc.addPatternMention(type: .location, place.start, k + 1, confidence: 0.7)
        }
    }

    // MARK: Runs around a head noun

    /// "Asia-Pacific Economic Cooperation (APEC)": a capitalised run followed by its initials in brackets is an
    /// organization, whatever its last word.
    func findDefinedAcronyms(_ doc: Document) {
        let t = doc.tokens
        var k = 0
        while k + 2 < t.count {
            defer { k += 1 }
            guard k > 0, t[k].key == Keys.openParen, t[k + 1].kind == .word, t[k + 1].has(.allCaps),
                  t[k + 2].key == Keys.closeParen else { continue }
            let acronym = Array(doc.tokenText(k + 1).utf8).filter { $0 >= 65 && $0 <= 90 }
            guard acronym.count >= 2 else { continue }
            // Walk back over the run, matching initials from the end.
            var j = k - 1
            var need = acronym.count - 1
            var start = k
            while j >= 0, t[j].sentence == t[k].sentence, need >= 0 {
                let w = t[j]
                if w.kind != .word { break }
                if w.has(.capitalized) {
                    guard doc.bytes[Int(w.start)] == acronym[need] else { break }
                    need -= 1
                    start = j
                } else if !(kb.lexicon.nameConnectors.contains(w.key) && w.has(.lowercase)) {
                    break
                }
                j -= 1
            }
            guard need < 0, start < k, !containsPerson(doc, start, k) else { continue }
            if doc.owner[start] >= 0 && !spansBeyondOwner(doc, start, k) && doc.mentions[Int(doc.owner[start])].start == start { continue }
            clear(doc, start, k)
            let name = Folding.stripAccents(doc.text(start, k))
            let ref = doc.local(type: .organization, name: name, keys: t[start..<k].map(\.key), confidence: 0.8)
            doc.addMention(RawMention(start: start, end: k, ref: ref, kind: .name, confidence: 0.8))
        }
    }

    /// Tokens that may sit inside a run: capitalised words, hyphen-joined parts, and dictionary mentions of
    /// countries, places and acronyms (not people).
    func isRunWord(_ doc: Document, _ k: Int, type: EntityType = .location) -> Bool {
        let t = doc.tokens[k]
        guard t.kind == .word || t.kind == .number else { return false }
        if t.has(.hyphenBefore) { return true }
        if !t.has(.capitalized) { return false }
        if doc.isTitle[k] { return false }
        // Document words ("Treaty", "Accord") may sit inside an organization's name, not a place's or person's.
        if kb.lexicon.neverNames.contains(t.key) && (type != .organization || Lexicon.calendarKeys.contains(t.key)) { return false }
        if doc.owner[k] >= 0 {
            let m = doc.mentions[Int(doc.owner[k])]
            if case .kb(let idx) = m.ref, kb.entities[Int(idx)].type == .person { return false }
            if case .local(let idx) = m.ref, doc.locals[Int(idx)].type == .person { return false }
        }
        return true
    }

    /// Most tokens a run around a head noun takes on each side of the head. The longest names of bodies run
    /// to eight or nine words ("Organization for Security and Co-operation in Europe"); without a bound, every
    /// head of a text of capitalised words with no full stop (a wire headline run on, a title-cased list) walked
    /// back over all the names made before it and swallowed them again, once per head.
    static let runReach = 16

    func findHeadedRuns(_ doc: Document, heads: KeySet, openers: KeySet, type: EntityType) {
        let t = doc.tokens
        var i = 0
        while i < t.count {
            let tok = t[i]
            let isHead = heads.contains(tok.key) && tok.has(.capitalized)
            let isOpener = openers.contains(tok.key) && tok.has(.capitalized)
            guard (isHead || isOpener), doc.owner[i] < 0 else { i += 1; continue }
            let sentence = tok.sentence
            let links = type == .organization ? kb.lexicon.nameConnectors : kb.lexicon.placeNameConnectors
            var start = i
            if isHead {
                // Backwards over capitalised words and "of"/"for" links ("Organization of American States").
                var k = i - 1
                while k >= 0, i - k <= NamePatterns.runReach, t[k].sentence == sentence {
                    // A lower-case hyphen-joined half ("17-nation") does not open a name.
                    let danglingHalf = t[k].has(.hyphenBefore) && t[k].has(.lowercase) && !(k > 0 && isRunWord(doc, k - 1, type: type) && t[k - 1].has(.capitalized))
                    // Nor does the capitalised half of an adjective ("pro-Beijing New People Party").
                    if t[k].has(.hyphenBefore) && k > 0 && t[k - 1].has(.lowercase) && t[k - 1].kind == .word { break }
                    if !danglingHalf && (isRunWord(doc, k, type: type) || (type == .organization && doc.isTitle[k] && t[k].has(.capitalized) && k + 1 <= i)) {
                        start = k
                        k -= 1
                        continue
                    }
                    // "3rd Battalion", "the 82nd Airborne Division": an ordinal opens a unit's name.
                    if type == .organization && isOrdinal(doc, k) && kb.lexicon.unitHeads.contains(tok.key) {
                        start = k
                        break
                    }
                    if type == .organization && isPossessiveInName(doc, k) {
                        k -= 1
                        continue
                    }
                    if links.contains(t[k].key), t[k].has(.lowercase), k - 1 >= 0, isRunWord(doc, k - 1, type: type),
                       t[k].key != Keys.and, !(type == .organization && personBefore(doc, k)) {
                        k -= 1
                        continue
                    }
                    break
                }
            }
            // Forwards: capitalised words, and links followed by a capitalised word.
            var end = i + 1
            var k = i + 1
            while k < t.count, k - i <= NamePatterns.runReach, t[k].sentence == sentence {
                // "the Refugee Council Enver Solomon": a person's name after the head is no part of it.
                if type == .organization && isHead && startsPersonName(doc, k) { break }
                if isRunWord(doc, k, type: type) && doc.owner[k] < 0 {
                    end = k + 1
                    k += 1
                    continue
                }
                if links.contains(t[k].key), t[k].has(.lowercase), k + 1 < t.count, t[k + 1].sentence == sentence {
                    var j = k + 1
                    if t[j].key == Keys.the, j + 1 < t.count { j += 1 }
                    if isRunWord(doc, j, type: type), t[k].key != Keys.and || (doc.owner[j] < 0 && !startsPersonName(doc, j)) {
                        // Take the whole mention after the link ("of Colombia", "of the United States").
                        var e = j + 1
                        if doc.owner[j] >= 0 { e = max(e, doc.mentions[Int(doc.owner[j])].end) }
                        end = e
                        k = e
                        continue
                    }
                }
                if type == .organization, let e = purposeClauseEnd(doc, k) {
                    end = e
                    k = e
                    continue
                }
                break
            }
            // Trim sentence openers and determiners at the front ("The", "In").
            while start < i, t[start].key == Keys.the || (isSentenceOpener(doc, start) && doc.owner[start] < 0 && !heads.contains(t[start].key)) {
                start += 1
            }
            while start < i, !isRunWord(doc, start, type: type) && !(doc.isTitle[start] && type == .organization && start > 0 && isRunWord(doc, start - 1, type: type))
                    && !(type == .organization && isOrdinal(doc, start)) { start += 1 }
            while start < i, doc.isTitle[start], start == 0 || !isRunWord(doc, start - 1, type: type) || doc.isTitle[start - 1] { start += 1 }
            // A bare head ("Council") or a run wholly inside one known name is not a new name.
            if end - start < 2 || (doc.owner[start] >= 0 && !spansBeyondOwner(doc, start, end)) {
                i += 1
                continue
            }
            if containsPerson(doc, start, end) { i = end; continue }
            clear(doc, start, end)
            let name = Folding.stripAccents(doc.text(start, end))
            let ref = doc.local(type: type, name: name, keys: t[start..<end].filter { $0.kind == .word }.map(\.key), confidence: 0.75)
            doc.addMention(RawMention(start: start, end: end, ref: ref, kind: .name, confidence: 0.75))
            i = end
        }
    }

    // MARK: Names in two parts

    /// "3rd Battalion, 321st Field Artillery Regiment": a military unit is named by its own designation, a
    /// comma and the unit it belongs to. "Jordan Armed Forces – Arab Army", "Combined Joint Task Force –
    /// Inherent Resolve": an official name joins two names with a spaced en dash. Either way the two parts
    /// are one organization. A joined name is looked at again, so that a chain of units stays one name.
    func joinTwoPartNames(_ doc: Document) {
        var at = 0
        while at < doc.mentions.count {
            defer { at += 1 }
            let first = doc.mentions[at]
            guard first.end > first.start, doc.entityType(first.ref, kb) == .organization,
                  let end = parentUnitEnd(doc, after: first) ?? dashedPartEnd(doc, after: first) else { continue }
            clear(doc, first.start, end)
            doc.addPatternMention(type: .organization, first.start, end, confidence: 0.75)
        }
    }

    /// The end of the parent unit after a numbered unit and a comma: an organization that opens with an ordinal
    /// and ends with a unit noun. A numbered unit ("3rd Battalion") is one of many until its parent is named;
    /// a unit with a name of its own ("Abel Battery, 3rd Battalion") is named already, and the unit after it
    /// is a mention of its own.
    func parentUnitEnd(_ doc: Document, after first: RawMention) -> Int? {
        let t = doc.tokens, comma = first.end, k = comma + 1
        guard k < t.count, t[comma].key == Keys.comma, t[k].sentence == t[comma].sentence, isOrdinal(doc, first.start),
              kb.lexicon.unitHeads.contains(t[first.end - 1].key), isOrdinal(doc, k), doc.owner[k] >= 0 else { return nil }
        let parent = doc.mentions[Int(doc.owner[k])]
        guard parent.start == k, doc.entityType(parent.ref, kb) == .organization,
              kb.lexicon.unitHeads.contains(t[parent.end - 1].key) else { return nil }
        return parent.end
    }

    /// Capitalised words a name takes after a spaced en dash when no name was found there ("Inherent Resolve").
    static let minDashedPartWords = 2

    /// The end of a second name after an organization ending with its head noun and a spaced en dash: an
    /// organization found there, or a run of at least two free capitalised words that opens no person's name.
    /// A place, a country or a person after the dash is a dash of prose ("the Coalition – Britain among it").
    func dashedPartEnd(_ doc: Document, after first: RawMention) -> Int? {
        let t = doc.tokens, dash = first.end, k = dash + 1
        guard k < t.count, t[dash].key == Keys.enDash, t[dash].has(.spaceBefore), t[k].has(.spaceBefore),
              t[k].sentence == t[dash].sentence, t[first.end - 1].has(.capitalized),
              kb.lexicon.orgHeads.contains(t[first.end - 1].key) else { return nil }
        if doc.owner[k] >= 0 {
            let second = doc.mentions[Int(doc.owner[k])]
            return second.start == k && doc.entityType(second.ref, kb) == .organization ? second.end : nil
        }
        var end = k
        while end < t.count, end - k < OrganizationCues.maxNameWords, t[end].sentence == t[k].sentence, doc.owner[end] < 0,
              t[end].kind == .word, t[end].has(.capitalized), !t[end].has(.hyphenBefore), isRunWord(doc, end, type: .organization) {
            end += 1
        }
        guard end - k >= NamePatterns.minDashedPartWords, !startsPersonName(doc, k) else { return nil }
        return end
    }

    /// "New People's Party", "Moody's Investors Service": the possessive at `k` sits inside an organization's
    /// name when the word before it is a free capitalised word that is neither a head noun ("the Coalition's
    /// Small Group" is the coalition's group) nor a known name ("Iran's Revolutionary Guards").
    func isPossessiveInName(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens
        guard k > 0, t[k].kind == .possessive else { return false }
        let w = t[k - 1]
        return w.sentence == t[k].sentence && w.kind == .word && w.has(.capitalized) && !w.has(.allCaps) && !w.has(.hyphenBefore)
            && doc.owner[k - 1] < 0 && !doc.isTitle[k - 1] && !kb.lexicon.orgHeads.contains(w.key)
    }

    /// "3rd", "82nd", "101st": a number written in figures with an ordinal suffix.
    func isOrdinal(_ doc: Document, _ k: Int) -> Bool {
        let tok = doc.tokens[k]
        let bytes = doc.bytes[Int(tok.start)..<Int(tok.end)]
        let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty, bytes.count == digits.count + 2 else { return false }
        let suffix = String(decoding: bytes.suffix(2), as: UTF8.self).lowercased()
        return NamePatterns.ordinalSuffixes.contains(suffix)
    }

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    /// "Coalition to Counter ISIL", "Committee to Protect Journalists": "to", a capitalised everyday verb and a
    /// capitalised object continue an organization's name; the end of the verb and its object's first name.
    func purposeClauseEnd(_ doc: Document, _ k: Int) -> Int? {
        let t = doc.tokens
        guard k + 2 < t.count, t[k].key == Keys.to, t[k].has(.lowercase), t[k + 2].sentence == t[k].sentence else { return nil }
        let verb = t[k + 1], object = k + 2
        guard verb.kind == .word, verb.has(.capitalized), !verb.has(.allCaps), doc.owner[k + 1] < 0,
              kb.lexicon.commonWords.contains(verb.key), isRunWord(doc, object, type: .organization) else { return nil }
        if doc.owner[object] >= 0 { return doc.mentions[Int(doc.owner[object])].end }
        return object + 1
    }

    /// "Claudia Mo of Civic Party", "Alvin Yeung of Civic Party": the capitalised run before the link at `link`
    /// opens like a person's name, or is two or three words with neither a head noun nor a known name in them,
    /// so the organization's name does not reach back over the link ("Supreme Council of the Armed Forces"
    /// does).
    func personBefore(_ doc: Document, _ link: Int) -> Bool {
        var k = link - 1
        var headed = kb.lexicon.orgHeads.contains(doc.tokens[k].key) || doc.owner[k] >= 0
        while k > 0, doc.tokens[k - 1].sentence == doc.tokens[link].sentence, isRunWord(doc, k - 1) {
            k -= 1
            if link - k > Byline.maxNameWords { return false }   // longer than a person's name
            headed = headed || kb.lexicon.orgHeads.contains(doc.tokens[k].key) || doc.owner[k] >= 0
        }
        // Two or three capitalised words with no head noun and no known name ("Alvin Yeung of Civic Party").
        let nameLike = !headed && link - k >= 2 && link - k <= 3
        return startsPersonName(doc, k) || nameLike
    }

    /// A given name ("Alvin Yeung") or the family-name-first shape ("Wong Pik-wan") opens at `k`.
    func startsPersonName(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens
        guard k < t.count, t[k].kind == .word else { return false }
        if kb.lexicon.givenNames.contains(t[k].key) && k + 1 < t.count && t[k + 1].has(.capitalized) { return true }
        return isHyphenatedGivenName(doc, k, k + 3)
    }

    /// "Wong Pik-wan", "Lau Siu-lai", "Kim Jong-un": a family name, then a given name of two syllables joined by
    /// a hyphen, the second in lower case. The second syllable is not an English word ("Hong Kong-based"),
    /// unless a two-letter one ("Moon Jae-in") or a three-letter one that does not end English compounds
    /// ("Pik-wan", but not "War-era").
    func isHyphenatedGivenName(_ doc: Document, _ start: Int, _ end: Int) -> Bool {
        let t = doc.tokens
        guard end - start == 3, end <= t.count, t[start].sentence == t[end - 1].sentence else { return false }
        let family = t[start], first = t[start + 1], second = t[end - 1]
        guard family.kind == .word, family.has(.capitalized), !family.has(.hyphenBefore), !family.has(.allCaps),
              first.kind == .word, first.has(.capitalized), !first.has(.hyphenBefore), !first.has(.allCaps),
              second.kind == .word, second.has(.hyphenBefore), second.has(.lowercase) else { return false }
        let lex = kb.lexicon
        if second.length <= NamePatterns.maxEnglishSyllable || !lex.commonWords.contains(second.key) { return true }
        return second.length <= NamePatterns.maxSyllableUnlessCompound && !lex.compoundEndings.contains(second.key)
    }

    /// The longest hyphen-joined syllable accepted even though it is an English word ("in", "un", "yu").
    static let maxEnglishSyllable = 2
    /// The longest English word accepted as a syllable when it does not end English compounds ("wan", "kit").
    static let maxSyllableUnlessCompound = 3

    func isSentenceOpener(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens
        let first = k == 0 || t[k - 1].sentence != t[k].sentence
        return first && kb.lexicon.commonWords.contains(t[k].key) && !kb.lexicon.orgHeads.contains(t[k].key)
            && (doc.owner[k] < 0)
            && SentenceOpeners.keys.contains(t[k].key)
    }

    func spansBeyondOwner(_ doc: Document, _ start: Int, _ end: Int) -> Bool {
        let o = doc.owner[start]
        for k in start..<end where doc.owner[k] != o { return true }
        return false
    }

    func containsPerson(_ doc: Document, _ start: Int, _ end: Int) -> Bool {
        for k in start..<end where doc.owner[k] >= 0 {
            switch doc.mentions[Int(doc.owner[k])].ref {
            case .kb(let idx): if kb.entities[Int(idx)].type == .person { return true }
            case .local(let idx): if doc.locals[Int(idx)].type == .person { return true }
            }
        }
        return false
    }

    /// Drops the mentions inside `start..<end` (a longer name swallows them).
    func clear(_ doc: Document, _ start: Int, _ end: Int) {
        var k = start
        while k < end {
            let o = doc.owner[k]
            if o >= 0 {
                let m = doc.mentions[Int(o)]
                for j in m.start..<m.end { doc.owner[j] = -1 }
                doc.mentions[Int(o)].end = doc.mentions[Int(o)].start   // emptied: skipped at output
            }
            k += 1
        }
    }

    // MARK: People and places from free capitalised runs

    func findPeopleAndPlaces(_ doc: Document) {
        let t = doc.tokens
        let lex = kb.lexicon
        var i = 0
        while i < t.count {
            guard doc.owner[i] < 0, t[i].kind == .word, t[i].has(.capitalized) || t[i].has(.initial),
                  !doc.isTitle[i], !lex.neverNames.contains(t[i].key), !t[i].has(.hyphenBefore) else { i += 1; continue }
            let sentence = t[i].sentence
            // The run: initials, capitalised words, particles before a capitalised word, hyphen-joined parts.
            var end = i + 1
            var particles = 0
            while end < t.count, t[end].sentence == sentence, doc.owner[end] < 0, !doc.isTitle[end], end - i < 6 {
                let w = t[end]
                guard w.kind == .word else { break }
                if w.has(.hyphenBefore) { end += 1; continue }
                if opensClause(doc, end) { break }
                if w.has(.capitalized) && !lex.neverNames.contains(w.key) && !lex.orgHeads.contains(w.key) { end += 1; continue }
                // "Theresa May": a month-named surname right after a given name, not before a number.
                if w.has(.capitalized) && lex.neverNames.contains(w.key) && end == i + 1 && lex.givenNames.contains(t[i].key)
                    && !(end + 1 < t.count && t[end + 1].kind == .number) && Lexicon.calendarKeys.contains(w.key) {
                    end += 1
                    continue
                }
                // Particles, possibly chained ("von der Leyen"), before a capitalised word.
                if lex.particles.contains(w.key) {
                    var j = end
                    while j < t.count, t[j].sentence == sentence, lex.particles.contains(t[j].key), !t[j].has(.capitalized) || j == end { j += 1 }
                    if j < t.count, j > end, t[j].sentence == sentence, doc.owner[j] < 0, t[j].has(.capitalized) || t[j].has(.hyphenBefore) {
                        particles += 1
                        end = j
                        continue
                    }
                }
                break
            }
            // Hyphen-joined particle prefix inside the run ("al-Ansari" starts with lower-case "al").
            for k in i..<end where lex.particles.contains(t[k].key) && k + 1 < end && t[k + 1].has(.hyphenBefore) { particles += 1 }
            var start = i
            // "The" is never part of a name.
            while start < end - 1, t[start].key == Keys.the { start += 1 }
            if t[start].key == Keys.the { i = end; continue }
            // "Franco-African": a country's combining form, never a person's name.
            if CombiningForms.isInCompound(doc, start, lex) { i = end; continue }
            // "Operation Inherent Resolve", "Exercise Eager Lion": an operation's name, neither place nor person.
            if lex.operationWords.contains(t[start].key) && end - start >= 2 { i = end; continue }
            if let name = nameAfterAffiliation(doc, start, end) { start = name }
            // Drop a sentence-opening everyday word ("Meeting", "After") unless it is a given name.
            let atSentenceStart = i == 0 || t[i - 1].sentence != sentence || i == doc.datelineEnd
                || (t[i - 1].kind == .punct && t[i - 1].has(.openQuote) && (i < 2 || t[i - 2].sentence != sentence))
            if atSentenceStart && lex.commonWords.contains(t[start].key) && !lex.givenNames.contains(t[start].key) {
                start += 1
                if start >= end { i = end; continue }
                if !t[start].has(.capitalized) { i = end; continue }
            }
            // "Minister of Education Stefania Giannini": the portfolio after a title's "of" is no part of the name.
            if isPortfolio(doc, start) {
                while start < end - 1, lex.commonWords.contains(t[start].key), !lex.givenNames.contains(t[start].key) { start += 1 }
            }
            let words = end - start
            let prev = start > 0 && t[start - 1].sentence == sentence ? start - 1 : nil
            let titled = prev.map { doc.isTitle[$0] } ?? false
            let givenFirst = (lex.givenNames.contains(t[start].key) && words >= 2) || isHyphenatedGivenName(doc, start, end)
            let speech = (end < t.count && t[end].sentence == sentence && lex.speechVerbs.contains(t[end].key))
                || (prev.map { lex.speechVerbs.contains(t[$0].key) } ?? false)
            let appositive = end + 1 < t.count && t[end].key == Keys.comma && isAppositiveTitle(doc, end + 1)
            let everyday = words == 1 && lex.commonWords.contains(t[start].key)
            let allCaps = t[start..<end].allSatisfy { $0.has(.allCaps) } && !doc.allCapsSentence[Int(sentence)]

            let headed = t[start..<end].contains { lex.orgHeads.contains($0.key) || lex.locationHeads.contains($0.key) }
            // A lower-case role word ("official", "leader") before a single word is too weak a cue.
            let weakTitle = prev.map { doc.tokens[$0].has(.lowercase) } ?? false
            let titledStrong = titled && (!weakTitle || words >= 2 || lex.givenNames.contains(t[start].key))
            let member = words >= 2 && words <= 3 && isAfterActorPossessive(doc, start)
                && (!lex.commonWords.contains(t[start].key) || lex.givenNames.contains(t[start].key))
            var personish = titledStrong || givenFirst || member || (particles > 0 && words >= 2)
                || ((speech || appositive) && !everyday && words <= 3)
            if allCaps && !titled { personish = false }
            if isAfterPersonOfThe(doc, start) { personish = false }
            if headed { personish = false }
            if personish && words == 1 {
                doc.deferredPeople.append((start, end, titledStrong ? 0.7 : 0.6))
                i = end
                continue
            }
            if personish && (words <= 4 || titled) {
                let name = Folding.stripAccents(doc.text(start, end))
                let conf = titledStrong || givenFirst ? 0.8 : 0.6
                let ref = doc.local(type: .person, name: name, keys: t[start..<end].filter { $0.kind == .word }.map(\.key), confidence: conf)
                doc.addMention(RawMention(start: start, end: end, ref: ref, kind: .name, confidence: conf))
                i = end
                continue
            }
            // In the dateline ("Dayton, Ohio:"), and before a place modifier ("the Hangzhou summit"): a place.
            let modifierAfter = end < t.count && t[end].sentence == sentence && t[end].kind == .word && lex.placeModifiers.contains(t[end].key)
            if (doc.datelinePlaces.contains(start) || (modifierAfter && words <= 2 && !atSentenceStartWord(doc, start))) && !everyday {
                let name = Folding.stripAccents(doc.text(start, end))
                let ref = doc.local(type: .location, name: name, keys: t[start..<end].map(\.key), confidence: 0.6)
                doc.addMention(RawMention(start: start, end: end, ref: ref, kind: .name, confidence: 0.6))
                i = end
                continue
            }
            // A capitalised word after a locative preposition or "the town of": a place.
            // Not in a heading in title case ("Raqqa in Next Isolation Phase"), where capitals say nothing.
            if let p = prev, !everyday, !allCaps, !atSentenceStartWord(doc, start), !doc.titleCaseSentence[Int(sentence)] {
                let pk = t[p].key
                let afterPlaceNoun = pk == Keys.of && p > 0 && (lex.placeNouns.contains(t[p - 1].key) || lex.partsOfPlaces.contains(t[p - 1].key))
                let travel = lex.directionPrepositions.contains(pk) && Metonymy.hasMotionBefore(doc, p, lex)
                if (lex.locativePrepositions.contains(pk) && pk != Keys.of) || afterPlaceNoun || travel {
                    if words <= 3 {
                        let name = Folding.stripAccents(doc.text(start, end))
                        let conf = NamePatterns.prepositionPlaceConfidence
                        let ref = doc.local(type: .location, name: name, keys: t[start..<end].map(\.key), confidence: conf)
                        doc.addMention(RawMention(start: start, end: end, ref: ref, kind: .name, confidence: conf))
                    }
                }
            }
            i = end
        }
    }

    /// Words of a person's name after an affiliation word: a given name and one or two more.
    static let namedAfterAffiliation = 2...3

    /// "Nonpartisan Paul Tse", "Pan-democrat Gary Fan", "Republican Jane Doe": one capitalised word (with its
    /// hyphen-joined parts) that is no given name, then a given name opening the rest of the run, is a party
    /// or camp before a person's name and no part of it; where that name starts.
    func nameAfterAffiliation(_ doc: Document, _ start: Int, _ end: Int) -> Int? {
        let t = doc.tokens
        guard !kb.lexicon.givenNames.contains(t[start].key) else { return nil }
        var k = start + 1
        while k < end, t[k].has(.hyphenBefore) { k += 1 }
        guard k < end, NamePatterns.namedAfterAffiliation.contains(end - k), kb.lexicon.givenNames.contains(t[k].key),
              t[k].has(.capitalized), !t[k].has(.allCaps), t[k + 1].has(.capitalized) else { return nil }
        return k
    }

    /// Confidence of a place read from a locative preposition alone ("in Pale"): the weakest cue to a place,
    /// which an organization's cue to the same name overrides (`OrganizationCues.retypePrepositionPlaces`).
    static let prepositionPlaceConfidence = 0.5

    /// A capitalised preposition followed by a lower-case word opens a new clause, as where a caption
    /// or heading runs into the text without a full stop ("Anna Kowalczyk In the northern seat, ..."):
    /// a name does not run over it.
    func opensClause(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens
        let lex = kb.lexicon
        guard t[k].has(.capitalized), lex.locativePrepositions.contains(t[k].key) || lex.directionPrepositions.contains(t[k].key),
              k + 1 < t.count, t[k + 1].sentence == t[k].sentence else { return false }
        return t[k + 1].kind == .word && t[k + 1].has(.lowercase)
    }

    /// One-word people that coreference did not link: new people of their own.
    func addDeferredPeople(_ doc: Document) {
        for p in doc.deferredPeople where doc.isFree(p.start, p.end) {
            let name = Folding.stripAccents(doc.text(p.start, p.end))
            let ref = doc.local(type: .person, name: name, keys: doc.tokens[p.start..<p.end].map(\.key), confidence: p.confidence)
            doc.addMention(RawMention(start: p.start, end: p.end, ref: ref, kind: .name, confidence: p.confidence))
        }
    }

    /// "DAB's Starry Lee", "Youngspiration's Baggio Leung": the run at `k` follows the possessive of an
    /// organization or country, as a member or official of it is named.
    func isAfterActorPossessive(_ doc: Document, _ k: Int) -> Bool {
        guard k >= 2, doc.tokens[k - 1].kind == .possessive, doc.tokens[k - 1].sentence == doc.tokens[k].sentence else { return false }
        let o = doc.owner[k - 2]
        guard o >= 0 else { return false }
        let type = doc.entityType(doc.mentions[Int(o)].ref, kb)
        return type == .organization || type == .country
    }

    /// "Gary Fan of the Neo Democrats": the run at `k` follows a person's name and "of the", where a group the
    /// person belongs to is named, not another person (the affiliation pass names the group).
    func isAfterPersonOfThe(_ doc: Document, _ k: Int) -> Bool {
        k >= 3 && doc.tokens[k - 1].key == Keys.the && doc.tokens[k - 1].has(.lowercase) && doc.tokens[k - 2].key == Keys.of
            && OrganizationCues(kb: kb, patterns: self).isPersonEnd(doc, k - 2)
    }

    /// The run at `k` follows "of" after a title ("Minister of Education", "Secretary of Defense").
    func isPortfolio(_ doc: Document, _ k: Int) -> Bool {
        k >= 2 && doc.tokens[k - 1].key == Keys.of && doc.isTitle[k - 2] && doc.tokens[k - 2].sentence == doc.tokens[k].sentence
    }

    func atSentenceStartWord(_ doc: Document, _ k: Int) -> Bool {
        k == 0 || doc.tokens[k - 1].sentence != doc.tokens[k].sentence
    }

    /// ", Russia's foreign minister", ", the chief U.S. negotiator", ", a spokesman for ...": after the comma,
    /// only articles, country words, possessives and lower-case modifiers may come before the title.
    func isAppositiveTitle(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens
        var j = k
        while j < t.count, j - k < 4, t[j].sentence == t[k].sentence {
            if doc.isTitle[j] || kb.lexicon.titleWords.contains(t[j].key) { return true }
            if t[j].kind == .possessive || t[j].key == Keys.the || t[j].key == Keys.a || t[j].key == Keys.an { j += 1; continue }
            if doc.owner[j] >= 0, case .kb(let idx) = doc.mentions[Int(doc.owner[j])].ref, kb.entities[Int(idx)].type == .country { j += 1; continue }
            if t[j].kind == .word && t[j].has(.lowercase) { j += 1; continue }
            return false
        }
        return false
    }
}

/// Words that open sentences and never names, trimmed from the front of a pattern run.
enum SentenceOpeners {
    static let keys = KeySet(words: SentenceSplitter.defaultOpeners)
}
