import AttacheDates
import AttacheModel

/// Dates events from the temporal expressions of their sentence, resolved against the publication date.
///
/// Rules, each measured on the dev corpus (date accuracy on matched events):
/// - the expression nearest the trigger in the same sentence wins (points in time only, not durations); at
///   equal distance the one after the trigger ("met on Friday"); a date before the trigger across a clause
///   opener ("agreed on Tuesday, after Putin recognised ... on Monday") yields to a nearer one;
/// - an attributive date belongs to its noun ("the 2015 nuclear agreement", "Tuesday's strike"); a future
///   date does not date a past verb ("signed a ceasefire due to take effect on Monday");
/// - relative day phrases shift a date ("..., a day after Guaido declared", "warned the next day");
/// - a war or an offensive (a lasting assault noun) is dated only by a date next to it or by a later
///   mention merged into it ("The war, which began in 1964");
/// - a date after the trigger in a later clause that tells an event of its own is that event's ("the summit
///   is hosted by China, which held the APEC summit in 2014"), unless the clause is of the same time ("when");
/// - a sentence without time words takes the date the narrative last set: the last (non-future) date of
///   an earlier sentence of the same paragraph, else the lead's first date (`dateSource` `published`);
///   a year alone sets no narrative date (it places background), nor does a date before the narrative's
///   (a flashback); a paragraph opening "Shortly afterwards" or with a response ("Maduro responded by ...")
///   goes on from the one before;
/// - a participle clause after an event noun ("a declaration, signed on May 11,") dates that noun only; a date
///   inside a to-infinitive ("agreed to hold talks this week") does not reach past the clause that closes it;
/// - a truce is dated when it takes effect ("a truce that takes effect on Friday"), an agreement not by that day;
/// - "today" inside a quotation is the day the words were said, not the publication date: it dates nothing itself
///   and sets no narrative date. Leaving such events undated scored 0.636,
///   the publication date 0.781, this 0.850 on the dev set (the lead usually tells the day before publication);
/// - the publication date itself dates only the lead sentence of a story (an article with a dateline or a
///   date line), which reports today's news; an event the text does not date elsewhere stays undated;
/// - a news page's date line ("Monday, May 18, 2015" under the headline) dates no event; the lead follows it.
/// Without a publication date, a date in the dateline ("WASHINGTON, Dec 15, 2015 -") is the reference.
struct EventDating {
    let finder = DateFinder()
    /// The event lexicon's relative day phrases ("a day after") and fixed words; an empty lexicon has no day
    /// phrases. Held apart, not as the lexicon: a copy of the whole lexicon, two dozen tables, was made at each
    /// call.
    var dayShifts: [EventLexicon.DayShift] = []
    var words = EventWords()
    /// The dating rules' word sets, from the knowledge base's `lexicon/` (`DatingWords`).
    var dateWords = DatingWords()
    /// Penalty, in half-tokens, for a date before the trigger across a clause opener ("agreed on Tuesday, after
    /// Putin recognised the regions on Monday"): larger than any distance within `dateReach`, so such a date
    /// dates the event only when the sentence has no other.
    static let otherClausePenalty = 1000

    /// What dating reads of an event (a few words, so the loop does not copy whole events).
    struct Spot {
        var sentence: Int
        var trigger: Range<Int>
        var isNoun: Bool
        var type: EventType
        var status: EventStatus

        init(_ e: RawEvent) {
            sentence = e.sentence
            trigger = e.trigger
            isNoun = e.isNoun
            type = e.type
            status = e.status
        }
    }

    struct Found {
        var sentence: Int
        /// Token index of the first token of the expression.
        var token: Int
        /// Token index after the expression.
        var end: Int
        /// "the 2015 nuclear agreement", "Tuesday's strike": the date belongs to the noun right after it.
        var attributive: Bool
        /// "negotiating there since May 6": the date opens a period (`DatingWords.periodOpeners`).
        var opensPeriod = false
        var date: CalendarDate
        /// UTF-8 byte range of the expression in the document.
        var bytes: Range<Int>
    }

    func assign(_ events: inout [RawEvent], doc: Document, marks: TokenMarks, published: CalendarDate?) {
        guard !events.isEmpty else { return }
        let mk = marks.marks
        var dates = SentenceDates(doc: doc, finder: finder, marks: marks, words: words, periodOpeners: dateWords.periodOpeners,
                                  reference: published)
        let published = dates.reference
        let paragraph = paragraphs(doc)
        // The narrative date comes from sentences that tell events (their dates are looked up anyway).
        var hasEvent = [Bool](repeating: false, count: doc.sentences.count)
        for i in events.indices { hasEvent[events[i].sentence] = true }
        // Every sentence an event is in, and the top of the article (a date line, the lead's two sentences: the
        // narrative's fallback), in one finder call.
        dates.prepare { hasEvent[$0] || $0 < EventDating.dateLineReach + EventDating.leadSentences }
        // Sentences with "day" or "days", the word of every relative day phrase.
        var hasDayWord = [Bool](repeating: false, count: doc.sentences.count)
        if !dayShifts.isEmpty {
            for (s, r) in doc.sentences.enumerated() where hasEvent[s] {
                for k in r where mk[k].contains(.day) { hasDayWord[s] = true; break }
            }
        }
        // Where every event's trigger starts, in text order: a date in a later clause with an event of its own is that one's.
        let triggerStarts = events.map(\.trigger.lowerBound).sorted()
        // Where every event noun ends: the head a participle clause after it may date (`inParticipleOfNoun`).
        let nounEnds = Set(events.lazy.filter(\.isNoun).map(\.trigger.upperBound))
        // The clause boundary before each token, found in one pass, so that each date asks in one read.
        let boundaries = EventDating.previousBarriers(mk)
        // The narrative date of each sentence, for past events and for planned ones: made on first need.
        var narrative: [Found?]?, narrativePlanned: [Found?]?
        // Every sentence sets the narrative date, those that tell no event too ("Guaido swore the oath on Wednesday."):
        // each that an event after it in its narrative paragraph may read.
        let everySentence = EventDating.narrativeSources(hasEvent: hasEvent, paragraph: paragraph)
        // Whether each token is inside a quotation (`insideQuotes`): made on first need.
        var quoted: [Bool]?
        // "said in a statement: \"Today, I am recognizing ...\"": the day the words were said, told elsewhere; it
        // dates nothing, nor does it set the narrative date.
        func isQuotedSpeechTime(_ f: Found) -> Bool {
            guard dateWords.speechTime.contains(doc.tokens[f.token].key), f.end == f.token + 1 else { return false }
            if quoted == nil { quoted = EventDating.insideQuotes(doc.tokens, mk, bytes: doc.bytes) }
            return quoted![f.token]
        }
        for i in events.indices {
            let e = Spot(events[i])
            // A war or a truce lasts: only a date next to its noun ("the 2008 war", "a truce from Friday")
            // dates it; other mentions of it (merged later) may.
            let lasting = e.isNoun && (e.type == .assault)
            let list = EventDating.near(dates.found(in: e.sentence), e.trigger)
            var best: Found?
            var bestDistance = Int.max
            // The last clause boundary before the trigger, read once for all the dates before it.
            var barrier: Int?
            for f in list {
                if isQuotedSpeechTime(f) { continue }
                if f.attributive, !(f.end <= e.trigger.lowerBound && e.trigger.lowerBound - f.end <= 3) { continue }
                // "signed a ceasefire due to take effect on Monday": a future date is not when what happened did.
                if EventDating.isMade(e), e.status != .planned, let p = published, p < f.date, !f.date.isPrefix(of: p) { continue }
                if lasting, f.end < e.trigger.lowerBound - EventDating.lastingReach.before || f.token > e.trigger.upperBound + EventDating.lastingReach.after {
                    continue
                }
                var d = f.token < e.trigger.lowerBound ? 2 * (e.trigger.lowerBound - f.token) + 1 : 2 * (f.token - e.trigger.upperBound)
                // "signed a truce on Sunday that takes effect on Friday": the truce's date is when it starts, the
                // agreement's the day it was made.
                if f.token >= e.trigger.upperBound || e.type == .agree,
                   EventDating.tellsOnset(f, tokens: doc.tokens, sentenceStart: doc.sentences[e.sentence].lowerBound,
                                          nouns: dateWords.onsetNouns, leadIns: dateWords.onsetLeadIns) {
                    if e.type == .agree { continue }
                    if e.type == .concede, e.isNoun { d = 0 }
                }
                // "the Hangzhou summit is the first meeting hosted by China, which held the APEC summit in 2014":
                // the year dates the summit of the clause "which" opens, not the one before it.
                if f.token >= e.trigger.upperBound,
                   EventDating.belongsToLaterEvent(f, after: e.trigger, opener: boundaries[f.token], tokens: doc.tokens,
                                                   simultaneity: dateWords.simultaneity,
                                                   triggerStarts: triggerStarts)
                    || EventDating.opensGerundClause(before: f, opener: boundaries[f.token], after: e.trigger, tokens: doc.tokens,
                                                     bytes: doc.bytes, simultaneity: dateWords.simultaneity) { continue }
                // "the talks produced a declaration, signed on May 11,": May 11 is the declaration's, not the talks'.
                if f.token >= e.trigger.upperBound,
                   EventDating.inParticipleOfNoun(f, after: e.trigger, tokens: doc.tokens, bytes: doc.bytes, marks: mk,
                                                  nounEnds: nounEnds) { continue }
                if f.token < e.trigger.lowerBound {
                    // `near` keeps only dates within `dateReach` of the trigger: the barrier need not be looked
                    // for further back.
                    let b = barrier ?? EventDating.lastBarrier(mk, before: e.trigger.lowerBound,
                                                               lowest: max(0, e.trigger.lowerBound - EventDating.dateReach))
                    barrier = b
                    // "agreed on Sunday to hold talks this week after negotiations in Moscow": this week is the
                    // infinitive's; the negotiations, after its clause closed, are of the main verb's time.
                    if EventDating.inClosedInfinitive(f, barrier: b, tokens: doc.tokens, to: words.to,
                                                      determiners: words.dateDeterminers) { continue }
                    if EventDating.separated(f, e, barrier: b) {
                        // "signed on Saturday a deal that ends the war": Saturday dates the signing, not the war.
                        d += EventDating.otherClausePenalty
                    }
                }
                if d < bestDistance { best = f; bestDistance = d }
            }
            // "warned the next day": the day after the date told before the trigger.
            if let shift = shift(doc, mk, e, before: false, hasDayWord: hasDayWord),
               let anchor = list.last(where: { $0.end <= e.trigger.lowerBound && $0.date.isFullDate }) {
                events[i].date = anchor.date.adding(days: shift)
                events[i].dateBytes = anchor.bytes
                events[i].dateSource = .text
                continue
            }
            if let best {
                if let shift = shift(doc, mk, e, before: true, hasDayWord: hasDayWord), best.date.isFullDate {
                    events[i].date = best.date.adding(days: shift)
                    events[i].dateBytes = best.bytes
                    events[i].dateSource = .text
                    continue
                }
                // "in October 2001, weeks after the al-Qaeda attacks": weeks before October, so only the year is told;
                // "after three weeks of negotiations": they ran weeks up to the date, so only its month is.
                events[i].date = inexactShift(doc.tokens, mk, e, anchor: best) ? CalendarDate(year: best.date.year)
                    : lastsWeeks(doc.tokens, mk, e) ? EventDating.month(of: best.date) : best.date
                events[i].dateBytes = best.bytes
                events[i].dateSource = .text
                continue
            }
            // No reference date: "on Tuesday" stays unresolved, quoted but not guessed.
            if published == nil, let u = dates.nearestUnresolved(in: e.sentence, to: e.trigger) {
                events[i].dateBytes = u
                events[i].dateSource = .text
                continue
            }
            // No time words near the event: the date the narrative last set in the paragraph, else the lead's.
            let from: Found?
            // A future date of an earlier sentence ("the truce starts on Sunday") does not date what happened.
            if e.status == .planned {
                if narrativePlanned == nil {
                    narrativePlanned = EventDating.narrativeDates(&dates, hasEvent: everySentence, paragraph: paragraph, limit: nil,
                                                                       ignoring: isQuotedSpeechTime)
                }
                from = narrativePlanned![e.sentence]
            } else {
                if narrative == nil {
                    narrative = EventDating.narrativeDates(&dates, hasEvent: everySentence, paragraph: paragraph, limit: published,
                                                               ignoring: isQuotedSpeechTime)
                }
                from = narrative![e.sentence]
            }
            if let d = from ?? dates.lead() {
                // "The summit opened a day after Erdogan agreed": the shift applies to the narrative date.
                if let shift = shift(doc, mk, e, before: false, hasDayWord: hasDayWord) ?? shift(doc, mk, e, before: true, hasDayWord: hasDayWord),
                   d.date.isFullDate {
                    events[i].date = d.date.adding(days: shift)
                    events[i].dateBytes = d.bytes
                    events[i].dateSource = .text
                    continue
                }
                events[i].date = d.date
                events[i].dateBytes = d.bytes
                events[i].dateSource = .published
            } else if let published, dates.isStoryLead(e.sentence) {
                // The lead of a story reports today's news; anywhere else the publication date says nothing.
                events[i].date = published
                events[i].dateSource = .published
            }
            if lasting, events[i].dateSource == .published {
                // Kept aside: a later mention of the war may date it ("the war began in 1964").
                events[i].deferred = events[i].date.map { ($0, events[i].dateBytes) }
                events[i].date = nil
                events[i].dateBytes = nil
                events[i].dateSource = nil
            }
        }
    }

    /// Sentences at the top of an article that may hold its date line: the headline (when the text repeats it)
    /// and the line under it.
    static let dateLineReach = 3
    /// Sentences of the lead whose first date dates the undated sentences of the article.
    static let leadSentences = 2

    /// Whether an expression is the article's date line ("Monday, May 18, 2015" under the headline of a news
    /// page): a full date with its year that opens a line at the top of the article. It dates the page, not an
    /// event, and the lead starts after it.
    static func isDateLine(sentence: Int, opensLine: Bool, date: CalendarDate, isRelative: Bool) -> Bool {
        sentence < dateLineReach && opensLine && !isRelative && date.isFullDate
    }

    /// Whether the event is told as done, so that a future date is not its own: a verb ("signed a ceasefire due
    /// to take effect on Monday"), or a statement, which is dated by when it was made ("the truce takes effect
    /// on Monday, the statement said"). Other nouns may name what is to come ("talks on Monday").
    static func isMade(_ e: Spot) -> Bool { !e.isNoun || e.type == .statement }

    /// Whether a date told in one sentence may date the undated sentences after it. A year alone does not:
    /// it places background ("the first Saturday sitting since the Falklands war in 1982"), while the story
    /// is told in days and months.
    /// A date that opens a period ("who have been negotiating since May 6") does not either: it tells when
    /// something began, not when the story stands.
    static func setsNarrative(_ f: Found) -> Bool { f.date.month != nil && !f.opensPeriod }

    /// Furthest a date may start from its event's trigger, in tokens, on either side: a sentence that long is a
    /// list or a text without full stops, and a date further away in it says nothing of the event. Bounds
    /// the dates each event weighs, so that dating stays linear in such a text.
    static let dateReach = 256

    /// The dates of `list` (one sentence's, in text order) that start within `dateReach` tokens of `trigger`:
    /// found by binary search, not by reading the whole sentence's list.
    static func near(_ list: ArraySlice<Found>, _ trigger: Range<Int>) -> ArraySlice<Found> {
        list[nearIndices(list, trigger) { $0.token }]
    }

    /// The indices of the elements of `list` (sorted by `token`) whose token lies within `dateReach` of `trigger`.
    static func nearIndices<T>(_ list: ArraySlice<T>, _ trigger: Range<Int>, token: (T) -> Int) -> Range<Int> {
        func firstIndex(after limit: Int) -> Int {
            var lo = list.startIndex, hi = list.endIndex
            while lo < hi {
                let mid = (lo + hi) / 2
                if token(list[mid]) <= limit { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let from = firstIndex(after: trigger.lowerBound - dateReach - 1)
        return from..<max(from, firstIndex(after: trigger.upperBound + dateReach))
    }

    /// The date the narrative last set before each sentence, for the events of sentences without time words:
    /// the last date not after `limit` of the nearest earlier sentence for which `hasEvent` holds (the dater passes
    /// every sentence), within the narrative paragraph (`paragraphs`), unless it looks back (`isFlashback`). One pass forward over the sentences, so that an article of many undated sentences
    /// does not walk back through all of them for each event.
    static func narrativeDates(_ dates: inout SentenceDates, hasEvent: [Bool], paragraph: [Int], limit: CalendarDate?,
                               ignoring ignored: (Found) -> Bool = { _ in false }) -> [Found?] {
        var out = [Found?](repeating: nil, count: hasEvent.count)
        // The sentences not read yet, in one call of the finder.
        dates.prepare { hasEvent[$0] }
        var current: Found?
        for s in hasEvent.indices {
            if s > 0, paragraph[s] != paragraph[s - 1] { current = nil }
            out[s] = current
            if hasEvent[s], let last = dates.found(in: s).last(where: { EventDating.notAfter($0.date, limit) && EventDating.setsNarrative($0) && !ignored($0) }),
               !EventDating.isFlashback(last.date, from: current?.date) {
                current = last
            }
        }
        return out
    }

    /// The sentences whose dates an event may take as its narrative date: each with an event, and each before one
    /// in the same narrative paragraph (the narrative starts afresh with each paragraph, so later ones are never read).
    static func narrativeSources(hasEvent: [Bool], paragraph: [Int]) -> [Bool] {
        var out = hasEvent
        var eventLater = false
        for s in hasEvent.indices.reversed() {
            if s + 1 < hasEvent.count, paragraph[s] != paragraph[s + 1] { eventLater = false }
            out[s] = hasEvent[s] || eventLater
            if hasEvent[s] { eventLater = true }
        }
        return out
    }

    /// Whether a date told after the narrative's date `current` lies wholly before it ("Guaido swore the oath on
    /// Wednesday. He argues that Maduro's re-election last May was a sham."): it looks back, to background, and the
    /// story stays at its date.
    static func isFlashback(_ date: CalendarDate, from current: CalendarDate?) -> Bool {
        guard let current else { return false }
        return date < current && !date.isPrefix(of: current)
    }

    /// Whether `date` is not after `limit` (a month or year containing it counts as not after); true without one.
    @inline(__always) static func notAfter(_ date: CalendarDate, _ limit: CalendarDate?) -> Bool {
        guard let limit else { return true }
        return !(limit < date) || date.isPrefix(of: limit)
    }

    /// After merging: a lasting event no other mention dated takes its deferred fallback date.
    static func settle(_ events: inout [RawEvent]) {
        for i in events.indices where events[i].date == nil {
            guard let d = events[i].deferred else { continue }
            events[i].date = d.date
            events[i].dateBytes = d.bytes
            events[i].dateSource = .published
        }
    }

    /// Whether a clause boundary (an opener such as "that" or "after", a quote, a semicolon) lies between
    /// the expression `f`, which starts before the trigger, and the trigger; `barrier` is the last boundary
    /// before the trigger (`lastBarrier`), so that each date costs one comparison, not a scan of the words between.
    static func separated(_ f: Found, _ e: Spot, barrier: Int) -> Bool {
        let lo = min(f.end, e.trigger.upperBound)
        return lo < e.trigger.lowerBound && barrier >= lo
    }

    /// Whether the expression `f`, after `trigger`, lies in a later clause that tells an event of its own: the
    /// clause boundary nearest before the date comes after the trigger, and a trigger starts between that
    /// boundary and the date ("talks since a meeting in Tashkent in June": June is the meeting's). A clause of
    /// the same time ("the session, still going on when the attack began on Wednesday") dates what it joins
    /// too.
    /// `opener` is the last clause boundary before the date (`previousBarriers`).
    static func belongsToLaterEvent(_ f: Found, after trigger: Range<Int>, opener: Int, tokens: [Token],
                                    simultaneity: KeySet, triggerStarts: [Int]) -> Bool {
        guard opener >= trigger.upperBound, !simultaneity.contains(tokens[opener].key) else { return false }
        // The first trigger after the boundary, by binary search.
        var lo = 0, hi = triggerStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if triggerStarts[mid] <= opener { lo = mid + 1 } else { hi = mid }
        }
        return lo < triggerStarts.count && triggerStarts[lo] < f.token
    }

    /// How far back from a date, in tokens, its onset phrase is looked for ("takes effect from the first minute of
    /// Sunday").
    static let onsetReach = 6

    /// Whether the expression `f` tells when something takes effect: an onset noun ("effect", "force") right after
    /// its lead-in ("takes", "into") within `onsetReach` tokens before the date.
    static func tellsOnset(_ f: Found, tokens: [Token], sentenceStart: Int, nouns: KeySet, leadIns: KeySet) -> Bool {
        var k = f.token - 1
        while k > max(sentenceStart, f.token - onsetReach - 1) {
            if nouns.contains(tokens[k].key), leadIns.contains(tokens[k - 1].key) { return true }
            k -= 1
        }
        return false
    }

    /// How far back from a date, in tokens, the "to" opening its infinitive clause is looked for ("to push ahead
    /// with peace talks in New York this week").
    static let infinitiveReach = 8

    /// Whether the expression `f`, before the trigger, lies in a to-infinitive clause that a clause opener
    /// (`barrier`, the last before the trigger) closes before the trigger: "agreed on Sunday to hold talks this
    /// week after negotiations in Moscow" — the negotiations are in the main clause ("after" attaches to
    /// "agreed"), so the infinitive's time is not theirs. "to" before an article is a preposition ("agreed on
    /// Sunday to a ceasefire"), which opens no clause.
    static func inClosedInfinitive(_ f: Found, barrier: Int, tokens: [Token], to: UInt64, determiners: KeySet) -> Bool {
        guard barrier >= f.end else { return false }
        var k = f.token - 2
        while k >= max(0, f.token - infinitiveReach) {
            if tokens[k].key == to {
                let verb = tokens[k + 1]
                return verb.kind == .word && verb.has(.lowercase) && !determiners.contains(verb.key)
            }
            k -= 1
        }
        return false
    }

    /// How far back from a date, in tokens, the comma opening its participle clause is looked for.
    static let participleReach = 4
    /// Shortest -ed form read as a past participle: "signed", "agreed"; not "bed" or "red".
    static let shortestParticiple = 4

    /// Whether the expression `f`, after `trigger`, lies in a participle clause that follows another event's
    /// noun: "the talks produced a declaration, signed on May 11, in which ..." — a reduced relative clause
    /// ("which was signed on May 11") that dates its noun (the declaration), not what comes before it (the
    /// talks). The noun's own event is not affected: its trigger ends right at the comma (`nounEnds`).
    static func inParticipleOfNoun(_ f: Found, after trigger: Range<Int>, tokens: [Token], bytes: [UInt8],
                                   marks: [TokenMarks.Mark], nounEnds: Set<Int>) -> Bool {
        var c = f.token - 2
        while c > trigger.upperBound, c >= f.token - participleReach - 1 {
            if marks[c].contains(.comma) {
                let verb = tokens[c + 1]
                guard nounEnds.contains(c), verb.kind == .word, verb.has(.lowercase), verb.length >= shortestParticiple else { return false }
                let end = Int(verb.end)
                return bytes[end - 2] == UInt8(ascii: "e") && bytes[end - 1] == UInt8(ascii: "d")
            }
            c -= 1
        }
        return false
    }

    /// Shortest -ing form read as a verb: "going", not "king" or "ring".
    static let shortestGerund = 5

    /// Whether the expression `f`, after `trigger`, lies in a non-finite clause of its own: the clause
    /// boundary nearest before the date comes after the trigger and opens on a gerund before the date ("the
    /// minister cancelled the visit, before flying to Ankara in March": March is the flight's, not the cancelling).
    /// The gerund is a verb of its own even when it is no trigger. Clause openers of the same time ("while
    /// visiting Geneva on Monday") date what they join, as in `belongsToLaterEvent`.
    static func opensGerundClause(before f: Found, opener: Int, after trigger: Range<Int>, tokens: [Token], bytes: [UInt8],
                                  simultaneity: KeySet) -> Bool {
        let k = opener + 1
        guard opener >= trigger.upperBound, k < f.token, !simultaneity.contains(tokens[opener].key), tokens[k].kind == .word, tokens[k].has(.lowercase),
              tokens[k].length >= shortestGerund else { return false }
        let end = Int(tokens[k].end)
        return bytes[end - 3] == UInt8(ascii: "i") && bytes[end - 2] == UInt8(ascii: "n") && bytes[end - 1] == UInt8(ascii: "g")
    }

    /// For each token, the last clause boundary before it (-1 when there is none).
    static func previousBarriers(_ marks: [TokenMarks.Mark]) -> [Int] {
        var out = [Int](repeating: -1, count: marks.count)
        var last = -1
        for k in marks.indices {
            out[k] = last
            if !marks[k].isDisjoint(with: .otherClause) { last = k }
        }
        return out
    }

    /// The last clause boundary before token `token`, not before `lowest`; -1 when there is none.
    static func lastBarrier(_ marks: [TokenMarks.Mark], before token: Int, lowest: Int) -> Int {
        var k = token - 1
        while k >= lowest {
            if !marks[k].isDisjoint(with: .otherClause) { return k }
            k -= 1
        }
        return -1
    }

    /// The day shift of a phrase opening the trigger's clause (`before`) or right after the trigger.
    func shift(_ doc: Document, _ marks: [TokenMarks.Mark], _ e: Spot, before: Bool, hasDayWord: [Bool]) -> Int? {
        let t = doc.tokens
        let range = doc.sentences[e.sentence]
        guard !dayShifts.isEmpty else { return nil }
        // Every shift phrase has "day" or "days": look for one near the trigger before matching phrases.
        guard hasDayWord[e.sentence] else { return nil }
        let lo = max(range.lowerBound, e.trigger.lowerBound - EventDating.shiftReach - 4), hi = min(range.upperBound, e.trigger.upperBound + 6)
        var near = false
        for k in lo..<hi where marks[k].contains(.day) { near = true; break }
        guard near else { return nil }
        for s in dayShifts where s.before == before {
            let n = s.keys.count
            // Before: the phrase ends at most `shiftReach` words before the trigger ("a day after Guaido declared").
            let starts: StrideThrough<Int> = before
                ? stride(from: e.trigger.lowerBound - n, through: max(range.lowerBound, e.trigger.lowerBound - n - EventDating.shiftReach), by: -1)
                : stride(from: e.trigger.upperBound, through: min(range.upperBound - n, e.trigger.upperBound + 3), by: 1)
            for k in starts where k >= range.lowerBound && k + n <= range.upperBound {
                var ok = true
                for j in 0..<n where t[k + j].key != s.keys[j] { ok = false; break }
                if ok { return s.days }
            }
        }
        return nil
    }

    /// Whether a shift by weeks or months ("weeks after", "two months before") opens the trigger's clause,
    /// within `shiftReach` tokens before it, after the `anchor` date it shifts: the event lies an inexact
    /// distance from the anchor, possibly in another month, so the anchor tells only its year.
    func inexactShift(_ t: [Token], _ marks: [TokenMarks.Mark], _ e: Spot, anchor: Found) -> Bool {
        // The anchor is of the trigger's sentence: the phrase between them is too.
        let lo = max(anchor.end, e.trigger.lowerBound - EventDating.shiftReach)
        guard lo < e.trigger.lowerBound - 1 else { return false }
        for k in lo..<(e.trigger.lowerBound - 1) where marks[k].contains(.unit) {
            if dateWords.inexactShiftUnits.contains(t[k].key), dateWords.shiftDirections.contains(t[k + 1].key) { return true }
        }
        return false
    }

    /// Whether a noun event is measured in units too coarse for a day right before it ("three weeks of closed-door
    /// negotiations", "months of talks"): such an event ran up to the date of its sentence, so that date tells its
    /// month, not its day. The units are those of an inexact shift (`DatingWords.inexactShiftUnits`).
    func lastsWeeks(_ t: [Token], _ marks: [TokenMarks.Mark], _ e: Spot) -> Bool {
        guard e.isNoun else { return false }
        let lo = max(0, e.trigger.lowerBound - EventDating.lengthReach)
        guard lo < e.trigger.lowerBound - 1 else { return false }
        for k in lo..<(e.trigger.lowerBound - 1) where marks[k].contains(.unit) {
            if dateWords.inexactShiftUnits.contains(t[k].key), t[k + 1].key == words.of { return true }
        }
        return false
    }

    /// Tokens from a length ("three weeks of") to the noun it measures, adjectives between ("of closed-door
    /// negotiations").
    static let lengthReach = 4

    /// The month of a date (itself when it has no day).
    static func month(of d: CalendarDate) -> CalendarDate {
        guard let m = d.month, d.day != nil else { return d }
        return CalendarDate(year: d.year, month: m)
    }

    /// The narrative paragraph of each sentence: a new one at each paragraph break, except where the paragraph
    /// opens with an adverb of sequence ("Shortly afterwards, Trump said ..."), which goes on from the time of the
    /// paragraph before it. The adverb is the paragraph's first or second word (`sequenceOpenerReach`). A
    /// paragraph whose first sentence tells a response (`respondsToBefore`) goes on too.
    func paragraphs(_ doc: Document) -> [Int] {
        let t = doc.tokens
        var paragraph = [Int](repeating: 0, count: doc.sentences.count)
        var p = 0
        for (s, r) in doc.sentences.enumerated() {
            if s > 0, t[r.lowerBound].has(.paragraphBefore) {
                let opening = r.lowerBound..<min(r.upperBound, r.lowerBound + EventDating.sequenceOpenerReach)
                if !opening.contains(where: { dateWords.sequenceOpeners.contains(t[$0].key) }),
                   !EventDating.respondsToBefore(t[r], responseVerbs: dateWords.responseVerbs) { p += 1 }
            }
            paragraph[s] = p
        }
        return paragraph
    }

    /// Whether a sentence tells a response: one of `responseVerbs` in lower case ("Maduro responded by breaking
    /// relations"). A response comes right after what it answers, which the paragraph before told.
    static func respondsToBefore(_ sentence: ArraySlice<Token>, responseVerbs: KeySet) -> Bool {
        sentence.contains { $0.has(.lowercase) && responseVerbs.contains($0.key) }
    }

    /// Words of a paragraph's opening where an adverb of sequence may stand ("Later, ...", "Shortly afterwards, ...").
    static let sequenceOpenerReach = 2

    /// Whether each token is inside a quotation: after an odd number of double quote marks since the start of its
    /// paragraph (a quotation may run over sentences, not over paragraphs). Single quotes are not counted: a
    /// closing one is written as an apostrophe ("the 'hawks' in Moscow"), so their count says nothing.
    static func insideQuotes(_ t: [Token], _ marks: [TokenMarks.Mark], bytes: [UInt8]) -> [Bool] {
        var out = [Bool](repeating: false, count: t.count)
        var inside = false
        for k in t.indices {
            if t[k].has(.paragraphBefore) { inside = false }
            if marks[k].contains(.quote), isDoubleQuote(bytes, at: Int(t[k].start)) { inside.toggle() }
            out[k] = inside
        }
        return out
    }

    /// Whether the bytes at `i` are a double quote mark: straight, or curly (U+201C, U+201D).
    static func isDoubleQuote(_ bytes: [UInt8], at i: Int) -> Bool {
        if bytes[i] == UInt8(ascii: "\"") { return true }
        return i + 2 < bytes.count && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D)
    }

    /// How far before a trigger a day-shift phrase still applies: the whole clause it opens ("a day after
    /// Guaido declared himself president and won swift recognition").
    static let shiftReach = 16

    /// Tokens between a date and a lasting event's noun after it ("the 2008 war") or before it ("the war,
    /// which began in 1964").
    static let lastingReach = (before: 1, after: 4)
    /// Words around the calendar words of a sentence that the date finder reads.
    static let finderMargin = (before: 12, after: 6)
    /// A month or weekday name within two tokens of `k` ("December 18", "18 December").
    static func nearCalendarWord(_ marks: [TokenMarks.Mark], _ k: Int, _ r: Range<Int>) -> Bool {
        for j in max(r.lowerBound, k - 2)..<min(r.upperBound, k + 3) where j != k && marks[j].contains(.calendar) { return true }
        return false
    }

    /// The temporal expressions of each sentence, found on demand: the finder runs once per sentence that
    /// has a date word, on that sentence's bytes (tense cues are sentence-scoped, so nothing is lost).
    struct SentenceDates {
        let doc: Document
        /// The document's bytes and tokens, read once (each read of a class property retains it).
        let bytes: [UInt8]
        let tokens: [Token]
        let marks: TokenMarks
        let finder: DateFinder
        let w: EventWords
        /// Words that make a date right after them the start of a period (`DatingWords.periodOpeners`).
        let periodOpeners: KeySet
        /// The publication date, or without one the dateline's date.
        private(set) var reference: CalendarDate?
        /// What the finder found, every sentence's run in one array (one allocation an article, not one a
        /// sentence); `spans[s]` is sentence s's run, nil until read.
        var all: [Found] = []
        var spans: [Range<Int>?]
        /// Relative expressions left unresolved for want of a reference date (their words are still quoted).
        var unresolved: [(sentence: Int, token: Int, bytes: Range<Int>)] = []
        /// `unresolvedSpans[s]` is sentence s's run of `unresolved`, nil until read.
        var unresolvedSpans: [Range<Int>?]
        /// `lead()`, once computed.
        private var leadDate: Found??
        /// The article's date line (`EventDating.isDateLine`): its sentence, and whether the line is the whole
        /// sentence (else the lead goes on after it, "Thursday, May 7, 2015 On Tuesday, the government ...").
        var dateLine: (sentence: Int, wholeSentence: Bool)?

        /// The lead's first sentence: the first of the article, or the one after its date line.
        mutating func leadStart() -> Int {
            for s in 0..<min(EventDating.dateLineReach, spans.count) { _ = found(in: s) }
            guard let dateLine else { return 0 }
            return dateLine.sentence + (dateLine.wholeSentence ? 1 : 0)
        }

        /// Whether sentence `s` is the lead of a story: its first sentence, when the article has a dateline or a
        /// date line, as wire copy and news pages do.
        mutating func isStoryLead(_ s: Int) -> Bool {
            let start = leadStart()
            return s == start && (doc.datelineEnd > 0 || dateLine != nil)
        }

        /// The first full date of the lead's sentences that is not after the reference: the narrative's date when
        /// an earlier sentence of the paragraph gives none.
        mutating func lead() -> Found? {
            if let leadDate { return leadDate }
            var found: Found?
            let start = leadStart()
            for s in start..<min(start + EventDating.leadSentences, spans.count) where found == nil {
                found = self.found(in: s).first { $0.date.isFullDate && EventDating.notAfter($0.date, reference) }
            }
            leadDate = .some(found)
            return found
        }

        init(doc: Document, finder: DateFinder, marks: TokenMarks, words: EventWords, periodOpeners: KeySet, reference: CalendarDate?) {
            self.doc = doc
            self.marks = marks
            self.bytes = doc.bytes
            self.tokens = doc.tokens
            self.finder = finder
            self.w = words
            self.periodOpeners = periodOpeners
            self.reference = reference
            self.spans = Array(repeating: nil, count: doc.sentences.count)
            self.unresolvedSpans = spans
            if reference == nil, doc.datelineEnd > 0 {
                // "WASHINGTON, Dec 15 (Reuters) -": the dateline's own date is the reference. The finder reads the
                // dateline's tokens, as it reads the sentences'.
                let dateline = 0..<doc.datelineEnd, tokens = doc.tokens
                let raw = doc.bytes.withUnsafeBufferPointer { b in
                    var buffer = DateTokenBuffer(capacity: dateline.count * 5 / 4 + 1)
                    DocumentDateTokens.append(dateline, tokens: tokens, bytes: b, into: &buffer)
                    return finder.find(utf8: b, tokens: buffer, reference: nil, withText: false)
                }
                self.reference = raw.first { $0.date?.isFullDate == true }?.date
            }
        }

        /// A token every temporal expression has one of: a calendar word, a year or a digit next to a calendar
        /// word, or a unit of time with a relative word near ("last week", "two days ago").
        @inline(__always) func isAnchor(_ k: Int, _ r: Range<Int>, _ t: [Token], _ mk: [TokenMarks.Mark]) -> Bool {
            let m = mk[k]
            if m.contains(.calendar) { return true }
            if m.contains(.unit) {
                for j in max(r.lowerBound, k - 3)..<min(r.upperBound, k + 2) where mk[j].contains(.relative) { return true }
                return false
            }
            // The tokenizer makes every token that starts with a digit a number.
            let tok = t[k]
            guard tok.kind == .number else { return false }
            // A year ("2014", "1990s", "2015-12-15") or a day next to a month; a count ("15 hours",
            // "250,000 people") is no date.
            return isYearShaped(Int(tok.start), Int(tok.end)) || EventDating.nearCalendarWord(mk, k, r)
        }

        /// Four digits 1000...2999, alone or followed by "s" or by "-" (an ISO date).
        func isYearShaped(_ a: Int, _ b: Int) -> Bool {
            guard b - a >= 4 else { return false }
            for i in a..<(a + 4) where bytes[i] < 0x30 || bytes[i] > 0x39 { return false }
            guard bytes[a] == 0x31 || bytes[a] == 0x32 else { return false }
            if b - a == 4 { return true }
            let next = bytes[a + 4]
            return next == UInt8(ascii: "s") || next == UInt8(ascii: "-")
        }

        /// Files the finder's points in time found in tokens `from ..< to` of sentence `s` (byte ranges into
        /// the document) as `Found`s.
        /// Static, with what it reads as arguments: a method of `self` given `self.all` inout made Swift copy the
        /// whole value at each call.
        static func file(_ raw: ArraySlice<TemporalExpression>, _ s: Int, _ from: Int, _ to: Int, _ t: [Token],
                         reference: CalendarDate?, datelineEnd: Int, determiners: KeySet, periodOpeners: KeySet, into out: inout [Found],
                         unresolved: inout [(sentence: Int, token: Int, bytes: Range<Int>)],
                         dateLine: inout (sentence: Int, wholeSentence: Bool)?) {
            var k = from
            for x in raw {
                guard !x.isDuration else { continue }
                let lo = x.range.lowerBound, hi = x.range.upperBound
                guard let date = x.date else {
                    // Without a reference a relative expression has no date, but its words are kept. Its first
                    // token is found by the cursor the dated ones use (the finder's expressions come in text
                    // order), not by a search from the start of the sentence for each.
                    if reference == nil {
                        while k < to, Int(t[k].end) <= lo { k += 1 }
                        if k < to { unresolved.append((s, k, x.range)) }
                    }
                    continue
                }
                while k < to, Int(t[k].end) <= lo { k += 1 }
                guard k < to else { break }
                // The dateline's date is the reference, not an event's date.
                guard k >= datelineEnd else { continue }
                var end = k
                while end < t.count, Int(t[end].start) < hi { end += 1 }
                if dateLine == nil, EventDating.isDateLine(sentence: s, opensLine: k == 0 || t[k].has(.newlineBefore),
                                                           date: date, isRelative: x.isRelative) {
                    dateLine = (s, end >= to || (end + 1 == to && t[end].kind == .punct))
                    continue
                }
                var attributive = end < t.count && t[end].kind == .possessive
                if !attributive, k > 0, end < t.count, t[end].kind == .word, !t[end].has(.capitalized),
                   determiners.contains(t[k - 1].key) {
                    attributive = true
                }
                out.append(Found(sentence: s, token: k, end: end, attributive: attributive,
                                 opensPeriod: k > 0 && periodOpeners.contains(t[k - 1].key), date: date, bytes: lo..<hi))
            }
        }

        /// The tokens of sentence `s` the finder reads, nil when it has no calendar word: from a dozen words
        /// before the first calendar word (the verbs whose tense decides "Friday" or "March") to six after the
        /// last. Eight words before lost dates on the dev set, and so did a window per group of calendar words;
        /// this span loses none against the whole sentence.
        func window(_ s: Int) -> Range<Int>? {
            let r = doc.sentences[s]
            let t = tokens, mk = marks.marks
            // Anchors are looked for among the candidates only (numbers, calendar words, units).
            var first = -1, last = -1
            var from = r.lowerBound
            while let k = marks.firstCandidate(in: from..<r.upperBound) {
                if isAnchor(k, r, t, mk) { first = k; break }
                from = k + 1
            }
            guard first >= 0 else { return nil }
            var to = r.upperBound
            while let k = marks.lastCandidate(in: first..<to) {
                if isAnchor(k, r, t, mk) { last = k; break }
                to = k
            }
            return max(r.lowerBound, first - EventDating.finderMargin.before)..<min(r.upperBound, last + 1 + EventDating.finderMargin.after)
        }

        /// Reads the sentences for which `wanted` holds in one call of the finder and keeps what it finds: one
        /// call an article instead of one a sentence saves the finder's set-up of each call.
        mutating func prepare(_ wanted: (Int) -> Bool) {
            var windows: [Range<Int>] = [], read: [(s: Int, tokens: Range<Int>)] = []
            windows.reserveCapacity(spans.count)
            read.reserveCapacity(spans.count)
            let t = tokens
            for s in spans.indices where spans[s] == nil && wanted(s) {
                guard let span = window(s) else { spans[s] = 0..<0; continue }
                windows.append(Int(t[span.lowerBound].start)..<Int(t[span.upperBound - 1].end))
                read.append((s, span))
            }
            guard !windows.isEmpty else { return }
            let datelineEnd = doc.datelineEnd, determiners = w.dateDeterminers
            // The finder reads the document's tokens of each window, not its bytes again.
            let raw = bytes.withUnsafeBufferPointer { b in
                // A barrier a window, and room for tokens the date tokenizer cuts in two ("U.S.", "Russia's").
                var buffer = DateTokenBuffer(capacity: read.reduce(0) { $0 + $1.tokens.count } * 5 / 4 + read.count)
                for r in read { DocumentDateTokens.append(r.tokens, tokens: t, bytes: b, into: &buffer) }
                return finder.find(utf8: b, tokens: buffer, reference: reference, withText: false)
            }
            all.reserveCapacity(all.count + raw.count)
            var j = 0
            for (window, span) in zip(windows, read) {
                let start = j
                while j < raw.count, raw[j].range.lowerBound < window.upperBound { j += 1 }
                let first = all.count, firstUnresolved = unresolved.count
                SentenceDates.file(raw[start..<j], span.s, span.tokens.lowerBound, span.tokens.upperBound, t, reference: reference,
                                   datelineEnd: datelineEnd, determiners: determiners, periodOpeners: periodOpeners,
                                   into: &all, unresolved: &unresolved,
                                   dateLine: &dateLine)
                spans[span.s] = first..<all.count
                unresolvedSpans[span.s] = firstUnresolved..<unresolved.count
            }
        }

        /// The bytes of the unresolved expression of sentence `s` nearest to `trigger`, within `dateReach`.
        func nearestUnresolved(in s: Int, to trigger: Range<Int>) -> Range<Int>? {
            guard let run = unresolvedSpans[s] else { return nil }
            var best: Range<Int>?, bestDistance = Int.max
            for u in unresolved[EventDating.nearIndices(unresolved[run], trigger) { $0.token }] {
                let d = u.token < trigger.lowerBound ? 2 * (trigger.lowerBound - u.token) + 1 : 2 * (u.token - trigger.upperBound)
                if d < bestDistance { best = u.bytes; bestDistance = d }
            }
            return best
        }

        mutating func found(in s: Int) -> ArraySlice<Found> {
            if spans[s] == nil { prepare { $0 == s } }
            return all[spans[s] ?? 0..<0]
        }
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
