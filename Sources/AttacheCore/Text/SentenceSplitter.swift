import AttacheDates

/// Assigns sentence indices to tokens.
///
/// Breaks after ".", "?", "!" (and closing quotes or brackets after them) when the next token can start a
/// sentence, at paragraph breaks, and at line breaks that end a headline-like line. Abbreviations the
/// tokenizer kept whole ("Gen.", "Jan.") never end a sentence; a dotted acronym ("U.S.") does only when the
/// next word is a common sentence opener ("The", "He", "But").
public struct SentenceSplitter: Sendable {
    /// Keys of words that begin sentences often and names never ("The", "He", "In").
    let openers: KeySet
    /// Month abbreviations: "Oct . 7" (text split by another tokenizer) is one date, not two sentences.
    let monthAbbreviations = KeySet(words: DateFinder.monthAbbreviations)

    public init(openers: [String] = SentenceSplitter.defaultOpeners) {
        self.openers = KeySet(words: openers)
    }

    public static let defaultOpeners = [
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on", "at", "this", "that",
        "these", "those", "there", "his", "her", "its", "their", "our", "after", "before", "when", "while", "as", "if",
        "officials", "both", "some", "many", "more", "most", "one", "two", "three", "no", "not", "so", "yet", "also",
        "meanwhile", "however", "earlier", "later", "last", "next", "speaking", "asked",
    ]

    static let dot = Folding.hash(".")
    static let question = Folding.hash("?")
    static let bang = Folding.hash("!")
    static let ellipsis = Folding.hash("\u{2026}")
    static let closeParen = Folding.hash(")")
    static let closeBracket = Folding.hash("]")

    /// Splits `tokens` in place (sets `sentence`) and returns each sentence's token range.
    public func split(_ tokens: inout [Token]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard !tokens.isEmpty else { return ranges }
        var start = 0
        var i = 0
        let n = tokens.count
        func close(at end: Int) {
            if end > start {
                ranges.append(start..<end)
                start = end
            }
        }
        while i < n {
            let t = tokens[i]
            if i > start && t.has(.newlineBefore) {
                let prev = tokens[i - 1]
                // A paragraph break always ends a sentence; a single line break ends one unless the line
                // wraps mid-sentence (previous token a word or comma and this one lower-case).
                if t.has(.paragraphBefore) || !(t.has(.lowercase) && (prev.kind == .word || prev.key == Folding.hash(","))) {
                    close(at: i)
                }
            }
            if t.kind == .punct && (t.key == Self.dot || t.key == Self.question || t.key == Self.bang || t.key == Self.ellipsis) {
                var j = i + 1
                while j < n, tokens[j].kind == .punct,
                      tokens[j].has(.closeQuote) || tokens[j].key == Self.closeParen || tokens[j].key == Self.closeBracket
                      || (tokens[j].key == t.key && !tokens[j].has(.spaceBefore)) {
                    j += 1
                }
                let abbreviatedMonth = t.key == Self.dot && i > 0 && tokens[i - 1].has(.capitalized)
                    && monthAbbreviations.contains(tokens[i - 1].key) && j < n && tokens[j].kind == .number
                if !abbreviatedMonth, j >= n || startsSentence(tokens[j]) {
                    close(at: j)
                    i = j
                    continue
                }
            } else if t.kind == .word && t.has(.dotted) && !t.has(.initial) && i + 1 < n {
                // "... sanctions against the U.S. The move ..."
                let next = tokens[i + 1]
                if next.has(.capitalized) && openers.contains(next.key) && t.has(.allCaps) {
                    close(at: i + 1)
                }
            }
            i += 1
        }
        close(at: n)
        for (s, r) in ranges.enumerated() {
            for k in r { tokens[k].sentence = Int32(s) }
        }
        return ranges
    }

    @inline(__always)
    func startsSentence(_ t: Token) -> Bool {
        t.has(.capitalized) || t.kind == .number || t.has(.openQuote) || t.has(.newlineBefore) || t.has(.allCaps)
            || (t.kind == .punct && !t.has(.closeQuote))
    }
}
