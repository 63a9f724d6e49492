/// Bylines and credit lines name the journalists and photographers, who are people of the article like any
/// other ("image: David Shankbone" is annotated as a person):
/// - "By Jane Doe" opening a line, possibly "By Jane Doe and John Roe" or "By Jane Doe, Associated Press";
/// - credit phrases anywhere: "Reporting by Jane Doe; Editing by John Roe", "Photo: Jane Doe";
/// - a name alone on its own line under the headline ("Klara Gajduskova").
enum Byline {
    /// Words of a person's name in a byline ("Jean-Marc de La Sabliere" is four).
    static let maxNameWords = 4
    /// Lines at the top of the text that may hold a headline and a byline.
    static let maxLeadLines = 4

    static func apply(_ doc: Document, kb: KnowledgeBase) {
        let t = doc.tokens
        let cues = kb.lexicon.creditWords
        var lines = 0
        for k in 0..<t.count {
            let lineStart = k == 0 || t[k].has(.newlineBefore)
            if lineStart { lines += 1 }
            if t[k].key == Keys.by, lineStart || (k > 0 && cues.contains(t[k - 1].key)) {
                addNames(doc, from: k + 1, kb: kb)
            } else if t[k].key == Keys.colon, k > 0, cues.contains(t[k - 1].key) {
                addNames(doc, from: k + 1, kb: kb)
            } else if lineStart, k > 0, lines <= maxLeadLines, let end = nameAloneOnLine(doc, k, kb: kb) {
                addPerson(doc, k, end)
            }
        }
    }

    /// Names joined by "and" or commas after a credit cue, each made a person; stops at anything else.
    static func addNames(_ doc: Document, from start: Int, kb: KnowledgeBase) {
        var k = start
        while k < doc.count, !doc.tokens[k].has(.newlineBefore), let end = nameRun(doc, k, kb: kb) {
            addPerson(doc, k, end)
            guard end < doc.count, doc.tokens[end].key == Keys.and || doc.tokens[end].key == Keys.comma else { return }
            k = end + 1
        }
    }

    /// A free run of two to four capitalised words (name particles inside) on one line, opening with a given
    /// name or a word that is not an everyday one ("By Christmas Day" is no byline), or nil.
    static func nameRun(_ doc: Document, _ start: Int, kb: KnowledgeBase) -> Int? {
        let t = doc.tokens
        let lex = kb.lexicon
        guard start < t.count, t[start].kind == .word, t[start].has(.capitalized),
              !lex.commonWords.contains(t[start].key) || lex.givenNames.contains(t[start].key) else { return nil }
        var end = start
        var words = 0
        while end < t.count, t[end].kind == .word, doc.owner[end] < 0, !doc.isTitle[end], end == start || !t[end].has(.newlineBefore) {
            let w = t[end]
            guard w.has(.capitalized) || w.has(.hyphenBefore) || (lex.particles.contains(w.key) && end > start) else { break }
            if lex.neverNames.contains(w.key) || lex.orgHeads.contains(w.key) { return nil }
            if !w.has(.hyphenBefore) { words += 1 }
            if words > maxNameWords { return nil }
            end += 1
        }
        while end > start, lex.particles.contains(t[end - 1].key) { end -= 1 }
        return words >= 2 ? end : nil
    }

    /// "Klara Gajduskova" alone on a line below the headline: two or three capitalised words, none an
    /// everyday word unless a given name, nothing else on the line, and text after it.
    static func nameAloneOnLine(_ doc: Document, _ start: Int, kb: KnowledgeBase) -> Int? {
        guard let end = nameRun(doc, start, kb: kb), end < doc.count, doc.tokens[end].has(.newlineBefore),
              end - start <= 3 else { return nil }
        // Every word, not only the first: "Talks End Early" is a headline.
        let lex = kb.lexicon
        for k in start..<end where lex.commonWords.contains(doc.tokens[k].key) && !lex.givenNames.contains(doc.tokens[k].key) {
            return nil
        }
        return end
    }

    static func addPerson(_ doc: Document, _ start: Int, _ end: Int) {
        doc.addPatternMention(type: .person, start, end, confidence: 0.7)
    }
}
