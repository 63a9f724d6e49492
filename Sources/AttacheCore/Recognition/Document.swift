import AttacheModel

/// A reference to an entity while a document is being analysed: a knowledge-base entity, or one the
/// patterns found in this document.
enum EntityRef: Hashable {
    case kb(Int32)
    case local(Int32)

    /// One 64-bit key for a `FrozenTable`, never 0 (its empty-slot mark): knowledge-base indexes count from
    /// 1, local ones from 2^32 + 1, so `.kb(5)` and `.local(5)` differ.
    var tableKey: UInt64 {
        switch self {
        case .kb(let i): UInt64(UInt32(bitPattern: i)) + 1
        case .local(let i): (1 << 32 | UInt64(UInt32(bitPattern: i))) + 1
        }
    }
}

/// An entity found by a pattern, local to one document until output.
struct LocalEntity {
    var type: EntityType
    var name: String
    /// Folded keys of the name's tokens, for surname and acronym coreference.
    var keys: [UInt64]
    var confidence: Double
}

/// A resolved mention, in token offsets.
struct RawMention {
    var start: Int
    var end: Int
    var ref: EntityRef
    var kind: MentionKind
    var confidence: Double
}

/// The analysis state of one text: bytes, tokens, sentences and what has been recognised so far.
final class Document {
    let bytes: [UInt8]
    var tokens: [Token]
    var sentences: [Range<Int>]
    /// Per token: index of the mention that covers it, or -1.
    var owner: [Int32]
    /// Per token: the token is part of a title or honorific phrase ("Foreign Minister").
    var isTitle: [Bool]
    var mentions: [RawMention] = []
    var locals: [LocalEntity] = []
    var localIndex: [String: Int32] = [:]
    /// One-word people found by a cue ("Putin said"): created only after coreference had its chance to
    /// link them to a full name of the document.
    var deferredPeople: [(start: Int, end: Int, confidence: Double)] = []
    /// Token index where the dateline ends (exclusive), 0 when there is none.
    var datelineEnd = 0
    /// The dateline's place part ("ANKARA, Turkey" of "ANKARA, Turkey (AP) —"), empty when there is none.
    var datelinePlaces = 0..<0
    /// A headline in title case: every word capitalised, so adjacency says nothing about names.
    var isHeadline = false
    /// Per sentence: written all in capitals (a wire headline).
    var allCapsSentence: [Bool]
    /// Per sentence: a heading in title case, every word of `titleCaseWordLength` letters or more
    /// capitalised ("Raqqa in Next Isolation Phase"); prose never capitalises all its longer words.
    var titleCaseSentence: [Bool]
    static let titleCaseWordLength = 4
    static let titleCaseMinWords = 3

    init(bytes: [UInt8], tokens: [Token], sentences: [Range<Int>]) {
        self.bytes = bytes
        self.tokens = tokens
        self.sentences = sentences
        self.owner = [Int32](repeating: -1, count: tokens.count)
        self.isTitle = [Bool](repeating: false, count: tokens.count)
        var caps = [Bool](repeating: false, count: sentences.count)
        for (s, r) in sentences.enumerated() {
            var words = 0, upper = 0
            for k in r where tokens[k].kind == .word && !tokens[k].has(.dotted) {
                words += 1
                if tokens[k].has(.allCaps) { upper += 1 }
            }
            caps[s] = words >= 3 && upper * 10 >= words * 8
        }
        self.allCapsSentence = caps
        // All-caps lines are recased word by word (`Recasing`), so they are not headings in title case.
        self.titleCaseSentence = sentences.enumerated().map { s, r in
            let long = r.filter { tokens[$0].kind == .word && tokens[$0].length >= Document.titleCaseWordLength && !tokens[$0].has(.hyphenBefore) }
            return !caps[s] && long.count >= Document.titleCaseMinWords && long.allSatisfy { tokens[$0].has(.capitalized) }
        }
    }

    @inline(__always) var count: Int { tokens.count }

    func text(_ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        let a = Int(tokens[start].start), b = Int(tokens[end - 1].end)
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }

    func tokenText(_ i: Int) -> String { text(i, i + 1) }

    /// Whether tokens `start..<end` are all free (not yet part of a mention).
    func isFree(_ start: Int, _ end: Int) -> Bool {
        for k in start..<end where owner[k] >= 0 { return false }
        return true
    }

    @discardableResult
    func addMention(_ m: RawMention) -> Int32 {
        let idx = Int32(mentions.count)
        mentions.append(m)
        for k in m.start..<m.end { owner[k] = idx }
        return idx
    }

    /// The key of a local entity in `localIndex`: its type and folded name.
    static func localID(_ type: EntityType, _ name: String) -> String { "\(type.rawValue)|\(Folding.fold(name))" }

    /// The local entity of this type and name, if the document has one.
    func existingLocal(type: EntityType, name: String) -> EntityRef? {
        localIndex[Document.localID(type, name)].map { .local($0) }
    }

    func local(type: EntityType, name: String, keys: [UInt64], confidence: Double) -> EntityRef {
        let id = Document.localID(type, name)
        if let at = localIndex[id] {
            locals[Int(at)].confidence = max(locals[Int(at)].confidence, confidence)
            return .local(at)
        }
        let at = Int32(locals.count)
        locals.append(LocalEntity(type: type, name: name, keys: keys, confidence: confidence))
        localIndex[id] = at
        return .local(at)
    }

    func entityType(_ ref: EntityRef, _ kb: KnowledgeBase) -> EntityType {
        switch ref {
        case .kb(let i): kb.entities[Int(i)].type
        case .local(let i): locals[Int(i)].type
        }
    }

    /// A pattern entity of this document over tokens `start..<end`, named by its text without accents.
    @discardableResult
    func addPatternMention(type: EntityType, _ start: Int, _ end: Int, confidence: Double) -> EntityRef {
        let name = Folding.stripAccents(text(start, end))
        let ref = local(type: type, name: name, keys: tokens[start..<end].filter { $0.kind == .word }.map(\.key), confidence: confidence)
        addMention(RawMention(start: start, end: end, ref: ref, kind: .name, confidence: confidence))
        return ref
    }

    /// Previous token index in the same sentence, skipping an article ("the"), or nil.
    func previous(_ i: Int, skippingThe: Bool = true) -> Int? {
        var k = i - 1
        guard k >= 0, tokens[k].sentence == tokens[i].sentence else { return nil }
        if skippingThe, tokens[k].key == Keys.the, k - 1 >= 0, tokens[k - 1].sentence == tokens[i].sentence { k -= 1 }
        return k
    }

    /// Not glued to another capitalised word: a short name standing alone ("Kerry said"), not a piece of an
    /// unknown longer name ("John Sullivan", "Musaad bin Mohammed al-Aiban").
    /// `particleBefore`: a lower-case name particle before the words joins them ("bin Laden"); places pass false
    /// ("such as Aleppo").
    func isStandalone(_ start: Int, _ end: Int, _ lex: Lexicon, particleBefore: Bool = true) -> Bool {
        if isHeadline { return true }
        if start > 0, tokens[start - 1].sentence == tokens[start].sentence {
            let p = tokens[start - 1]
            if p.kind == .word && !isTitle[start - 1] && (p.has(.capitalized) || particleBefore && lex.particles.contains(p.key)) && !p.has(.dotted) {
                // A capitalised sentence opener ("After Kerry spoke") is not part of a name.
                let opener = start - 1 == 0 || tokens[start - 2].sentence != p.sentence || tokens[start - 2].has(.openQuote)
                if !(opener && lex.commonWords.contains(p.key)) && owner[start - 1] < 0 { return false }
            }
        }
        if end < tokens.count, tokens[end].sentence == tokens[start].sentence {
            let n = tokens[end]
            if n.kind == .word && n.has(.capitalized) && !isTitle[end] && owner[end] < 0 && !lex.neverNames.contains(n.key) { return false }
            if n.kind == .word && n.has(.hyphenBefore) { return false }
            if n.kind == .word && lex.particles.contains(n.key) && end + 1 < tokens.count && tokens[end + 1].has(.capitalized) { return false }
        }
        return true
    }

}

/// Folded keys of the function words the rules look at.
enum Keys {
    static let the = Folding.hash("the")
    static let of = Folding.hash("of")
    static let and = Folding.hash("and")
    static let comma = Folding.hash(",")
    static let colon = Folding.hash(":")
    static let openParen = Folding.hash("(")
    static let closeParen = Folding.hash(")")
    static let dash = Folding.hash("-")
    static let emDash = Folding.hash("\u{2014}")
    static let enDash = Folding.hash("\u{2013}")
    static let possessive = Folding.hash("'s")
    static let capital = Folding.hash("capital")
    static let from = Folding.hash("from")
    static let a = Folding.hash("a")
    static let an = Folding.hash("an")
    static let to = Folding.hash("to")
    static let by = Folding.hash("by")
    static let news = Folding.hash("news")
}
