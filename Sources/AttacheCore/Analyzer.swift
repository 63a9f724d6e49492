import AttacheModel

/// Text in, analysis out: the whole extraction pipeline over one article.
///
/// Tokenize and split sentences once over UTF-8 bytes, match the dictionary in one pass, link each hit to
/// one entity (metonymy, surnames), find names the dictionary lacks by pattern, resolve short forms within
/// the document, then assemble entities with code-point offsets. Safe to call from many threads at once.
public final class Analyzer: Sendable {
    public let knowledgeBase: KnowledgeBase
    /// Event triggers and cues; the built-in lists by default.
    public let eventLexicon: EventLexicon
    let eventFinder: EventFinder
    let splitter = SentenceSplitter()

    public init(knowledgeBase: KnowledgeBase, eventLexicon: EventLexicon = .builtIn) {
        self.knowledgeBase = knowledgeBase
        self.eventLexicon = eventLexicon
        self.eventFinder = EventFinder(kb: knowledgeBase, lexicon: eventLexicon)
    }

    public func analyze(_ input: ArticleInput) -> Analysis {
        let isoDate = input.publishedAt.flatMap(Analyzer.isoDay)
        let body = recognize(input.text, date: isoDate)
        var title: Document?
        if let t = input.title, !t.isEmpty {
            title = recognizeTitle(t, body: body, date: isoDate)
        }
        // A lexicon without triggers (`bench-engine throughput --no-events`) finds none: the stage is skipped, not run empty.
        let events = eventLexicon.phraseCount == 0 ? [] : eventFinder.find(body, published: isoDate)
        return EntityAssembler(kb: knowledgeBase, date: isoDate).assemble(input: input, body: body, title: title, events: events)
    }

    /// "2015-12-15" or an RFC 3339 timestamp → "2015-12-15"; partial "2015-12" kept; anything else nil.
    static func isoDay(_ s: String) -> String? {
        let u = Array(s.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= u.count && r.allSatisfy { u[$0] >= 48 && u[$0] <= 57 } }
        guard digits(0..<4) else { return nil }
        if u.count == 4 { return s }
        guard u.count >= 7, u[4] == UInt8(ascii: "-"), digits(5..<7) else { return nil }
        if u.count == 7 { return s }
        guard u.count >= 10, u[7] == UInt8(ascii: "-"), digits(8..<10) else { return nil }
        return String(decoding: u[0..<10], as: UTF8.self)
    }

    func makeDocument(_ text: String) -> Document {
        let bytes = Array(text.utf8)
        var tokens = bytes.withUnsafeBufferPointer { knowledgeBase.tokenizer.tokenize($0) }
        let sentences = splitter.split(&tokens)
        return Document(bytes: bytes, tokens: tokens, sentences: sentences)
    }

    func recognize(_ text: String, date: String?) -> Document {
        let doc = makeDocument(text)
        if let dateline = Dateline.detect(doc) {
            doc.datelineEnd = dateline.end
            doc.datelinePlaces = dateline.places
        }
        let matches = DictionaryMatcher(kb: knowledgeBase).match(doc)
        Linker(kb: knowledgeBase, date: date).link(doc, matches)
        Recasing.apply(doc, kb: knowledgeBase)
        let patterns = NamePatterns(kb: knowledgeBase)
        patterns.apply(doc)
        Coreference(kb: knowledgeBase).apply(doc)
        patterns.addDeferredPeople(doc)
        if !doc.deferredPeople.isEmpty { Coreference(kb: knowledgeBase).apply(doc) }
        return doc
    }

    /// Headlines are often in title case, so only the dictionary and the body's own names apply to them.
    func recognizeTitle(_ text: String, body: Document, date: String?) -> Document {
        let doc = makeDocument(text)
        doc.isHeadline = true
        let matches = DictionaryMatcher(kb: knowledgeBase).match(doc)
        // People named in full in the body count as named here too.
        var people = Set<Int32>()
        for m in body.mentions where m.end > m.start {
            if case .kb(let i) = m.ref, knowledgeBase.entities[Int(i)].type == .person { people.insert(i) }
        }
        Linker(kb: knowledgeBase, date: date).link(doc, matches, alsoNamed: people)
        Recasing.apply(doc, kb: knowledgeBase)
        // Body entities by their family names and full names.
        doc.locals = body.locals
        doc.localIndex = body.localIndex
        var bodyForms: [UInt64: EntityRef] = [:]
        for m in body.mentions where m.end - m.start == 1 {
            bodyForms[body.tokens[m.start].key] = bodyForms[body.tokens[m.start].key] ?? m.ref
        }
        // A wire headline names people by family name only ("MLYNAR AGREES" over "Gajdos Mlynar").
        for m in body.mentions where m.end - m.start >= 2 {
            guard case .local(let i) = m.ref, body.locals[Int(i)].type == .person else { continue }
            bodyForms[body.tokens[m.end - 1].key] = bodyForms[body.tokens[m.end - 1].key] ?? m.ref
        }
        for i in 0..<doc.count where doc.owner[i] < 0 && doc.tokens[i].kind == .word && doc.tokens[i].has(.capitalized) {
            if let ref = bodyForms[doc.tokens[i].key], case .local = ref {
                doc.addMention(RawMention(start: i, end: i + 1, ref: ref, kind: .surname, confidence: 0.7))
            }
        }
        return doc
    }
}
