/// Letting captives go against letting anything else go: "Israel released 150 Palestinian prisoners" and "the
/// hostages were freed" are concessions (CAMEO 08), "Hamas released a statement" and "the sides exchanged views"
/// are not. The verb cannot tell them apart; the people it is about can.
extension EventExtractor {
    /// Tokens searched on each side of the verb for its captives: "released more than 200 political prisoners"
    /// has four words before the noun, "the prisoners will be released" three.
    static let captiveReach = 5

    /// Whether the verb `trigger` is about captives: a captive noun ("prisoners", "hostages") or a named person
    /// in its object, within `captiveReach` tokens and before a comma, a clause break or a preposition other
    /// than "of" ("an exchange of prisoners"); or a captive noun just before it in its clause, the subject of a
    /// passive or a participle ("hostages will be freed", "prisoners freed by Hamas").
    func concernsCaptives(_ trigger: Range<Int>, range: Range<Int>) -> Bool {
        let captives = shared.value.captiveNouns
        var k = trigger.upperBound
        while k < range.upperBound, k - trigger.upperBound < EventExtractor.captiveReach {
            if owner[k] >= 0 {
                let m = mentions[Int(owner[k])]
                if m.kind != .demonym, type(of: m.ref) == .person { return true }
                k = m.end
                continue
            }
            let tok = tokens[k]
            if tok.kind == .punct || !marks[k].isDisjoint(with: .endsClause) || isPreposition(tok.key) { break }
            if captives.contains(tok.key) { return true }
            k += 1
        }
        k = trigger.lowerBound - 1
        while k >= max(range.lowerBound, datelineEnd), trigger.lowerBound - k <= EventExtractor.captiveReach {
            let tok = tokens[k]
            if tok.kind == .punct || !marks[k].isDisjoint(with: .endsClause) || owner[k] >= 0 { break }
            if captives.contains(tok.key) { return true }
            k -= 1
        }
        return false
    }

    /// A preposition that opens another phrase than the verb's object ("released a report on prisoners").
    private func isPreposition(_ key: UInt64) -> Bool {
        roles.objectPrepositions.contains(key) || roles.agentPrepositions.contains(key) || locatives.contains(key)
    }
}
