/// Drops the events asked for: "urged him to press the regime to cease airstrikes", "I encourage Iraq and the
/// KRG to now work together", "asked the governments not to turn away boats". What an appeal or a demand asks
/// someone to do is told in its infinitive complement; it has not happened and nobody announced it will, so the
/// appeal is the news and the act asked for is no event of its own.
///
/// An event is asked for when a verb trigger of an appeal or a demand comes before it in its sentence within
/// `reach` tokens, with "to" before an infinitive between them ("to cease", "not to turn away", "to now work")
/// and no clause break (a comma, quote mark, semicolon, colon, bracket or clause opener such as "that"). "To" before a
/// determiner or a name is a preposition ("called for an end to the regime's attacks"): what follows it is a
/// thing, and may well have happened. A cross-event pass, linear in the events (each looks back at most `reach`
/// tokens, and at the events since the latest appeal of its sentence).
enum RequestFilter {
    /// Furthest an appeal may stand before the act it asks for, in tokens: "asked the governments of South East
    /// Asia not to turn away" puts nine words between.
    static let reach = 12

    /// What ends the complement: a mark that closes the clause the appeal is in, or a comma ("urged Iran to act,
    /// and Russia attacked Aleppo": the clause after it has its own subject).
    static let clauseEnd: TokenMarks.Mark = [.opener, .quote, .semicolon, .colonOrParen, .comma]

    /// Whether `e` is told in the infinitive complement of `asker`, an appeal or demand verb before it. `to` is
    /// the key of "to", `determiners` the words that make "to" a preposition before a noun phrase.
    static func isRequested(_ e: RawEvent, by asker: RawEvent, tokens: [Token], marks: [TokenMarks.Mark], to: UInt64,
                            determiners: KeySet) -> Bool {
        guard asker.type == .appeal || asker.type == .demand, !asker.isNoun, asker.sentence == e.sentence,
              asker.trigger.upperBound <= e.trigger.lowerBound, e.trigger.lowerBound - asker.trigger.upperBound <= reach else { return false }
        var infinitive = false
        for k in asker.trigger.upperBound..<e.trigger.lowerBound {
            if !marks[k].isDisjoint(with: clauseEnd) { return false }
            if tokens[k].key == to, k + 1 < tokens.count, isVerbAfterTo(tokens[k + 1], determiners: determiners) { infinitive = true }
        }
        return infinitive
    }

    /// Whether the word after "to" opens an infinitive: a lower-case word that is no determiner ("to cease",
    /// "to now work"), not a name or a noun phrase ("to Syria", "to the talks").
    static func isVerbAfterTo(_ next: Token, determiners: KeySet) -> Bool {
        next.kind == .word && next.has(.lowercase) && !determiners.contains(next.key)
    }

    /// Drops the events asked for, moving those kept to the front, in order; their number. The appeals stay.
    static func apply(_ events: UnsafeMutableBufferPointer<RawEvent>, tokens: [Token], marks: [TokenMarks.Mark], to: UInt64,
                      determiners: KeySet) -> Int {
        var kept = 0
        // The latest appeal or demand verb kept (its place among the kept events).
        var asker = -1
        for i in events.indices {
            if asker >= 0, isRequested(events[i], by: events[asker], tokens: tokens, marks: marks, to: to, determiners: determiners) {
                continue
            }
            if kept != i { events[kept] = events[i] }
            if (events[kept].type == .appeal || events[kept].type == .demand) && !events[kept].isNoun { asker = kept }
            kept += 1
        }
        return kept
    }
}
