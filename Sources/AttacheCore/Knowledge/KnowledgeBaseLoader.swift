import AttacheJSON
import AttacheModel
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
            // Trimmed without Foundation: its `trimmingCharacters` bridges each line through NSString, which
            // was a fifth of start-up with the larger word lists.
            while let c = s.first, c.isWhitespace { s.removeFirst() }
            while let c = s.last, c.isWhitespace { s.removeLast() }
            if !s.isEmpty { out.append(String(s)) }
        }
        return out
    }

    static func readEntities(_ url: URL, into entities: inout [KBEntity], index: inout [String: Int]) throws {
        // The project's own reader over the file's bytes, line by line: the generated gazetteer has tens of
        // thousands of lines, and Foundation's parser with `Data.split` took most of the start-up time.
        let data = try Data(contentsOf: url)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let newline = UInt8(ascii: "\n")
            // One entity a line: room for all of them before the first is read.
            let lines = bytes.reduce(0) { $1 == newline ? $0 + 1 : $0 }
            entities.reserveCapacity(entities.count + lines)
            index.reserveCapacity(index.count + lines)
            var lineNo = 0
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != newline { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                lineNo += 1
                var first = lineStart
                while first < lineEnd, bytes[first] == 0x20 || bytes[first] == 0x09 || bytes[first] == 0x0D { first += 1 }
                if first == lineEnd || bytes[first] == UInt8(ascii: "#") { continue }
                let line = UnsafeRawBufferPointer(rebasing: raw[first..<lineEnd])
                try readEntity(line, url: url, lineNo: lineNo, into: &entities, index: &index)
            }
        }
    }

    /// One JSON object of an entity file: a new entity, or an extension of the one with its id.
    static func readEntity(_ line: UnsafeRawBufferPointer, url: URL, lineNo: Int,
                           into entities: inout [KBEntity], index: inout [String: Int]) throws {
        guard let obj = (try? JSONReader.parse(line))?.objectValue else {
            throw LoadError(file: url.lastPathComponent, line: lineNo, message: "not a JSON object")
        }
        guard let id = obj["id"]?.stringValue, !id.isEmpty else {
            throw LoadError(file: url.lastPathComponent, line: lineNo, message: "missing \"id\"")
        }
        func strings(_ key: String) -> [String] { obj[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        func string(_ key: String) -> String? { obj[key]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        func bool(_ key: String) -> Bool? { obj[key]?.boolValue }
        func number(_ key: String) throws -> Double? {
            guard let v = obj[key] else { return nil }
            guard let n = v.doubleValue else {
                throw LoadError(file: url.lastPathComponent, line: lineNo, message: "\"\(key)\" must be a number for \(id)")
            }
            return n
        }
        let geonamesId = try number("geonamesId").map { Int($0) }
        let latitude = try number("latitude"), longitude = try number("longitude")
        if let latitude, !(-90...90).contains(latitude) {
            throw LoadError(file: url.lastPathComponent, line: lineNo, message: "latitude out of range for \(id)")
        }
        if let longitude, !(-180...180).contains(longitude) {
            throw LoadError(file: url.lastPathComponent, line: lineNo, message: "longitude out of range for \(id)")
        }
        let roles: [KBRole] = obj["roles"]?.arrayValue?.compactMap { r in
            guard let r = r.objectValue, let title = r["title"]?.stringValue else { return nil }
            return KBRole(title: title, country: r["country"]?.stringValue, org: r["org"]?.stringValue,
                          from: r["from"]?.stringValue, to: r["to"]?.stringValue)
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
            if let cs = bool("caseSensitive") { e.caseSensitive = cs }
            if let v = bool("needsContext") { e.needsContext = v }
            if let geonamesId { e.geonamesId = geonamesId }
            if let latitude { e.latitude = latitude }
            if let longitude { e.longitude = longitude }
            entities[at] = e
            return
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
        e.caseSensitive = bool("caseSensitive") ?? false
        e.needsContext = bool("needsContext") ?? false
        e.geonamesId = geonamesId
        e.latitude = latitude
        e.longitude = longitude
        index[id] = entities.count
        entities.append(e)
    }
}
