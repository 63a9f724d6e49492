import Testing
@testable import AttacheDates

@Suite struct DateFinderTenseTests {
    /// The cue of each word of `text`, keyed by the word.
    private func cues(_ text: String) -> [String: Tense] {
        var copy = text
        return copy.withUTF8 { b in
            let tokens = DateTokenizer.tokenize(b)
            let cues = DateFinder.cues(tokens: tokens, bytes: b)
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

    /// The finder asks for cues token by token around each date; the answer is the one the whole cue array gives,
    /// at every token of sentences with cues on both sides, across clause breaks, openers and sentence ends.
    @Test func cuesAskedOnDemandAgreeWithTheCueArray() {
        let texts = [
            "He said on Monday that talks would resume, and the envoys will meet again on Friday.",
            "They were due to sign in March; the ministers agreed Tuesday (after a delay) to meet next week.",
            "A truce will take effect at 7 a.m. on Friday, and hostages held by militants go free. Talks followed.",
            "Will spoke. May the talks end in May, the envoy said, before leaders initialed the accord.",
        ]
        for text in texts {
            var copy = text
            copy.withUTF8 { b in
                let tokens = DateTokenizer.tokenize(b)
                let cues = DateFinder.cues(tokens: tokens, bytes: b)
                for first in tokens.indices {
                    for end in (first + 1)...min(tokens.count, first + 3) {
                        let eager = DateFinder.tense(around: first, end, cues: cues, tokens: tokens)
                        let lazy = DateFinder.tense(around: first, end, tokens: tokens) { DateFinder.cue(at: $0, tokens: tokens, bytes: b) }
                        #expect(eager == lazy, "\(text) at \(first)..<\(end)")
                    }
                }
                #expect(cues.contains { $0 == .past })
            }
        }
    }
}
