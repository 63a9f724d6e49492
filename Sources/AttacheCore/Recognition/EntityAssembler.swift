import AttacheModel

/// Groups resolved mentions into entities and computes what the API reports about each: canonical name,
/// ids and codes, roles, salience, confidence and code-point offsets.
struct EntityAssembler {
    let kb: KnowledgeBase
    let date: String?

    func assemble(input: ArticleInput, body: Document, title: Document?, events rawEvents: [RawEvent] = []) -> Analysis {
        let bodyOffsets = CodePointOffsets(body.bytes)
        let sentenceSpans = body.sentences.map { r -> Span in
            Span(start: bodyOffsets[Int(body.tokens[r.lowerBound].start)], end: bodyOffsets[Int(body.tokens[r.upperBound - 1].end)])
        }
        var order: [EntityRef] = []
        var grouped: [EntityRef: [Mention]] = [:]
        var confidence: [EntityRef: Double] = [:]
        var textRoles: [EntityRef: [String]] = [:]

        func collect(_ doc: Document, _ field: TextField, _ offsets: CodePointOffsets) {
            let live = doc.mentions.filter { $0.end > $0.start }.sorted { $0.start < $1.start }
            for m in live {
                let a = Int(doc.tokens[m.start].start), b = Int(doc.tokens[m.end - 1].end)
                let mention = Mention(start: offsets[a], end: offsets[b], text: String(decoding: doc.bytes[a..<b], as: UTF8.self),
                                      sentence: field == .text ? Int(doc.tokens[m.start].sentence) : -1, kind: m.kind, field: field)
                if grouped[m.ref] == nil { order.append(m.ref) }
                grouped[m.ref, default: []].append(mention)
                confidence[m.ref] = max(confidence[m.ref] ?? 0, m.confidence)
                if field == .text, let role = titleBefore(doc, m) { textRoles[m.ref, default: []].append(role) }
            }
        }
        collect(body, .text, bodyOffsets)
        if let title { collect(title, .title, CodePointOffsets(title.bytes)) }

        let textLength = bodyOffsets[body.bytes.count]
        let maxCount = grouped.values.map { $0.filter { $0.field == .text }.count }.max() ?? 1
        var entities: [Entity] = []
        entities.reserveCapacity(order.count)
        for ref in order {
            let mentions = grouped[ref]!
            var e: Entity
            switch ref {
            case .kb(let i):
                let k = kb.entities[Int(i)]
                e = Entity(id: k.id, type: k.type, name: k.name, iso2: k.iso2, iso3: k.iso3, country: k.country ?? k.iso2,
                           source: .knowledgeBase)
                e.roles = kbRoles(k)
                e.geonamesId = k.geonamesId
                e.latitude = k.latitude
                e.longitude = k.longitude
            case .local(let i):
                let l = body.locals[Int(i)]
                let longest = mentions.filter { $0.kind == .name }.max { $0.text.count < $1.text.count }?.text
                let name = longest.map(Folding.stripAccents) ?? l.name
                e = Entity(id: EntityAssembler.slugID(type: l.type, name: name), type: l.type, name: name, source: .pattern)
            }
            e.roles = EntityAssembler.addingTextRoles(textRoles[ref] ?? [], to: e.roles)
            e.mentions = mentions
            e.confidence = (confidence[ref] ?? 0.5).rounded(places: 2)
            e.salience = salience(mentions, maxCount: maxCount, length: textLength).rounded(places: 3)
            entities.append(e)
        }
        // Pattern entities whose slug equals a knowledge-base id are the same entity: merge.
        let positions: [Int]
        (entities, positions) = merge(entities)
        let words = body.tokens.reduce(0) { $0 + ($1.kind == .word || $1.kind == .number ? 1 : 0) }
        let info = ArticleInfo(id: input.id, title: input.title, publishedAt: input.publishedAt, source: input.source,
                               dateline: body.datelineEnd > 0 ? body.text(body.datelinePlaces.lowerBound, max(body.datelinePlaces.upperBound, body.datelineEnd - 1)) : nil,
                               length: textLength, wordCount: words)
        let events = rawEvents.isEmpty ? [] : EventAssembly.events(
            rawEvents, body: body, offsets: bodyOffsets, sentences: sentenceSpans, entities: entities,
            index: FrozenTable(order.indices.map { (order[$0].tableKey, positions[$0]) }))
        return Analysis(article: info, entities: entities, events: events, sentences: sentenceSpans)
    }

    /// Stable id from the type and the folded name: "person-majed-al-ansari".
    static func slugID(type: EntityType, name: String) -> String {
        let prefix: String
        switch type {
        case .person: prefix = "person"
        case .country: prefix = "country"
        case .organization: prefix = "org"
        case .location: prefix = "loc"
        }
        var slug = ""
        var dash = false
        for u in Folding.fold(name).unicodeScalars {
            if (u.value >= 97 && u.value <= 122) || (u.value >= 48 && u.value <= 57) || (u.value >= 0x80 && u.properties.isAlphabetic) {
                if dash && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(u)
                dash = false
            } else {
                dash = true
            }
        }
        return "\(prefix)-\(slug.isEmpty ? "x" : slug)"
    }

    /// The merged entities, and the position in them of each entity given.
    func merge(_ entities: [Entity]) -> ([Entity], [Int]) {
        var byID: [String: Int] = [:]
        var out: [Entity] = []
        var positions: [Int] = []
        positions.reserveCapacity(entities.count)
        // Entities that took in others: their mentions are sorted once at the end, not at each merge (many
        // pattern entities of one slug would sort the growing list again and again). The sort is stable, so
        // one sort of all the lists gives what sorting after each merge gave.
        var grown = Set<Int>()
        for e in entities {
            if let at = byID[e.id] {
                positions.append(at)
                grown.insert(at)
                out[at].mentions += e.mentions
                out[at].salience = max(out[at].salience, e.salience)
                out[at].confidence = max(out[at].confidence, e.confidence)
            } else {
                byID[e.id] = out.count
                positions.append(out.count)
                out.append(e)
            }
        }
        for at in grown {
            out[at].mentions.sort { ($0.field == .title ? 1 : 0, $0.start) < ($1.field == .title ? 1 : 0, $1.start) }
        }
        return (out, positions)
    }

    /// Most roles an entity reports. A person holds a few; a text of thousands of different title runs before
    /// one name ("President Minister Putin, Minister General Putin, ...") compared each new title with all the
    /// titles kept before it.
    static let maxRoles = 16

    /// `roles` and then the titles seen in the text, unless a role already says it ("President" under
    /// "President of Russia"), up to `maxRoles`.
    static func addingTextRoles(_ titles: [String], to roles: [String]) -> [String] {
        var roles = roles
        for r in titles where roles.count < maxRoles {
            let prefix = r + " "
            if !roles.contains(where: { $0 == r || $0.hasPrefix(prefix) }) { roles.append(r) }
        }
        return roles
    }

    /// Roles valid at the publication date, "Secretary of State of United States"; all roles without a date
    /// would mislead, so none then.
    func kbRoles(_ e: KBEntity) -> [String] {
        guard let date, e.type == .person else { return [] }
        return e.roles.filter { $0.isValid(on: date) }.map { r in
            if let c = r.country, let country = kb.countryName(iso2: c) { return "\(r.title) of \(country)" }
            if let o = r.org, let org = kb.entity(id: o) { return "\(r.title), \(org.name)" }
            return r.title
        }
    }

    /// The title words right before a person mention ("Russian Foreign Minister" before "Sergei Lavrov").
    func titleBefore(_ doc: Document, _ m: RawMention) -> String? {
        var k = m.start - 1
        guard k >= 0, doc.isTitle[k], doc.tokens[k].sentence == doc.tokens[m.start].sentence else { return nil }
        if case .kb(let i) = m.ref, kb.entities[Int(i)].type != .person { return nil }
        if case .local(let i) = m.ref, doc.locals[Int(i)].type != .person { return nil }
        var start = k
        while k >= 0, doc.isTitle[k] || (doc.owner[k] >= 0 && doc.mentions[Int(doc.owner[k])].kind == .demonym) || doc.tokens[k].key == Keys.of {
            start = k
            k -= 1
        }
        while start < m.start, doc.tokens[start].key == Keys.of { start += 1 }
        return start < m.start ? doc.text(start, m.start) : nil
    }

    /// Share of mentions (against the most mentioned entity), how early it first appears, and the title.
    func salience(_ mentions: [Mention], maxCount: Int, length: Int) -> Double {
        let body = mentions.filter { $0.field == .text }
        let share = Double(body.count) / Double(max(1, maxCount))
        let first = body.first.map { 1 - Double($0.start) / Double(max(1, length)) } ?? 0
        let inTitle = mentions.contains { $0.field == .title } ? 1.0 : 0
        return min(1, 0.55 * share + 0.25 * first + 0.2 * inTitle)
    }
}

/// Maps UTF-8 byte offsets to Unicode code-point offsets (the API's unit); identity for ASCII text.
struct CodePointOffsets {
    let table: [Int32]?

    init(_ bytes: [UInt8]) {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii {
            table = nil
            return
        }
        var t = [Int32](repeating: 0, count: bytes.count + 1)
        var cp: Int32 = 0
        for (i, b) in bytes.enumerated() {
            t[i] = cp
            if b & 0xC0 != 0x80 { cp += 1 }
        }
        // A byte offset inside a scalar never reaches here: tokens start and end on scalar boundaries.
        t[bytes.count] = cp
        // Fix offsets that point at a scalar start: t[i] counted scalars before i.
        table = t
    }

    subscript(_ byte: Int) -> Int { table.map { Int($0[byte]) } ?? byte }
}

extension Double {
    func rounded(places: Int) -> Double {
        var p = 1.0
        for _ in 0..<places { p *= 10 }
        return (self * p).rounded() / p
    }
}
