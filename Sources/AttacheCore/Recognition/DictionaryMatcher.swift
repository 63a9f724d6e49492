/// A dictionary hit: tokens `start..<end` and the gazetteer entries whose case rules the text satisfies.
struct DictMatch {
    var start: Int
    var end: Int
    var entries: [Int32]
}

/// Matches the gazetteer over a document in one left-to-right pass; at each token the longest phrase wins.
struct DictionaryMatcher {
    let kb: KnowledgeBase

    func match(_ doc: Document) -> [DictMatch] {
        let g = kb.gazetteer
        let tokens = doc.tokens
        let n = tokens.count
        var out: [DictMatch] = []
        var i = 0
        while i < n {
            let sentence = tokens[i].sentence
            let best = walk(doc, from: i, upTo: n, sentence: sentence) { _ in true }
            if var b = best {
                let titleOnly = b.entries.allSatisfy { g.entries[Int($0)].target < 0 }
                if titleOnly {
                    // A title never swallows a name that starts at or inside it ("European Council President",
                    // "Ambassador to the United Nations"): take the name instead, or cut the title before it.
                    if let name = longestEntity(doc, from: i, sentence: sentence) {
                        b = name
                    } else {
                        var k = i + 1
                        while k < b.end {
                            if longestEntity(doc, from: k, sentence: sentence) != nil {
                                b = longestTitle(doc, from: i, upTo: k) ?? DictMatch(start: i, end: i, entries: [])
                                break
                            }
                            k += 1
                        }
                    }
                    if b.end <= b.start { i += 1; continue }
                }
                out.append(b)
                i = b.end
            } else {
                i += 1
            }
        }
        return out
    }

    /// The longest entity phrase (not a title) starting at `i`.
    func longestEntity(_ doc: Document, from i: Int, sentence: Int32) -> DictMatch? {
        walk(doc, from: i, upTo: doc.tokens.count, sentence: sentence) { $0.target >= 0 }
    }

    /// The longest title phrase from `i` that ends at or before `limit`.
    func longestTitle(_ doc: Document, from i: Int, upTo limit: Int) -> DictMatch? {
        walk(doc, from: i, upTo: limit, sentence: doc.tokens[i].sentence) { $0.target < 0 }
    }

    func walk(_ doc: Document, from i: Int, upTo limit: Int, sentence: Int32, _ keep: (GazetteerEntry) -> Bool) -> DictMatch? {
        let g = kb.gazetteer
        let tokens = doc.tokens
        guard tokens[i].kind == .word || tokens[i].kind == .number else { return nil }
        var node: Int32 = 0
        var j = i
        var best: DictMatch?
        while j < limit, tokens[j].sentence == sentence, let next = g.child(node, tokens[j].key) {
            node = next
            j += 1
            if let es = g.entriesAt(node) {
                let ok = es.filter { keep(g.entries[Int($0)]) && accepts(g.entries[Int($0)], doc, i, j) }
                if !ok.isEmpty { best = DictMatch(start: i, end: j, entries: ok) }
            }
        }
        return best
    }

    /// Longest acronym that an all-caps line may be using as an everyday word ("WHO", "US", "IS").
    static let maxWordLikeAcronym = 3

    /// Case rules: acronyms as written; capitalised phrase words not in lower case; everyday words
    /// ("IS", "May") not in all-caps lines nor as the first word of a sentence.
    @inline(__always)
    func accepts(_ e: GazetteerEntry, _ doc: Document, _ start: Int, _ end: Int) -> Bool {
        let t = doc.tokens
        // A phrase never ends on a hyphen-joined half of a compound unless it is a prefix ("US-led" is fine:
        // the match "US" ends before "led"); nor starts inside one ("anti-Russian" keeps "Russian").
        if let exact = e.exact {
            let a = Int(t[start].start), b = Int(t[end - 1].end)
            guard b - a == exact.count else { return false }
            var k = 0
            while k < exact.count {
                if doc.bytes[a + k] != exact[k] { return false }
                k += 1
            }
            // "US", "IS", "WHO" in a headline are the words; "NATO" (frequent enough to be listed as a word)
            // is still the alliance.
            if e.isCommonWord && exact.count <= DictionaryMatcher.maxWordLikeAcronym && doc.allCapsSentence[Int(t[start].sentence)] {
                return false
            }
            return true
        }
        // Capitalised words of the phrase: a one-word phrase must be capitalised; a longer one needs its
        // last capitalised word capitalised and most of the others ("international Syria Support Group").
        var mask = e.capitalMask
        if mask != 0 {
            var required = 0, lower = 0, lastLower = false
            var k = start
            while mask != 0 && k < end {
                // Name particles may be written either way ("al-Qaeda", "Al-Qaeda", "De Mistura").
                if mask & 1 == 1 && !kb.lexicon.particles.contains(t[k].key) {
                    required += 1
                    lastLower = t[k].has(.lowercase)
                    if lastLower { lower += 1 }
                }
                mask >>= 1
                k += 1
            }
            if lastLower || lower * 2 > required - 1 && lower > 0 && required <= 2 { return false }
            if lower * 3 > required { return false }
        }
        if e.isCommonWord && (e.kind == .surname || e.kind == .acronym || (e.target >= 0 && kb.entities[Int(e.target)].caseSensitive)) {
            // "May" opening a sentence, or in an all-caps headline, is the word.
            if doc.allCapsSentence[Int(t[start].sentence)] || isSentenceStart(doc, start) { return false }
        }
        return true
    }

    func isSentenceStart(_ doc: Document, _ i: Int) -> Bool {
        var k = i - 1
        while k >= 0, doc.tokens[k].sentence == doc.tokens[i].sentence {
            if doc.tokens[k].kind == .word || doc.tokens[k].kind == .number { return false }
            k -= 1
        }
        return true
    }
}
