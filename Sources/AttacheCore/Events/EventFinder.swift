import AttacheDates
import Foundation

/// The event stage of the pipeline: triggers and participants, dates, then merged duplicates.
///
/// Runs on the body `Document` after coreference, so participants are the resolved entities; the
/// assembler maps their references to output entity ids.
struct EventFinder {
    let kb: KnowledgeBase
    let lexicon: EventLexicon
    var dating = EventDating()
    var merger = EventMerger()

    init(kb: KnowledgeBase, lexicon: EventLexicon) {
        self.kb = kb
        self.lexicon = lexicon
        dating.dayShifts = lexicon.dayShifts
        // TEMP experiment knobs.
        if let env = getenv("ATTACHE_EV").map({ String(cString: $0) }) {
            for part in env.split(separator: ",") {
                let kv = part.split(separator: "=")
                switch kv[0] {
                case "window": merger.window = Int(kv[1])!
                case "nosrc": merger.bySource = false
                case "strict": merger.strictDates = true
                case "nocomma": EventExtractor.stopAtComma = false
                case "noplace": EventExtractor.sentencePlace = false
                case "noloc": EventFinder.requireParticipant = true
                case "say": EventFinder.dropSaying = true
                case "off": EventFinder.off = true
                case "nodates": EventFinder.noDates = true
                case "fb": dating.fallback = kv[1] == "none" ? .none : kv[1] == "pub" ? .published : kv[1] == "carry" ? .carry : kv[1] == "lead" ? .lead : .narrative
                default: break
                }
            }
        }
    }
    nonisolated(unsafe) static var requireParticipant = false
    nonisolated(unsafe) static var dropSaying = true
    nonisolated(unsafe) static var off = false
    nonisolated(unsafe) static var noDates = false

    /// Events of `doc` in text order of their first mention. `published` is the article's date
    /// ("2015-12-15" or partial); relative dates stay unresolved without it.
    func find(_ doc: Document, published: String?) -> [RawEvent] {
        if EventFinder.off { return [] }
        var events = EventExtractor(kb: kb, lexicon: lexicon).extract(doc)
        if EventFinder.requireParticipant { events.removeAll { $0.participants.isEmpty } }
        if EventFinder.dropSaying {
            // "Johnson said Britain would freeze the assets": the freeze is the news, not the saying.
            var reported = Set<Int>()
            for e in events where !e.isSaying && e.type != .statement { reported.insert(e.sentence) }
            events.removeAll { $0.isSaying && reported.contains($0.sentence) }
        }
        guard !events.isEmpty else { return [] }
        if !EventFinder.noDates { dating.assign(&events, doc: doc, published: published.flatMap(CalendarDate.parse)) }
        return merger.merge(events)
    }
}
