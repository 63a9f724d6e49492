/// All-caps lines (wire headlines: "HAVEL PRAISES CZECH NATIVE ALBRIGHT AS FRIEND") say nothing about names
/// by their case: every word is capitalised, so the name patterns would read the whole line as one name.
///
/// After the dictionary has matched the names it knows, the everyday words of such lines are read as lower
/// case, so the patterns see "HAVEL praises CZECH native ALBRIGHT as friend". Only the token flags change:
/// offsets still point into the original text, and the words left capitalised stay candidates for names.
enum Recasing {
    static func apply(_ doc: Document, kb: KnowledgeBase) {
        for (s, range) in doc.sentences.enumerated() where doc.allCapsSentence[s] {
            for k in range where doc.owner[k] < 0 && doc.tokens[k].has(.allCaps) && isEverydayWord(doc, k, kb: kb) {
                doc.tokens[k].flags.remove([.capitalized, .allCaps])
                doc.tokens[k].flags.insert(.lowercase)
            }
        }
    }

    /// A word of the everyday lexicon, or an inflection of one ("PRAISES", "CALLED", "TALKING"); never a given
    /// name nor the family name of a known person ("BUSH", "MAY"), which the body may name in full.
    static func isEverydayWord(_ doc: Document, _ k: Int, kb: KnowledgeBase) -> Bool {
        let tok = doc.tokens[k]
        guard tok.kind == .word, !tok.has(.dotted) else { return false }
        let lex = kb.lexicon
        if lex.givenNames.contains(tok.key) || kb.surnames[tok.key] != nil { return false }
        if lex.commonWords.contains(tok.key) { return true }
        let word = String(decoding: doc.bytes[Int(tok.start)..<Int(tok.end)], as: UTF8.self).lowercased()
        return stems(of: word).contains { lex.commonWords.contains(Folding.hash($0)) }
    }

    /// Suffixes of English inflection, longest first; each with the ending its stem may have lost.
    static let inflections: [(suffix: String, restore: [String])] = [
        ("ies", ["y"]), ("ing", ["", "e"]), ("es", [""]), ("ed", ["", "e"]), ("s", [""]),
    ]
    /// Shortest stem worth looking up: "AS" and "US" are not "A" and "U" inflected.
    static let minimumStem = 3

    /// Candidate stems of an inflected word: "praises" → "praise", "prais"; "called" → "call", "calle".
    static func stems(of word: String) -> [String] {
        var out: [String] = []
        for (suffix, restore) in inflections where word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            guard stem.count >= minimumStem else { continue }
            out += restore.map { stem + $0 }
        }
        return out
    }
}
