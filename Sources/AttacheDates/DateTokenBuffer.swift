/// The date finder's tokens, made from another tokenizer's tokens where the two agree and from the bytes
/// where they do not.
///
/// Why: the event dater reads a window of every dated sentence, and re-tokenising those bytes was the largest
/// part of its date finding; the document's tokens already say where each word starts and ends, what kind it
/// is and (through a table keyed by the document's word hashes) which lexicon word it is. A caller feeds the
/// tokens of each window in order: `word`, `number` and `punct` for tokens the byte tokenizer would make the
/// same way, `space` for white space between them, and `bytes` for a run it must cut itself (a possessive,
/// "U.S.", "1990s", a word with a non-ASCII letter). Fed that way, the tokens are those `DateTokenizer` makes
/// of the window's bytes, except that a word of 12 letters or fewer that is on no list of the lexicon has a
/// nonzero placeholder key instead of its packed key (nothing compares such keys; see `unlistedKey`).
package struct DateTokenBuffer {
    var tokens: [DateToken] = []
    /// Start of the current window (see `DateTokenizer.beginWindow`).
    private var from = 0
    private var state = DateTokenizer.State()

    /// The key of a short word on no list: not 0 (which marks non-ASCII and long words) and no packed key
    /// (those use at most 60 bits).
    static let unlistedKey: UInt64 = ~0

    /// `DateLexiconWord.all`'s keys and entries, read without a copy of their texts.
    private let listed: [(key: UInt64, entry: WordTable.Entry)]

    package init(capacity: Int) {
        tokens.reserveCapacity(capacity)
        listed = DateLexiconWord.entries
    }

    /// Tokens so far; a position to `rollBack(to:)`.
    package var count: Int { tokens.count }

    package mutating func beginWindow(at byte: Int) {
        from = DateTokenizer.beginWindow(at: byte, &tokens)
        state = DateTokenizer.State()
    }

    package mutating func endWindow() {
        DateTokenizer.assignSentences(&tokens, from: from)
    }

    /// White space between two tokens, with a line break or not.
    @inline(__always) package mutating func space(newline: Bool) {
        state.sawSpace = true
        state.sawNewline = state.sawNewline || newline
    }

    /// Drops the tokens from `count` on and goes back to the state after white space (`newline`: with a line
    /// break), where a run cut by `bytes` begins; a window's start is that state without a line break.
    package mutating func rollBack(to count: Int, newline: Bool) {
        tokens.removeLast(tokens.count - count)
        state = DateTokenizer.State()
        state.sawNewline = newline
    }

    @inline(__always) private mutating func token(_ start: Int, _ end: Int, _ kind: DateToken.Kind, first: UInt8) -> DateToken {
        var t = DateToken(start: start, end: end, kind: kind)
        t.attached = !state.sawSpace && tokens.count > from
        t.newlineBefore = state.sawNewline
        t.first = first
        state.sawSpace = false
        state.sawNewline = false
        return t
    }

    /// A word of ASCII letters only, `b[start ..< end]`; `listed` its index in `DateLexiconWord.all`, or -1.
    @inline(__always) package mutating func word(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, listed: Int) {
        var t = token(start, end, .word, first: b[start])
        if listed >= 0 {
            let l = self.listed[listed]
            t.key = l.key
            t.word = l.entry.word
            t.flags = l.entry.flags
        } else {
            t.key = end - start <= 12 ? DateTokenBuffer.unlistedKey : 0
        }
        tokens.append(t)
    }

    /// A number of ASCII digits only; false (and nothing added) when `b[start ..< end]` holds anything else.
    @inline(__always) package mutating func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var v = 0, d = 0
        for j in start..<end {
            let c = b[j]
            guard DateTokenizer.isDigit(c) else { return false }
            if d < 9 { v = v * 10 + Int(c - 0x30) }
            d += 1
        }
        var t = token(start, end, .number, first: b[start])
        t.value = d <= 9 ? v : -1
        t.digits = d
        tokens.append(t)
        return true
    }

    /// A punctuation mark: one ASCII byte that is no letter, digit or space, or a character U+2010...U+207F
    /// (three bytes E2 80 8C...E2 81 BF); false (and nothing added) for anything else.
    @inline(__always) package mutating func punct(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let c = b[start]
        let first: UInt8
        if end - start == 1 {
            guard c < 0x80, !DateTokenizer.isLetter(c), !DateTokenizer.isDigit(c),
                  c != 0x20, c != 0x09, c != 0x0A, c != 0x0D else { return false }
            first = c
        } else if end - start == 3, c == 0xE2, b[start + 1] == 0x81 || (b[start + 1] == 0x80 && b[start + 2] > 0x8B) {
            first = b[start + 1] == 0x80 ? b[start + 2] : 0xE2
        } else {
            return false
        }
        tokens.append(token(start, end, .punct, first: first))
        return true
    }

    /// The tokens of `b[range]`, cut by the byte tokenizer: `range` must begin after white space, at the
    /// window's start or where `rollBack` went back to.
    package mutating func bytes(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        DateTokenizer.tokenize(b, range, into: &tokens, windowStart: from, state: &state)
    }
}

/// A word of the date lexicon, for a caller that keys words its own way (`DateTokenBuffer.word`).
package struct DateLexiconWord: Sendable {
    /// The word, lowercase ASCII.
    package let text: String
    let key: UInt64
    let entry: WordTable.Entry

    /// Every word on a list of the lexicon, and the words the scanner compares by key ("to", "s", "evening").
    package static let all: [DateLexiconWord] = {
        var keys = Set(DateLexicon.entries.keys)
        for w in ["to", "s", "evening"] { keys.insert(DateLexicon.key(w)) }
        return keys.sorted().map { k in
            DateLexiconWord(text: DateLexicon.unpack(k), key: k, entry: DateLexicon.entries[k] ?? WordTable.Entry(word: nil, flags: []))
        }
    }()
    static let entries = all.map { (key: $0.key, entry: $0.entry) }
}

extension DateLexicon {
    /// The lowercase word of a packed key (`key`).
    static func unpack(_ key: UInt64) -> String {
        var letters: [UInt8] = []
        var k = key
        while k != 0 {
            letters.append(UInt8(k & 31) + 0x60)
            k >>= 5
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}
