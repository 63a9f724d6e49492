/// Keeps a verb of saying only when the statement is the news: a cross-event pass over the extracted events,
/// before dating (which it saves for the sayings it drops).
///
/// Two rules, each a function below:
/// - `framesReportedEvent`: "Johnson said Britain would freeze the assets": the freeze is the news, not the
///   saying. Only a verb counts as the reported event: a noun ("announced the signing", "hailed the deal")
///   is what was said, and the saying stays.
/// - `speakerActsElsewhere`: a speaker whose own acts the article reports is quoted about them, so the
///   saying is no event of its own.
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

    /// Whether `e` reports something other than a saying: a verb trigger of any type but a statement.
    static func reportsAnEvent(_ e: RawEvent) -> Bool {
        !e.isSaying && e.type != .statement && !e.isNoun
    }

    /// Drops the sayings that are not the news, moving the events kept to the front, in order; their number.
    /// In place, through the buffer: a field read of an array element copied the whole event.
    static func apply(_ events: UnsafeMutableBufferPointer<RawEvent>, sentences: Int) -> Int {
        var reported = [Bool](repeating: false, count: sentences)
        var actors = Set<EntityRef>(minimumCapacity: 2 * events.count)
        for i in events.indices {
            if reportsAnEvent(events[i]) { reported[events[i].sentence] = true }
            guard events[i].type != .statement else { continue }
            for p in events[i].participants where p.role == .source { actors.insert(p.ref) }
        }
        var kept = 0
        for i in events.indices {
            if events[i].isSaying,
               framesReportedEvent(events[i], reported: reported) || speakerActsElsewhere(events[i], actors: actors) {
                continue
            }
            if kept != i { events[kept] = events[i] }
            kept += 1
        }
        return kept
    }
}
