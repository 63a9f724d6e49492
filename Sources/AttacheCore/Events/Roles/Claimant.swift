/// Who claimed an attack: "condemns the attacks in Iraq, including one in Baghdad claimed by Daesh", "condemns the
/// bombings, for which Daesh has claimed responsibility". A statement that condemns an attack names its author this
/// way, after the attack's noun phrase, and the claimant is the one the condemnation accuses.
///
/// The claimant is not made the attack's own source: the attack would then share it with later events that name the
/// same group ("the fight against Daesh"), and the merger would take them for one.
extension EventExtractor {
    /// Tokens after the trigger searched for the claim: the claim stands in a relative or participle clause after the
    /// attack's noun phrase ("the attacks today in the towns of Jabla ..., for which Daesh has claimed").
    static let claimReach = 40
    /// Lower-case words allowed between the claimant and the claim verb ("has", "quickly", "since").
    static let claimantGap = 2

    /// The actor that claimed the event of `trigger`, from the first claim verb (`claim-verb` of
    /// `role-words.tsv`) within `claimReach` tokens after the trigger in its sentence (before `end`): the name after
    /// "claimed by", or the name right before "claimed responsibility" (`claim-object`). A claim with neither
    /// ("claimed it would win") names no author.
    func claimant(after trigger: Range<Int>, end: Int) -> EntityRef? {
        let last = min(end, trigger.upperBound + EventExtractor.claimReach)
        var j = trigger.upperBound
        while j < last {
            if owner[j] < 0, roles.claimVerbs.contains(tokens[j].key) {
                return claimAgent(after: j, end: end) ?? claimSubject(before: j, lowest: trigger.upperBound, end: end)
            }
            j += 1
        }
        return nil
    }

    /// "claimed by Daesh", "claimed by the Islamic State": the actor named after an agent preposition (and "the")
    /// right after the claim verb at `j`.
    func claimAgent(after j: Int, end: Int) -> EntityRef? {
        var k = j + 1
        guard k < end, roles.agentPrepositions.contains(tokens[k].key) else { return nil }
        k += 1
        if k < end, tokens[k].key == w.the { k += 1 }
        return actor(at: k, end: end)
    }

    /// "Daesh has claimed responsibility": the actor whose name ends at most `claimantGap` lower-case words before
    /// the claim verb at `j` (after `lowest`), when a claim object follows the verb.
    func claimSubject(before j: Int, lowest: Int, end: Int) -> EntityRef? {
        guard j + 1 < end, roles.claimObjects.contains(tokens[j + 1].key) else { return nil }
        var k = j - 1
        while k >= lowest, j - 1 - k < EventExtractor.claimantGap, owner[k] < 0, tokens[k].kind == .word, !tokens[k].has(.capitalized) {
            k -= 1
        }
        guard k >= lowest, owner[k] >= 0 else { return nil }
        return actor(at: k, end: end)
    }

    /// The actor (a person, country or organization, not a place) of the mention at token `k`, if any.
    func actor(at k: Int, end: Int) -> EntityRef? {
        guard k < end, owner[k] >= 0 else { return nil }
        let ref = mentions[Int(owner[k])].ref
        return type(of: ref) == .location ? nil : ref
    }
}
