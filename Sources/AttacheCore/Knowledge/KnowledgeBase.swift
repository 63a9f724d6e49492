import AttacheModel
import Foundation

/// The loaded, frozen knowledge base: entities, lexicons and the compiled phrase dictionary.
///
/// Built once at start-up and shared read-only by every analysis.
public final class KnowledgeBase: Sendable {
    public let entities: [KBEntity]
    public let lexicon: Lexicon
    public let gazetteer: Gazetteer
    public let tokenizer: Tokenizer
    let idIndex: [String: Int]
    /// ISO 3166-1 alpha-2 code → country entity index.
    let countryIndex: [String: Int]
    /// Surname key → person entity indices, for linking a bare family name to a known person.
    let surnames: [UInt64: [Int32]]

    /// Loads the built-in knowledge base, then each of `extraDirectories` in order (later files extend earlier ones).
    public static func load(extraDirectories: [URL] = [], includeBuiltIn: Bool = true) throws -> KnowledgeBase {
        var dirs: [URL] = []
        if includeBuiltIn, let builtIn = KnowledgeBaseLoader.builtInDirectory { dirs.append(builtIn) }
        dirs += extraDirectories
        let (entities, lexicons) = try KnowledgeBaseLoader.load(directories: dirs)
        try KnowledgeBaseLoader.requireLexicons(lexicons)
        return KnowledgeBase(entities: entities, lexicons: lexicons)
    }

    public init(entities: [KBEntity], lexicons: [String: [String]], tokenizer: Tokenizer = Tokenizer()) {
        self.entities = entities
        self.tokenizer = tokenizer
        let lexicon = Lexicon(lists: lexicons)
        self.lexicon = lexicon
        var index: [String: Int] = [:]
        for (i, e) in entities.enumerated() { index[e.id] = i }
        self.idIndex = index
        var countries: [String: Int] = [:]
        for (i, e) in entities.enumerated() where e.type == .country {
            if let c = e.iso2, countries[c] == nil { countries[c] = i }
        }
        self.countryIndex = countries

        var g = Gazetteer()
        g.reserveCapacity(phrases: entities.reduce(0) { $0 + 1 + $1.aliases.count + $1.acronyms.count + $1.demonyms.count + $1.metonyms.count })
        var surnames: [UInt64: [Int32]] = [:]

        // Capitals by every name of the city ("Kiev" as well as "Kyiv").
        let capitals = Set(entities.compactMap(\.capital))
        var locationNames: [String: [String]] = [:]
        for e in entities where e.type == .location && capitals.contains(e.name) { locationNames[e.name, default: []] += e.aliases }

        func add(_ phrase: String, _ target: Int32, _ kind: EntryKind, everyday: Bool = false) {
            let (keys, mask, bytes) = KnowledgeBase.compile(phrase, tokenizer)
            guard !keys.isEmpty, keys.count <= 24 else { return }
            let folded = Folding.hash(phrase)
            let common = everyday || (keys.count == 1 && lexicon.commonWords.contains(folded))
            g.add(keys: keys, entry: GazetteerEntry(
                target: target, kind: kind, tokenCount: UInt8(keys.count),
                capitalMask: kind == .acronym || kind == .title || kind == .honorific ? 0 : mask,
                exact: kind == .acronym ? bytes : nil, isCommonWord: common))
        }

        for (i, e) in entities.enumerated() {
            let t = Int32(i)
            let everyday = e.caseSensitive
            add(e.name, t, .name, everyday: everyday)
            for a in e.aliases { add(a, t, isAcronymShaped(a) ? .acronym : .alias, everyday: everyday) }
            for a in e.acronyms { add(a, t, .acronym) }
            for d in e.demonyms { add(d, t, .demonym) }
            for m in e.metonyms { add(m, t, .metonym) }
            if let c = e.capital {
                add(c, t, .capital)
                for alias in locationNames[c] ?? [] where !isAcronymShaped(alias) { add(alias, t, .capital) }
            }
            if e.type == .person {
                for form in KnowledgeBase.surnameForms(of: e, lexicon) {
                    add(form, t, .surname)
                    surnames[Folding.hash(form), default: []].append(t)
                }
            }
        }
        for title in lexicons["titles"] ?? [] { add(title, -1, .title) }
        for h in lexicons["honorifics"] ?? [] { add(h, -1, .honorific) }
        g.freeze()
        self.gazetteer = g
        self.surnames = surnames
    }

    /// The canonical name of the country with this alpha-2 code.
    public func countryName(iso2: String) -> String? {
        countryIndex[iso2].map { entities[$0].name }
    }

    public func entity(id: String) -> KBEntity? {
        idIndex[id].map { entities[$0] }
    }

    /// Counts per type: entities and dictionary phrases.
    public var statistics: [(type: EntityType, entities: Int, phrases: Int)] {
        var ents: [EntityType: Int] = [:]
        var phrases: [EntityType: Int] = [:]
        for e in entities { ents[e.type, default: 0] += 1 }
        for entry in gazetteer.entries where entry.target >= 0 { phrases[entities[Int(entry.target)].type, default: 0] += 1 }
        return EntityType.allCases.map { ($0, ents[$0] ?? 0, phrases[$0] ?? 0) }
    }

    /// The family-name forms of a person: "Bashar al-Assad" → "al-Assad", "Assad"; "Xi Jinping" → "Xi".
    /// The particles and prefixes are `lexicon/surname-particles.txt` and `surname-prefixes.txt`, the countries that
    /// put the family name first `family-name-first.txt`.
    static func surnameForms(of e: KBEntity, _ lexicon: Lexicon) -> [String] {
        var forms: [String] = []
        let familyFirst = e.country.map { lexicon.familyNameFirst.contains($0) } ?? false
        let nameParts = e.name.split(separator: " ")
        for full in [e.name] + e.aliases {
            let parts = full.split(separator: " ").map(String.init)
            guard parts.count >= 2 else { continue }
            // "Saif al-Islam" of "Saif al-Islam Gaddafi" is the given names: its last word is no family name.
            if full != e.name, parts.count < nameParts.count, zip(parts, nameParts).allSatisfy({ $0 == $1 }) { continue }
            if familyFirst {
                forms.append(parts[0])
                continue
            }
            let last = parts[parts.count - 1]
            // Regnal numbers ("Abdullah II") and initials are not family names.
            if last.count <= 1 || last.allSatisfy({ "IVXLC".contains($0) }) { continue }
            forms.append(last)
            // "al-Assad" → also "Assad"; "el-Sisi" → "Sisi".
            if let dash = last.firstIndex(of: "-") {
                if lexicon.surnamePrefixes.contains(Folding.hash(last[..<dash])) {
                    forms.append(String(last[last.index(after: dash)...]))
                }
            }
            // Particles before the last word belong to it: "de Mistura", "von der Leyen", "bin Laden".
            if parts.count >= 3 {
                var k = parts.count - 2
                while k >= 1, lexicon.surnameParticles.contains(Folding.hash(parts[k])) {
                    forms.append(parts[k...].joined(separator: " "))
                    k -= 1
                }
            }
        }
        var seen = Set<String>()
        return forms.filter { seen.insert($0).inserted }
    }

    /// Tokens' keys, the capital mask and the UTF-8 bytes of a phrase, tokenized like article text.
    static func compile(_ phrase: String, _ tokenizer: Tokenizer) -> ([UInt64], UInt32, [UInt8]) {
        let bytes = Array(phrase.utf8)
        let tokens = bytes.withUnsafeBufferPointer { tokenizer.tokenize($0) }
        var mask: UInt32 = 0
        for (k, t) in tokens.enumerated() where k < 32 && t.has(.capitalized) { mask |= 1 << UInt32(k) }
        return (tokens.map(\.key), mask, bytes)
    }
}

/// "NATO", "U.S.", "G7": all letters upper-case, or dotted.
func isAcronymShaped(_ s: String) -> Bool {
    var letters = 0
    for u in s.unicodeScalars {
        if u.properties.isLowercase { return false }
        if u.properties.isUppercase { letters += 1 }
        if u == " " { return false }
    }
    return letters >= 2
}
