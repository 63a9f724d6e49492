import AttacheDates
import AttacheModel
import Foundation

/// What a trigger needs around it before it counts as an event.
public enum TriggerNeed: UInt8, Sendable {
    /// A named actor before the trigger in its clause ("Lavrov said", not "it was said").
    case source
    /// A named participant or a place anywhere in the clause.
    case any
    /// Like `source`, for a verb of saying: no event when its sentence reports another.
    case saying
    /// Like `source`, or else the named speaker of a verb of saying before it in the sentence: a condemning
    /// word said of something ("Peskov said the guarantees were \"potentially very dangerous\"").
    case speaker
    /// A verb whose object must name an actor ("supported the rebels", not "supported the idea"): see
    /// `EventExtractor.objectIsActor`. Needs no actor before it.
    case actorObject
    /// A verb of letting people go ("released", "exchanged", "free"), which counts only when the people are
    /// captives: a noun of `captive-nouns.txt` or a named person in its object ("released 150 prisoners",
    /// "freed Lavrov"), or a captive noun as its passive subject ("the hostages were released"). "released a
    /// statement" and "exchanged views" are no concession: see `EventExtractor.concernsCaptives`.
    case captives

    /// The trigger counts only with a named actor before it (or a speaker right after it).
    var needsSource: Bool { self == .source || self == .saying || self == .speaker }
}

/// One trigger phrase of the lexicon, as the folded keys of its tokens.
public struct TriggerPhrase: Sendable {
    public var keys: [UInt64]
    public var type: EventType
    /// The status the phrase implies by itself; nil leaves it to the clause (occurred by default).
    public var status: EventStatus?
    public var need: TriggerNeed
    /// The phrase is a noun ("talks", "the deal"): after a determiner it may refer to an event already told.
    public var isNoun: Bool
    /// False for a phrase that is no event ("declined to comment", "free trade"): matched so that the
    /// triggers inside it are not.
    public var isEvent: Bool = true
    /// The CAMEO root the row names (`sanction:17`), one of the type's `cameoRoots`; 0 for the type's own.
    public var cameo: UInt8 = 0
}

/// An `EventLexicon` held by reference, for the values made anew for each article (`EventExtractor`).
final class SharedLexicon: Sendable {
    let value: EventLexicon
    init(_ value: EventLexicon) { self.value = value }
}

/// What the extractor reads of a matched trigger phrase: the phrase without its keys, so that it copies
/// as plain bytes (a `TriggerPhrase` holds an array, and each copy of one was a reference count).
struct MatchedPhrase: Sendable {
    var type: EventType
    var status: EventStatus?
    var need: TriggerNeed
    var isNoun: Bool
    var isEvent: Bool
    /// Number of tokens.
    var length: Int
    var cameo: UInt8

    init(_ p: TriggerPhrase) {
        type = p.type
        status = p.status
        need = p.need
        isNoun = p.isNoun
        isEvent = p.isEvent
        length = p.keys.count
        cameo = p.cameo
    }
}

/// The event word lists: trigger phrases per type and the cue words that set status and negation.
///
/// Data, not code: `events/triggers.tsv` and the `events/*-cues.txt` lists of each knowledge-base
/// directory, read in order, so users extend the built-in lists. Phrases are indexed by the key of their
/// first token, longest first, so matching is one dictionary look-up per token.
public struct EventLexicon: Sendable {
    /// All phrases, grouped by first word, each group longest first.
    var phrases: [TriggerPhrase] = []
    /// `phrases` as the extractor reads them.
    var matched: [MatchedPhrase] = []
    /// The phrases' token keys end to end (phrase `j` has `keyCount[j]` keys from `keyStart[j]`), so matching
    /// reads flat arrays and copies no phrase.
    var keyPool: [UInt64] = []
    var keyStart: [Int32] = []
    var keyCount: [Int32] = []
    /// The fixed words the rules compare with.
    let words = EventWords()
    /// Words that negate a trigger within three words before it ("not", "never").
    var negations: Set<UInt64> = []
    /// Verbs that before "to" turn the trigger into a negated reject ("refused to sign").
    var refusals: Set<UInt64> = []
    /// Words that open a condition (`condition-cues.txt`): see `ConditionFilter`.
    var conditions: Set<UInt64> = []
    /// Hedges that make an event reported ("suspected", "allegedly").
    var hedges: Set<UInt64> = []
    /// Future and modal cues, as phrases of keys ("will", "is to", "plans to").
    var futureCues: [UInt64: [[UInt64]]] = [:]
    /// Words that open a new clause ("that", "which", "after").
    var clauseOpeners: Set<UInt64> = []
    /// Definite determiners that make a noun trigger refer back ("the", "this", "its").
    var determiners: Set<UInt64> = []
    /// Relative day phrases ("a day after", "the next day") that date an event from another date.
    var dayShifts: [DayShift] = []
    /// Nouns after such a name that make it a modifier ("the Great Patriotic War memorial").
    var namedEventModifiers = KeySet()
    /// The words that tell sources from targets (`role-words.tsv`).
    var roles = RoleWords()
    /// Nouns of people held by others ("prisoners", "hostages"): what a verb of need `captives` must be about.
    var captiveNouns = KeySet()
    /// Nouns of the press as the audience of a saying ("told reporters"): see `StatementFilter.addressesPress`.
    var pressAudiences = KeySet()

    /// "a day after" before a trigger: one day before the sentence's other date.
    struct DayShift: Sendable {
        var keys: [UInt64]
        /// The phrase comes before the trigger (opening its clause), or right after it.
        var before: Bool
        var days: Int
    }

    /// Every word an event rule asks about: in the low 32 bits what it is to each rule (see `TokenMarks`), in
    /// the high 32 bits, for the first word of trigger phrases, their group (first index << 16 | count) plus one.
    /// One table, so the trigger look-up reads the slot the marks were read from.
    var markTable = FrozenTable<UInt64>()

    /// The phrase group of a `markTable` value (first index << 16 | count), nil when the word starts no phrase.
    @inline(__always) func group(_ value: UInt64?) -> UInt32? {
        guard let value else { return nil }
        let g = UInt32(truncatingIfNeeded: value >> 32)
        return g == 0 ? nil : g &- 1
    }

    /// The phrases starting with the word `key`, longest first (nil: none).
    func phrases(startingWith key: UInt64) -> [TriggerPhrase]? {
        group(markTable[key]).map { g in Array(phrases[Int(g >> 16)..<Int(g >> 16 + g & 0xFFFF)]) }
    }

    public init() {}

    /// Number of trigger phrases (all inflected forms).
    public var phraseCount: Int { phrases.count }

    /// The lexicon shipped with the binary (empty when the bundle has no `kb/events` folder).
    public static let builtIn: EventLexicon = {
        guard let dir = KnowledgeBaseLoader.builtInDirectory else { return EventLexicon() }
        return (try? load(directories: [dir])) ?? EventLexicon()
    }()

    /// The built-in lexicon extended by the `events/` folders of `extraDirectories` (users' trigger lists).
    public static func load(extraDirectories: [URL], includeBuiltIn: Bool = true) throws -> EventLexicon {
        if extraDirectories.isEmpty && includeBuiltIn { return builtIn }
        var dirs: [URL] = []
        if includeBuiltIn, let dir = KnowledgeBaseLoader.builtInDirectory { dirs.append(dir) }
        return try load(directories: dirs + extraDirectories)
    }

    /// Reads `events/` of each directory in order; missing files are skipped.
    /// Throws `KnowledgeBaseLoader.LoadError` for a malformed trigger line.
    public static func load(directories: [URL], tokenizer: Tokenizer = Tokenizer()) throws -> EventLexicon {
        var builder = Builder(tokenizer: tokenizer)
        for dir in directories {
            let events = dir.appendingPathComponent("events")
            func list(_ name: String) -> [String] {
                guard let text = try? String(contentsOf: events.appendingPathComponent(name), encoding: .utf8) else { return [] }
                return KnowledgeBaseLoader.parseList(text)
            }
            if let text = try? String(contentsOf: events.appendingPathComponent("triggers.tsv"), encoding: .utf8) {
                try builder.addTriggers(tsv: text, file: "triggers.tsv")
            }
            builder.negations += list("negation-cues.txt")
            builder.refusals += list("refusal-cues.txt")
            builder.conditions += list("condition-cues.txt")
            builder.hedges += list("hedge-cues.txt")
            builder.futureCues += list("future-cues.txt")
            builder.clauseOpeners += list("clause-openers.txt")
            builder.determiners += list("determiners.txt")
            builder.namedEventHeads += list("named-event-heads.txt")
            builder.namedEventModifiers += list("named-event-modifiers.txt")
            builder.captiveNouns += list("captive-nouns.txt")
            builder.pressAudiences += list("press-audiences.txt")
            if let text = try? String(contentsOf: events.appendingPathComponent("day-shifts.tsv"), encoding: .utf8) {
                try builder.addDayShifts(tsv: text)
            }
            if let text = try? String(contentsOf: events.appendingPathComponent("role-words.tsv"), encoding: .utf8) {
                try RoleWords.add(tsv: text, file: "role-words.tsv", to: &builder.roleWords)
            }
        }
        return builder.build()
    }

    /// Builds a lexicon from in-memory data (same formats as the files); for tests and embedding.
    public static func make(triggers tsv: String, negations: [String] = [], refusals: [String] = [], hedges: [String] = [],
                            futureCues: [String] = [], clauseOpeners: [String] = [], determiners: [String] = [],
                            tokenizer: Tokenizer = Tokenizer()) throws -> EventLexicon {
        var builder = Builder(tokenizer: tokenizer)
        try builder.addTriggers(tsv: tsv, file: "triggers")
        builder.negations = negations
        builder.refusals = refusals
        builder.hedges = hedges
        builder.futureCues = futureCues
        builder.clauseOpeners = clauseOpeners
        builder.determiners = determiners
        return builder.build()
    }

    struct Builder {
        let tokenizer: Tokenizer
        var phrases: [TriggerPhrase] = []
        var seen: [[UInt64]: Int] = [:]
        var negations: [String] = []
        var refusals: [String] = []
        var conditions: [String] = []
        var hedges: [String] = []
        var futureCues: [String] = []
        var clauseOpeners: [String] = []
        var determiners: [String] = []
        var namedEventHeads: [String] = []
        var namedEventModifiers: [String] = []
        var captiveNouns: [String] = []
        var pressAudiences: [String] = []
        var roleWords: [RoleWords.Class: [String]] = [:]

        func keys(_ phrase: String) -> [UInt64] {
            let bytes = Array(phrase.utf8)
            return bytes.withUnsafeBufferPointer { tokenizer.tokenize($0) }.map(\.key)
        }

        /// `phrase \t type \t form \t status \t needs [\t notes]`; `#` lines are comments.
        mutating func addTriggers(tsv: String, file: String) throws {
            var lineNo = 0
            for line in tsv.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNo += 1
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                func fail(_ m: String) -> KnowledgeBaseLoader.LoadError { .init(file: file, line: lineNo, message: m) }
                guard cols.count >= 3 else { throw fail("expected phrase, type, form[, status, needs]") }
                let blocking = cols[1] == "none"
                // "sanction:17": the type and, optionally, which of its CAMEO roots the phrase names.
                let typeAndRoot = cols[1].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard let type = blocking ? EventType.statement : EventType(rawValue: typeAndRoot[0]) else {
                    throw fail("unknown event type \"\(cols[1])\"")
                }
                var cameo: UInt8 = 0
                if typeAndRoot.count == 2 {
                    guard !blocking, type.cameoRoots.contains(typeAndRoot[1]), let root = UInt8(typeAndRoot[1]) else {
                        throw fail("CAMEO root \"\(typeAndRoot[1])\" is not one of \(type.rawValue)'s (\(type.cameoRoots.joined(separator: ", ")))")
                    }
                    cameo = root
                }
                let status: EventStatus?
                if cols.count > 3, cols[3] != "-", !cols[3].isEmpty {
                    guard let s = EventStatus(rawValue: cols[3]) else { throw fail("unknown status \"\(cols[3])\"") }
                    status = s
                } else {
                    status = nil
                }
                let needs: [String: TriggerNeed] = ["src": .source, "say": .saying, "spk": .speaker, "obj": .actorObject,
                                                     "cap": .captives]
                var need = TriggerNeed.any
                if cols.count > 4, !cols[4].isEmpty, cols[4] != "any" {
                    guard let n = needs[cols[4]] else { throw fail("unknown need \"\(cols[4])\"") }
                    need = n
                }
                guard let forms = EventLexicon.forms(of: cols[0], form: cols[2]) else { throw fail("unknown form \"\(cols[2])\"") }
                for f in forms {
                    let k = keys(f)
                    guard !k.isEmpty else { continue }
                    let p = TriggerPhrase(keys: k, type: type, status: status, need: need, isNoun: cols[2] == "n" || cols[2] == "nx",
                                          isEvent: !blocking, cameo: cameo)
                    // A later line for the same phrase replaces the earlier one (user data overrides).
                    if let at = seen[k] { phrases[at] = p } else { seen[k] = phrases.count; phrases.append(p) }
                }
            }
        }

        var dayShifts: [DayShift] = []

        /// `phrase \t before|after \t days`.
        mutating func addDayShifts(tsv: String) throws {
            var lineNo = 0
            for line in tsv.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNo += 1
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let cols = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cols.count >= 3, cols[1] == "before" || cols[1] == "after", let days = Int(cols[2]) else {
                    throw KnowledgeBaseLoader.LoadError(file: "day-shifts.tsv", line: lineNo, message: "expected phrase, before|after, days")
                }
                dayShifts.append(DayShift(keys: keys(cols[0]), before: cols[1] == "before", days: days))
            }
        }

        func build() -> EventLexicon {
            var lex = EventLexicon()
            lex.dayShifts = dayShifts
            var byFirst: [UInt64: [TriggerPhrase]] = [:]
            for p in phrases { byFirst[p.keys[0], default: []].append(p) }
            // First word → its phrases' group (first index << 16 | count).
            var groups: [UInt64: UInt32] = [:]
            for (k, v) in byFirst {
                groups[k] = UInt32(lex.phrases.count) << 16 | UInt32(v.count)
                for p in v.sorted(by: { $0.keys.count > $1.keys.count }) {
                    lex.keyStart.append(Int32(lex.keyPool.count))
                    lex.keyCount.append(Int32(p.keys.count))
                    lex.keyPool += p.keys
                    lex.phrases.append(p)
                    lex.matched.append(MatchedPhrase(p))
                }
            }
            lex.negations = Set(negations.map { Folding.hash($0) })
            lex.refusals = Set(refusals.map { Folding.hash($0) })
            lex.conditions = Set(conditions.map { Folding.hash($0) })
            lex.hedges = Set(hedges.map { Folding.hash($0) })
            for c in futureCues {
                let k = keys(c)
                guard let first = k.first else { continue }
                lex.futureCues[first, default: []].append(k)
            }
            lex.clauseOpeners = Set(clauseOpeners.map { Folding.hash($0) })
            lex.determiners = Set(determiners.map { Folding.hash($0) })
            lex.namedEventModifiers = KeySet(words: namedEventModifiers)
            lex.captiveNouns = KeySet(words: captiveNouns)
            lex.pressAudiences = KeySet(words: pressAudiences)
            lex.roles = RoleWords(roleWords)
            var marks: [UInt64: TokenMarks.Mark] = [:]
            func add(_ keys: some Sequence<UInt64>, _ m: TokenMarks.Mark) { for k in keys { marks[k, default: []].insert(m) } }
            add(byFirst.keys, .trigger)
            add(namedEventHeads.map { Folding.hash($0) }, .namedHead)
            add(lex.negations, .negation)
            add(lex.hedges, .hedge)
            add(lex.futureCues.keys, .future)
            add(lex.clauseOpeners, .openerWord)
            add(lex.determiners, .determiner)
            add(lex.refusals, .refusal)
            add(lex.conditions, .condition)
            add(EventWords.calendarWords.map { Folding.hash($0) }, .calendar)
            add(EventWords.unitWords.map { Folding.hash($0) }, .unit)
            add(EventWords.relativeWords.map { Folding.hash($0) }, .relative)
            add(["day", "days"].map { Folding.hash($0) }, .day)
            add([Folding.hash("and")], .and)
            add([Folding.hash("between")], .between)
            // Punctuation by its key; curly quote marks by the tokenizer's flags (`TokenMarks`).
            let w = lex.words
            add([w.quote], .quote)
            add([w.semicolon], .semicolon)
            add([w.colon, w.openParen, w.closeParen], .colonOrParen)
            add([w.comma], .comma)
            lex.markTable = FrozenTable(marks.map { ($0.key, UInt64(groups[$0.key].map { $0 + 1 } ?? 0) << 32 | UInt64($0.value.rawValue)) })
            return lex
        }
    }

    /// The written forms of a lexicon phrase. "a/b/c rest" lists the first word's forms; `v` inflects the
    /// first word as a regular verb, `v2` doubles its last consonant ("ban" → "banned"), `n` adds the plural
    /// to the last word, `x` and `nx` (a noun) keep the phrase. Nil for an unknown form code.
    static func forms(of phrase: String, form: String) -> [String]? {
        let words = phrase.split(separator: " ").map(String.init)
        guard let first = words.first else { return [] }
        let rest = words.dropFirst().joined(separator: " ")
        func join(_ w: String) -> String { rest.isEmpty ? w : w + " " + rest }
        let heads = first.split(separator: "/").map(String.init)
        switch form {
        case "x", "nx":
            return heads.map(join)
        case "v", "v2":
            var out: [String] = []
            for h in heads { out += [h] + verbForms(h, double: form == "v2") }
            return out.map(join)
        case "n":
            let variants = heads.map(join)
            return variants.flatMap { v -> [String] in
                var ws = v.split(separator: " ").map(String.init)
                let singular = ws[ws.count - 1]
                ws[ws.count - 1] = plural(singular)
                return [v, ws.joined(separator: " ")]
            }
        default:
            return nil
        }
    }

    static func isVowel(_ c: Character) -> Bool { "aeiou".contains(c) }

    /// -s, -ed and -ing forms of a regular verb.
    static func verbForms(_ v: String, double: Bool) -> [String] {
        guard let last = v.last else { return [] }
        let third: String
        let past: String
        let ing: String
        let beforeLast = v.dropLast().last
        if v.hasSuffix("s") || v.hasSuffix("x") || v.hasSuffix("z") || v.hasSuffix("ch") || v.hasSuffix("sh") || v.hasSuffix("o") {
            third = v + "es"
        } else if last == "y", let b = beforeLast, !isVowel(b) {
            third = v.dropLast() + "ies"
        } else {
            third = v + "s"
        }
        if double {
            past = v + String(last) + "ed"
            ing = v + String(last) + "ing"
        } else if last == "e" {
            past = v + "d"
            ing = v.hasSuffix("ee") ? v + "ing" : v.dropLast() + "ing"
        } else if last == "y", let b = beforeLast, !isVowel(b) {
            past = v.dropLast() + "ied"
            ing = v + "ing"
        } else {
            past = v + "ed"
            ing = v + "ing"
        }
        return [third, past, ing]
    }

    /// Regular English plural of a noun.
    static func plural(_ n: String) -> String {
        if n.hasSuffix("s") || n.hasSuffix("x") || n.hasSuffix("z") || n.hasSuffix("ch") || n.hasSuffix("sh") { return n + "es" }
        if n.hasSuffix("y"), let b = n.dropLast().last, !isVowel(b) { return n.dropLast() + "ies" }
        return n + "s"
    }
}
