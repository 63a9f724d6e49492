import AttacheModel

/// Places the gazetteer lacks, told by the company a name keeps rather than by the name itself. Villages,
/// districts and small towns are the long tail of every news beat; no list holds them all, but the text
/// usually places them next to a place the reader knows:
/// - the address shape: "a native of Vermillion, South Dakota", "in Kindu, Congo": after a preposition, an
///   unknown capitalised run followed by a comma and a country or a known place is a place inside it;
/// - coordination: "attacks on Aleppo and Daraya", "in Qamenas, Sarmin and Talamenes": conjuncts share a
///   semantic class, so an unknown run listed with known places, and with nothing but places, is a place;
/// - one sense per discourse: a name the article has used as a place is a place wherever else it stands on
///   its own in that article ("the town of Dabiq" … "Dabiq held symbolic importance").
///
/// Matching (`freeRun`, `conjuncts`) is kept apart from applying (`apply`): each rule only proposes spans.
struct PlaceContext {
    let kb: KnowledgeBase
    /// Per token: part of a one-word person waiting for coreference ("Sarmin said"), not ours to take.
    let deferred: [Bool]

    init(kb: KnowledgeBase, doc: Document) {
        self.kb = kb
        var deferred = [Bool](repeating: false, count: doc.count)
        for p in doc.deferredPeople { for k in p.start..<p.end { deferred[k] = true } }
        self.deferred = deferred
    }

    /// The longest unknown run taken as one place name ("Bosanski Novi", "Nueva Ecija Province" is headed and
    /// found elsewhere); longer capitalised runs are titles, headlines or organizations.
    static let maxPlaceWords = 3

    func apply(_ doc: Document) {
        for run in addressPlaces(doc) { add(doc, run) }
        for run in coordinatedPlaces(doc) { add(doc, run) }
        repeatPlaces(doc)
    }

    func add(_ doc: Document, _ run: Range<Int>) {
        guard doc.isFree(run.lowerBound, run.upperBound) else { return }
        doc.addPatternMention(type: .location, run.lowerBound, run.upperBound, confidence: 0.55)
    }

    // MARK: Matching

    /// The unknown capitalised run that starts at `k`: one to `maxPlaceWords` free capitalised words of one
    /// sentence that are not a title, an everyday word on its own, a given name opening a person's name, or a
    /// head noun (headed runs are the organization and place patterns' business).
    func freeRun(_ doc: Document, at k: Int) -> Range<Int>? {
        let t = doc.tokens
        let lex = kb.lexicon
        guard k < t.count, isNameWord(doc, k), !t[k].has(.hyphenBefore), !doc.allCapsSentence[Int(t[k].sentence)] else { return nil }
        // The run is maximal: "Bar Baz" inside "Foo Bar Baz" is no name of its own.
        if k > 0, t[k - 1].sentence == t[k].sentence, isNameWord(doc, k - 1) { return nil }
        var end = k + 1
        while end < t.count, end - k <= PlaceContext.maxPlaceWords, t[end].sentence == t[k].sentence,
              isNameWord(doc, end) || (t[end].has(.hyphenBefore) && doc.owner[end] < 0) {
            end += 1
        }
        guard end - k <= PlaceContext.maxPlaceWords else { return nil }
        let words = t[k..<end]
        if words.contains(where: { lex.orgHeads.contains($0.key) || lex.locationHeads.contains($0.key) }) { return nil }
        if end - k == 1 && lex.commonWords.contains(t[k].key) { return nil }
        if end - k >= 2 && lex.givenNames.contains(t[k].key) { return nil }
        // "Talamenes's": a possessive makes the run an actor, not a listed place.
        if end < t.count, t[end].kind == .possessive { return nil }
        return k..<end
    }

    func isNameWord(_ doc: Document, _ k: Int) -> Bool {
        let t = doc.tokens[k]
        return t.kind == .word && t.has(.capitalized) && doc.owner[k] < 0 && !doc.isTitle[k] && !deferred[k]
            && !kb.lexicon.neverNames.contains(t.key)
    }

    /// The preposition before `k` makes what follows a place: "in", "near", "to" and "from", "of".
    func afterPreposition(_ doc: Document, _ k: Int) -> Bool {
        guard let p = doc.previous(k, skippingThe: false), doc.tokens[p].has(.lowercase) else { return false }
        let key = doc.tokens[p].key
        let lex = kb.lexicon
        return lex.locativePrepositions.contains(key) || lex.directionPrepositions.contains(key) || key == Keys.of || key == Keys.from
    }

    /// "Vermillion, South Dakota": free runs after a preposition, followed by a comma and a country or a
    /// place that needs no context, which is not itself followed by a possessive ("Jones, Britain's envoy").
    func addressPlaces(_ doc: Document) -> [Range<Int>] {
        let t = doc.tokens
        var out: [Range<Int>] = []
        var k = 0
        while k < t.count {
            guard let run = freeRun(doc, at: k) else { k += 1; continue }
            defer { k = run.upperBound }
            let comma = run.upperBound
            guard afterPreposition(doc, run.lowerBound), comma + 1 < t.count, t[comma].key == Keys.comma,
                  t[comma + 1].sentence == t[comma].sentence, Linker.namesCountryOrPlace(doc, comma + 1, kb) else { continue }
            let region = doc.owner[comma + 1] >= 0 ? doc.mentions[Int(doc.owner[comma + 1])].end : comma + 2
            if region < t.count, t[region].kind == .possessive { continue }
            out.append(run)
        }
        return out
    }

    enum Conjunct: Equatable {
        case unknown(Range<Int>)
        case known(Range<Int>, EntityType)

        var end: Int {
            switch self {
            case .unknown(let r), .known(let r, _): return r.upperBound
            }
        }
    }

    /// The conjunct that starts at `k`: a mention of the document, or a free run.
    func conjunct(_ doc: Document, at k: Int) -> Conjunct? {
        guard k < doc.count else { return nil }
        let o = doc.owner[k]
        if o >= 0 {
            let m = doc.mentions[Int(o)]
            guard m.start == k else { return nil }
            return .known(m.start..<m.end, doc.entityType(m.ref, kb))
        }
        return freeRun(doc, at: k).map { .unknown($0) }
    }

    /// The items separated by commas from `k` on, up to a final "and"/"or" ("A, B and C", "A or B").
    /// `joined` is false when no conjunction closes them: a comma alone makes an apposition ("Aleppo, Syria").
    func conjuncts(_ doc: Document, from k: Int) -> (items: [Conjunct], joined: Bool)? {
        let t = doc.tokens
        guard let first = conjunct(doc, at: k) else { return nil }
        var items = [first]
        var j = first.end
        while j < t.count, t[j].sentence == t[k].sentence {
            var next = j
            if t[next].key == Keys.comma { next += 1 }
            var joined = false
            if next < t.count, t[next].has(.lowercase), t[next].key == Keys.and || t[next].key == PlaceContext.or {
                joined = true
                next += 1
            }
            guard next > j, next < t.count, t[next].sentence == t[k].sentence, let item = conjunct(doc, at: next) else { break }
            items.append(item)
            if joined { return (items, true) }
            j = item.end
        }
        return (items, false)
    }

    static let or = Folding.hash("or")

    /// Unknown runs in a list whose known members are places or countries, at least one of them a place.
    func coordinatedPlaces(_ doc: Document) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var k = 0
        while k < doc.count {
            guard let list = conjuncts(doc, from: k) else { k += 1; continue }
            let items = list.items
            // Every later start inside this chain ends where it ends: skip it whole.
            defer { k = items[items.count - 1].end }
            guard list.joined else { continue }
            var hasPlace = false
            var onlyPlaces = true
            for item in items {
                if case .known(_, let type) = item {
                    hasPlace = hasPlace || type == .location
                    onlyPlaces = onlyPlaces && (type == .location || type == .country)
                }
            }
            guard hasPlace, onlyPlaces else { continue }
            for case .unknown(let run) in items { out.append(run) }
        }
        return out
    }

    // MARK: One sense per discourse

    /// Later and earlier stand-alone occurrences of a place name the patterns found in this article.
    func repeatPlaces(_ doc: Document) {
        var places: [[UInt64]: EntityRef] = [:]
        for m in doc.mentions where m.end > m.start {
            guard case .local(let i) = m.ref, doc.locals[Int(i)].type == .location else { continue }
            let keys = doc.tokens[m.start..<m.end].map(\.key)
            places[keys] = places[keys] ?? m.ref
        }
        guard !places.isEmpty else { return }
        let t = doc.tokens
        var k = 0
        while k < t.count {
            guard let run = freeRunOrWord(doc, at: k) else { k += 1; continue }
            defer { k = run.upperBound }
            guard let ref = places[t[run].map(\.key)], doc.isStandalone(run.lowerBound, run.upperBound, kb.lexicon) else { continue }
            doc.addMention(RawMention(start: run.lowerBound, end: run.upperBound, ref: ref, kind: .name, confidence: 0.55))
        }
    }

    /// Like `freeRun`, but a repeated name may be an everyday word once the article has used it as a place.
    func freeRunOrWord(_ doc: Document, at k: Int) -> Range<Int>? {
        let t = doc.tokens
        guard k < t.count, isNameWord(doc, k), !doc.allCapsSentence[Int(t[k].sentence)] else { return nil }
        let sentenceStart = k == 0 || t[k - 1].sentence != t[k].sentence
        if sentenceStart && kb.lexicon.commonWords.contains(t[k].key) { return nil }
        var end = k + 1
        while end < t.count, end - k < PlaceContext.maxPlaceWords, t[end].sentence == t[k].sentence, isNameWord(doc, end) { end += 1 }
        return k..<end
    }
}
