import AttacheDates

/// Keeps a verb of saying only when the statement is the news: a cross-event pass over the extracted events,
/// before dating (which it saves for the sayings it drops).
///
/// Three rules, each a function below:
/// - `framesReportedEvent`: "Johnson said Britain would freeze the assets": the freeze is the news, not the
///   saying. Only a verb counts as the reported event: a noun ("announced the signing", "hailed the deal")
///   is what was said, and the saying stays.
/// - `framesQuotation`: "The Foreign Secretary said:" closing its sentence opens a quotation set off after it
///   (the next paragraph); when the quotation reports an event, that is the news, as in the first rule.
/// - `isReportedSaying`: "Kirby said that the United States welcomed any effort": a saying told inside the
///   that-clause of another is what that one said, one statement and not two.
/// - `speakerActsElsewhere`: a speaker whose own acts the article reports is quoted about them, so the
///   saying is no event of its own, unless it is addressed to the press (`addressesPress`: "told reporters").
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

    /// Whether the saying `e` opens a quotation set off after it: its trigger is followed only by the colon
    /// that ends its sentence ("Minister Tobias Ellwood said:"). `colonEnd` is the token of that colon, by
    /// sentence (-1 when the sentence does not end in one).
    static func opensQuotation(_ e: RawEvent, colonEnd: [Int]) -> Bool {
        colonEnd.indices.contains(e.sentence) && colonEnd[e.sentence] == e.trigger.upperBound
    }

    /// The sentences of the quotation a colon at the end of sentence `s` opens: the paragraph after it.
    /// `startsParagraph` tells, by sentence, whether one begins there.
    static func quotation(after s: Int, startsParagraph: [Bool]) -> Range<Int> {
        var end = s + 1
        while end < startsParagraph.count, end == s + 1 || !startsParagraph[end] { end += 1 }
        return min(s + 1, startsParagraph.count)..<end
    }

    /// Whether `e`, a saying that opens a quotation, only frames an event the quotation reports. `quoted`
    /// tells, by sentence, whether it reports an act of a named actor: a quotation that names nobody's act
    /// ("The horrific attacks in Paris have stiffened our resolve") is the speaker's position, and the saying
    /// stays the news.
    static func framesQuotation(_ e: RawEvent, layout: Layout, quoted: [Bool]) -> Bool {
        guard opensQuotation(e, colonEnd: layout.colonEnd) else { return false }
        return quotation(after: e.sentence, startsParagraph: layout.startsParagraph).contains { quoted[$0] }
    }

    /// Furthest the inner saying of `isReportedSaying` may start after the outer one ends, in tokens: "said on
    /// Friday that the United States welcomed" puts six words between.
    static let reportedSayingReach = 10

    /// The complementizer that opens what a saying reports, and the word that coordinates a second saying.
    static let complementizer = Folding.hash("that"), coordinator = Folding.hash("and")

    /// Whether `inner`, a statement verb ("said", "welcomed"), is told inside the that-clause of the saying
    /// `outer` of its sentence: a
    /// "that" between them, no "and" (a second speaker of its own: "Netanyahu said that ..., and Saudi Arabia
    /// also welcomed the move") and within `reportedSayingReach`. `keys` are the token keys of the text.
    static func isReportedSaying(_ inner: RawEvent, in outer: RawEvent, keys: (Int) -> UInt64) -> Bool {
        guard inner.type == .statement, outer.isSaying, !inner.isNoun, !outer.isNoun, inner.sentence == outer.sentence,
              inner.trigger.lowerBound >= outer.trigger.upperBound,
              inner.trigger.lowerBound - outer.trigger.upperBound <= reportedSayingReach else { return false }
        var complement = false
        for k in outer.trigger.upperBound..<inner.trigger.lowerBound {
            let key = keys(k)
            if key == coordinator { return false }
            if key == complementizer { complement = true }
        }
        return complement
    }

    /// What the rules read of the text, by sentence; empty arrays when the caller has no text (then no
    /// sentence is timed and no saying opens a quotation).
    struct Layout {
        /// Whether a calendar word (a weekday, a month, "today") stands in the sentence.
        var timed: [Bool] = []
        /// The token of the colon that ends the sentence, -1 when it ends otherwise.
        var colonEnd: [Int] = []
        /// Whether the sentence begins a paragraph.
        var startsParagraph: [Bool] = []
        /// The text's tokens, for the words between two sayings.
        var tokens: [Token] = []
        /// Nouns of the press as an audience (`events/press-audiences.txt`): see `addressesPress`.
        var press = KeySet()

        init(timed: [Bool] = [], colonEnd: [Int] = [], startsParagraph: [Bool] = []) {
            self.timed = timed
            self.colonEnd = colonEnd
            self.startsParagraph = startsParagraph
        }

        /// The layout of `sentences` over `tokens`; linear in the tokens.
        init(_ sentences: [Range<Int>], tokens: [Token], marks: [TokenMarks.Mark], colon: UInt64, press: KeySet = KeySet()) {
            timed = StatementFilter.timedSentences(sentences, marks: marks)
            colonEnd = sentences.map { r in r.isEmpty || tokens[r.upperBound - 1].key != colon ? -1 : r.upperBound - 1 }
            startsParagraph = sentences.enumerated().map { s, r in s == 0 || (!r.isEmpty && tokens[r.lowerBound].has(.paragraphBefore)) }
            self.tokens = tokens
            self.press = press
        }
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

    /// Whether the saying `e` is addressed to the press, a word of `press` right after its verb ("told
    /// reporters"): a press statement is a public occasion, news even when the speaker's own acts are reported
    /// elsewhere ("the minister told reporters in Geneva").
    static func addressesPress(_ e: RawEvent, tokens: [Token], press: KeySet) -> Bool {
        tokens.indices.contains(e.trigger.upperBound) && press.contains(tokens[e.trigger.upperBound].key)
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
    /// `layout` tells, by sentence, whether a calendar word stands in it and whether it ends in a colon.
    static func apply(_ events: UnsafeMutableBufferPointer<RawEvent>, sentences: Int, layout: Layout = Layout()) -> Int {
        let timed = layout.timed
        var reported = [Bool](repeating: false, count: sentences)
        var quoted = reported
        var actors = Set<EntityRef>(minimumCapacity: 2 * events.count)
        for i in events.indices {
            if reportsAnEvent(events[i]) {
                reported[events[i].sentence] = true
                if !events[i].participants.isEmpty { quoted[events[i].sentence] = true }
            }
            guard events[i].type != .statement else { continue }
            for p in events[i].participants where p.role == .source { actors.insert(p.ref) }
        }
        var kept = 0
        // Whether the event before the current one was dropped as a saying, for its medium noun.
        var sayingDropped = false
        // The latest saying kept (its place among the kept events), for a saying reported inside it.
        var lastSaying = -1
        let tokens = layout.tokens
        for i in events.indices {
            if i > 0, sayingDropped, isMedium(events[i], of: events[i - 1]),
               !(timed.indices.contains(events[i].sentence) && timed[events[i].sentence]) {
                continue
            }
            sayingDropped = false
            if events[i].isSaying,
               framesReportedEvent(events[i], reported: reported) || framesQuotation(events[i], layout: layout, quoted: quoted)
                || (speakerActsElsewhere(events[i], actors: actors)
                    && !addressesPress(events[i], tokens: tokens, press: layout.press)) {
                sayingDropped = true
                continue
            }
            if lastSaying >= 0, !tokens.isEmpty, isReportedSaying(events[i], in: events[lastSaying], keys: { tokens[$0].key }) {
                sayingDropped = true
                continue
            }
            if kept != i { events[kept] = events[i] }
            if events[kept].isSaying { lastSaying = kept }
            kept += 1
        }
        return kept
    }
}
