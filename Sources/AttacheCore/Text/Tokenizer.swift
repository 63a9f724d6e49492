/// Splits UTF-8 text into tokens in one pass over the bytes.
///
/// What it handles and why:
/// - dotted acronyms and abbreviations stay one token ("U.S.", "Gen.", "Jan.") so the sentence splitter
///   and the dictionary see them whole;
/// - possessives split off ("Russia's" gives "Russia" + "'s") whether the apostrophe is straight or curly,
///   attached or spaced as other NLP tools write it ("Russia 's");
/// - hyphens inside compounds are not tokens but a flag on the next word, so "US-led", "al-Assad" and
///   "al Assad" all match the same dictionary keys;
/// - numbers keep their separators ("250,000", "3.5").
public struct Tokenizer: Sendable {
    /// Lower-case abbreviations whose trailing dot belongs to the word.
    let abbreviations: KeySet

    public init(abbreviations: [String] = Tokenizer.defaultAbbreviations) {
        self.abbreviations = KeySet(words: abbreviations)
    }

    public static let defaultAbbreviations = [
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "cmdr", "sen", "rep", "gov",
        "pres", "amb", "prof", "rev", "st", "mt", "ft", "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "no", "nos", "vs", "etc", "inc", "corp", "co", "ltd", "dept", "est", "approx", "fig", "vol", "op", "al",
        "pvt", "pfc", "spc",
    ]

    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }

    /// Character classes of a scalar, for the few non-ASCII cases that matter.
    enum Class { case letter, digit, space, newline, apostrophe, quoteOpen, quoteClose, quoteAmbiguous, dash, other }

    @inline(__always)
    static func classify(_ v: UInt32) -> Class {
        switch v {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0xFEFF, 0x200B: return .space
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return .newline
        case 0x27, 0x2019, 0x02BC: return .apostrophe
        case 0x2018, 0x201C, 0xAB, 0x201E: return .quoteOpen
        case 0x201D, 0xBB: return .quoteClose
        case 0x22, 0x60: return .quoteAmbiguous
        case 0x2D, 0x2010, 0x2011: return .dash
        case 0x30...0x39: return .digit
        default:
            if v < 0x80 { return isASCIILetter(UInt8(v)) ? .letter : .other }
            guard let s = Unicode.Scalar(v) else { return .other }
            let p = s.properties
            if p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark { return .letter }
            if p.numericType != nil { return .digit }
            if p.isWhitespace { return .space }
            return .other
        }
    }

    /// Tokenizes `text` (UTF-8 bytes).
    public func tokenize(_ text: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.count / 5 + 8)
        let n = text.count
        var i = 0
        var pendingSpace = true
        var newlines = 0
        var pendingHyphen = false
        var quoteDepth = 0

        @inline(__always) func pendingFlags() -> Token.Flags {
            var f: Token.Flags = []
            if pendingSpace { f.insert(.spaceBefore) }
            if newlines > 0 { f.insert(.newlineBefore) }
            if newlines > 1 { f.insert(.paragraphBefore) }
            return f
        }

        while i < n {
            let b = text[i]
            let (v, len): (UInt32, Int) = b < 0x80 ? (UInt32(b), 1) : UTF8Scan.decode(text, i, n)
            let cls = Tokenizer.classify(v)
            switch cls {
            case .space:
                pendingSpace = true
                pendingHyphen = false
                i += len
                continue
            case .newline:
                pendingSpace = true
                pendingHyphen = false
                if !(v == 0x0A && i > 0 && text[i - 1] == 0x0D) { newlines += 1 }
                i += len
                continue
            case .letter, .digit:
                let tokenStart = i
                let (end, kind, extra) = scanWord(text, i, n, startsWithDigit: cls == .digit)
                var flags = pendingFlags().union(extra)
                if pendingHyphen, let last = tokens.last, last.kind == .word || last.kind == .number, !flags.contains(.spaceBefore) {
                    flags.insert(.hyphenBefore)
                }
                let key = Folding.hash(text, tokenStart, end - (flags.contains(.dotted) && !flags.contains(.initial) && kind == .word && isAbbrevKeyWithoutDot(text, tokenStart, end) ? 1 : 0))
                tokens.append(Token(start: Int32(tokenStart), end: Int32(end), kind: kind, flags: flags, key: key))
                i = end
                pendingSpace = false
                newlines = 0
                pendingHyphen = false
                // Possessive "'s" / "’s" or plural possessive "s'" right after the word.
                if i < n {
                    let (av, alen) = text[i] < 0x80 ? (UInt32(text[i]), 1) : UTF8Scan.decode(text, i, n)
                    if Tokenizer.classify(av) == .apostrophe {
                        let j = i + alen
                        if j < n, text[j] | 0x20 == UInt8(ascii: "s"), j + 1 >= n || !isWordByte(text, j + 1, n) {
                            tokens.append(Token(start: Int32(i), end: Int32(j + 1), kind: .possessive, flags: [], key: Folding.hash("'s")))
                            i = j + 1
                        } else if text[i - 1] | 0x20 == UInt8(ascii: "s"), j >= n || !isWordByte(text, j, n) {
                            tokens.append(Token(start: Int32(i), end: Int32(j), kind: .possessive, flags: [], key: Folding.hash("'")))
                            i = j
                        }
                    }
                }
                continue
            case .apostrophe:
                // Tokenized input writes "Russia 's": a spaced possessive.
                let j = i + len
                if j < n, text[j] | 0x20 == UInt8(ascii: "s"), j + 1 >= n || !isWordByte(text, j + 1, n),
                   let last = tokens.last, last.kind == .word {
                    tokens.append(Token(start: Int32(i), end: Int32(j + 1), kind: .possessive, flags: pendingFlags(), key: Folding.hash("'s")))
                    i = j + 1
                } else {
                    // A quote mark written with apostrophes.
                    let opening = pendingSpace || tokens.isEmpty
                    tokens.append(Token(start: Int32(i), end: Int32(j), kind: .punct, flags: pendingFlags().union(opening ? .openQuote : .closeQuote), key: Folding.hash("'")))
                    i = j
                }
                pendingSpace = false
                newlines = 0
                pendingHyphen = false
                continue
            case .dash:
                // A hyphen between two words with no spaces joins them; anything else is a dash token.
                let prevIsWord = !tokens.isEmpty && (tokens[tokens.count - 1].kind == .word || tokens[tokens.count - 1].kind == .number)
                if prevIsWord && !pendingSpace && i + len < n {
                    let (nv, _) = text[i + len] < 0x80 ? (UInt32(text[i + len]), 1) : UTF8Scan.decode(text, i + len, n)
                    let nc = Tokenizer.classify(nv)
                    if nc == .letter || nc == .digit {
                        pendingHyphen = true
                        i += len
                        continue
                    }
                }
                tokens.append(Token(start: Int32(i), end: Int32(i + len), kind: .punct, flags: pendingFlags(), key: Folding.hash("-")))
            case .quoteOpen, .quoteClose, .quoteAmbiguous:
                var f = pendingFlags()
                if cls == .quoteOpen { f.insert(.openQuote); quoteDepth += 1 }
                else if cls == .quoteClose { f.insert(.closeQuote); quoteDepth = max(0, quoteDepth - 1) }
                else if pendingSpace || tokens.isEmpty || quoteDepth == 0 { f.insert(.openQuote); quoteDepth += 1 }
                else { f.insert(.closeQuote); quoteDepth = max(0, quoteDepth - 1) }
                tokens.append(Token(start: Int32(i), end: Int32(i + len), kind: .punct, flags: f, key: Folding.hash("\"")))
            case .other:
                tokens.append(Token(start: Int32(i), end: Int32(i + len), kind: .punct, flags: pendingFlags(), key: Folding.foldScalar(v, into: Folding.emptyHash)))
            }
            i += len
            pendingSpace = false
            newlines = 0
            pendingHyphen = false
        }
        return tokens
    }

    @inline(__always)
    func isWordByte(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Bool {
        let b = t[i]
        if b < 0x80 { return Tokenizer.isASCIILetter(b) || Tokenizer.isDigit(b) }
        let (v, _) = UTF8Scan.decode(t, i, n)
        let c = Tokenizer.classify(v)
        return c == .letter || c == .digit
    }

    /// Abbreviations like "Gen." are looked up without their dot; acronyms like "U.S." keep theirs.
    @inline(__always)
    func isAbbrevKeyWithoutDot(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        // Dotted acronyms contain an inner dot; plain abbreviations do not.
        var k = start
        while k < end - 1 {
            if t[k] == UInt8(ascii: ".") { return false }
            k += 1
        }
        return true
    }

    /// Scans a word or number starting at `i`. Returns its end, kind and shape flags.
    func scanWord(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: Int, startsWithDigit: Bool) -> (Int, Token.Kind, Token.Flags) {
        var i = start
        var letters = 0, uppers = 0, lowers = 0
        var firstUpper = false, firstLower = false
        var nonASCII = false
        var mixed = false
        var first = true
        if startsWithDigit {
            // Digits with inner separators: 250,000 / 3.5 / 10:30 / 1990s / 2nd
            while i < n {
                let b = t[i]
                if Tokenizer.isDigit(b) { i += 1; continue }
                if (b == UInt8(ascii: ",") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")), i + 1 < n, Tokenizer.isDigit(t[i + 1]) {
                    i += 2
                    continue
                }
                if Tokenizer.isASCIILetter(b) { i += 1; continue }   // 1990s, 2nd, 17th
                if b >= 0x80 {
                    let (v, len) = UTF8Scan.decode(t, i, n)
                    let c = Tokenizer.classify(v)
                    if c == .digit || c == .letter { i += len; nonASCII = true; continue }
                }
                break
            }
            return (i, .number, nonASCII ? [.nonASCII] : [])
        }
        while i < n {
            let b = t[i]
            var len = 1
            var isLetter = false
            var isUp = false, isLow = false
            if b < 0x80 {
                if Tokenizer.isASCIILetter(b) {
                    isLetter = true
                    isUp = Tokenizer.isUpper(b)
                    isLow = !isUp
                } else if Tokenizer.isDigit(b) {
                    isLetter = true
                    mixed = true
                } else if b == UInt8(ascii: "'") {
                    // Inner apostrophe: O'Brien, d'Ivoire, Qur'an, but not the possessive 's.
                    if i + 1 < n, Tokenizer.isASCIILetter(t[i + 1]) || t[i + 1] >= 0x80,
                       !(t[i + 1] | 0x20 == UInt8(ascii: "s") && (i + 2 >= n || !isWordByte(t, i + 2, n))),
                       letters > 0 {
                        i += 1
                        mixed = true
                        continue
                    }
                    break
                } else if b == UInt8(ascii: ".") {
                    // Dotted acronym ("U.S.", "R.G.K.") or a known abbreviation ("Gen.").
                    let word = i - start
                    if word == 1 && (uppers == 1) {
                        // Single capital letter + dot: an initial, or the start of a dotted acronym.
                        var j = i + 1
                        var dotted = j
                        while j + 1 < n, Tokenizer.isASCIILetter(t[j]), t[j + 1] == UInt8(ascii: ".") {
                            j += 2
                            dotted = j
                        }
                        if dotted > i + 1 {
                            return (dotted, .word, [.capitalized, .allCaps, .dotted])
                        }
                        return (i + 1, .word, [.capitalized, .allCaps, .dotted, .initial])
                    }
                    let key = Folding.hash(t, start, i)
                    if abbreviations.contains(key) {
                        var f: Token.Flags = [.dotted]
                        if firstUpper { f.insert(.capitalized) }
                        if firstLower { f.insert(.lowercase) }
                        return (i + 1, .word, f)
                    }
                    break
                } else {
                    break
                }
            } else {
                let (v, l) = UTF8Scan.decode(t, i, n)
                len = l
                let c = Tokenizer.classify(v)
                if c == .apostrophe {
                    if i + l < n, isWordByte(t, i + l, n),
                       !(t[i + l] | 0x20 == UInt8(ascii: "s") && (i + l + 1 >= n || !isWordByte(t, i + l + 1, n))),
                       letters > 0 {
                        i += l
                        nonASCII = true
                        continue
                    }
                    break
                }
                guard c == .letter || c == .digit else { break }
                nonASCII = true
                isLetter = true
                if let s = Unicode.Scalar(v) {
                    isUp = s.properties.isUppercase
                    isLow = s.properties.isLowercase
                }
            }
            if isLetter {
                if isUp || isLow { letters += 1 }
                if isUp { uppers += 1 }
                if isLow { lowers += 1 }
                if first {
                    firstUpper = isUp
                    firstLower = isLow
                    first = false
                }
            }
            i += len
        }
        var f: Token.Flags = []
        if firstUpper { f.insert(.capitalized) }
        if firstLower { f.insert(.lowercase) }
        if letters > 0 && lowers == 0 { f.insert(.allCaps) }
        if nonASCII { f.insert(.nonASCII) }
        if mixed { f.insert(.mixed) }
        return (i, .word, f)
    }
}
