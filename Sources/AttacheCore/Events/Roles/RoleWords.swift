import Foundation

/// The words that tell an event's sources from its targets (`events/role-words.tsv`), as sets of folded keys.
///
/// Data, not code: each line names a word and its class; a word may have several classes ("from" is an object
/// preposition before a verb trigger and a source after an event noun). See the file's header for each class.
struct RoleWords: Sendable {
    /// The classes of `role-words.tsv`, by the name the file uses.
    enum Class: String, CaseIterable {
        case objectPreposition = "object-preposition"
        case agentPreposition = "agent-preposition"
        case nounSourcePreposition = "noun-source-preposition"
        case passiveAuxiliary = "passive-auxiliary"
        case relativePronoun = "relative-pronoun"
        case subjectPronoun = "subject-pronoun"
        case objectPronoun = "object-pronoun"
        case complementizer = "complementizer"
        case actorHead = "actor-head"
        case phraseEnd = "phrase-end"
        case agentNoun = "agent-noun"
        case firstPersonSingular = "first-person-singular"
        case firstPersonPlural = "first-person-plural"
        case groupNoun = "group-noun"
        case pluralObjectPronoun = "plural-object-pronoun"
        case claimVerb = "claim-verb"
        case claimObject = "claim-object"
        case speechVerb = "speech-verb"
        case feelingParticiple = "feeling-participle"
        case conductParticiple = "conduct-participle"
        case judgingVerb = "judging-verb"
    }

    /// Before a name left of the trigger: the name is a prepositional object, not the subject.
    let objectPrepositions: KeySet
    /// After a verb trigger: the name after it is who acts ("by").
    let agentPrepositions: KeySet
    /// After an event noun: the name after it is who acts ("warnings from Beijing").
    let nounSourcePrepositions: KeySet
    let passiveAuxiliaries: KeySet
    let relativePronouns: KeySet
    let subjectPronouns: KeySet
    let objectPronouns: KeySet
    /// "that" opening what a verb demands, accuses or warns of.
    let complementizers: KeySet
    /// Nouns of a group that acts ("forces", "government"): after a demonym they make it an actor.
    let actorHeads: KeySet
    /// Words that end a noun phrase after a name ("through", "in"): the name is the phrase's head.
    let phraseEnds: KeySet
    /// In "at the ... of": the name after it is who acts, however far from the trigger ("killed at the hands of
    /// Assad"); "in the hands of" tells who holds a thing, not who acts.
    let agentNouns: KeySet
    /// "I" and "we" as subjects: the author of a statement (`EventExtractor.firstPersonReferent`).
    let firstPersonSingular: KeySet
    let firstPersonPlural: KeySet
    /// "blames the group for": after "the", right after a verb trigger, the organization named last.
    let groupNouns: KeySet
    /// "them", "both": an object that stands for the names last coordinated before the trigger.
    let pluralObjectPronouns: KeySet
    /// "claimed": after an attack, the verb whose agent or subject is the attack's author (`EventExtractor.claimant`).
    let claimVerbs: KeySet
    /// "responsibility": the object that makes a claim verb's subject an attack's author ("Daesh claimed
    /// responsibility"); without it the subject may claim anything ("claimed it would win").
    let claimObjects: KeySet
    /// "said", "told": after a closing quote mark, with the name before or after them, they say who spoke the quote
    /// (`EventExtractor.quotedSpeaker`).
    let speechVerbs: KeySet
    /// "shocked", "deeply concerned": a participle of feeling that ends a trigger is a state of its subject, who
    /// feels it; the name after "by" is its cause, not an agent (`EventExtractor.isFeelingState`).
    let feelingParticiples: KeySet
    /// "led", "imposed": between an event noun and "by", a participle of carrying the event out, so the name after
    /// "by" acts in it ("talks led by the AU"; `EventExtractor.isConductAgent`).
    let conductParticiples: KeySet
    /// "condemned", "blames": a verb that judges an event noun in its object; its subject does not act in the event.
    let judgingVerbs: KeySet
    /// The words around an agent noun.
    let at = Folding.hash("at"), the = Folding.hash("the"), of = Folding.hash("of")

    /// The sets of `words`, the words of each class (a class left out is empty).
    init(_ words: [Class: [String]] = [:]) {
        func set(_ c: Class) -> KeySet { KeySet(words: words[c] ?? []) }
        objectPrepositions = set(.objectPreposition)
        agentPrepositions = set(.agentPreposition)
        nounSourcePrepositions = set(.nounSourcePreposition)
        passiveAuxiliaries = set(.passiveAuxiliary)
        relativePronouns = set(.relativePronoun)
        subjectPronouns = set(.subjectPronoun)
        objectPronouns = set(.objectPronoun)
        complementizers = set(.complementizer)
        actorHeads = set(.actorHead)
        phraseEnds = set(.phraseEnd)
        agentNouns = set(.agentNoun)
        firstPersonSingular = set(.firstPersonSingular)
        firstPersonPlural = set(.firstPersonPlural)
        groupNouns = set(.groupNoun)
        pluralObjectPronouns = set(.pluralObjectPronoun)
        claimVerbs = set(.claimVerb)
        claimObjects = set(.claimObject)
        speechVerbs = set(.speechVerb)
        feelingParticiples = set(.feelingParticiple)
        conductParticiples = set(.conductParticiple)
        judgingVerbs = set(.judgingVerb)
    }

    /// Adds the lines of a `word \t class` file to `words`; `#` lines and blank lines are skipped. Throws for a
    /// line without a class or with an unknown one.
    static func add(tsv: String, file: String, to words: inout [Class: [String]]) throws {
        for (n, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cols.count == 2, !cols[0].isEmpty else {
                throw KnowledgeBaseLoader.LoadError(file: file, line: n + 1, message: "expected word, class")
            }
            guard let c = Class(rawValue: cols[1]) else {
                throw KnowledgeBaseLoader.LoadError(file: file, line: n + 1, message: "unknown role word class \"\(cols[1])\"")
            }
            words[c, default: []].append(cols[0])
        }
    }
}
