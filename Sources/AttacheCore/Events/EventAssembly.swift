/// Turns merged raw events into the API's `Event` values: code-point spans, output entity ids and
/// ids "ev-1", "ev-2" … in text order.
enum EventAssembly {
    static func events(_ raw: [RawEvent], body: Document, offsets: CodePointOffsets, sentences: [Span],
                       ids: [EntityRef: String]) -> [Event] {
        var out: [Event] = []
        out.reserveCapacity(raw.count)
        // The article's few dozen entities in two parallel arrays: a scan of small integers beats hashing each
        // participant's reference (SipHash) in the dictionary. `slot` numbers the output ids, so two references
        // to one output entity (a pattern entity merged into a known one) are told apart without comparing strings.
        var refs: [EntityRef] = [], slots: [Int] = [], names: [String] = []
        refs.reserveCapacity(ids.count)
        slots.reserveCapacity(ids.count)
        for (ref, id) in ids {
            refs.append(ref)
            if let at = names.firstIndex(of: id) { slots.append(at) } else { slots.append(names.count); names.append(id) }
        }
        var seen: [Int] = []
        for r in raw {
            var participants: [Participant] = []
            participants.reserveCapacity(r.participants.count)
            seen.removeAll(keepingCapacity: true)
            for p in r.participants {
                guard let at = refs.firstIndex(of: p.ref), !seen.contains(slots[at]) else { continue }
                seen.append(slots[at])
                participants.append(Participant(entity: names[slots[at]], role: p.role))
            }
            let a = Int(body.tokens[r.trigger.lowerBound].start), b = Int(body.tokens[r.trigger.upperBound - 1].end)
            out.append(Event(id: "ev-" + String(out.count + 1), type: r.type, trigger: body.text(r.trigger.lowerBound, r.trigger.upperBound),
                             triggerSpan: Span(start: offsets[a], end: offsets[b]), sentence: r.sentence,
                             sentenceSpan: sentences[r.sentence], participants: participants,
                             location: r.location.flatMap { l in refs.firstIndex(of: l).map { names[slots[$0]] } }, date: r.date?.iso, dateText: r.dateBytes.map { String(decoding: body.bytes[$0], as: UTF8.self) },
                             dateSource: r.dateSource, status: r.status, negated: r.negated))
        }
        return out
    }
}
