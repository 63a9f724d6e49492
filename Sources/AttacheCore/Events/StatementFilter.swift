/// Keeps a verb of saying only when the statement is the news: a cross-event pass over the extracted events,
/// before dating (which it saves for the sayings it drops).
///
/// Two rules, each a function below:
/// - `framesReportedEvent`: "Johnson said Britain would freeze the assets": the freeze is the news, not the
///   saying. Only a verb counts as the reported event: a noun ("announced the signing", "hailed the deal")
///   is what was said, and the saying stays.
/// - `speakerActsElsewhere`: a speaker whose own acts the article reports is quoted about them, so the
///   saying is no event of its own.
/// A statement noun that is the medium of a saying ("said in a statement", "told a news conference", "said on
/// Tuesday in a televised address") names that same saying, so it shares the saying's fate (`isMedium`): kept
/// with it, dropped with it. Not in a sentence with a calendar word ("On Friday, Trump said in a statement"):
/// a saying the article times is an occasion of its own, and the noun stays to carry it.
/// Linear in the events: one pass marks the reporting sentences and collects the actors, one pass compacts.
enum StatementFilter {
    /// Whether `e`, a saying, only frames another event its sentence reports.
    static func framesReportedEvent(_ e: RawEvent, reported: [Bool]) -> Bool {
        reported[e.sentence]
    }

    /// Whether every source of the saying `e` acts in an event of the article that is not a statement.
    static func speakerActsElsewhere(_ e: RawEvent, actors: Set<EntityRef>) -> Bool {
        var sources = 0
        for p in e.participants where p.role == .source {
            guard actors.contains(p.ref) else { return false }
            sources += 1
        }
        return sources > 0
    }

    /// Furthest a medium noun may start after the end of its verb of saying, in tokens: "said on Tuesday in a
    /// televised address" puts five words between.
    static let mediumReach = 6

    /// Whether `noun`, a statement noun, is the medium of `saying`, the latest event before it: in the same
    /// sentence, no other event between and within `mediumReach` tokens after the verb.
    static func isMedium(_ noun: RawEvent, of saying: RawEvent) -> Bool {
        noun.isNoun && noun.type == .statement && saying.isSaying && !saying.isNoun && noun.sentence == saying.sentence
            && noun.trigger.lowerBound >= saying.trigger.upperBound
            && noun.trigger.lowerBound - saying.trigger.upperBound <= mediumReach
    }

    /// By sentence, whether a calendar word (a weekday, a month, "today") stands in it; linear in the tokens.
    static func timedSentences(_ sentences: [Range<Int>], marks: [TokenMarks.Mark]) -> [Bool] {
        sentences.map { r in r.contains { marks[$0].contains(.calendar) } }
    }

    /// Whether `e` reports something other than a saying: a verb trigger of any type but a statement.
    static func reportsAnEvent(_ e: RawEvent) -> Bool {
        !e.isSaying && e.type != .statement && !e.isNoun
    }

    /// Drops the sayings that are not the news, moving the events kept to the front, in order; their number.
    /// In place, through the buffer: a field read of an array element copied the whole event.
    /// `timed` tells, by sentence, whether a calendar word stands in it (empty: none does).
    static func apply(_ events: UnsafeMutableBufferPointer<RawEvent>, sentences: Int, timed: [Bool] = []) -> Int {
        var reported = [Bool](repeating: false, count: sentences)
        var actors = Set<EntityRef>(minimumCapacity: 2 * events.count)
        for i in events.indices {
            if reportsAnEvent(events[i]) { reported[events[i].sentence] = true }
            guard events[i].type != .statement else { continue }
            for p in events[i].participants where p.role == .source { actors.insert(p.ref) }
        }
        var kept = 0
        // Whether the event before the current one was dropped as a saying, for its medium noun.
        var sayingDropped = false
        for i in events.indices {
            if i > 0, sayingDropped, isMedium(events[i], of: events[i - 1]),
               !(timed.indices.contains(events[i].sentence) && timed[events[i].sentence]) {
                continue
            }
            sayingDropped = false
            if events[i].isSaying,
               framesReportedEvent(events[i], reported: reported) || speakerActsElsewhere(events[i], actors: actors) {
                sayingDropped = true
                continue
            }
            if kept != i { events[kept] = events[i] }
            kept += 1
        }
        return kept
    }
}
