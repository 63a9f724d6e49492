import AttacheDates

/// Dates events from the temporal expressions of their sentence, resolved against the publication date.
///
/// The expression nearest the trigger in the same sentence wins (points in time only, not durations);
/// at equal distance the one after the trigger ("met on Friday"). A sentence without one takes the date
/// the narrative last set: the latest dated sentence before it in the same paragraph, else the lead's date
/// (`dateSource` `published` then, since the words are not in the event's sentence). Without a
/// publication date, a date in the dateline ("WASHINGTON, Dec 15 -") is the reference.
struct EventDating {
    /// How an event without time words in its sentence is dated.
    enum Fallback {
        /// Left undated.
        case none
        /// The publication date.
        case published
        /// The latest date of an earlier sentence of the paragraph, else the first date of the lead sentence.
        case narrative
        /// The latest date of any earlier sentence, else the lead's.
        case carry
        /// The lead's date.
        case lead
    }

    var fallback: Fallback = .narrative
    let finder = DateFinder()
    /// Relative day phrases; none by default.
    var dayShifts: [EventLexicon.DayShift] = []

    struct Found {
        var sentence: Int
        /// Token index of the first token of the expression.
        var token: Int
        /// Token index after the expression.
        var end: Int
        /// "the 2015 nuclear agreement", "Tuesday's strike": the date belongs to the noun right after it.
        var attributive: Bool
        var date: CalendarDate
        var text: String
    }

    func assign(_ events: inout [RawEvent], doc: Document, published: CalendarDate?) {
        guard !events.isEmpty else { return }
        let found = expressions(doc, published: published)
        var bySentence: [Int: [Found]] = [:]
        for f in found { bySentence[f.sentence, default: []].append(f) }
        // Paragraph of each sentence.
        var paragraph = [Int](repeating: 0, count: doc.sentences.count)
        var p = 0
        for (s, r) in doc.sentences.enumerated() {
            if s > 0, doc.tokens[r.lowerBound].has(.paragraphBefore) { p += 1 }
            paragraph[s] = p
        }
        let lead: Found? = found.first { f in
            f.sentence <= 1 && f.date.isFullDate && (published.map { !($0 < f.date) } ?? true)
        }
        for i in events.indices {
            let e = events[i]
            if let list = bySentence[e.sentence] {
                var best: Found?
                var bestDistance = Int.max
                for f in list {
                    if f.attributive, !(f.end <= e.trigger.lowerBound && e.trigger.lowerBound - f.end <= 3) { continue }
                    let d = f.token < e.trigger.lowerBound ? 2 * (e.trigger.lowerBound - f.token) + 1 : 2 * (f.token - e.trigger.upperBound)
                    if d < bestDistance { best = f; bestDistance = d }
                }
                if let best {
                    if let shift = shift(doc, e, before: true), best.date.isFullDate {
                        events[i].date = best.date.adding(days: shift)
                        events[i].dateText = best.text
                        events[i].dateSource = .text
                        continue
                    }
                    events[i].date = best.date
                    events[i].dateText = best.text
                    events[i].dateSource = .text
                    continue
                }
            }
            switch fallback {
            case .none:
                break
            case .published:
                if let published {
                    events[i].date = published
                    events[i].dateSource = .published
                }
            case .narrative, .carry, .lead:
                var s = e.sentence - 1
                var from: Found?
                // A future date of an earlier sentence ("the truce starts on Sunday") does not date what happened.
                let usable = { (f: Found) -> Bool in
                    e.status == .planned || published == nil || !(published! < f.date) || f.date.isPrefix(of: published!)
                }
                while s >= 0, fallback != .lead, fallback == .carry || paragraph[s] == paragraph[e.sentence] {
                    if let list = bySentence[s], let last = list.last(where: usable) { from = last; break }
                    s -= 1
                }
                if let d = from ?? lead {
                    if let shift = shift(doc, e, before: false), d.date.isFullDate {
                        events[i].date = d.date.adding(days: shift)
                        events[i].dateText = d.text
                        events[i].dateSource = .text
                        continue
                    }
                    events[i].date = d.date
                    events[i].dateText = d.text
                    events[i].dateSource = .published
                } else if let published {
                    events[i].date = published
                    events[i].dateSource = .published
                }
            }
        }
    }

    /// The day shift of a phrase opening the trigger's clause (`before`) or right after the trigger.
    func shift(_ doc: Document, _ e: RawEvent, before: Bool) -> Int? {
        let t = doc.tokens
        let range = doc.sentences[e.sentence]
        for s in dayShifts where s.before == before {
            let n = s.keys.count
            // Before: the phrase ends at most six words before the trigger ("a day after Guaido declared").
            let starts: StrideThrough<Int> = before
                ? stride(from: e.trigger.lowerBound - n, through: max(range.lowerBound, e.trigger.lowerBound - n - 6), by: -1)
                : stride(from: e.trigger.upperBound, through: min(range.upperBound - n, e.trigger.upperBound + 3), by: 1)
            for k in starts where k >= range.lowerBound && k + n <= range.upperBound {
                var ok = true
                for j in 0..<n where t[k + j].key != s.keys[j] { ok = false; break }
                if ok { return s.days }
            }
        }
        return nil
    }

    /// Words before a date that make it part of a noun phrase ("the 2015 nuclear agreement").
    static let determiners: Set<UInt64> = Set(["the", "a", "an", "its", "their", "this", "that", "his", "her"].map { Folding.hash($0) })

    /// Points in time of the text with their sentence, resolved against `published` (or the dateline date).
    func expressions(_ doc: Document, published: CalendarDate?) -> [Found] {
        var raw = doc.bytes.withUnsafeBufferPointer { finder.find(utf8: $0, reference: published) }
        if published == nil, doc.datelineEnd > 0 {
            let end = Int(doc.tokens[doc.datelineEnd - 1].end)
            if let d = raw.first(where: { $0.range.upperBound <= end && $0.date?.isFullDate == true })?.date {
                raw = doc.bytes.withUnsafeBufferPointer { finder.find(utf8: $0, reference: d) }
            }
        }
        var out: [Found] = []
        out.reserveCapacity(raw.count)
        let t = doc.tokens
        var k = 0
        for x in raw {
            guard let date = x.date, !x.isDuration else { continue }
            while k < t.count, Int(t[k].end) <= x.range.lowerBound { k += 1 }
            guard k < t.count, k >= doc.datelineEnd else { continue }
            var end = k
            while end < t.count, Int(t[end].start) < x.range.upperBound { end += 1 }
            var attributive = end < t.count && t[end].kind == .possessive
            if !attributive, k > 0, end < t.count, t[end].kind == .word, !t[end].has(.capitalized),
               EventDating.determiners.contains(t[k - 1].key) {
                attributive = true
            }
            out.append(Found(sentence: Int(t[k].sentence), token: k, end: end, attributive: attributive, date: date, text: x.text))
        }
        return out
    }
}

extension CalendarDate {
    /// "2015-12" is a prefix of "2015-12-15": the coarser date contains the finer one.
    func isPrefix(of d: CalendarDate) -> Bool {
        guard !isDecade, year == d.year else { return false }
        guard let m = month else { return true }
        guard m == d.month else { return false }
        return day == nil || day == d.day
    }
}
