extension DateFinder {
    /// The tense of the clause around tokens `first ..< end`: the nearest cue word in the same
    /// sentence, on either side (left wins a tie). Cue lists live in `DateLexicon`.
    static func tense(around first: Int, _ end: Int, cues: [Tense?], tokens: [DateToken]) -> Tense {
        let sentence = tokens[first].sentence
        var left: (distance: Int, tense: Tense)?
        var k = first - 1
        while k >= 0, tokens[k].sentence == sentence {
            if let t = cues[k] { left = (first - k, t); break }
            k -= 1
        }
        var right: (distance: Int, tense: Tense)?
        k = end
        while k < tokens.count, tokens[k].sentence == sentence {
            if let t = cues[k] { right = (k - end + 1, t); break }
            k += 1
        }
        switch (left, right) {
        case let (l?, r?): return l.distance <= r.distance ? l.tense : r.tense
        case let (l?, nil): return l.tense
        case let (nil, r?): return r.tense
        case (nil, nil): return .unknown
        }
    }

    /// The tense cue of each token, if any. Only lowercase words count, so "Will" (a name) and
    /// "May" (a month) are not cues.
    static func cues(tokens: [DateToken], bytes: UnsafeBufferPointer<UInt8>) -> [Tense?] {
        var out = [Tense?](repeating: nil, count: tokens.count)
        for (i, t) in tokens.enumerated() where t.isLowercase && t.key != 0 {
            let k = t.key
            if DateLexicon.futureCueKeys.contains(k) {
                out[i] = .future
            } else if k == DateLexicon.keyTo, i > 0,
                      [DateLexicon.keyIs, DateLexicon.keyAre, DateLexicon.keyAm].contains(tokens[i - 1].key) {
                out[i] = .future                                  // "is to take place"
            } else if k == DateLexicon.keyDue, i + 1 < tokens.count, tokens[i + 1].key == DateLexicon.keyTo {
                out[i] = .future                                  // "was due to leave"
            } else if DateLexicon.pastCueKeys.contains(k) {
                out[i] = .past
            } else if t.end - t.start >= 4, bytes[t.end - 1] == UInt8(ascii: "d"), bytes[t.end - 2] == UInt8(ascii: "e"),
                      !DateLexicon.notPastEdKeys.contains(k) {
                out[i] = .past                                    // "agreed", "initialed", "signed"
            }
        }
        return out
    }
}
