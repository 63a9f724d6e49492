/// Reads a capital or seat of power as the government (an actor) or as the place.
///
/// The guideline: "Moscow has strongly objected", "the Kremlin said", "Washington's top diplomat" are the
/// country; "talks in Moscow", the dateline "Moscow:", "Kremlin talks" and "the Rose Garden of the White
/// House" are places. The cues are the words around the name, kept as lexicon data.
enum Metonymy {
    enum Reading { case actor, place, unsure }

    static func classify(_ doc: Document, _ start: Int, _ end: Int, kb: KnowledgeBase) -> Reading {
        let lex = kb.lexicon
        let t = doc.tokens
        if start < doc.datelineEnd { return .place }
        let sentence = t[start].sentence
        // "Tehran's nuclear programme", "Washington's top diplomat": the government, whatever comes before.
        if end < t.count, t[end].sentence == sentence, t[end].kind == .possessive { return .actor }
        // Before the name (skipping "the").
        if let p = doc.previous(start) {
            let key = t[p].key
            if lex.locativePrepositions.contains(key) { return .place }
            // "in both Vienna and Riyadh".
            if key == both, let q = doc.previous(p, skippingThe: false), lex.locativePrepositions.contains(t[q].key) { return .place }
            // In apposition to a place or to "the capital": "in Karrada, Baghdad", "the nation's capital, Wellington".
            if key == Keys.comma, let q = doc.previous(p, skippingThe: false) {
                if t[q].key == Keys.capital { return .place }
                if doc.owner[q] >= 0, isLocationMention(doc, Int(doc.owner[q]), kb) { return .place }
                if isNameAfterLocative(doc, endingAt: q, lex) { return .place }
            }
            if key == Keys.capital || lex.placeNouns.contains(key) { return .place }
            // "to", "for", "from" mean a place after travel ("flew to Moscow", "left for Seoul"), the
            // government otherwise ("ambassador to Kiev", "warnings from Beijing").
            if lex.directionPrepositions.contains(key), hasMotionBefore(doc, p, lex) || hasMotionAfter(doc, end, lex) { return .place }
            // "an address from the White House": a building is a place after "from".
            if key == Keys.from, isSeat(doc, start, end, kb) { return .place }
            // "Xi visited Riyadh", "troops were approaching Kyiv".
            if lex.motionWords.contains(key) { return .place }
            // "from Tel Aviv to Abu Dhabi".
            if key == Keys.to, hasFromPlaceBefore(doc, p) { return .place }
            // "of" means a place after a part of a place ("the outskirts of Kyiv", "the Rose Garden of").
            if key == Keys.of, p > 0, lex.partsOfPlaces.contains(t[p - 1].key) || lex.locationHeads.contains(t[p - 1].key) {
                return .place
            }
        }
        // After the name.
        let after = end < t.count && t[end].sentence == sentence ? end : nil
        if let a = after {
            let next = t[a]
            if next.kind == .possessive { return .actor }
            if next.kind == .word && lex.placeModifiers.contains(next.key) { return .place }
            // "the Paris climate agreement": a modifier one word further on.
            if next.kind == .word, next.has(.lowercase), a + 1 < t.count, t[a + 1].sentence == sentence, t[a + 1].kind == .word,
               lex.placeModifiers.contains(t[a + 1].key), !lex.auxiliaries.contains(next.key), !lex.speechVerbs.contains(next.key) {
                return .place
            }
            if next.kind == .word && lex.placeVerbs.contains(next.key) { return .place }
            // "Sarajevo, the capital, ...".
            if next.key == Keys.comma, a + 2 < t.count, t[a + 1].key == Keys.the, t[a + 2].key == Keys.capital { return .place }
            if next.key == Keys.comma, a + 1 < t.count, t[a + 1].sentence == sentence, t[a + 1].has(.capitalized),
               doc.owner[a + 1] < 0, isPlaceAhead(doc, a + 1, kb) {
                return .place
            }
            if next.kind == .word && next.has(.lowercase) {
                if lex.speechVerbs.contains(next.key) || lex.auxiliaries.contains(next.key) { return .actor }
                if endsLikeVerb(doc, a) { return .actor }
            }
            if next.key == Keys.and || next.key == Keys.comma {
                // "Washington and Moscow are ..." — a coordinated actor; "New York and Washington" after a place
                // — a place.
                if let p = doc.previous(start, skippingThe: false), t[p].key == Keys.and, let q = doc.previous(p, skippingThe: false),
                   doc.owner[q] >= 0, isLocationMention(doc, Int(doc.owner[q]), kb) {
                    return .place
                }
                if a + 1 < t.count, t[a + 1].sentence == sentence, t[a + 1].has(.capitalized) { return .actor }
            }
        }
        if let p = doc.previous(start) {
            if t[p].key == Keys.and, let q = doc.previous(p, skippingThe: false), doc.owner[q] >= 0, isLocationMention(doc, Int(doc.owner[q]), kb) {
                return .place
            }
            if lex.actorPrepositions.contains(t[p].key) { return .actor }
            if t[p].key == Keys.and, let q = doc.previous(p), doc.owner[q] >= 0 {
                // "Washington and Moscow": take the reading of the first conjunct when it was an actor.
                let m = doc.mentions[Int(doc.owner[q])]
                if m.kind == .metonym || m.kind == .name { return m.kind == .metonym ? .actor : .unsure }
            }
        }
        return .unsure
    }

    static let both = Folding.hash("both")

    /// The capitalised words ending at token `last` follow a locative preposition ("in Karrada", "near Sadr City"):
    /// a place not yet linked, as the name patterns find it later.
    static func isNameAfterLocative(_ doc: Document, endingAt last: Int, _ lex: Lexicon) -> Bool {
        let t = doc.tokens
        var k = last
        while k >= 0, t[k].sentence == t[last].sentence, t[k].kind == .word, t[k].has(.capitalized), last - k < maxNameWords { k -= 1 }
        guard k >= 0, k < last, t[k].sentence == t[last].sentence else { return false }
        return lex.locativePrepositions.contains(t[k].key)
    }

    /// The longest place name looked back over.
    static let maxNameWords = 4

    /// A travel word right after the name ("from Tel Aviv to Abu Dhabi in the first direct flight" is caught
    /// by `hasFromPlaceBefore`; this catches "to Seoul on a flight").
    static func hasMotionAfter(_ doc: Document, _ end: Int, _ lex: Lexicon) -> Bool {
        var k = end
        while k < doc.count, k - end < 4, doc.tokens[k].sentence == doc.tokens[end - 1].sentence {
            if lex.motionWords.contains(doc.tokens[k].key) { return true }
            k += 1
        }
        return false
    }

    /// "from X to": a place before "to" makes the name after it a place too.
    static func hasFromPlaceBefore(_ doc: Document, _ p: Int) -> Bool {
        var k = p - 1
        while k >= 0, p - k < 5, doc.tokens[k].sentence == doc.tokens[p].sentence {
            if doc.tokens[k].key == Keys.from { return true }
            k -= 1
        }
        return false
    }

    /// The name is a seat of power (a building), not a capital city.
    static func isSeat(_ doc: Document, _ start: Int, _ end: Int, _ kb: KnowledgeBase) -> Bool {
        guard let node = walk(doc, start, end, kb), let es = kb.gazetteer.entriesAt(node) else { return false }
        return es.contains { kb.gazetteer.entries[Int($0)].kind == .metonym }
    }

    static func walk(_ doc: Document, _ start: Int, _ end: Int, _ kb: KnowledgeBase) -> Int32? {
        var node: Int32 = 0
        for k in start..<end {
            guard let n = kb.gazetteer.child(node, doc.tokens[k].key) else { return nil }
            node = n
        }
        return node
    }

    static func isLocationMention(_ doc: Document, _ m: Int, _ kb: KnowledgeBase) -> Bool {
        switch doc.mentions[m].ref {
        case .kb(let i): kb.entities[Int(i)].type == .location
        case .local(let i): doc.locals[Int(i)].type == .location
        }
    }

    /// A travel word within the three words before the preposition.
    static func hasMotionBefore(_ doc: Document, _ p: Int, _ lex: Lexicon) -> Bool {
        var k = p - 1
        var steps = 0
        while k >= 0, steps < 3, doc.tokens[k].sentence == doc.tokens[p].sentence {
            if lex.motionWords.contains(doc.tokens[k].key) { return true }
            k -= 1
            steps += 1
        }
        return false
    }

    /// A lower-case word shaped like a finite verb: "objected", "backs", "relies".
    static func endsLikeVerb(_ doc: Document, _ i: Int) -> Bool {
        let t = doc.tokens[i]
        let a = Int(t.start), b = Int(t.end)
        guard b - a >= 4 else { return false }
        let last = doc.bytes[b - 1], prev = doc.bytes[b - 2]
        if prev == UInt8(ascii: "e") && last == UInt8(ascii: "d") { return true }
        return false
    }

    /// "Dayton, Ohio": the capitalised word after the comma is a known place.
    static func isPlaceAhead(_ doc: Document, _ i: Int, _ kb: KnowledgeBase) -> Bool {
        guard let node = kb.gazetteer.child(0, doc.tokens[i].key), let es = kb.gazetteer.entriesAt(node) else { return false }
        let entries = es.map { kb.gazetteer.entries[Int($0)] }
        if entries.contains(where: { $0.kind == .capital }) { return false }
        return entries.contains { $0.target >= 0 && kb.entities[Int($0.target)].type == .location }
    }
}
