/// "The two leaders met for four hours", "The ministers discussed the crisis": a reciprocal event (a meeting,
/// an agreement, cooperation) told of a definite plural noun and of no named actor names its parties by
/// reference: "the two leaders" are the leaders of a meeting already told. Such a mention is marked
/// anaphoric, so the merger joins it to the latest event of its type whose date does not conflict
/// (`EventMerger.refersBack`); when none was told before, it stays an event of its own.
///
/// Only reciprocal types: "the rebels attacked" names an unnamed group, not the parties of an attack told.
/// A pass over the events before merging, each looking back at most `reach` tokens.
enum ReciprocalSubject {
    /// What a word before the trigger is to this rule.
    enum Word: Equatable {
        /// "the", "these", "their" (`determiners.txt`).
        case determiner
        /// A lower-case word ending in "s": "leaders", "ministers", "sides".
        case plural
        /// "have", "had", "also": between a subject and its verb.
        case auxiliary
        /// Any other lower-case word or a number: "two", "foreign".
        case modifier
        /// Anything else: a name, a punctuation mark, a quote.
        case other
    }

    /// Most auxiliaries or adverbs between the plural noun and the trigger ("have also met").
    static let auxiliaryReach = 2
    /// Most modifiers between the determiner and the plural noun ("the two foreign ministers").
    static let modifierReach = 2
    /// Furthest back the rule reads, in tokens.
    static let reach = auxiliaryReach + 1 + modifierReach + 1

    /// Whether `before`, the words before a trigger nearest first, is a definite plural subject: a determiner,
    /// at most `modifierReach` modifiers, a plural noun and at most `auxiliaryReach` auxiliaries.
    static func isDefinitePluralSubject(_ before: [Word]) -> Bool {
        var k = 0
        while k < before.count, k < auxiliaryReach, before[k] == .auxiliary { k += 1 }
        guard k < before.count, before[k] == .plural else { return false }
        k += 1
        var modifiers = 0
        while k < before.count, modifiers < modifierReach, before[k] == .modifier || before[k] == .plural {
            k += 1
            modifiers += 1
        }
        return k < before.count && before[k] == .determiner
    }

    /// The words that may stand between a subject and its verb: the knowledge base's auxiliaries
    /// (`lexicon/auxiliaries.txt`: "have", "had", "also") and the event stage's adverbs ("then", "later").
    struct Between: Sendable {
        let auxiliaries: KeySet
        let adverbs: KeySet

        func contains(_ key: UInt64) -> Bool { auxiliaries.contains(key) || adverbs.contains(key) }
    }

    /// The class of token `k`.
    static func word(_ k: Int, tokens: [Token], bytes: [UInt8], marks: [TokenMarks.Mark], between: Between) -> Word {
        let t = tokens[k]
        if t.kind == .number { return .modifier }
        guard t.kind == .word else { return .other }
        if marks[k].contains(.determiner) { return .determiner }
        if t.has(.capitalized) { return .other }
        if between.contains(t.key) { return .auxiliary }
        let end = Int(t.end)
        return end - Int(t.start) > 2 && bytes[end - 1] == UInt8(ascii: "s") && bytes[end - 2] != UInt8(ascii: "s")
            ? .plural : .modifier
    }

    /// Marks anaphoric each verb event of a reciprocal type with no named actor whose subject is a definite
    /// plural noun. `sentences` bound the look-back.
    static func apply(_ events: UnsafeMutableBufferPointer<RawEvent>, sentences: [Range<Int>], tokens: [Token], bytes: [UInt8],
                      marks: [TokenMarks.Mark], between: Between) {
        for i in events.indices where !events[i].isNoun && events[i].participants.isEmpty && EventExtractor.isSymmetric(events[i].type) {
            let start = events[i].trigger.lowerBound
            let lowest = max(sentences[events[i].sentence].lowerBound, start - reach)
            let before = stride(from: start - 1, through: lowest, by: -1).map { word($0, tokens: tokens, bytes: bytes, marks: marks, between: between) }
            if isDefinitePluralSubject(before) { events[i].anaphoric = true }
        }
    }
}
