import AttacheDates

/// Gives the date finder the document's own tokens (`DateTokenBuffer`), so that the event dater does not cut
/// the bytes of every dated sentence into words a second time.
///
/// The two tokenizers agree on most tokens: a word of ASCII letters, a number of digits, a punctuation mark,
/// white space between them. Those are copied, a word with its date-lexicon entry found by the document's
/// word hash. Where they differ (the document keeps "U.S.", "Russia's", "1990s", "O'Brien" and "«Paris" as
/// one or two tokens where the date tokenizer cuts otherwise), the run of tokens with no white space between
/// them is cut from its bytes; a window with white space the date tokenizer does not know as such (a form
/// feed, U+3000) is cut from its bytes whole. Either way the date finder sees the tokens it would have made.
enum DocumentDateTokens {
    /// The date lexicon's words by the document tokenizer's hash of each: `Folding.hash` → index in
    /// `DateLexiconWord.all`.
    static let table = FrozenTable(DateLexiconWord.all.enumerated().map { (Folding.hash($1.text), $0) })

    /// What lies between two tokens.
    enum Gap {
        /// Spaces, tabs, line breaks, U+00A0 and U+2000...U+200B: white space to both tokenizers.
        case space(newline: Bool)
        /// The hyphen of a compound ("US-led", "mid-2014"), a token of its own to the date tokenizer.
        case hyphen
        /// Anything else.
        case other
    }

    static func gap(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Gap {
        // One space, the usual case, first.
        if to - from == 1 && b[from] == 0x20 { return .space(newline: false) }
        if isHyphen(b, from, to) { return .hyphen }
        var i = from
        var newline = false
        while i < to {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
            if c == 0x0A { newline = true; i += 1; continue }
            if c == 0xC2, i + 1 < to, b[i + 1] == 0xA0 { i += 2; continue }
            if c == 0xE2, i + 2 < to, b[i + 1] == 0x80, b[i + 2] <= 0x8B { i += 3; continue }
            return .other
        }
        return .space(newline: newline)
    }

    /// Whether `b[from ..< to]` is a hyphen alone: "-", U+2010 or U+2011.
    static func isHyphen(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        (to - from == 1 && b[from] == 0x2D)
            || (to - from == 3 && b[from] == 0xE2 && b[from + 1] == 0x80 && (b[from + 2] == 0x90 || b[from + 2] == 0x91))
    }

    /// Appends the date tokens of the document tokens `window` (one window of the finder) to `out`.
    static func append(_ window: Range<Int>, tokens t: [Token], bytes b: UnsafeBufferPointer<UInt8>, into out: inout DateTokenBuffer) {
        let first = Int(t[window.lowerBound].start)
        out.beginWindow(at: first)
        let windowMark = out.count
        // The run of tokens with no white space between them that the current token is in: where it starts
        // (in the buffer and the bytes) and what came before it, for cutting it from its bytes.
        var runMark = windowMark, runStart = first, runNewline = false
        var previousEnd = first
        var k = window.lowerBound
        let table = self.table
        while k < window.upperBound {
            let tok = t[k]
            let start = Int(tok.start), end = Int(tok.end)
            if start != previousEnd {
                switch gap(b, previousEnd, start) {
                case .space(let newline):
                    out.space(newline: newline)
                    runMark = out.count; runStart = start; runNewline = newline
                case .hyphen:
                    _ = out.punct(b, previousEnd, start)
                case .other:
                    out.rollBack(to: windowMark, newline: false)
                    out.bytes(b, first..<Int(t[window.upperBound - 1].end))
                    out.endWindow()
                    return
                }
            }
            let copied: Bool
            switch tok.kind {
            case .word:
                copied = tok.flags.isDisjoint(with: [.nonASCII, .dotted, .mixed])
                if copied {
                    out.word(b, start, end, listed: table[tok.key] ?? -1)
                }
            case .number:
                copied = !tok.has(.nonASCII) && out.number(b, start, end)
            case .punct:
                copied = out.punct(b, start, end)
            case .possessive:
                copied = false
            }
            if copied {
                previousEnd = end
                k += 1
                continue
            }
            // Cut the whole run from its bytes: to its last token before white space.
            var runEnd = end, j = k + 1
            while j < window.upperBound {
                let s = Int(t[j].start)
                guard s == runEnd || isHyphen(b, runEnd, s) else { break }
                runEnd = Int(t[j].end)
                j += 1
            }
            out.rollBack(to: runMark, newline: runNewline)
            out.bytes(b, runStart..<runEnd)
            previousEnd = runEnd
            k = j
        }
        out.endWindow()
    }
}
