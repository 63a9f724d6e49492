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
        // Before the name (skipping "the").
        if let p = doc.previous(start) {
            let key = t[p].key
            if lex.locativePrepositions.contains(key) { return .place }
            if key == Keys.capital || Keys.placeNouns.contains(key) { return .place }
            // "to", "for", "from" mean a place after travel ("flew to Moscow", "left for Seoul"), the
            // government otherwise ("ambassador to Kiev", "warnings from Beijing").
            if lex.directionPrepositions.contains(key), hasMotionBefore(doc, p, lex) { return .place }
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
            if next.key == Keys.comma, a + 1 < t.count, t[a + 1].sentence == sentence, t[a + 1].has(.capitalized),
               doc.owner[a + 1] < 0, isPlaceAhead(doc, a + 1, kb) {
                return .place
            }
            if next.kind == .word && next.has(.lowercase) {
                if lex.speechVerbs.contains(next.key) || Keys.auxiliaries.contains(next.key) { return .actor }
                if endsLikeVerb(doc, a) { return .actor }
            }
            if next.key == Keys.and || next.key == Keys.comma {
                // "Washington and Moscow are ..." — a coordinated actor.
                if a + 1 < t.count, t[a + 1].sentence == sentence, t[a + 1].has(.capitalized) { return .actor }
            }
        }
        if let p = doc.previous(start) {
            if Keys.actorPrepositions.contains(t[p].key) { return .actor }
            if t[p].key == Keys.and, let q = doc.previous(p), doc.owner[q] >= 0 {
                // "Washington and Moscow": take the reading of the first conjunct when it was an actor.
                let m = doc.mentions[Int(doc.owner[q])]
                if m.kind == .metonym || m.kind == .name { return m.kind == .metonym ? .actor : .unsure }
            }
        }
        return .unsure
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
        return es.contains { e in
            let entry = kb.gazetteer.entries[Int(e)]
            return entry.target >= 0 && kb.entities[Int(entry.target)].type == .location
        }
    }
}
