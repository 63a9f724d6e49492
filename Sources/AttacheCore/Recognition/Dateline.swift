/// Finds a wire dateline near the start of the text: "MOSCOW:", "Dayton, Ohio:", "Moscow (AFP) -",
/// "WASHINGTON, Dec 15 (Reuters) -", "ANKARA, Turkey (AP) —", "PRAGUE 1996-12-06", "PARIS —". Names in its
/// place part are places, never actors: a dateline says where the story was filed.
///
/// The dateline may follow a headline, a byline and an agency credit on lines of their own; on those later
/// lines only the unmistakable shapes count (a word in capitals, or an agency in brackets before a dash),
/// so that a headline with a colon is not read as a place.
enum Dateline {
    /// Lines looked at before giving up: headline, byline, agency credit, blank-line noise.
    static let maxLeadLines = 6
    /// Words of the place and date part ("WASHINGTON, Dec 15", "Dayton, Ohio, March 3").
    static let maxWords = 8
    /// Tokens of a bracketed agency credit and its dash ("(Interfax, Dec. 6, 1996) -").
    static let maxCreditTokens = 8

    /// The dateline's place part (where names are places) and where the whole dateline ends (exclusive).
    struct Found: Equatable {
        var places: Range<Int>
        var end: Int
    }

    static func detect(_ doc: Document) -> Found? {
        let t = doc.tokens
        var lines = 0
        var k = 0
        while k < t.count, lines < maxLeadLines {
            if k == 0 || t[k].has(.newlineBefore) {
                lines += 1
                if let found = match(doc, at: k, firstLine: k == 0) { return found }
            }
            k += 1
        }
        return nil
    }

    static func isDash(_ tok: Token) -> Bool {
        tok.key == Keys.dash || tok.key == Keys.emDash || tok.key == Keys.enDash
    }

    /// Past one dash or a doubled one ("--", as older wire copy writes an em dash).
    static func afterDash(_ t: [Token], _ k: Int) -> Int {
        k + 1 < t.count && isDash(t[k + 1]) ? k + 2 : k + 1
    }

    /// The dateline starting at token `s`, the first of a line. The first line of the text may be any
    /// capitalised place ("Dayton, Ohio:"); a later one must start with a word in capitals or carry an
    /// agency credit.
    static func match(_ doc: Document, at s: Int, firstLine: Bool) -> Found? {
        let t = doc.tokens
        guard t[s].kind == .word, t[s].has(.capitalized) else { return nil }
        let shouted = t[s].has(.allCaps) && t[s].length >= 3
        // "RUGBY UNION - CUTTITTA BACK FOR ITALY": a dash inside an all-caps headline opens no story.
        let headline = doc.allCapsSentence[Int(t[s].sentence)]
        var k = s
        var words = 0
        var placeEnd = s
        var inDate = false
        while k < t.count {
            let tok = t[k]
            if k > s && (tok.has(.newlineBefore) || tok.sentence != t[s].sentence) {
                // "PRAGUE 1996-12-06" on a line of its own: a place, then a date, then the story.
                return shouted && inDate && t[k - 1].kind == .number ? Found(places: s..<placeEnd, end: k) : nil
            }
            if tok.kind == .word || tok.kind == .number {
                words += 1
                if words > maxWords { return nil }
                // The place part stops at the date ("MOSCOW, Dec 6").
                if tok.kind == .number || Lexicon.calendarKeys.contains(tok.key) { inDate = true }
                if !inDate { placeEnd = k + 1 }
                k += 1
                continue
            }
            if tok.key == Keys.comma {
                k += 1
                continue
            }
            if tok.key == Keys.colon || isDash(tok) {
                guard firstLine || shouted, placeEnd > s, !headline else { return nil }
                return Found(places: s..<placeEnd, end: isDash(tok) ? afterDash(t, k) : k + 1)
            }
            if tok.key == Keys.openParen {
                guard placeEnd > s, !headline else { return nil }
                // "(AFP)", "(Reuters)", "(Interfax, Dec. 6)" then a dash; garbled copy may lose the closing
                // bracket ("(AFON, D-ec. 06 --").
                var j = k + 1
                while j < t.count, j - k <= maxCreditTokens {
                    if isDash(t[j]) { return Found(places: s..<placeEnd, end: afterDash(t, j)) }
                    if t[j].key == Keys.closeParen {
                        return j + 1 < t.count && isDash(t[j + 1]) ? Found(places: s..<placeEnd, end: afterDash(t, j + 1)) : nil
                    }
                    j += 1
                }
                return nil
            }
            return nil
        }
        return nil
    }
}
