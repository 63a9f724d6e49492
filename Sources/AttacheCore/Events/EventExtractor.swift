import AttacheModel

/// Finds events in a recognised document: trigger phrases from the lexicon, their participants and place
/// from the clause around them, and their status (planned, reported, negated).
///
/// Rules, all over token keys (no strings):
/// - triggers match longest first in one pass; a capitalised trigger inside a sentence is part of a name
///   ("World War Two") and tokens inside an entity mention are never triggers;
/// - the clause is the stretch of the sentence between quote marks, semicolons, colons and clause
///   openers ("that", "which", "after"); to the right it also ends at a comma not followed by a name;
/// - named actors (persons, countries, organizations) before the trigger are sources, after it targets,
///   after "between" co-participants; a country after "in"/"at" and any location is the place; the role rules
///   of `ClauseRoles.swift` refine this from the clause (prepositional objects, passives and agents, relative
///   and participle clauses, what a named speaker said, object pronouns);
/// - future and modal cues before the trigger make it planned, hedges reported; a negation within three
///   words, or "refused to", marks it negated, and a negated cooperative event becomes a reject.
struct EventExtractor {
    /// The lexicon by reference: an extractor is made for each article, and a copy of the lexicon's struct
    /// took a reference count for each of its two dozen tables.
    let shared: SharedLexicon
    /// The document's arrays, read once (a class property read is an exclusivity check each time).
    let tokens: [Token]
    let owner: [Int32]
    let mentions: [RawMention]
    /// What the rules ask of each token (see `TokenMarks`).
    let marks: [TokenMarks.Mark]
    /// `TokenMarks.eventStarts`: the tokens a trigger or a named event may start at.
    let starts: [UInt64]
    let datelineEnd: Int
    let w: EventWords
    /// The words that tell sources from targets.
    let roles: RoleWords
    /// The text's bytes, for the suffix tests of the role rules.
    let bytes: [UInt8]
    /// Prepositions after which a country is the place ("in Syria").
    let locatives: KeySet
    /// Entity types by knowledge-base index (shared) and of this document's pattern entities.
    let kbTypes: [EntityType]
    let localTypes: [EntityType]

    init(lexicon: SharedLexicon, locatives: KeySet, kbTypes: [EntityType], doc: Document, marks: TokenMarks) {
        self.marks = marks.marks
        self.starts = marks.eventStarts
        self.kbTypes = kbTypes
        self.localTypes = doc.locals.map(\.type)
        self.shared = lexicon
        self.w = lexicon.value.words
        self.roles = lexicon.value.roles
        self.bytes = doc.bytes
        self.locatives = locatives
        self.tokens = doc.tokens
        self.owner = doc.owner
        self.mentions = doc.mentions
        self.datelineEnd = doc.datelineEnd
    }


    /// Furthest the clause search looks, in tokens, on each side of a trigger.
    static let leftReach = 20
    static let rightReach = 14
    /// Words before a trigger searched for future cues and hedges.
    static let cueReach = 6
    /// Most tokens of an unknown event's name ("the 2014 Winter Olympic Games Opening Ceremony" has six). Each
    /// head noun of a longer capitalised run ("War 2 War 2 ...") made an event named by the whole run before
    /// it: quadratic time, and output quadratic in size.
    static let namedEventLength = 8
    /// Furthest back, in tokens, a pronoun's person is looked for (within the two previous sentences too):
    /// three long sentences. A text without full stops is one sentence, and each "he said" in it read back
    /// to its start.
    static let pronounReach = 256


    func extract(_ doc: Document) -> [RawEvent] {
        var out: [RawEvent] = []
        // Growing the array copies the events; a news sentence rarely holds more than three.
        out.reserveCapacity(doc.sentences.count * 3)
        let t = tokens
        // The latest verb event (index into `out`): its actors act in a coordinated verb ("Putin announced
        // ..., and warned").
        var lastVerb = -1
        // The latest verb of saying with a named speaker in the current sentence (index into `out`).
        var lastSaying = -1
        let allCaps = doc.allCapsSentence
        // Read once: the loop below visits every event start of the article.
        let table = shared.value.markTable, own = owner, mk = marks, starts = starts
        for (s, range) in doc.sentences.enumerated() {
            guard range.count >= 4, !allCaps[s] else { continue }
            // A dateline can run past the end of the first sentence ("MOSCOW (Interfax, Dek. 6) -": the splitter
            // ends a sentence at an unknown abbreviation), leaving nothing of that sentence to read.
            var i = max(range.lowerBound, datelineEnd)
            lastSaying = -1
            // Most tokens start no trigger and no named event: only the tokens whose marks say they may are visited.
            while i < range.upperBound, let next = TokenMarks.first(in: starts, i..<range.upperBound) {
                i = next
                let m = mk[i]
                let tok = t[i]
                // "the Second World War", "at the Munich Security Conference": a capitalised name ending in an
                // event noun is an event of its own.
                if m.contains(.namedHead), tok.kind == .word, tok.has(.capitalized),
                   let (trigger, phrase) = namedEvent(doc, i, range),
                   appendEvent(to: &out, doc, phrase, trigger, sentence: s, range: range, named: true) {
                    // A name tells which event it is: it does not refer back to another of its type.
                    out.withUnsafeMutableBufferPointer { events in
                        events[events.count - 1].isNoun = true
                        events[events.count - 1].anaphoric = false
                    }
                    i += 1
                    continue
                }
                // Cheapest tests first: most tokens are words outside mentions that start no trigger.
                guard m.contains(.trigger), tok.kind == .word, own[i] < 0, let group = shared.value.group(table[tok.key]),
                      !isNamePart(doc, i, sentenceStart: range.lowerBound),
                      let phrase = longestMatch(at: i, end: range.upperBound, group) else {
                    i += 1
                    continue
                }
                let trigger = i..<(i + phrase.length)
                // "a captured pilot", "the annexed peninsula": a participle after an article is an adjective.
                guard phrase.isEvent, !isParticipleAdjective(doc, i, phrase, sentenceStart: range.lowerBound),
                      !isCompoundAdjective(doc, i, phrase), !isCompoundModifier(trigger, end: range.upperBound) else {
                    i = trigger.upperBound
                    continue
                }
                var shared = Participants()
                var speaker = Participants()
                var saying: Range<Int>? = nil
                // Earlier events read in place (a field read of an array element copies the whole event).
                out.withUnsafeBufferPointer { events in
                    if lastVerb >= 0, !phrase.isNoun, events[lastVerb].sentence == s,
                       isCoordinated(doc, trigger.lowerBound, lowest: max(range.lowerBound, datelineEnd)) {
                        for p in events[lastVerb].participants where p.role == .source { shared.add(p.ref, .source) }
                    }
                    if lastSaying >= 0 {
                        for p in events[lastSaying].participants where p.role == .source { speaker.add(p.ref, .source) }
                        saying = events[lastSaying].trigger
                    }
                }
                if appendEvent(to: &out, doc, phrase, trigger, sentence: s, range: range, sharedSources: shared, speaker: speaker,
                               saying: saying) {
                    let at = out.count - 1
                    out.withUnsafeMutableBufferPointer { events in
                        // "refused to sign the agreement": the object of a negated trigger is negated with it.
                        if !events[at].negated, phrase.isNoun, at > 0, events[at - 1].negated, events[at - 1].sentence == s,
                           trigger.lowerBound - events[at - 1].trigger.upperBound <= 3 {
                            EventExtractor.negate(&events[at])
                        }
                        if !events[at].isNoun { lastVerb = at }
                        if events[at].isSaying { lastSaying = at }
                    }
                }
                i = trigger.upperBound
            }
        }
        return out
    }

    /// A named event ending at token `i` (a head noun of `named-event-heads.txt`): its trigger (the name) and
    /// the head's phrase. A name of the knowledge base ("Munich Security Conference") counts only after a
    /// preposition ("at the ...", "during the ...") or before a date ("... on Saturday"): otherwise it is the
    /// body, not the meeting. An unknown capitalised name ("the Second World War", "the Strategic Stability
    /// Dialogue") counts always; a name of the knowledge base before it ("Bosnian" of "the Bosnian War") stays
    /// a participant.
    func namedEvent(_ doc: Document, _ i: Int, _ range: Range<Int>) -> (Range<Int>, MatchedPhrase)? {
        let t = tokens
        guard let group = shared.value.group(shared.value.markTable[t[i].key]), let phrase = longestMatch(at: i, end: i + 1, group),
              phrase.isEvent, phrase.isNoun, phrase.length == 1 else { return nil }
        // The name must end here, and not be a modifier ("the Great Patriotic War memorial").
        if i + 1 < range.upperBound, t[i + 1].kind == .word,
           t[i + 1].has(.capitalized) || shared.value.namedEventModifiers.contains(t[i + 1].key) { return nil }
        if owner[i] >= 0 {
            let m = mentions[Int(owner[i])]
            guard m.end - 1 == i, m.end - m.start >= 2 else { return nil }
            let ty = type(of: m.ref)
            guard ty == .organization || ty == .location else { return nil }
            var k = m.start - 1
            if k >= range.lowerBound, t[k].key == w.the { k -= 1 }
            let afterPreposition = k >= range.lowerBound && (locatives.contains(t[k].key) || w.namedEventCues.contains(t[k].key))
            var dated = false
            for j in m.end..<min(range.upperBound, m.end + 3) where marks[j].contains(.calendar) { dated = true; break }
            guard afterPreposition || dated else { return nil }
            return (m.start..<m.end, phrase)
        }
        // Inside a name: a capitalised word (or a number, "G20") right before, in the same sentence.
        guard i > range.lowerBound, i > datelineEnd else { return nil }
        var start = i
        while start - 1 >= max(range.lowerBound, datelineEnd), owner[start - 1] < 0 {
            let p = t[start - 1]
            guard (p.kind == .word && p.has(.capitalized)) || p.kind == .number, p.key != w.the else { break }
            // Longer than any event's name: a heading or a list, not a name.
            guard i - start + 2 <= EventExtractor.namedEventLength else { return nil }
            start -= 1
        }
        guard start < i || (owner[i - 1] >= 0 && t[i - 1].has(.capitalized)) else { return nil }
        // "a post-Cold War low": a name used as a modifier names no event.
        guard !t[start].has(.hyphenBefore) else { return nil }
        guard !isListedNonEvent(start..<(i + 1)) else { return nil }
        return (start..<(i + 1), phrase)
    }

    /// Whether a capitalised name ends in a phrase the trigger list says is no event ("the Cold War", "a Trade
    /// War"): the `none` rows hold for a name as for lower-case text. Any suffix of the name is tried, so
    /// "the former Cold War" is caught as well as "Cold War".
    func isListedNonEvent(_ name: Range<Int>) -> Bool {
        let table = shared.value.markTable
        for k in name {
            guard let group = shared.value.group(table[tokens[k].key]),
                  let phrase = longestMatch(at: k, end: name.upperBound, group) else { continue }
            if !phrase.isEvent, k + phrase.length == name.upperBound { return true }
        }
        return false
    }

    /// "a captured pilot", "the annexed peninsula": an -ed verb form right after an article.
    func isParticipleAdjective(_ doc: Document, _ i: Int, _ phrase: MatchedPhrase, sentenceStart: Int) -> Bool {
        guard !phrase.isNoun, phrase.length == 1, i > sentenceStart, w.articles.contains(tokens[i - 1].key) else { return false }
        return endsInEd(doc, i)
    }

    /// "the UN-recognised government": an -ed verb form joined by a hyphen to the word before it is part of a
    /// compound adjective, not an act of its own.
    func isCompoundAdjective(_ doc: Document, _ i: Int, _ phrase: MatchedPhrase) -> Bool {
        !phrase.isNoun && phrase.length == 1 && tokens[i].has(.hyphenBefore) && endsInEd(doc, i)
    }

    /// "war-torn Syria", "rocket-propelled grenades", "the agreed-upon plan": a trigger joined by a hyphen to the
    /// word after it is the first part of a compound word that modifies a noun, and names no event.
    func isCompoundModifier(_ trigger: Range<Int>, end: Int) -> Bool {
        trigger.upperBound < end && tokens[trigger.upperBound].kind == .word && tokens[trigger.upperBound].has(.hyphenBefore)
    }

    @inline(__always) func endsInEd(_ doc: Document, _ i: Int) -> Bool {
        let end = Int(tokens[i].end)
        return end >= 2 && doc.bytes[end - 2] | 0x20 == UInt8(ascii: "e") && doc.bytes[end - 1] | 0x20 == UInt8(ascii: "d")
    }

    /// The person a subject pronoun right before the trigger stands for ("he said", "she had also warned"):
    /// the nearest person named before it in this or the two previous sentences.
    func pronounSubject(_ doc: Document, _ start: Int, lowest: Int) -> EntityRef? {
        let t = tokens
        var k = start - 1
        var words = 0
        while k >= lowest, words < 3 {
            let tok = t[k]
            guard tok.kind == .word, owner[k] < 0 else { return nil }
            if tok.key == w.he || tok.key == w.she { break }
            guard !tok.has(.capitalized) else { return nil }
            words += 1
            k -= 1
        }
        guard k >= lowest, t[k].key == w.he || t[k].key == w.she else { return nil }
        let firstSentence = max(0, Int(t[k].sentence) - 2)
        let lowestToken = max(0, k - EventExtractor.pronounReach)
        var j = k - 1
        while j >= lowestToken, Int(t[j].sentence) >= firstSentence {
            if owner[j] >= 0 {
                let m = mentions[Int(owner[j])]
                if type(of: m.ref) == .person { return m.ref }
                j = m.start - 1
            } else {
                j -= 1
            }
        }
        return nil
    }

    /// A capitalised word that does not open its sentence (or a quote) belongs to a name or a heading.
    func isNamePart(_ doc: Document, _ i: Int, sentenceStart: Int) -> Bool {
        let tok = tokens[i]
        guard tok.has(.capitalized) else { return false }
        if i == sentenceStart || i == datelineEnd { return false }
        let prev = tokens[i - 1]
        return !(prev.kind == .punct && (prev.has(.openQuote) || prev.key == w.quote))
    }

    /// The longest phrase of `group` (first index << 16 | count) that matches at token `i`, with no token
    /// inside a mention.
    func longestMatch(at i: Int, end: Int, _ group: UInt32) -> MatchedPhrase? {
        let first = Int(group >> 16), count = Int(group & 0xFFFF)
        for j in first..<(first + count) {
            let n = Int(shared.value.keyCount[j]), start = Int(shared.value.keyStart[j])
            guard i + n <= end else { continue }
            var ok = true
            for k in 1..<max(1, n) where tokens[i + k].key != shared.value.keyPool[start + k] || owner[i + k] >= 0 {
                ok = false
                break
            }
            if ok { return shared.value.matched[j] }
        }
        return nil
    }

    func type(of ref: EntityRef) -> EntityType {
        switch ref {
        case .kb(let i): kbTypes[Int(i)]
        case .local(let i): localTypes[Int(i)]
        }
    }

    /// Whether the mention starting at token `start` is introduced by a place preposition ("in Syria").
    func isPlace(_ start: Int) -> Bool {
        // The word before, skipping "the" ("in the Gaza Strip"), in the same sentence.
        var k = start - 1
        guard k >= 0, tokens[k].sentence == tokens[start].sentence else { return false }
        if tokens[k].key == w.the, k >= 1, tokens[k - 1].sentence == tokens[start].sentence { k -= 1 }
        return locatives.contains(tokens[k].key)
    }

    /// Whether the trigger is a verb coordinated with an earlier one ("..., and warned", "... and ordered"):
    /// "and" or a comma right before it, an adverb ("also") allowed between.
    func isCoordinated(_ doc: Document, _ start: Int, lowest: Int) -> Bool {
        var k = start - 1
        if k >= lowest, w.adverbs.contains(tokens[k].key) { k -= 1 }
        guard k >= lowest else { return false }
        // "Lavrov, whom Putin urged to stay, signed": a comma that closes a relative clause coordinates nothing.
        if tokens[k].key == w.comma { return relativeClauseOpening(closingComma: k, lowest: lowest) == nil }
        return tokens[k].key == w.and
    }

    /// Appends the event of `trigger` to `out` when its clause makes one, and says whether it did. The event
    /// is built in its place in the array: returned by value it was copied three times on the way in.
    func appendEvent(to out: inout [RawEvent], _ doc: Document, _ phrase: MatchedPhrase, _ trigger: Range<Int>, sentence s: Int,
                     range: Range<Int>, sharedSources: Participants = [], speaker: Participants = [], saying: Range<Int>? = nil,
                     named: Bool = false) -> Bool {
        out.append(RawEvent(type: phrase.type, trigger: trigger, sentence: s, participants: [], location: nil,
                            date: nil, dateBytes: nil, dateSource: nil, status: phrase.status ?? .occurred, negated: false))
        let made = out.withUnsafeMutableBufferPointer { events in
            events[events.count - 1].cameo = phrase.cameo
            return fill(&events[events.count - 1], doc, phrase, trigger, range: range, sharedSources: sharedSources, speaker: speaker,
                        saying: saying, named: named)
        }
        if !made { out.removeLast() }
        return made
    }

    /// Participants, place, status and negation of the event `e` of `trigger`, from its clause; false when the
    /// clause makes no event. `saying` is the trigger of the latest verb of saying with a named speaker in the
    /// sentence, `speaker` that speaker: what follows the verb is what was said, with its own subject.
    func fill(_ e: inout RawEvent, _ doc: Document, _ phrase: MatchedPhrase, _ trigger: Range<Int>, range: Range<Int>,
              sharedSources: Participants, speaker: Participants, saying: Range<Int>?, named: Bool) -> Bool {
        // The clause scans are the extractor's inner loop: they read the marks, not the tokens.
        let mk = marks
        var placeDistance = Int.max
        // Left: sources.
        let lowest = max(range.lowerBound, datelineEnd)
        // "Jaishankar said Modi raised India's objections": the subject of what was said follows the verb of saying.
        let floor = saying.map { $0.upperBound <= trigger.lowerBound ? max(lowest, $0.upperBound) : lowest } ?? lowest
        // "was rejected by Johnson": the subject of a passive is acted on.
        let leftRole: ParticipantRole = isPassive(trigger, isNoun: phrase.isNoun, lowest: floor) ? .target : .source
        var k = trigger.lowerBound - 1
        var steps = 0
        // Named actors before the trigger (what a trigger's need asks for), and those of them that are its subject.
        var sources = 0
        var subjects = 0
        // The scan went on past the verb of saying: what was said opens without a clause break before it.
        var reachedSaying = false
        // The scan passed a verb that judges the event noun ("condemned the attacks"); a verb trigger after a
        // determiner is a noun too ("the attacks").
        var judged = false
        let nominal = phrase.isNoun || isDefinite(doc, trigger.lowerBound, lowest: lowest)
        if !sharedSources.isEmpty {
            for p in sharedSources { e.add(p.ref, .source) }
            sources = sharedSources.count
            subjects = sources
            k = lowest - 1
        }
        // "Washington's longest war": the possessor of an event noun acts in it; other names before it do not.
        let possessor = phrase.isNoun && sharedSources.isEmpty ? nounPossessor(trigger, lowest: floor) : nil
        if let possessor {
            e.add(possessor.ref, .source)
            sources = 1
            subjects = 1
        }
        while k >= lowest, steps < EventExtractor.leftReach {
            if k < floor { reachedSaying = true }
            let m = mk[k]
            // "Abiy sent troops after accusing the TPLF": the participle's subject is the main clause's.
            if !m.isDisjoint(with: .endsClause), opensParticipleClause(k, trigger: trigger, isNoun: phrase.isNoun) {
                k -= 1
                steps += 1
                continue
            }
            if !m.isDisjoint(with: .endsClause) { break }
            // "..., and German Chancellor Olaf Scholz froze": the clause before ", and" has its own subject.
            if sources > 0, m.contains(.and), k > floor, mk[k - 1].contains(.comma) { break }
            // "Merkel, who hosted the conference with the UN, said": the relative clause is skipped.
            if m.contains(.comma), let open = relativeClauseOpening(closingComma: k, lowest: floor) {
                k = open - 1
                steps += 1
                continue
            }
            // "Iran condemned the attacks": the subject of a verb that judges an event noun does not act in it.
            if nominal, owner[k] < 0, roles.judgingVerbs.contains(tokens[k].key) { judged = true }
            if owner[k] >= 0 {
                let m = mentions[Int(owner[k])]
                let before = e.participants.count
                // Before the verb of saying, the speaker and the names around it take part but are not the subject.
                let object = k < floor || possessor != nil || judged || isPrepositionalObject(m, lowest: floor)
                take(m, role: object ? .participant : leftRole, distance: trigger.lowerBound - k, into: &e, placeDistance: &placeDistance)
                if e.participants.count > before {
                    sources += 1
                    if !object { subjects += 1 }
                }
                k = m.start - 1
            } else {
                k -= 1
            }
            steps += 1
        }
        // "He said", "she also warned": the pronoun is the person last named.
        if sources == 0, phrase.need == .saying, let person = pronounSubject(doc, trigger.lowerBound, lowest: lowest) {
            e.add(person, .source)
            sources = 1
            subjects = 1
        }
        // "The group carried out atrocities": a group noun that opens the clause is the organization last named. It
        // fills the side of an event, but does not make one on its own: the noun is no name.
        if sources == 0, let group = groupNounSubject(before: trigger.lowerBound, lowest: lowest) {
            e.add(group, leftRole)
            subjects = 1
        }
        // "We also urge Iraq to": a first-person subject is the statement's author.
        if sources == 0, let author = firstPersonReferent(before: trigger.lowerBound, sentence: range) {
            e.add(author, leftRole)
            sources = 1
            subjects = 1
        }
        // "Peskov said the guarantees were \"potentially very dangerous\"", "Iran said sanctions would stay": what a
        // speaker says without naming a subject, the speaker does; "Iran said it was attacked": a pronoun subject
        // of a passive is the speaker acted on.
        // A speaker who condemns or welcomes an event noun judges it ("The US condemns the attacks").
        if subjects == 0, !speaker.isEmpty, floor > lowest, !judged {
            let pronoun = hasSubjectPronoun(before: trigger.lowerBound, lowest: floor)
            if reachedSaying || pronoun || phrase.need == .speaker {
                for p in speaker { e.add(p.ref, pronoun && leftRole == .target ? .target : .source) }
                sources += speaker.count
                subjects = speaker.count
            }
        }
        // "He warned lawmakers", "she was accused": a personal subject pronoun of any verb is the person last named.
        if sources == 0, !phrase.isNoun, let person = pronounSubject(doc, trigger.lowerBound, lowest: lowest) {
            e.add(person, leftRole)
            sources = 1
            subjects = 1
        }
        // A trigger that needs an actor and has none before it can only take a speaker right after it ("said
        // Peskov"); without one there is no event, and the right side need not be read.
        if sources == 0, phrase.need.needsSource {
            let k = trigger.upperBound
            guard k < range.upperBound, owner[k] >= 0, type(of: mentions[Int(owner[k])].ref) != .location else { return false }
        }
        // Right: targets; after "between" the sides of the event; after "by" who acts.
        var role = ParticipantRole.target
        var between = false
        var agents = 0
        var rightNames = 0
        k = trigger.upperBound
        steps = 0
        while k < range.upperBound, steps < EventExtractor.rightReach {
            let m = mk[k]
            if !m.isDisjoint(with: .endsClause) {
                // "insisted that Turkey withdraw": the subject of the clause a demand or an accusation opens is its target.
                if rightNames == 0, !phrase.isNoun, e.type != .statement, !EventExtractor.isSymmetric(e.type),
                   roles.complementizers.contains(tokens[k].key) {
                    for ref in complementSubject(after: k, end: range.upperBound) { e.add(ref, .target) }
                }
                break
            }
            if m.contains(.comma) {
                var n = k + 1
                if n < range.upperBound, mk[n].contains(.and) { n += 1 }
                guard n < range.upperBound, owner[n] >= 0 else { break }
            }
            if m.contains(.between), rightNames == 0 {
                between = true
                // "a truce between Israel and Hamas": the first side acts unless the clause names a subject. After
                // another name "between" belongs to that name's phrase ("accused Iran of blocking trade between ...").
                role = EventExtractor.isSymmetric(e.type) ? .participant : (subjects == 0 ? .source : .target)
            }
            if owner[k] >= 0 {
                let m = mentions[Int(owner[k])]
                rightNames += 1
                if phrase.need.needsSource, sources == 0, k == trigger.upperBound, type(of: m.ref) != .location {
                    // "said Peskov": the speaker after the verb.
                    e.add(m.ref, .source)
                    sources += 1
                    subjects += 1
                } else if isAgent(m, trigger: trigger, isNoun: phrase.isNoun) {
                    // "Aleppo, bombed by Russia": the names before a verb with an agent are acted on.
                    if agents == 0, !phrase.isNoun { e.participants.replaceRole(.source, with: .target) }
                    // "Iran condemned the strikes carried out by Russia": the names before an event noun with an
                    // agent of its own are the subject of another verb; they take part but do not act in it.
                    if agents == 0, phrase.isNoun, possessor == nil, sharedSources.isEmpty, isConducted(by: m, trigger: trigger) {
                        e.participants.replaceRole(.source, with: .participant)
                    }
                    take(m, role: .source, distance: k - trigger.upperBound + 1, into: &e, placeDistance: &placeDistance)
                    agents += 1
                } else {
                    take(m, role: role, distance: k - trigger.upperBound + 1, into: &e, placeDistance: &placeDistance)
                    if between, role == .source { role = .target }
                }
                k = m.end
            } else {
                k += 1
            }
            steps += 1
        }
        if between, role == .participant {
            e.participants.makeSourcesParticipants()
        }
        // "condemns the attacks, for which Daesh has claimed responsibility": the claimant is the one accused.
        if e.type == .accuse, !phrase.isNoun, !e.participants.contains(where: { $0.role == .target }),
           let claimed = claimant(after: trigger, end: range.upperBound) {
            e.add(claimed, .target)
        }
        // "urged him to": the person last named who is not the subject.
        if !phrase.isNoun, let person = objectPronounReferent(after: trigger, sentenceEnd: range.upperBound, sources: e.participants) {
            e.add(person, .target)
        }
        // "blames the group for": the organization last named.
        if !phrase.isNoun, let group = groupNounReferent(after: trigger, sentenceEnd: range.upperBound, sources: e.participants) {
            e.add(group, .target)
        }
        // "urged both to", "sanctions on both men": the names last coordinated that are not the subject.
        if pluralObjectPronoun(after: trigger, end: range.upperBound) != nil {
            for ref in lastCoordination(before: trigger.lowerBound)
            where !e.participants.contains(where: { $0.ref == ref && $0.role == .source }) { e.add(ref, .target) }
        }
        e.isNoun = phrase.isNoun
        if phrase.isNoun { e.anaphoric = isDefinite(doc, trigger.lowerBound, lowest: lowest) }
        switch phrase.need {
        case .source, .saying, .speaker: guard sources > 0 else { return false }
        case .actorObject: guard objectIsActor(after: trigger, end: range.upperBound) else { return false }
        case .captives:
            // Captives let go by nobody named ("no hostages would be released") are no event between actors.
            guard concernsCaptives(trigger, range: range), !e.participants.isEmpty || e.location != nil else { return false }
        case .any:
            // "The war, which began in 1964, ...": no actor named, but it may tell more of an event already told.
            // A named event ("the Second World War ended in 1945") stands on its name.
            if e.participants.isEmpty && e.location == nil && !named {
                guard e.anaphoric else { return false }
                e.orphan = true
            }
        }
        applyCues(doc, &e, lowest: lowest)
        e.isSaying = phrase.need == .saying
        return true
    }

    /// Files a mention seen around a trigger: a place (a location, or a country after "in") or a participant.
    @inline(__always)
    func take(_ m: RawMention, role: ParticipantRole, distance: Int, into e: inout RawEvent, placeDistance: inout Int) {
        let ty = type(of: m.ref)
        // "opposed interference in Venezuela's affairs": in the trigger's object, a country that owns the noun after it
        // is acted on, whatever preposition precedes it. Before the trigger it stays a place ("in Afghanistan's
        // response to the war").
        if ty == .location || (ty == .country && isPlace(m.start) && !(m.start > e.trigger.lowerBound && isPossessor(m))) {
            if distance < placeDistance { e.location = m.ref; placeDistance = distance }
        } else {
            e.add(m.ref, role)
        }
    }

    /// A determiner ("the", "this", "its") within three words before a noun trigger, with only words or
    /// names between: "the deal", "the 2015 nuclear agreement", "these talks".
    func isDefinite(_ doc: Document, _ start: Int, lowest: Int) -> Bool {
        var k = start - 1
        while k >= lowest, start - k <= 3 {
            let kind = tokens[k].kind
            if kind == .punct || kind == .possessive { return false }
            if marks[k].contains(.determiner) { return true }
            k -= 1
        }
        return false
    }

    /// Status and negation from the words before the trigger in its clause.
    func applyCues(_ doc: Document, _ e: inout RawEvent, lowest: Int) {
        let t = tokens, mk = marks
        let start = e.trigger.lowerBound
        var k = start - 1
        var planned = false, reported = false, negated = false
        while k >= lowest, start - k <= EventExtractor.cueReach {
            let m = mk[k]
            if !m.isDisjoint(with: .hardBreak) || (m.contains(.opener) && k < start - 1) { break }
            let tok = t[k]
            if tok.kind == .word, !tok.has(.capitalized) || k == lowest {
                if start - k <= 3, m.contains(.negation) { negated = true }
                if m.contains(.hedge) { reported = true }
                if m.contains(.future), let cues = shared.value.futureCues[tok.key] {
                    for c in cues where k + c.count <= start {
                        var ok = true
                        for (j, key) in c.enumerated() where t[k + j].key != key { ok = false; break }
                        if ok { planned = true; break }
                    }
                }
            }
            k -= 1
        }
        // "refused to sign", "declined to meet".
        if start >= 2, t[start - 1].key == w.to, mk[start - 2].contains(.refusal) { negated = true }
        if planned, e.status == .occurred { e.status = .planned }
        if reported, e.status == .occurred { e.status = .reported }
        if negated { EventExtractor.negate(&e) }
    }

    /// Marks `e` as not having happened; a cooperative event that did not happen is a rejection
    /// ("did not meet", "refused to sign").
    static func negate(_ e: inout RawEvent) {
        e.negated = true
        switch e.type {
        case .agree, .consult, .cooperate, .aid, .concede:
            e.type = .reject
            e.cameo = 0
        default: break
        }
    }
}
