import AttacheDates
import AttacheModel

/// Turns merged raw events into the API's `Event` values: code-point spans, output entity ids and
/// ids "ev-1", "ev-2" … in text order.
enum EventAssembly {
    /// `entities` are the article's output entities and `index` maps each reference to its position there
    /// (two references can be one entity: a pattern entity merged into a known one).
    static func events(_ raw: [RawEvent], body: Document, offsets: CodePointOffsets, sentences: [Span],
                       entities: [Entity], index: FrozenTable<Int>) -> [Event] {
        // An article's events share a handful of dates: each is formatted once (keyed, as a text can hold thousands).
        var formatted: [CalendarDate: String] = [:]
        let tokens = body.tokens
        // Each event is built field by field in its place in the array: `append` of a new `Event`, or
        // initialising the slot with one, copied it whole (and its strings' and array's reference counts) and
        // destroyed the original.
        return [Event](unsafeUninitializedCapacity: raw.count) { out, made in
        for r in raw {
            var participants: [Participant] = []
            participants.reserveCapacity(r.participants.count)
            var seen = InlineArray<16, Int32>(repeating: -1)
            var count = 0
            for p in r.participants {
                guard let k = index[p.ref.tableKey] else { continue }
                var dup = false
                for j in 0..<count where seen[j] == Int32(truncatingIfNeeded: k) { dup = true; break }
                guard !dup else { continue }
                if count < 16 { seen[count] = Int32(truncatingIfNeeded: k); count += 1 }
                participants.append(Participant(entity: entities[k].id, role: p.role))
            }
            var iso: String?
            if let d = r.date {
                if let f = formatted[d] {
                    iso = f
                } else {
                    iso = d.iso
                    formatted[d] = iso
                }
            }
            let a = Int(tokens[r.trigger.lowerBound].start), b = Int(tokens[r.trigger.upperBound - 1].end)
            let e = out.baseAddress.unsafelyUnwrapped + made
            e.initialize(to: Event(blank: r.type))
            e.pointee.id = eventID(made + 1)
            e.pointee.trigger = body.text(r.trigger.lowerBound, r.trigger.upperBound)
            e.pointee.triggerSpan = Span(start: offsets[a], end: offsets[b])
            e.pointee.sentence = r.sentence
            e.pointee.sentenceSpan = sentences[r.sentence]
            e.pointee.participants = participants
            e.pointee.location = r.location.flatMap { index[$0.tableKey] }.map { entities[$0].id }
            e.pointee.date = iso
            e.pointee.dateText = r.dateBytes.map { String(decoding: body.bytes[$0], as: UTF8.self) }
            e.pointee.dateSource = r.dateSource
            e.pointee.status = r.status
            e.pointee.negated = r.negated
            if r.cameo != 0 { e.pointee.cameo = cameoCode(r.cameo) }
            made += 1
        }
        }
    }

    /// The two-digit CAMEO root of a trigger row ("17"), made once for the twenty roots.
    static let cameoCodes: [String] = (0...20).map { $0 < 10 ? "0\($0)" : "\($0)" }

    static func cameoCode(_ root: UInt8) -> String {
        Int(root) < cameoCodes.count ? cameoCodes[Int(root)] : String(root)
    }

    /// "ev-1" … "ev-64" made once (formatting an integer is a generic description call); later ones on demand.
    static let commonIDs: [String] = (1...64).map { "ev-\($0)" }

    static func eventID(_ n: Int) -> String {
        n >= 1 && n <= commonIDs.count ? commonIDs[n - 1] : "ev-\(n)"
    }
}
