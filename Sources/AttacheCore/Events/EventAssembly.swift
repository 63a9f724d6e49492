/// Turns merged raw events into the API's `Event` values: code-point spans, output entity ids and
/// ids "ev-1", "ev-2" … in text order.
enum EventAssembly {
    static func events(_ raw: [RawEvent], body: Document, offsets: CodePointOffsets, sentences: [Span],
                       ids: [EntityRef: String]) -> [Event] {
        var out: [Event] = []
        out.reserveCapacity(raw.count)
        for r in raw {
            var seen = Set<String>()
            var participants: [Participant] = []
            for p in r.participants {
                guard let id = ids[p.ref], seen.insert(id).inserted else { continue }
                participants.append(Participant(entity: id, role: p.role))
            }
            let a = Int(body.tokens[r.trigger.lowerBound].start), b = Int(body.tokens[r.trigger.upperBound - 1].end)
            out.append(Event(id: "ev-\(out.count + 1)", type: r.type, trigger: body.text(r.trigger.lowerBound, r.trigger.upperBound),
                             triggerSpan: Span(start: offsets[a], end: offsets[b]), sentence: r.sentence,
                             sentenceSpan: sentences[r.sentence], participants: participants,
                             location: r.location.flatMap { ids[$0] }, date: r.date?.iso, dateText: r.dateText,
                             dateSource: r.dateSource, status: r.status, negated: r.negated))
        }
        return out
    }
}
