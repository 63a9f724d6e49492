/// Turns merged raw events into the API's `Event` values: code-point spans, output entity ids and
/// ids "ev-1", "ev-2" … in text order.
enum EventAssembly {
    static func events(_ raw: [RawEvent], body: Document, offsets: CodePointOffsets, sentences: [Span],
                       ids: [EntityRef: String]) -> [Event] {
        var out: [Event] = []
        out.reserveCapacity(raw.count)
        for r in raw {
            var participants: [Participant] = []
            participants.reserveCapacity(r.participants.count)
            for p in r.participants {
                // Two references can be one output entity (a pattern entity merged into a known one).
                guard let id = ids[p.ref], !participants.contains(where: { $0.entity == id }) else { continue }
                participants.append(Participant(entity: id, role: p.role))
            }
            let a = Int(body.tokens[r.trigger.lowerBound].start), b = Int(body.tokens[r.trigger.upperBound - 1].end)
            out.append(Event(id: "ev-" + String(out.count + 1), type: r.type, trigger: body.text(r.trigger.lowerBound, r.trigger.upperBound),
                             triggerSpan: Span(start: offsets[a], end: offsets[b]), sentence: r.sentence,
                             sentenceSpan: sentences[r.sentence], participants: participants,
                             location: r.location.flatMap { ids[$0] }, date: r.date?.iso, dateText: r.dateBytes.map { String(decoding: body.bytes[$0], as: UTF8.self) },
                             dateSource: r.dateSource, status: r.status, negated: r.negated))
        }
        return out
    }
}
