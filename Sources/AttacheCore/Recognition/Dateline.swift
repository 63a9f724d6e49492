/// Finds a wire dateline at the start of the text: "MOSCOW:", "Dayton, Ohio:", "Moscow (AFP) -",
/// "WASHINGTON, Dec 15 (Reuters) -". Names inside it are places, never actors.
enum Dateline {
    /// Token index where the dateline ends (exclusive), or 0.
    static func detect(_ doc: Document) -> Int {
        let t = doc.tokens
        guard let first = t.first, first.kind == .word, first.has(.capitalized) else { return 0 }
        var k = 0
        var words = 0
        while k < t.count, k < 12, t[k].sentence == first.sentence {
            let tok = t[k]
            if tok.kind == .word || tok.kind == .number {
                words += 1
                if words > 8 { return 0 }
                k += 1
                continue
            }
            if tok.key == Keys.comma { k += 1; continue }
            if tok.key == Keys.colon || tok.key == Keys.emDash || tok.key == Keys.enDash || tok.key == Keys.dash {
                return k + 1
            }
            if tok.key == Keys.openParen {
                // "(AFP)" then a dash.
                var j = k + 1
                while j < t.count, t[j].key != Keys.closeParen, j - k < 6 { j += 1 }
                if j + 1 < t.count, t[j + 1].key == Keys.dash || t[j + 1].key == Keys.emDash || t[j + 1].key == Keys.enDash {
                    return j + 2
                }
                return 0
            }
            return 0
        }
        return 0
    }
}
