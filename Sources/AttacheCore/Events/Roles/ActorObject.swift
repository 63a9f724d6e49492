/// Support of an actor against support of an idea: "the coalition supports the SDF" and "Britain is supporting
/// the Iraqi government" give aid (material or political help to someone), "Damascus supports the Russian
/// proposal" and "we support the idea" state a position. The verb alone cannot tell them apart; its object can.
extension EventExtractor {
    /// Words between a demonym and the noun of the group it names ("Iraqi security forces": "security").
    static let actorHeadReach = 2

    /// The object right after a verb names an actor: after determiners, a name (not a place) that heads its
    /// noun phrase ("supports the SDF through", "supported Turkey."), or a demonym before a noun of a group that
    /// acts ("Iraqi security forces", "the Syrian opposition"). "the Russian proposal", "Iraqi unity", "the EU
    /// plan", "Russia's position" and an object with no name are no actor.
    func objectIsActor(after trigger: Range<Int>, end: Int) -> Bool {
        var k = trigger.upperBound
        while k < end, marks[k].contains(.determiner), owner[k] < 0 { k += 1 }
        guard k < end, owner[k] >= 0 else { return false }
        let m = mentions[Int(owner[k])]
        guard type(of: m.ref) != .location else { return false }
        if m.kind == .demonym { return groupNounFollows(m.end, end: end) }
        return endsNounPhrase(m.end, end: end) || groupNounFollows(m.end, end: end)
    }

    /// A noun of a group that acts within `actorHeadReach` lower-case words from `start` ("security forces").
    func groupNounFollows(_ start: Int, end: Int) -> Bool {
        var k = start
        while k < end, k - start < EventExtractor.actorHeadReach, tokens[k].kind == .word, tokens[k].has(.lowercase) {
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
