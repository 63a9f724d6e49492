/// Support of an actor against support of an idea: "the coalition supports the SDF" and "Britain is supporting
/// the Iraqi government" give aid (material or political help to someone), "Damascus supports the Russian
/// proposal" and "we support the idea" state a position. The verb alone cannot tell them apart; its object can.
extension EventExtractor {
    /// Words between a demonym and the noun of the group it names ("Iraqi security forces": "security").
    static let actorHeadReach = 2
    /// Lower-case words (adjectives) allowed between the determiners and the name of an object ("the moderate
    /// Syrian opposition").
    static let objectModifierReach = 1

    /// The object right after a verb names an actor: after determiners, a name (not a place) that heads its
    /// noun phrase ("supports the SDF through", "supported Turkey."), or a demonym before a noun of a group that
    /// acts ("Iraqi security forces", "the Syrian opposition"). "the Russian proposal", "Iraqi unity", "the EU
    /// plan", "Russia's position" and an object with no name are no actor.
    func objectIsActor(after trigger: Range<Int>, end: Int) -> Bool {
        var k = trigger.upperBound
        while k < end, marks[k].contains(.determiner), owner[k] < 0 { k += 1 }
        // An adjective stands between a determiner and its noun ("the moderate Syrian opposition"); without one a
        // lower-case word is a verb or a preposition ("the camp elects were Hui", "the support of Congress").
        if k > trigger.upperBound { k = afterModifiers(k, end: end) }
        guard k < end, owner[k] >= 0 else { return false }
        let m = mentions[Int(owner[k])]
        guard type(of: m.ref) != .location else { return false }
        if m.kind == .demonym { return groupNounFollows(m.end, end: end) }
        return endsNounPhrase(m.end, end: end) || groupNounFollows(m.end, end: end)
    }

    /// "the moderate Syrian opposition": after a determiner, the token after at most `objectModifierReach` lower-case
    /// words from `k` that stand right before a name, the words that modify it (a preposition or a clause opener is
    /// no modifier); `k` itself when no name follows them.
    func afterModifiers(_ k: Int, end: Int) -> Int {
        var j = k
        while j < end, j - k < EventExtractor.objectModifierReach, owner[j] < 0, tokens[j].kind == .word, tokens[j].has(.lowercase),
              !roles.objectPrepositions.contains(tokens[j].key), !roles.phraseEnds.contains(tokens[j].key), !marks[j].contains(.openerWord) {
            j += 1
        }
        return j < end && owner[j] >= 0 ? j : k
    }

    /// A noun of a group that acts within `actorHeadReach` words from `start`, not names ("security forces", "Security
    /// Forces", "the Syrian Opposition").
    func groupNounFollows(_ start: Int, end: Int) -> Bool {
        var k = start
        while k < end, k - start < EventExtractor.actorHeadReach, tokens[k].kind == .word, owner[k] < 0 {
            if roles.actorHeads.contains(tokens[k].key) { return true }
            k += 1
        }
        return false
    }

    /// The token at `k` closes a noun phrase: the sentence's end, punctuation, "and", a preposition or a clause
    /// opener; not a possessive ("Russia's") or a noun the name modifies ("the EU plan").
    func endsNounPhrase(_ k: Int, end: Int) -> Bool {
        guard k < end else { return true }
        let tok = tokens[k]
        switch tok.kind {
        case .punct: return true
        case .possessive: return false
        case .word, .number:
            return tok.key == w.and || roles.phraseEnds.contains(tok.key) || roles.objectPrepositions.contains(tok.key)
                || roles.agentPrepositions.contains(tok.key) || marks[k].contains(.openerWord)
        }
    }
}
