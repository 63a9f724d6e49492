extension DateFinder {
    /// The tense of the clause around tokens `first ..< end`: the nearest cue word in the same
    /// clause (between commas, semicolons, colons, dashes or brackets), else the nearest in the
    /// same sentence; on either side, the left one winning a tie. To the right the search stops at
    /// a clause opener ("that", "which", "and", ...), whose verb belongs to another clause, unless
    /// nothing else in the sentence is a cue. Cue lists live in `DateLexicon`.
    /// Each token's cue is asked of `cue` when the search reaches it: the finder asks only for the few tokens
    /// around the dates that need a tense, not for every token it read.
    /// Furthest a cue is looked for, in tokens, on each side of the expression: much more than a clause. A
    /// text without full stops is one sentence, and each date of it with no cue near read the whole of it.
    static let cueReach = 128

    static func tense(around first: Int, _ end: Int, tokens: [DateToken], cue: (Int) -> Tense?) -> Tense {
        if let t = nearestCue(first, end, cue: cue, tokens: tokens, withinClause: true, stopAtOpeners: true) { return t }
        if let t = nearestCue(first, end, cue: cue, tokens: tokens, withinClause: false, stopAtOpeners: true) { return t }
        return nearestCue(first, end, cue: cue, tokens: tokens, withinClause: false, stopAtOpeners: false) ?? .unknown
    }

    private static func isClauseBreak(_ t: DateToken) -> Bool {
        guard t.kind == .punct else { return false }
        switch t.first {
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"), 0x93, 0x94: return true
        default: return false
        }
    }

    private static func nearestCue(_ first: Int, _ end: Int, cue: (Int) -> Tense?, tokens: [DateToken], withinClause: Bool, stopAtOpeners: Bool) -> Tense? {
        let sentence = tokens[first].sentence
        var left: (distance: Int, tense: Tense)?
        var k = first - 1
        let lowest = max(0, first - cueReach), highest = min(tokens.count, end + cueReach)
        while k >= lowest, tokens[k].sentence == sentence, !(withinClause && isClauseBreak(tokens[k])) {
            if let t = cue(k) { left = (first - k, t); break }
            k -= 1
        }
        var right: (distance: Int, tense: Tense)?
        k = end
        while k < highest, tokens[k].sentence == sentence, !(withinClause && isClauseBreak(tokens[k])),
              !stopAtOpeners || !tokens[k].flags.contains(.clauseOpener) {
            if let t = cue(k) { right = (k - end + 1, t); break }
            k += 1
        }
        switch (left, right) {
        case let (l?, r?): return l.distance <= r.distance ? l.tense : r.tense
        case let (l?, nil): return l.tense
        case let (nil, r?): return r.tense
        case (nil, nil): return nil
        }
    }

    /// The tense cue of token `i`, if any. Only lowercase words count, so "Will" (a name) and "May" (a month)
    /// are not cues.
    @inline(__always)
    static func cue(at i: Int, tokens: [DateToken], bytes: UnsafeBufferPointer<UInt8>) -> Tense? {
        let t = tokens[i]
        guard t.isLowercase && t.key != 0 else { return nil }
        let f = t.flags
        if f.contains(.futureCue) {
            return .future
        } else if f.contains(.futureBeforeTo), i + 1 < tokens.count, tokens[i + 1].key == DateLexicon.keyTo {
            return .future                                        // "is to take place", "was due to leave", "plans to"
        } else if f.contains(.pastCue) {
            return .past
        } else if t.end - t.start >= 4, bytes[t.end - 1] == UInt8(ascii: "d"), bytes[t.end - 2] == UInt8(ascii: "e"),
                  !f.contains(.notPastEd),
                  i == 0 || !tokens[i - 1].flags.contains(.passiveAuxiliary) {
            return .past                                          // "agreed", "initialed"; not "be freed", "a captured pilot"
        }
        return nil
    }
}
