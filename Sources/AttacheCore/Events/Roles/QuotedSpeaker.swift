/// Who "we" and "I" are inside a quote: the one the text says spoke it, named right after the closing quote mark
/// ("\"We reject any role for Iran,\" Osama Abu Zeid, spokesman for the rebels, told reporters", "\"I urge calm,\"
/// said Foreign Minister Sergei Lavrov"). Outside quotes the first person is the statement's author
/// (`firstPersonReferent`).
extension EventExtractor {
    /// Tokens after the trigger searched for the quote mark that closes what was said: a long quoted sentence.
    static let quoteCloseReach = 48
    /// Tokens after the speaker's name searched for the verb of saying, past an apposition ("Osama Abu Zeid,
    /// spokesman for the rebel delegation, told").
    static let speechVerbReach = 10

    /// The speaker of the quote that holds token `start`: after the closing quote mark (within `quoteCloseReach`
    /// tokens, before `end`) and a comma, either a verb of saying (`speech-verb` of `role-words.tsv`) and the name
    /// after it, or a name followed by a verb of saying within `speechVerbReach` tokens. Title words before the name
    /// belong to it ("said British Ambassador Barbara Woodward": Woodward). Nil when no name is there ("a diplomat
    /// said") or no verb of saying follows.
    func quotedSpeaker(after start: Int, end: Int) -> EntityRef? {
        let last = min(end, start + EventExtractor.quoteCloseReach)
        var j = start + 1
        while j < last, !(marks[j].contains(.quote) && tokens[j].has(.closeQuote)) { j += 1 }
        guard j < last else { return nil }
        j += 1
        if j < end, marks[j].contains(.comma) { j += 1 }
        guard j < end else { return nil }
        if roles.speechVerbs.contains(tokens[j].key) { return nameRun(from: j + 1, end: end).head }
        let (head, after) = nameRun(from: j, end: end)
        guard let head else { return nil }
        for k in after..<min(end, after + EventExtractor.speechVerbReach) where roles.speechVerbs.contains(tokens[k].key) { return head }
        return nil
    }

    /// The last actor of the run of names and capitalised title words that starts at token `j` (before `end`), and
    /// the token after the run; the head is nil when the run names no actor or is longer than `nounPhraseReach`.
    func nameRun(from j: Int, end: Int) -> (head: EntityRef?, after: Int) {
        var k = j
        var head: EntityRef?
        while k < end, k - j < EventExtractor.nounPhraseReach {
            if owner[k] >= 0 {
                let m = mentions[Int(owner[k])]
                if type(of: m.ref) != .location { head = m.ref }
                k = m.end
                continue
            }
            guard tokens[k].kind == .word, tokens[k].has(.capitalized) else { break }
            k += 1
        }
        return (head, k)
    }
}
