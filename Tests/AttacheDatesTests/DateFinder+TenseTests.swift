import Testing
@testable import AttacheDates

@Suite struct DateFinderTenseTests {
    /// The cue of each word of `text`, keyed by the word.
    private func cues(_ text: String) -> [String: Tense] {
        var copy = text
        return copy.withUTF8 { b in
            let tokens = DateTokenizer.tokenize(b)
            let cues = tokens.indices.map { DateFinder.cue(at: $0, tokens: tokens, bytes: b) }
            var out: [String: Tense] = [:]
            for (t, c) in zip(tokens, cues) {
                if let c { out[String(decoding: UnsafeBufferPointer(rebasing: b[t.start..<t.end]), as: UTF8.self)] = c }
            }
            return out
        }
    }

    @Test func futureCues() {
        #expect(cues("they will meet") == ["will": .future])
        #expect(cues("it would resume") == ["would": .future])
        #expect(cues("the summit is to take place") == ["is": .future])
        #expect(cues("she was due to leave") == ["due": .future, "was": .past])
        #expect(cues("Kerry plans to travel") == ["plans": .future])
        #expect(cues("a meeting scheduled for Friday") == ["scheduled": .future])
        #expect(cues("they'll sign") == ["ll": .future])
        // The simple present of a scheduled start: "the truce takes effect on Friday" is the coming Friday.
        #expect(cues("the truce takes effect") == ["takes": .future])
    }

    @Test func pastCues() {
        #expect(cues("they agreed and initialed it") == ["agreed": .past, "initialed": .past])
        #expect(cues("he said it was over") == ["said": .past, "was": .past])
        #expect(cues("leaders met in Minsk") == ["met": .past])
    }

    @Test func wordsThatAreNotCues() {
        #expect(cues("Will spoke") == ["spoke": .past])                     // a name, not the modal
        #expect(cues("the plan is good") == [:])                            // "plan" without "to"
        #expect(cues("hostages will be freed") == ["will": .future])        // passive participle
        #expect(cues("a captured pilot") == [:])                            // adjectival participle
        #expect(cues("they need the United Nations and armed forces") == [:])
        #expect(cues("the hopes of relief") == [:])
    }

    @Test func nearestCueInTheClauseWins() {
        let ref = CalendarDate(year: 2023, month: 11, day: 23)              // a Thursday
        let finder = DateFinder()
        // "held" (right, other clause) is ignored; "will" in the clause decides.
        let a = finder.find(in: "A truce will take effect at 7 a.m. on Friday, and hostages held by militants go free.", reference: ref)
        #expect(a.map { $0.date?.iso } == ["2023-11-24"])
        // The right search stops at "that": the reported clause's "would" does not count.
        let b = finder.find(in: "He said on Monday that talks would resume.", reference: ref)
        #expect(b.map { $0.date?.iso } == ["2023-11-20"])
        // Left wins a tie.
        let c = finder.find(in: "They met Friday will", reference: ref)
        #expect(c.map { $0.date?.iso } == ["2023-11-17"])
        // No cue at all: unknown tense, a weekday looks back.
        let d = finder.find(in: "Talks on Friday.", reference: ref)
        #expect(d.map { $0.date?.iso } == ["2023-11-17"])
        // Cues do not cross sentences.
        let e = finder.find(in: "Leaders gathered. Talks on Saturday will follow.", reference: ref)
        #expect(e.map { $0.date?.iso } == ["2023-11-25"])
    }

    /// Issue 19: a cue is looked for at most `cueReach` tokens away, so that the dates of a text without full
    /// stops do not each read all of it.
    @Test func aCueIsLookedForWithinABoundedReach() {
        let ref = CalendarDate(year: 2023, month: 11, day: 23)              // a Thursday
        let finder = DateFinder()
        func text(_ fillers: Int) -> String { "Envoys will " + String(repeating: "Ab ", count: fillers) + "meet on Friday." }
        // "will" within reach makes it the coming Friday; beyond it, a weekday without a cue looks back.
        #expect(finder.find(in: text(DateFinder.cueReach - 4), reference: ref).first?.date?.iso == "2023-11-24")
        #expect(finder.find(in: text(DateFinder.cueReach + 4), reference: ref).first?.date?.iso == "2023-11-17")
    }

    /// The finder asks for cues token by token around the dates that need a tense; the words of another date
    /// ("next" of "next week", "yesterday") are no cue for it.
    @Test func wordsOfAnotherDateAreNoCue() {
        let ref = CalendarDate(year: 2023, month: 11, day: 23)              // a Thursday
        let finder = DateFinder()
        // "next" would make Friday the coming one; inside "next week" it is not a cue, and a weekday without one
        // looks back.
        let a = finder.find(in: "Envoys meet on Friday and next week.", reference: ref)
        #expect(a.first?.date?.iso == "2023-11-17")
        let b = finder.find(in: "Envoys meet on Friday and yesterday.", reference: ref)
        #expect(b.first?.date?.iso == "2023-11-17")
        // A cue that is no date word still counts: "will" makes it the coming Friday.
        let c = finder.find(in: "Envoys will meet on Friday and next week.", reference: ref)
        #expect(c.first?.date?.iso == "2023-11-24")
    }
}
