/// One token of the date finder's private tokenizer: a word, a number or a punctuation mark,
/// as UTF-8 byte offsets into the caller's buffer.
///
/// Stored compactly (48 bytes, not 80): the finder tokenizes every sentence window it reads, and the
/// token array's size showed in its time. Offsets are 32-bit; `DateFinder` reads at most 2 GiB.
struct DateToken: Sendable {
    enum Kind: UInt8, Sendable { case word, number, punct }

    /// `DateLexicon.key` of a word (0 for non-ASCII or long words, numbers and punctuation). A short word on no
    /// list of the lexicon made by `DateTokenBuffer` has a nonzero placeholder instead (`unlistedKey`).
    var key: UInt64 = 0
    /// What the lexicon says of the word (nil: nothing), and the cue lists it is on.
    var word: DateWord?
    var flags: WordFlags = []
    private var start32: Int32
    private var end32: Int32
    private var value32: Int32 = -1
    private var sentence32: Int32 = 0
    private var digits8: UInt8 = 0
    /// First byte: the punctuation byte, or the word's first letter. For U+2000...U+203F it is
    /// the last UTF-8 byte (U+2013 en dash 0x93, U+2014 em dash 0x94, U+2019 apostrophe 0x99).
    var first: UInt8 = 0
    var kind: Kind
    /// True when no whitespace separates this token from the previous one.
    var attached: Bool = false
    /// True when a line break precedes this token.
    var newlineBefore: Bool = false

    init(start: Int, end: Int, kind: Kind) {
        start32 = Int32(truncatingIfNeeded: start)
        end32 = Int32(truncatingIfNeeded: end)
        self.kind = kind
    }

    var start: Int {
        get { Int(start32) }
        set { start32 = Int32(truncatingIfNeeded: newValue) }
    }
    var end: Int {
        get { Int(end32) }
        set { end32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// Value of a plain digit run (no grouping commas or decimals, at most 9 digits); -1 otherwise.
    var value: Int {
        get { Int(value32) }
        set { value32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// Number of digits of a plain digit run (255 for longer runs).
    var digits: Int {
        get { Int(digits8) }
        set { digits8 = UInt8(clamping: newValue) }
    }
    /// Sentence number, used to bound the tense-cue search.
    var sentence: Int {
        get { Int(sentence32) }
        set { sentence32 = Int32(truncatingIfNeeded: newValue) }
    }

    var isCapitalized: Bool { kind == .word && first >= 0x41 && first <= 0x5A }
    var isLowercase: Bool { kind == .word && first >= 0x61 && first <= 0x7A }
    func isPunct(_ c: Unicode.Scalar) -> Bool { kind == .punct && first == UInt8(ascii: c) }
}

enum DateTokenizer {
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// Splits `b` into words (ASCII letters and non-ASCII characters), numbers (digit runs,
    /// "20,000" and "3.5" kept whole) and single punctuation marks. U+2000...U+206F (curly
    /// quotes, dashes) are punctuation; U+00A0 and U+2000...U+200B are spaces.
    static func tokenize(_ b: UnsafeBufferPointer<UInt8>) -> [DateToken] {
        var tokens: [DateToken] = []
        tokens.reserveCapacity(b.count / 5 + 4)
        tokenize(b, range: 0..<b.count, into: &tokens)
        return tokens
    }

    /// Appends the tokens of `b[range]` (offsets into `b`) to `tokens`, their sentences numbered after those
    /// already there; a window after other windows starts with a barrier token that no pattern crosses.
    static func tokenize(_ b: UnsafeBufferPointer<UInt8>, range: Range<Int>, into tokens: inout [DateToken]) {
        let from = beginWindow(at: range.lowerBound, &tokens)
        var state = State()
        tokenize(b, range, into: &tokens, windowStart: from, state: &state)
        assignSentences(&tokens, from: from)
    }

    /// Whether white space (and a line break) came since the last token: what `attached` and `newlineBefore` of
    /// the next token say. A window starts as after a space.
    struct State {
        var sawSpace = true
        var sawNewline = false
    }

    /// Starts a window at byte `at`: after other windows, a barrier token that no pattern crosses. Returns the
    /// window's start for `tokenize` and `assignSentences`: the index of its barrier, or 0 for the first window.
    static func beginWindow(at: Int, _ tokens: inout [DateToken]) -> Int {
        let from = tokens.count
        if from > 0 {
            var barrier = DateToken(start: at, end: at, kind: .punct)
            barrier.sentence = tokens[from - 1].sentence + 1
            tokens.append(barrier)
        }
        return from
    }

    /// Appends the tokens of `b[range]`, a piece of the window begun at `windowStart` (`beginWindow`), going on
    /// from `state`. A window cut into pieces at white space reads as the whole window would.
    static func tokenize(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into tokens: inout [DateToken],
                         windowStart from: Int, state: inout State) {
        let table = DateLexicon.table
        var i = range.lowerBound
        let n = range.upperBound
        var sawSpace = state.sawSpace
        var sawNewline = state.sawNewline
        defer {
            state.sawSpace = sawSpace
            state.sawNewline = sawNewline
        }
        while i < n {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; sawSpace = true; continue }
            if c == 0x0A { i += 1; sawSpace = true; sawNewline = true; continue }
            if c == 0xC2, i + 1 < n, b[i + 1] == 0xA0 { i += 2; sawSpace = true; continue }
            var t = DateToken(start: i, end: i, kind: .punct)
            t.attached = !sawSpace && tokens.count > from
            t.newlineBefore = sawNewline
            sawSpace = false
            sawNewline = false
            if isDigit(c) {
                var v = 0, d = 0, j = i
                while j < n, isDigit(b[j]) { if d < 9 { v = v * 10 + Int(b[j] - 0x30) }; d += 1; j += 1 }
                var plain = true
                // Thousands groups ("20,000") and decimals ("3.5") stay one non-date token.
                while j + 1 < n, b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: "."), isDigit(b[j + 1]) {
                    var k = j + 1
                    while k < n, isDigit(b[k]) { k += 1 }
                    if b[j] == UInt8(ascii: ","), k - j - 1 != 3 { break }
                    plain = false
                    j = k
                }
                t.kind = .number
                t.end = j
                t.value = plain && d <= 9 ? v : -1
                t.digits = plain ? d : 0
                t.first = c
                i = j
            } else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80 || b[i + 1] == 0x81 {
                if b[i + 1] == 0x80 && b[i + 2] <= 0x8B { i += 3; sawSpace = true; continue }
                t.kind = .punct
                t.end = i + 3
                t.first = b[i + 1] == 0x80 ? b[i + 2] : 0xE2     // U+2013 → 0x93, U+2019 → 0x99
                i += 3
            } else if isLetter(c) || c >= 0x80 {
                // The lexicon key (`DateLexicon.key`) is packed while scanning: 5 bits a letter, none for a
                // word with a non-ASCII letter or more than 12 letters.
                var j = i
                var key: UInt64 = 0
                var ascii = true
                while j < n {
                    let d = b[j]
                    if isLetter(d) { key = (key << 5) | UInt64((d | 0x20) - 0x60); j += 1; continue }
                    if d >= 0x80 {
                        if d == 0xE2, j + 1 < n, b[j + 1] == 0x80 || b[j + 1] == 0x81 { break }
                        if d == 0xC2, j + 1 < n, b[j + 1] == 0xA0 { break }
                        ascii = false
                        j += 1
                        continue
                    }
                    break
                }
                // A truncated multi-byte punctuation mark at the very end ("\u{E2}\u{80}"): one punct byte, so
                // the scan always moves forward.
                if j == i { j = i + 1 }
                t.kind = .word
                t.end = j
                t.key = ascii && j - i <= 12 ? key : 0
                if let e = table[t.key] {
                    t.word = e.word
                    t.flags = e.flags
                }
                t.first = c
                i = j
            } else {
                t.kind = .punct
                t.end = i + 1
                t.first = c
                i += 1
            }
            tokens.append(t)
        }
    }

    /// Numbers sentences: a break follows "!" or "?", a line break, or a "." that is followed by a
    /// capitalised word, a number or a quote and does not end an abbreviation ("Dec.", "U.S.").
    static func assignSentences(_ tokens: inout [DateToken], from: Int = 0) {
        var sentence = from > 0 ? tokens[from - 1].sentence + 1 : 0
        var breakPending = false
        for i in from..<tokens.count {
            if i > from, breakPending || tokens[i].newlineBefore {
                sentence += 1
            }
            breakPending = false
            tokens[i].sentence = sentence
            let t = tokens[i]
            guard t.kind == .punct else { continue }
            if t.first == UInt8(ascii: "!") || t.first == UInt8(ascii: "?") {
                breakPending = true
            } else if t.first == UInt8(ascii: "."), i + 1 < tokens.count {
                let next = tokens[i + 1]
                let nextStarts = next.isCapitalized || next.kind == .number || (next.kind == .punct && next.first != UInt8(ascii: "."))
                var abbreviation = false
                if i > 0, tokens[i - 1].kind == .word, t.attached {
                    let prev = tokens[i - 1]
                    abbreviation = prev.end - prev.start == 1 || prev.flags.contains(.abbreviation)
                } else if i > 0, case .monthAbbrev? = tokens[i - 1].word, next.kind == .number {
                    abbreviation = true                           // "Oct . 7" from another tokenizer
                }
                breakPending = nextStarts && !abbreviation
            }
        }
    }
}
