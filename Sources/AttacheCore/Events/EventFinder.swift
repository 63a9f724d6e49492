import AttacheDates

/// The event stage of the pipeline: triggers and participants, dates, then merged duplicates.
///
/// Runs on the body `Document` after coreference, so participants are the resolved entities; the
/// assembler maps their references to output entity ids.
struct EventFinder: Sendable {
    /// The lexicon by reference (see `EventExtractor.shared`).
    let shared: SharedLexicon
    var dating = EventDating()
    var merger = EventMerger()
    /// Prepositions after which a country is the place ("in Syria"), from the knowledge base's lexicon.
    let locatives: KeySet
    /// The type of each knowledge-base entity, read without touching the entities.
    let kbTypes: [EntityType]

    /// Bytes between a definite event noun and a date that makes it an event of its own (", announced early on ").
    static let datedNounReach = 24

    init(kb: KnowledgeBase, lexicon: EventLexicon) {
        self.shared = SharedLexicon(lexicon)
        self.locatives = kb.lexicon.locativePrepositions
        self.kbTypes = kb.entities.map(\.type)
        dating.dayShifts = lexicon.dayShifts
        dating.words = lexicon.words
    }

    /// Events of `doc` in text order of their first mention. `published` is the article's date
    /// ("2015-12-15" or partial); relative dates stay unresolved without it.
    func find(_ doc: Document, published: String?) -> [RawEvent] {
        let marks = TokenMarks(doc.tokens, table: shared.value.markTable)
        var events = EventExtractor(lexicon: shared, locatives: locatives, kbTypes: kbTypes, doc: doc, marks: marks).extract(doc)
        // The loops below read and move events through a buffer pointer: a field read of an array element
        // (`events[i].isSaying`) copied the whole 144-byte event.
        let kept = events.withUnsafeMutableBufferPointer { events in EventFinder.dropSayings(events, sentences: doc.sentences.count) }
        events.removeLast(events.count - kept)
        guard !events.isEmpty else { return [] }
        dating.assign(&events, doc: doc, marks: marks, published: published.flatMap(CalendarDate.parse))
        // "The deal, announced early on Wednesday, ...": a definite event noun with a dated participle set off
        // after it is an event even with no actor named in its clause (otherwise it only joins one already told).
        let tokens = doc.tokens, comma = shared.value.words.comma
        events.withUnsafeMutableBufferPointer { events in
            for i in events.indices where events[i].orphan && events[i].dateSource == .text {
                let after = events[i].trigger.upperBound
                guard let b = events[i].dateBytes, after + 1 < tokens.count, tokens[after].key == comma,
                      tokens[after + 1].kind == .word, !tokens[after + 1].has(.capitalized) else { continue }
                let end = Int(tokens[after - 1].end)
                if b.lowerBound >= end, b.lowerBound - end <= EventFinder.datedNounReach { events[i].orphan = false }
            }
        }
        var merged = merger.merge(events)
        EventDating.settle(&merged)
        return merged
    }

    /// Drops the verbs of saying that are not the news, moving the events kept to the front; their number.
    static func dropSayings(_ events: UnsafeMutableBufferPointer<RawEvent>, sentences: Int) -> Int {
        // "Johnson said Britain would freeze the assets": the freeze is the news, not the saying. A noun
        // ("announced the signing", "hailed the deal") is what was said, and the saying stays.
        var reported = [Bool](repeating: false, count: sentences)
        for i in events.indices where !events[i].isSaying && events[i].type != .statement && !events[i].isNoun {
            reported[events[i].sentence] = true
        }
        // "only when it is the news": a speaker whose own acts the article reports is quoted about them, so
        // the saying is no event of its own (decided before dating, which it saves).
        // A set: a text of thousands of actors would make a list's look-ups quadratic.
        var actors = Set<EntityRef>()
        for i in events.indices where events[i].type != .statement {
            for p in events[i].participants where p.role == .source { actors.insert(p.ref) }
        }
        // Both rules in one compacting pass, in place.
        var kept = 0
        for i in events.indices {
            if events[i].isSaying {
                if reported[events[i].sentence] { continue }
                var sources = 0, acting = 0
                for p in events[i].participants where p.role == .source {
                    sources += 1
                    if actors.contains(p.ref) { acting += 1 }
                }
                if sources > 0 && acting == sources { continue }
            }
            if kept != i { events[kept] = events[i] }
            kept += 1
        }
        return kept
    }
}
