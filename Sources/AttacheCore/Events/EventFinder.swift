import AttacheDates
import AttacheModel

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
    /// The country each office holder acts for (`ActingCountry.swift`).
    let actingCountry: ActingCountry
    /// The country a meeting in its capital is hosted by (`HostCountry.swift`).
    let hostCountry: HostCountry
    /// What may stand between a plural subject and its verb (`ReciprocalSubject`).
    let betweenSubjectAndVerb: ReciprocalSubject.Between

    /// Bytes between a definite event noun and a date that makes it an event of its own (", announced early on ").
    static let datedNounReach = 24

    init(kb: KnowledgeBase, lexicon: EventLexicon) {
        self.shared = SharedLexicon(lexicon)
        self.locatives = kb.lexicon.locativePrepositions
        self.kbTypes = kb.entities.map(\.type)
        self.actingCountry = ActingCountry(kb: kb)
        self.hostCountry = HostCountry(kb: kb)
        self.betweenSubjectAndVerb = ReciprocalSubject.Between(auxiliaries: kb.lexicon.auxiliaries, adverbs: lexicon.words.adverbs)
        dating.dayShifts = lexicon.dayShifts
        dating.words = lexicon.words
        dating.dateWords = kb.lexicon.dating
    }

    /// Events of `doc` in text order of their first mention. `published` is the article's date
    /// ("2015-12-15" or partial); relative dates stay unresolved without it.
    func find(_ doc: Document, published: String?) -> [RawEvent] {
        let marks = TokenMarks(doc.tokens, table: shared.value.markTable)
        var events = EventExtractor(lexicon: shared, locatives: locatives, kbTypes: kbTypes, doc: doc, marks: marks).extract(doc)
        // The loops below read and move events through a buffer pointer: a field read of an array element
        // (`events[i].isSaying`) copied the whole 144-byte event.
        let kept = events.withUnsafeMutableBufferPointer { events in
            let unconditional = ConditionFilter.apply(events, sentences: doc.sentences, marks: marks.marks, datelineEnd: doc.datelineEnd)
            let unasked = RequestFilter.apply(UnsafeMutableBufferPointer(rebasing: events[..<unconditional]), tokens: doc.tokens,
                                              marks: marks.marks, to: shared.value.words.to, determiners: shared.value.words.articles)
            NounReading.apply(UnsafeMutableBufferPointer(rebasing: events[..<unasked]), sentences: doc.sentences, marks: marks.marks)
            let layout = StatementFilter.Layout(doc.sentences, tokens: doc.tokens, marks: marks.marks, colon: shared.value.words.colon,
                                                    press: shared.value.pressAudiences)
            let kept = StatementFilter.apply(UnsafeMutableBufferPointer(rebasing: events[..<unasked]), sentences: doc.sentences.count,
                                             layout: layout)
            ReciprocalSubject.apply(UnsafeMutableBufferPointer(rebasing: events[..<kept]), sentences: doc.sentences, tokens: doc.tokens,
                                    bytes: doc.bytes, marks: marks.marks, between: betweenSubjectAndVerb)
            return kept
        }
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
        let named = ActingCountry.namedCountries(doc.mentions, kbTypes: kbTypes)
        actingCountry.apply(&merged, named: named)
        hostCountry.apply(&merged, named: named)
        return merged
    }
}
