/// Drops the events told inside a condition: "Russia could not turn a blind eye if Iran kept rejecting
/// offers", "the pact would collapse unless both sides agree" tell what would happen, not what happened.
///
/// A trigger is in a condition when a condition word (`condition-cues.txt`) comes before it in its sentence
/// within `reach` tokens, with no comma, quote mark, semicolon, colon, bracket or other clause opener between:
/// the main clause after "If Russia attacks, NATO will respond" is the news of a threat, not a condition.
/// A cross-event pass, linear in the events (each looks back at most `reach` tokens).
enum ConditionFilter {
    /// Furthest a condition word may stand before the trigger it governs, in tokens.
    static let reach = 12

    /// What ends the look-back: a mark that closes the clause the trigger is in.
    static let clauseEnd: TokenMarks.Mark = [.comma, .quote, .semicolon, .colonOrParen, .opener]

    /// Whether the trigger starting at token `start` is inside a condition; `lowest` is the first token of its
    /// sentence that the look-back may read.
    static func isConditional(_ start: Int, marks: [TokenMarks.Mark], lowest: Int) -> Bool {
        var k = start - 1
        while k >= lowest, start - k <= reach {
            let m = marks[k]
            if m.contains(.condition) { return true }
            if !m.isDisjoint(with: clauseEnd) { return false }
            k -= 1
        }
        return false
    }

    /// Drops the conditional events, moving those kept to the front, in order; their number.
    static func apply(_ events: UnsafeMutableBufferPointer<RawEvent>, sentences: [Range<Int>], marks: [TokenMarks.Mark],
                      datelineEnd: Int) -> Int {
        var kept = 0
        for i in events.indices {
            let lowest = max(sentences[events[i].sentence].lowerBound, datelineEnd)
            if isConditional(events[i].trigger.lowerBound, marks: marks, lowest: lowest) { continue }
            if kept != i { events[kept] = events[i] }
            kept += 1
        }
        return kept
    }
}
