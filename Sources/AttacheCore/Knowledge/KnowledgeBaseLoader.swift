import Foundation

/// Reads knowledge-base directories: `*.jsonl` entity files and `lexicon/*.txt` word lists.
///
/// Directories are read in order; a later line with an id already seen adds its aliases, acronyms,
/// demonyms, metonyms and roles to that entity (and may override scalar fields), so users extend the
/// built-in data without copying it.
public enum KnowledgeBaseLoader {
    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// The directory of the knowledge base shipped with the binary.
    public static var builtInDirectory: URL? {
        Bundle.module.url(forResource: "kb", withExtension: nil)
    }

    /// Loads entities and lexicons from `directories` (in order).
    public static func load(directories: [URL]) throws -> (entities: [KBEntity], lexicons: [String: [String]]) {
        var entities: [KBEntity] = []
        var index: [String: Int] = [:]
        var lexicons: [String: [String]] = [:]
        let fm = FileManager.default
        for dir in directories {
            let files = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
            for file in files where file.hasSuffix(".jsonl") {
                let url = dir.appendingPathComponent(file)
                try readEntities(url, into: &entities, index: &index)
            }
            let lexDir = dir.appendingPathComponent("lexicon")
            let lexFiles = ((try? fm.contentsOfDirectory(atPath: lexDir.path)) ?? []).sorted()
            for file in lexFiles where file.hasSuffix(".txt") {
                let name = String(file.dropLast(4))
                let text = try String(contentsOf: lexDir.appendingPathComponent(file), encoding: .utf8)
                lexicons[name, default: []].append(contentsOf: parseList(text))
            }
        }
        return (entities, lexicons)
    }

    /// One entry a line; `#` starts a comment; blank lines ignored; surrounding spaces trimmed.
    static func parseList(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var s = Substring(line)
            if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
            let t = s.trimmingCharacters(in: .whitespaces)
            if !t.isEmpty { out.append(t) }
        }
        return out
    }

    static func readEntities(_ url: URL, into entities: inout [KBEntity], index: inout [String: Int]) throws {
        let data = try Data(contentsOf: url)
        var lineNo = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNo += 1
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
            guard let obj = (try? JSONSerialization.jsonObject(with: Data(trimmed))) as? [String: Any] else {
                throw LoadError(file: url.lastPathComponent, line: lineNo, message: "not a JSON object")
            }
            guard let id = obj["id"] as? String, !id.isEmpty else {
                throw LoadError(file: url.lastPathComponent, line: lineNo, message: "missing \"id\"")
            }
            func strings(_ key: String) -> [String] { (obj[key] as? [Any])?.compactMap { $0 as? String } ?? [] }
            func string(_ key: String) -> String? { (obj[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
            let roles: [KBRole] = (obj["roles"] as? [Any])?.compactMap { r in
                guard let r = r as? [String: Any], let title = r["title"] as? String else { return nil }
                return KBRole(title: title, country: r["country"] as? String, org: r["org"] as? String,
                              from: r["from"] as? String, to: r["to"] as? String)
            } ?? []
            if let at = index[id] {
                // Extension of an existing entity.
                var e = entities[at]
                if let name = string("name") { e.name = name }
                if let v = string("iso2") { e.iso2 = v }
                if let v = string("iso3") { e.iso3 = v }
                if let v = string("country") { e.country = v }
                if let v = string("kind") { e.kind = v }
                if let v = string("capital") { e.capital = v }
                e.aliases += strings("aliases")
                e.acronyms += strings("acronyms")
                e.demonyms += strings("demonyms")
                e.metonyms += strings("metonyms")
                e.roles += roles
                if let cs = obj["caseSensitive"] as? Bool { e.caseSensitive = cs }
                entities[at] = e
                continue
            }
            guard let typeName = string("type"), let type = EntityType(rawValue: typeName) else {
                throw LoadError(file: url.lastPathComponent, line: lineNo, message: "missing or unknown \"type\" for \(id)")
            }
            guard let name = string("name") else {
                throw LoadError(file: url.lastPathComponent, line: lineNo, message: "missing \"name\" for \(id)")
            }
            var e = KBEntity(id: id, type: type, name: name)
            e.iso2 = string("iso2")
            e.iso3 = string("iso3")
            e.country = string("country")
            e.kind = string("kind")
            e.capital = string("capital")
            e.aliases = strings("aliases")
            e.acronyms = strings("acronyms")
            e.demonyms = strings("demonyms")
            e.metonyms = strings("metonyms")
            e.roles = roles
            e.caseSensitive = obj["caseSensitive"] as? Bool ?? false
            index[id] = entities.count
            entities.append(e)
        }
    }
}
