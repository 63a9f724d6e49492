import AttacheModel

/// Who did what to whom: the rules that give each name around a trigger its role, from the clause structure
/// that word order shows (no parser): prepositional objects, possessors, passives and their agents, relative
/// and participle clauses, what a named speaker said, "between X and Y", "that" clauses and object pronouns.
///
/// Each rule is a small function over the extractor's tokens; `EventExtractor.fill` calls them from its two
/// scans. The words they compare with are data (`events/role-words.tsv`, `RoleWords`).
extension EventExtractor {
    /// Tokens left of a name that still belong to its noun phrase: title words, other names, "the", "'s"
    /// ("with Russian Foreign Minister Sergei Lavrov": "Russian", "Foreign", "Minister").
    static let nounPhraseReach = 6
    /// Tokens between a verb trigger and "by" for the name after it to be the verb's agent.
    static let agentReach = 2
    /// Tokens after "that" searched for the names of the subject of the clause it opens.
    static let complementSubjectReach = 4
    /// Words allowed between a possessive and the event noun it owns ("Israel's air and ground offensive").
    static let possessorGap = 4
    /// Tokens allowed between an event noun and the participle of carrying it out before "by" ("talks in Geneva led
    /// by").
    static let conductReach = 3
    /// Words allowed between that participle and "by" ("carried out by").
    static let particleGap = 1
    /// Words allowed between a passive auxiliary and its participle ("was reportedly rejected").
    static let passiveGap = 2
    /// Tokens searched left of a comma for the comma and relative pronoun that open a relative clause.
    static let relativeReach = 16
    /// Words searched before a trigger for a subject pronoun ("it would", "they had also").
    static let subjectPronounReach = 3
    /// Tokens searched back for a quote mark that makes a first-person subject a speaker's, not the author's.
    static let quoteReach = 64
    /// Tokens searched back for the person "I" stands for in a statement ("Jane Doe said: ... I urge"): a few
    /// paragraphs.
    static let authorReach = 400
    /// Tokens searched back for the organization a group noun stands for (besides `pronounSentences`), so that a
    /// long sentence of many such nouns stays linear.
    static let groupReach = 160
    /// Sentences searched back for the person an object pronoun stands for.
    static let pronounSentences = 2
    /// Lower-case words allowed between a group noun that opens the clause and the trigger ("The group carried out
    /// unspeakable atrocities").
    static let groupSubjectGap = 4
    /// Words after a trigger searched for a plural object pronoun ("demanded firm guarantees from them").
    static let pluralPronounReach = 4
    /// Tokens searched back from a trigger for the coordination a plural object pronoun stands for: a long sentence.
    static let coordinationReach = 48

    /// The token right before the noun phrase that ends with the name starting at `start`, skipping title
    /// words, other names, "the", "'s" and "and" (coordinated names share the preposition); nil when the phrase
    /// reaches `lowest` or is longer than `nounPhraseReach`. A month or weekday name is capitalised but no title:
    /// it closes the phrase of the preposition before it ("On Monday Iran imposed": Iran is the subject).
    func tokenBeforeNounPhrase(_ start: Int, lowest: Int) -> Int? {
        var k = start - 1
        var steps = 0
        while k >= lowest, steps < EventExtractor.nounPhraseReach {
            steps += 1
            if owner[k] >= 0 { k = mentions[Int(owner[k])].start - 1; continue }
            let tok = tokens[k]
            if roles.objectPrepositions.contains(tok.key) || roles.agentPrepositions.contains(tok.key) { return k }
            if marks[k].contains(.calendar) { return k }
            let titleWord = tok.kind == .word && tok.has(.capitalized)
            guard titleWord || tok.kind == .possessive || tok.key == w.the || tok.key == w.and else { return k }
            k -= 1
        }
        return nil
    }

    /// "Kerry raised it in a call with Russian Foreign Minister Lavrov and urged": a name left of the trigger
    /// after a preposition is that preposition's object, not the subject of the trigger.
    func isPrepositionalObject(_ m: RawMention, lowest: Int) -> Bool {
        guard !isPossessor(m) else { return false }
        guard let k = tokenBeforeNounPhrase(m.start, lowest: lowest) else { return false }
        return roles.objectPrepositions.contains(tokens[k].key)
    }

    /// "an end to the Assad regime's attacks": a name with a possessive, right after it or after one word, owns
    /// the noun that follows, and acts in it whatever preposition comes before.
    func isPossessor(_ m: RawMention) -> Bool {
        let n = tokens.count
        if m.end < n, tokens[m.end].kind == .possessive { return true }
        return m.end + 1 < n && owner[m.end] < 0 && tokens[m.end].kind == .word && tokens[m.end + 1].kind == .possessive
    }

    /// "Israel's air and ground offensive", "Moscow's warning": the name whose possessive opens the noun phrase of
    /// an event noun at `trigger`, with at most `possessorGap` lower-case words (or "and") between.
    func nounPossessor(_ trigger: Range<Int>, lowest: Int) -> RawMention? {
        var k = trigger.lowerBound - 1
        var gap = 0
        while k > lowest, gap <= EventExtractor.possessorGap {
            let tok = tokens[k]
            if tok.kind == .possessive {
                guard owner[k - 1] >= 0 else { return nil }
                let m = mentions[Int(owner[k - 1])]
                return type(of: m.ref) == .location ? nil : m
            }
            guard tok.kind == .word, owner[k] < 0, !tok.has(.capitalized) else { return nil }
            gap += 1
            k -= 1
        }
        return nil
    }

    /// "was rejected by Johnson", "warnings from Beijing": a name right of the trigger that acts, after an agent
    /// preposition right after a verb, or after a source preposition when the trigger is a noun. After a noun
    /// "by" mostly tells who carried a thing out for another ("talks ... by envoys of both sides"), so it is left
    /// to the plain target rule.
    func isAgent(_ m: RawMention, trigger: Range<Int>, isNoun: Bool) -> Bool {
        guard let k = tokenBeforeNounPhrase(m.start, lowest: trigger.upperBound), k >= trigger.upperBound else { return false }
        let key = tokens[k].key
        if isAgentNounPhrase(of: k, after: trigger) { return true }
        if isNoun { return roles.nounSourcePrepositions.contains(key) || isConductAgent(by: k, after: trigger) }
        // "was shocked by Iran": the by-phrase of a feeling names its cause, who is acted on.
        if isFeelingState(trigger) { return false }
        // A verb's agent follows it closely ("was accused by"); a later "by" belongs to another phrase ("said in a
        // statement released by the Kremlin").
        return k - trigger.upperBound < EventExtractor.agentReach && roles.agentPrepositions.contains(key)
    }

    /// "were killed at the hands of Assad": whether token `k` ends "at the <agent noun> of" after the trigger, whose
    /// object acts whatever the trigger is and however far the phrase stands from it.
    func isAgentNounPhrase(of k: Int, after trigger: Range<Int>) -> Bool {
        k - 3 >= trigger.upperBound && tokens[k].key == roles.of && roles.agentNouns.contains(tokens[k - 1].key)
            && tokens[k - 2].key == roles.the && tokens[k - 3].key == roles.at
    }

    /// "the talks led by the African Union", "sanctions imposed by Russia", "attacks carried out by Hamas": whether
    /// the agent preposition at token `k`, after an event noun, follows a participle of carrying the event out
    /// (at most `particleGap` words between) that stands within `conductReach` tokens of the noun: the name after
    /// it acts in the event. "the talks welcomed by France" names who welcomed them.
    func isConductAgent(by k: Int, after trigger: Range<Int>) -> Bool {
        guard roles.agentPrepositions.contains(tokens[k].key) else { return false }
        var j = k - 1
        while j >= trigger.upperBound, k - 1 - j <= EventExtractor.particleGap, owner[j] < 0, tokens[j].kind == .word {
            if roles.conductParticiples.contains(tokens[j].key) { return j - trigger.upperBound <= EventExtractor.conductReach }
            j -= 1
        }
        return false
    }

    /// Whether the name `m` after an event noun is the agent of a participle of carrying the event out
    /// (`isConductAgent`).
    func isConducted(by m: RawMention, trigger: Range<Int>) -> Bool {
        guard let k = tokenBeforeNounPhrase(m.start, lowest: trigger.upperBound), k >= trigger.upperBound else { return false }
        return isConductAgent(by: k, after: trigger)
    }

    /// "was rejected", "had been quietly accused": a verb trigger after a passive auxiliary (adverbs between),
    /// whose subject is the one acted on. Not an -ing form ("is meeting") nor an adjective before "to" ("is
    /// opposed to", "is committed to").
    func isPassive(_ trigger: Range<Int>, isNoun: Bool, lowest: Int) -> Bool {
        guard !isNoun, !endsWith(trigger.lowerBound, "ing"), !isFeelingState(trigger) else { return false }
        if trigger.upperBound < tokens.count, tokens[trigger.upperBound].key == w.to { return false }
        var k = trigger.lowerBound - 1
        var gap = 0
        while k >= lowest {
            let tok = tokens[k]
            if roles.passiveAuxiliaries.contains(tok.key) { return true }
            guard gap < EventExtractor.passiveGap, tok.kind == .word, owner[k] < 0,
                  w.adverbs.contains(tok.key) || marks[k].contains(.negation) || endsWith(k, "ly") else { return false }
            gap += 1
            k -= 1
        }
        return false
    }

    /// "Iran was shocked by", "Turkey is deeply concerned": whether the trigger ends with a participle of feeling,
    /// an adjective that tells the state of its subject, who feels it and so speaks out, rather than a passive.
    func isFeelingState(_ trigger: Range<Int>) -> Bool {
        !trigger.isEmpty && roles.feelingParticiples.contains(tokens[trigger.upperBound - 1].key)
    }

    /// Whether the word at token `i` ends with `suffix` (lower-case ASCII), read from the text's bytes.
    func endsWith(_ i: Int, _ suffix: StaticString) -> Bool {
        let end = Int(tokens[i].end), n = suffix.utf8CodeUnitCount
        guard end - Int(tokens[i].start) > n else { return false }
        let s = suffix.utf8Start
        for j in 0..<n where bytes[end - n + j] | 0x20 != s[j] { return false }
        return true
    }

    /// "Merkel, who hosted the talks, said": when the left scan reaches the comma that closes a relative clause,
    /// the comma that opens it (right before the relative pronoun), so that the scan skips the clause.
    func relativeClauseOpening(closingComma c: Int, lowest: Int) -> Int? {
        var j = c - 1
        while j > lowest, c - j <= EventExtractor.relativeReach {
            let m = marks[j]
            if m.contains(.comma) { return roles.relativePronouns.contains(tokens[j + 1].key) ? j : nil }
            if !m.isDisjoint(with: .hardBreak) { return nil }
            j -= 1
        }
        return nil
    }

    /// "Abiy sent troops after accusing the TPLF": whether the clause opener at token `k`, right before an -ing
    /// verb trigger, opens a participle clause, whose subject is the main clause's (a relative pronoun or "that"
    /// opens a clause with a subject of its own).
    func opensParticipleClause(_ k: Int, trigger: Range<Int>, isNoun: Bool) -> Bool {
        guard !isNoun, k == trigger.lowerBound - 1, marks[k].contains(.opener), endsWith(trigger.lowerBound, "ing") else { return false }
        return !roles.relativePronouns.contains(tokens[k].key) && !roles.complementizers.contains(tokens[k].key)
    }

    /// "Russia said it would retaliate": a subject pronoun within `subjectPronounReach` words before the trigger, with
    /// only lower-case words between.
    func hasSubjectPronoun(before start: Int, lowest: Int) -> Bool {
        var k = start - 1
        while k >= lowest, start - k <= EventExtractor.subjectPronounReach {
            let tok = tokens[k]
            guard tok.kind == .word, owner[k] < 0, !tok.has(.capitalized) || k == lowest else { return false }
            if roles.subjectPronouns.contains(tok.key) { return true }
            k -= 1
        }
        return false
    }

    /// "The United States condemns the attack. ... We also urge Iraq to", "Jane Doe said: ... I encourage both
    /// sides to": a first-person subject within `subjectPronounReach` words before the trigger, in a sentence with no
    /// quote mark, stands for the author of the statement: "I" for the person named last before it, "we" for the
    /// country or organization whose name opens the text. Inside a quote it stands for the quote's speaker
    /// (`quotedSpeaker`).
    func firstPersonReferent(before start: Int, sentence: Range<Int>) -> EntityRef? {
        var k = start - 1
        while k >= sentence.lowerBound, start - k <= EventExtractor.subjectPronounReach {
            let tok = tokens[k]
            guard tok.kind == .word, owner[k] < 0 else { return nil }
            let singular = roles.firstPersonSingular.contains(tok.key)
            if singular || roles.firstPersonPlural.contains(tok.key) {
                // Inside a quote the pronoun is the speaker's.
                guard !quoteOpens(before: k, sentenceStart: sentence.lowerBound) else {
                    return quotedSpeaker(after: start, end: sentence.upperBound)
                }
                return singular ? lastPerson(before: k) : openingActor()
            }
            guard !tok.has(.capitalized) else { return nil }
            k -= 1
        }
        return nil
    }

    /// Whether a quote mark stands within `quoteReach` tokens before token `k` in its sentence (or right before
    /// the sentence: a quote that opens it).
    func quoteOpens(before k: Int, sentenceStart: Int) -> Bool {
        let first = max(0, sentenceStart - 1, k - EventExtractor.quoteReach)
        for j in first..<k where marks[j].contains(.quote) { return true }
        return false
    }

    /// The person named last before token `k`, within `authorReach` tokens.
    func lastPerson(before k: Int) -> EntityRef? {
        var j = k - 1
        while j >= 0, k - j <= EventExtractor.authorReach {
            guard owner[j] >= 0 else { j -= 1; continue }
            let m = mentions[Int(owner[j])]
            if type(of: m.ref) == .person { return m.ref }
            j = m.start - 1
        }
        return nil
    }

    /// "The United States strongly condemns": the country or organization whose name opens the text (after the
    /// dateline and a "the"), the author of a statement.
    func openingActor() -> EntityRef? {
        var k = datelineEnd
        if k < tokens.count, tokens[k].key == w.the { k += 1 }
        guard k < tokens.count, owner[k] >= 0 else { return nil }
        let m = mentions[Int(owner[k])]
        let t = type(of: m.ref)
        return t == .country || t == .organization ? m.ref : nil
    }

    /// "Kerry called Lavrov and urged him to": the person an object pronoun right after a verb trigger stands
    /// for, the nearest one named before the trigger that is not among `sources`. "her" counts only when no
    /// noun follows it ("urged her counterpart" is a possessive).
    func objectPronounReferent(after trigger: Range<Int>, sentenceEnd: Int, sources: Participants) -> EntityRef? {
        let p = trigger.upperBound
        guard p < sentenceEnd, owner[p] < 0, roles.objectPronouns.contains(tokens[p].key) else { return nil }
        if p + 1 < sentenceEnd, tokens[p + 1].kind == .word, !roles.objectPrepositions.contains(tokens[p + 1].key),
           !marks[p + 1].contains(.opener) { return nil }
        let firstSentence = max(0, Int(tokens[p].sentence) - EventExtractor.pronounSentences)
        var j = trigger.lowerBound - 1
        while j >= 0, Int(tokens[j].sentence) >= firstSentence {
            guard owner[j] >= 0 else { j -= 1; continue }
            let m = mentions[Int(owner[j])]
            if type(of: m.ref) == .person, !sources.contains(where: { $0.ref == m.ref && $0.role == .source }) { return m.ref }
            j = m.start - 1
        }
        return nil
    }

    /// "India blames the group for", "negotiated with the insurgents": the organization a definite group noun
    /// right after a verb trigger (or after its preposition) stands for (`organizationCalled`). A name right after
    /// the noun is the group's own ("the group Hamas"), which the right scan reads.
    func groupNounReferent(after trigger: Range<Int>, sentenceEnd: Int, sources: Participants) -> EntityRef? {
        var p = trigger.upperBound
        if p < sentenceEnd, roles.objectPrepositions.contains(tokens[p].key) { p += 1 }
        guard p + 1 < sentenceEnd, tokens[p].key == w.the, owner[p + 1] < 0, roles.groupNouns.contains(tokens[p + 1].key) else { return nil }
        if p + 2 < sentenceEnd, owner[p + 2] >= 0 { return nil }
        return organizationCalled(tokens[p + 1].key, before: trigger.lowerBound, sources: sources)
    }

    /// "The group carried out atrocities": the organization a definite group noun that opens the clause of the
    /// trigger stands for, when only lower-case words (at most `groupSubjectGap`) stand between it and the trigger.
    func groupNounSubject(before start: Int, lowest: Int) -> EntityRef? {
        var k = start - 1
        while k > lowest, start - 1 - k < EventExtractor.groupSubjectGap, owner[k] < 0, tokens[k].kind == .word, !tokens[k].has(.capitalized),
              !roles.groupNouns.contains(tokens[k].key) { k -= 1 }
        guard k - 1 == lowest, owner[k] < 0, roles.groupNouns.contains(tokens[k].key), tokens[k - 1].key == w.the else { return nil }
        return organizationCalled(tokens[k].key, before: k - 1, sources: [])
    }

    /// The organization a group noun (`noun`) before token `start` stands for: of those named before it within
    /// `pronounSentences` and `groupReach` tokens that are not among `sources`, the nearest one the text called by
    /// the same noun, or else the nearest one.
    func organizationCalled(_ noun: UInt64, before start: Int, sources: Participants) -> EntityRef? {
        guard start < tokens.count else { return nil }
        let firstSentence = max(0, Int(tokens[start].sentence) - EventExtractor.pronounSentences)
        var nearest: EntityRef?
        let lowest = max(0, start - EventExtractor.groupReach)
        var j = start - 1
        while j >= lowest, Int(tokens[j].sentence) >= firstSentence {
            guard owner[j] >= 0 else { j -= 1; continue }
            let m = mentions[Int(owner[j])]
            if type(of: m.ref) == .organization, !sources.contains(where: { $0.ref == m.ref && $0.role == .source }) {
                // "the militant group Jaish-e-Mohammed ... blames the group": the one called by the same noun first.
                if (m.start > 0 && tokens[m.start - 1].key == noun) || (m.end < tokens.count && tokens[m.end].key == noun) { return m.ref }
                if nearest == nil { nearest = m.ref }
            }
            j = m.start - 1
        }
        return nearest
    }

    /// "insisted that Turkey withdraw", "warned that the Syrian government would": the names of the subject of the clause opened by "that" at token
    /// `k`, the first names after it with only "the", title words and "and" between.
    func complementSubject(after k: Int, end: Int) -> [EntityRef] {
        var refs: [EntityRef] = []
        var j = k + 1
        while j < end, j - k <= EventExtractor.complementSubjectReach + refs.count {
            if owner[j] >= 0 {
                let m = mentions[Int(owner[j])]
                if type(of: m.ref) != .location { refs.append(m.ref) }
                j = m.end
                continue
            }
            let tok = tokens[j]
            // "that Russian ally Assad quit": a demonym before a common noun and a name modifies the name's phrase.
            if refs.count == 1, j + 1 < end, owner[j + 1] >= 0, tok.kind == .word, !tok.has(.capitalized), isDemonym(at: j - 1) {
                refs.removeAll()
                j += 1
                continue
            }
            guard tok.key == w.the || tok.key == w.and || (tok.kind == .word && tok.has(.capitalized)) || tok.kind == .possessive else { break }
            j += 1
        }
        return refs
    }

    /// Whether token `k` ends a demonym mention ("Russian").
    func isDemonym(at k: Int) -> Bool {
        k >= 0 && owner[k] >= 0 && mentions[Int(owner[k])].kind == .demonym
    }

    /// "demanded firm guarantees from them", "urging both to", "sanctions on both men": the token of a plural object
    /// pronoun within `pluralPronounReach` lower-case words after the trigger, in its clause. "both" right before a
    /// name opens a coordination the right scan reads itself ("sanctions on both Russia and Iran").
    func pluralObjectPronoun(after trigger: Range<Int>, end: Int) -> Int? {
        var k = trigger.upperBound
        while k < end, k - trigger.upperBound < EventExtractor.pluralPronounReach {
            let tok = tokens[k]
            guard tok.kind == .word, owner[k] < 0, marks[k].isDisjoint(with: .endsClause) else { return nil }
            if roles.pluralObjectPronouns.contains(tok.key) {
                return k + 1 < end && owner[k + 1] >= 0 ? nil : k
            }
            k += 1
        }
        return nil
    }

    /// "did not trust Britain, France and Germany, and demanded guarantees from them": the actors of the coordination
    /// named last before token `start`, within `coordinationReach` tokens and `pronounSentences` sentences: an "and"
    /// between two names (title words and demonyms before the second: "Swaraj and Pakistani Foreign Minister
    /// Qureshi"), with the names listed before the first with commas. Places are left out.
    func lastCoordination(before start: Int) -> [EntityRef] {
        guard start > 0 else { return [] }
        let firstSentence = max(0, Int(tokens[start - 1].sentence) - EventExtractor.pronounSentences)
        var j = start - 2
        while j > 0, start - j <= EventExtractor.coordinationReach, Int(tokens[j].sentence) >= firstSentence {
            if owner[j] < 0, tokens[j].key == w.and, owner[j - 1] >= 0, let second = headName(after: j, end: start) {
                var refs = [second]
                var m = mentions[Int(owner[j - 1])]
                while true {
                    if type(of: m.ref) != .location, !refs.contains(m.ref) { refs.append(m.ref) }
                    let comma = m.start - 1
                    guard comma > 0, marks[comma].contains(.comma), owner[comma - 1] >= 0 else { break }
                    m = mentions[Int(owner[comma - 1])]
                }
                return refs.reversed()
            }
            j -= 1
        }
        return []
    }

    /// The head of the noun phrase of names right after token `k` (before `end`): the last actor of a run of names
    /// and capitalised title words ("Pakistani Foreign Minister Shah Mehmood Qureshi": Qureshi); nil when the run
    /// holds none or is longer than `nounPhraseReach`.
    func headName(after k: Int, end: Int) -> EntityRef? { nameRun(from: k + 1, end: end).head }

    /// consult, agree and cooperate are between equals: their sides are co-participants after "between".
    static func isSymmetric(_ type: EventType) -> Bool {
        type == .consult || type == .agree || type == .cooperate
    }
}
