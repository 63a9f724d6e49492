import Testing
@testable import AttacheCore

/// `FrozenTable`, the engine's one hash table (word lists, gazetteer edges, marks, entity positions), and the
/// marks `TokenMarks` reads from it.
@Suite struct EventTablesTests {
    @Test func aFrozenTableFindsEveryKeyItHoldsAndNothingElse() {
        // Enough keys that slots collide and probes run on.
        let pairs = (0..<3000).map { (Folding.hash("word\($0)"), UInt64($0 + 1) << 20 | 7) }
        let table = FrozenTable(pairs)
        #expect(table.count == 3000)
        #expect(pairs.allSatisfy { table[$0.0] == $0.1 && table.mayContain($0.0) })
        #expect((3000..<9000).allSatisfy { table[Folding.hash("word\($0)")] == nil })
        // The filter turns most absent keys away by itself.
        let passed = (3000..<9000).filter { table.mayContain(Folding.hash("word\($0)")) }.count
        #expect(passed < 600)
    }

    @Test func aLaterPairReplacesAnEarlierOneAndTheKeyZeroIsLeftOut() {
        let a = Folding.hash("a"), b = Folding.hash("b")
        let table = FrozenTable([(a, 1), (b, 2), (a, 3), (0, 9)])
        #expect(table[a] == 3)
        #expect(table[b] == 2)
        #expect(table[0] == nil)
        #expect(table[Folding.hash("c")] == nil)
        #expect(table.count == 2)
        #expect(FrozenTable<Int>()[a] == nil)
    }

    /// Keys that are not hashes (entity references, small integers) spread over the slots too.
    @Test func entityReferencesAreKeysAndKnowledgeBaseAndLocalOnesDiffer() {
        var pairs: [(UInt64, Int)] = []
        for i in 0..<200 {
            pairs.append((EntityRef.kb(Int32(i)).tableKey, i))
            pairs.append((EntityRef.local(Int32(i)).tableKey, 1000 + i))
        }
        let table = FrozenTable(pairs)
        for i in 0..<200 {
            #expect(table[EntityRef.kb(Int32(i)).tableKey] == i)
            #expect(table[EntityRef.local(Int32(i)).tableKey] == 1000 + i)
        }
        #expect(table[EntityRef.kb(200).tableKey] == nil)
        #expect(table[EntityRef.local(-1).tableKey] == nil)
    }

    @Test func aKeySetHoldsTheFoldedWordsGivenIt() {
        let words = (0..<500).map { "word\($0)" }
        let set = KeySet(words: words)
        #expect(set.count == 500)
        #expect(words.allSatisfy { set.contains(Folding.hash($0)) })
        // Folded: case does not matter.
        #expect(set.contains(Folding.hash("WORD7")))
        #expect(!(500..<1500).contains { set.contains(Folding.hash("word\($0)")) })
        #expect(!KeySet().contains(Folding.hash("word1")))
    }

    /// The marks of "In Moscow, the minister said that Russia would not sign; talks resume on “Friday”.".
    @Test func tokenMarksAnswerWhatTheRulesAsk() throws {
        let lexicon = EventLexicon.builtIn
        let text = "After talks, the minister said that Russia would not sign; talks resume on \u{201C}Friday\u{201D} (Moscow)."
        let tokens = Array(text.utf8).withUnsafeBufferPointer { EventsFixture.kb.tokenizer.tokenize($0) }
        let marks = TokenMarks(tokens, table: lexicon.markTable)
        func mark(_ word: String, _ occurrence: Int = 0) throws -> TokenMarks.Mark {
            let bytes = Array(text.utf8)
            let hits = tokens.indices.filter { String(decoding: bytes[Int(tokens[$0].start)..<Int(tokens[$0].end)], as: UTF8.self) == word }
            return marks[try #require(hits.dropFirst(occurrence).first)]
        }
        // A clause opener ends a clause only in lower case ("After" opens the sentence).
        #expect(try mark("that").contains(.opener))
        #expect(try mark("After").contains(.openerWord) && !mark("After").contains(.opener))
        #expect(try mark("said").contains(.trigger))
        #expect(try mark("talks").contains(.trigger))
        #expect(try mark("not").contains(.negation))
        #expect(try mark("would").contains(.future))
        #expect(try mark("the").contains(.determiner))
        #expect(try mark("Friday").contains(.calendar))
        #expect(try mark(";").contains(.semicolon))
        #expect(try mark(",").contains(.comma))
        #expect(try mark("(").contains(.colonOrParen))
        #expect(try mark("\u{201C}").contains(.quote))
        #expect(try mark("\u{201D}").contains(.quote))
        #expect(try mark("Moscow").isEmpty)
        #expect(try mark(".").isEmpty)
        // The trigger group rides in the table with the marks.
        let said = try #require(tokens.first { $0.key == Folding.hash("said") })
        #expect(lexicon.group(lexicon.markTable[said.key]) != nil)
        #expect(lexicon.group(lexicon.markTable[Folding.hash("Moscow")]) == nil)
    }

    /// The dater looks for anchors among the candidate bits: every number, calendar word and unit of time,
    /// found from either end of a range, across 64-token words.
    @Test func anchorCandidatesAreNumbersCalendarWordsAndUnits() throws {
        let filler = Array(repeating: "the talks went on", count: 20).joined(separator: " and ")
        let text = "In 2014 " + filler + " on Friday " + filler + " for three weeks " + filler + "."
        let (tokens, marks, word) = marked(text)
        var found: [String] = []
        var from = 0
        while let k = marks.firstCandidate(in: from..<tokens.count) { found.append(word(k)); from = k + 1 }
        #expect(found == ["2014", "Friday", "weeks"])
        var back: [String] = []
        var to = tokens.count
        while let k = marks.lastCandidate(in: 0..<to) { back.append(word(k)); to = k }
        #expect(back == ["weeks", "Friday", "2014"])
        let friday = try #require(tokens.indices.first { word($0) == "Friday" })
        #expect(marks.firstCandidate(in: (friday + 1)..<tokens.count).map(word) == "weeks")
        #expect(marks.lastCandidate(in: 0..<friday).map(word) == "2014")
        #expect(marks.firstCandidate(in: 2..<friday) == nil)      // nothing between "2014" and "Friday"
        #expect(marks.firstCandidate(in: (friday + 1)..<(friday + 2)) == nil)
        #expect(marks.lastCandidate(in: friday..<friday) == nil)
        #expect(tokens.count > 128)
    }

    /// The extractor visits only the event-start bits: exactly the tokens marked `trigger` or `namedHead`,
    /// across 64-token words, and none of the words between.
    @Test func eventStartsAreTheTriggerAndNamedHeadTokens() {
        let filler = Array(repeating: "the delegates sat in the hall", count: 15).joined(separator: " and ")
        let text = "Ministers met in Vienna " + filler + " before the Vienna Summit " + filler + " and Russia condemned it."
        let (tokens, marks, word) = marked(text)
        var visited: [Int] = []
        var from = 0
        while let k = TokenMarks.first(in: marks.eventStarts, from..<tokens.count) { visited.append(k); from = k + 1 }
        let marked = tokens.indices.filter { !marks[$0].isDisjoint(with: [.trigger, .namedHead]) }
        #expect(visited == marked)
        #expect(visited.map(word).contains("met"))
        #expect(visited.map(word).contains("Summit"))
        #expect(visited.map(word).contains("condemned"))
        #expect(!visited.map(word).contains("delegates"))
        #expect(tokens.count > 128)
        // A range ending before the next start finds none.
        let met = visited[0]
        #expect(TokenMarks.first(in: marks.eventStarts, (met + 1)..<(met + 2)) == nil)
    }

    /// The tokens of `text`, their marks from the built-in lexicon, and the text of token i.
    private func marked(_ text: String) -> ([Token], TokenMarks, (Int) -> String) {
        let bytes = Array(text.utf8)
        let tokens = bytes.withUnsafeBufferPointer { EventsFixture.kb.tokenizer.tokenize($0) }
        let marks = TokenMarks(tokens, table: EventLexicon.builtIn.markTable)
        return (tokens, marks, { String(decoding: bytes[Int(tokens[$0].start)..<Int(tokens[$0].end)], as: UTF8.self) })
    }
}
