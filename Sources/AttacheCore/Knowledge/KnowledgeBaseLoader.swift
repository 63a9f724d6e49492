import AttacheJSON
import AttacheModel
import Foundation

/// Reads knowledge-base directories: the entity files (`countries.jsonl`, `locations.jsonl`,
/// `organizations.jsonl`, `people.jsonl`) and the word lists of `lexicon/`; the `events/` files are
/// read by `EventLexicon`, and only their names are checked here.
///
/// Strict: a file the layout does not name, a line that is not a JSON object, an unknown key, a value of
/// the wrong type, an id defined twice in one directory, a country code no country carries, a role's
/// organization that does not exist, or a malformed lexicon line is an error naming the file and line.
/// Every problem is collected (up to `maxProblems`) and thrown together, so a user fixes them in one pass.
///
/// Directories are read in order; a line of a later directory whose id an earlier one defined extends that
/// entity: list fields are appended, scalar fields replace, and `remove` drops surfaces that no longer name it.
public enum KnowledgeBaseLoader {
    /// A problem in one line of one file. `others` holds the further problems of the same load, so one
    /// error says all that is wrong.
    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var others: [LoadError] = []

        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }

        /// Every problem of the load, this one first.
        public var problems: [LoadError] {
            var first = self
            first.others = []
            return [first] + others
        }

        /// This problem alone: `file:line: message`, or `file: message` for a problem of the whole file (line 0).
        public var summary: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }

        public var description: String { problems.map(\.summary).joined(separator: "\n") }
    }

    /// Problems reported by one load at most: past this many the rest are counted, not listed.
    static let maxProblems = 100

    /// The files an `events/` folder may hold (read by `EventLexicon`; `goldstein.tsv` by `GoldsteinScale`, from the
    /// built-in knowledge base).
    static let eventFiles: Set<String> = [
        "goldstein.tsv", "triggers.tsv", "day-shifts.tsv", "role-words.tsv", "negation-cues.txt", "refusal-cues.txt",
        "condition-cues.txt", "hedge-cues.txt", "future-cues.txt", "clause-openers.txt", "determiners.txt",
        "named-event-heads.txt", "named-event-modifiers.txt", "captive-nouns.txt", "press-audiences.txt",
    ]

    /// The directory of the knowledge base shipped with the binary.
    public static var builtInDirectory: URL? {
        Bundle.module.url(forResource: "kb", withExtension: nil)
    }

    /// Loads entities and lexicons from `directories` (in order). Throws a `LoadError` listing every problem.
    /// `checkSurfaces` adds the checks of `Reader.checkSurfaces`, which `attache kb check` and the tests run: they
    /// find data that loads but that the engine would read by chance, and would add a few percent to every start-up.
    public static func load(directories: [URL], checkSurfaces: Bool = false) throws -> (entities: [KBEntity], lexicons: [String: [String]]) {
        var reader = Reader()
        for (n, dir) in directories.enumerated() {
            reader.directory = Int32(n)
            try reader.readDirectory(dir)
        }
        reader.checkReferences()
        if checkSurfaces { reader.checkSurfaces() }
        if let error = reader.failure { throw error }
        return (reader.entities, reader.lexicons)
    }

    /// Throws a `LoadError` naming each required lexicon file (`DatingWords.files`) that none of the loaded
    /// directories holds: a rule reading an absent list would silently stop applying. A directory loaded alone
    /// (`--no-builtin-kb`) must hold them too.
    public static func requireLexicons(_ lexicons: [String: [String]]) throws {
        let missing = DatingWords.files.filter { lexicons[$0] == nil }.map {
            LoadError(file: "lexicon/\($0).txt", line: 0, message: "missing: no knowledge-base directory holds this required word list")
        }
        guard var first = missing.first else { return }
        first.others = Array(missing.dropFirst())
        throw first
    }

    /// One entry a line; `#` starts a comment; blank lines ignored; surrounding spaces trimmed.
    static func parseList(_ text: String) -> [String] {
        parseNumberedList(text).map(\.entry)
    }

    /// `parseList` with each entry's line number (from 1), for messages.
    static func parseNumberedList(_ text: String) -> [(line: Int, entry: String)] {
        var out: [(line: Int, entry: String)] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var s = Substring(line)
            if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
            // Trimmed without Foundation: its `trimmingCharacters` bridges each line through NSString, which
            // was a fifth of start-up with the larger word lists.
            while let c = s.first, c.isWhitespace { s.removeFirst() }
            while let c = s.last, c.isWhitespace { s.removeLast() }
            if !s.isEmpty { out.append((n + 1, String(s))) }
        }
        return out
    }

    /// A file and line, for the checks that run after every directory is read.
    struct SourceLine {
        var file: Int32
        var line: Int32
    }

    /// The state of one load: what was read so far, where each entity came from, and the problems.
    struct Reader {
        var entities: [KBEntity] = []
        var index: [String: Int] = [:]
        /// Parallel to `entities`: the line that defined each one, and its directory's number.
        var origins: [SourceLine] = []
        var directories: [Int32] = []
        var lexicons: [String: [String]] = [:]
        /// Paths of the files read, indexed by `SourceLine.file`.
        var files: [String] = []
        var directory: Int32 = 0
        /// Country codes and organization ids used by records, checked once every directory is read.
        var countryCodes: [(code: String, at: SourceLine)] = []
        var organizationIds: [(id: String, at: SourceLine)] = []
        var problems: [LoadError] = []
        var unlistedProblems = 0

        mutating func report(_ at: SourceLine, _ message: String) {
            report(file: files[Int(at.file)], line: Int(at.line), message)
        }

        mutating func report(file: String, line: Int, _ message: String) {
            if problems.count < maxProblems {
                problems.append(LoadError(file: file, line: line, message: message))
            } else {
                unlistedProblems += 1
            }
        }

        var failure: LoadError? {
            guard var first = problems.first else { return nil }
            first.others = Array(problems.dropFirst())
            if unlistedProblems > 0 {
                first.others.append(LoadError(file: files.last ?? "", line: 0, message: "and \(unlistedProblems) more problems"))
            }
            return first
        }

        mutating func addFile(_ url: URL) -> Int32 {
            files.append(url.path)
            return Int32(files.count - 1)
        }

        /// The entity files in the order of `KBEntityFile` (countries first, so that later files' country codes
        /// are known), then `lexicon/`; `events/` names are checked. Any other file is an error; hidden files and
        /// Markdown notes are allowed.
        mutating func readDirectory(_ dir: URL) throws {
            let fm = FileManager.default
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                report(file: dir.path, line: 0, "no such knowledge-base directory")
                return
            }
            let names = try fm.contentsOfDirectory(atPath: dir.path)
            for name in names.sorted() where !Reader.isNote(name) {
                switch name {
                case "lexicon", "events": continue
                case _ where KBEntityFile(rawValue: name) != nil: continue
                default:
                    report(file: dir.appendingPathComponent(name).path, line: 0,
                           "unknown file: a knowledge-base directory holds \(KBEntityFile.allCases.map(\.rawValue).joined(separator: ", ")), lexicon/ and events/")
                }
            }
            for file in KBEntityFile.allCases where names.contains(file.rawValue) {
                try readEntities(dir.appendingPathComponent(file.rawValue), file)
            }
            let lexDir = dir.appendingPathComponent("lexicon")
            for name in ((try? fm.contentsOfDirectory(atPath: lexDir.path)) ?? []).sorted() where !Reader.isNote(name) {
                let url = lexDir.appendingPathComponent(name)
                guard name.hasSuffix(".txt"), let format = Lexicon.files[String(name.dropLast(4))] else {
                    report(file: url.path, line: 0, "unknown lexicon file: lexicon/ holds \(Lexicon.files.keys.sorted().map { $0 + ".txt" }.joined(separator: ", "))")
                    continue
                }
                try readLexicon(url, name: String(name.dropLast(4)), format: format)
            }
            let eventsDir = dir.appendingPathComponent("events")
            for name in ((try? fm.contentsOfDirectory(atPath: eventsDir.path)) ?? []).sorted()
            where !Reader.isNote(name) && !eventFiles.contains(name) {
                report(file: eventsDir.appendingPathComponent(name).path, line: 0,
                       "unknown events file: events/ holds \(eventFiles.sorted().joined(separator: ", "))")
            }
        }

        /// Hidden files and Markdown notes (a README) may sit beside the data.
        static func isNote(_ name: String) -> Bool { name.hasPrefix(".") || name.hasSuffix(".md") }

        mutating func readLexicon(_ url: URL, name: String, format: Lexicon.FileFormat) throws {
            let file = addFile(url)
            let lines = parseNumberedList(try String(contentsOf: url, encoding: .utf8))
            for (line, entry) in lines {
                let at = SourceLine(file: file, line: Int32(line))
                if let problem = format.problem(with: entry) {
                    report(at, problem)
                } else if format == .wordAndCountry, let code = Lexicon.pairs([entry]).first?.value {
                    countryCodes.append((code, at))
                } else if format == .countryCode {
                    countryCodes.append((entry, at))
                }
            }
            lexicons[name, default: []].append(contentsOf: lines.map(\.entry))
        }

        mutating func readEntities(_ url: URL, _ kind: KBEntityFile) throws {
            let file = addFile(url)
            let keyMask = kind.keyMask
            // The project's own reader over the file's bytes, line by line: the generated gazetteer has tens of
            // thousands of lines, and Foundation's parser with `Data.split` took most of the start-up time.
            let data = try Data(contentsOf: url)
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let bytes = raw.bindMemory(to: UInt8.self)
                let newline = UInt8(ascii: "\n")
                // One entity a line: room for all of them before the first is read.
                let lines = bytes.reduce(0) { $1 == newline ? $0 + 1 : $0 }
                entities.reserveCapacity(entities.count + lines)
                origins.reserveCapacity(origins.count + lines)
                directories.reserveCapacity(directories.count + lines)
                index.reserveCapacity(index.count + lines)
                var lineNo: Int32 = 0
                var lineStart = 0
                while lineStart < bytes.count {
                    var lineEnd = lineStart
                    while lineEnd < bytes.count, bytes[lineEnd] != newline { lineEnd += 1 }
                    defer { lineStart = lineEnd + 1 }
                    lineNo += 1
                    var first = lineStart
                    while first < lineEnd, bytes[first] == 0x20 || bytes[first] == 0x09 || bytes[first] == 0x0D { first += 1 }
                    if first == lineEnd || bytes[first] == UInt8(ascii: "#") { continue }
                    let at = SourceLine(file: file, line: lineNo)
                    let record: KBRecord
                    do {
                        let value = try JSONReader.parse(UnsafeRawBufferPointer(rebasing: raw[first..<lineEnd]))
                        guard case .object(let object) = value else {
                            report(at, "not a JSON object")
                            continue
                        }
                        record = try KBRecord.decode(object, in: kind, keyMask: keyMask)
                    } catch let error as JSONError {
                        report(at, "not valid JSON: \(error.message) at byte \(error.offset)")
                        continue
                    } catch let problem as KBRecord.Problem {
                        report(at, problem.message)
                        continue
                    } catch {
                        report(at, "\(error)")
                        continue
                    }
                    add(record, kind, at)
                }
            }
        }

        /// A new entity, or an extension of an earlier directory's entity with this id.
        mutating func add(_ r: KBRecord, _ kind: KBEntityFile, _ at: SourceLine) {
            if let country = r.country { countryCodes.append((country, at)) }
            for role in r.roles ?? [] {
                if let c = role.country { countryCodes.append((c, at)) }
                if let org = role.org { organizationIds.append((org, at)) }
            }
            if let i = index[r.id] {
                let first = origins[i]
                // Ids carry their file's prefix (`KBRecord.id`), so the entity is of this file's type.
                if directories[i] == directory {
                    report(at, "duplicate id \(r.id): already defined at \(files[Int(first.file)]):\(first.line)")
                } else {
                    var e = entities[i]
                    if let problem = Reader.extend(&e, with: r) { report(at, problem) }
                    entities[i] = e
                }
                return
            }
            if r.remove != nil {
                report(at, "\"remove\" applies to an entity of an earlier directory; \(r.id) is new")
                return
            }
            guard let name = r.name else {
                report(at, "missing \"name\" for new entity \(r.id)")
                return
            }
            guard r.type != nil else {
                report(at, "missing \"type\" for new entity \(r.id) (\"\(kind.type.rawValue)\" in \(kind.rawValue))")
                return
            }
            var e = KBEntity(id: r.id, type: kind.type, name: name)
            e.iso2 = r.iso2
            e.iso3 = r.iso3
            e.country = r.country
            e.kind = r.kind
            e.capital = r.capital
            e.aliases = r.aliases ?? []
            e.acronyms = r.acronyms ?? []
            e.demonyms = r.demonyms ?? []
            e.metonyms = r.metonyms ?? []
            e.roles = r.roles ?? []
            e.caseSensitive = r.caseSensitive ?? false
            e.needsContext = r.needsContext ?? false
            e.geonamesId = r.geonamesId
            e.latitude = r.latitude
            e.longitude = r.longitude
            index[r.id] = entities.count
            entities.append(e)
            origins.append(at)
            directories.append(directory)
        }

        /// Merges an extension record into `e`: scalars replace, lists append, `remove` drops surfaces
        /// (from aliases, acronyms, demonyms and metonyms). Returns a problem when a surface to remove is not there.
        static func extend(_ e: inout KBEntity, with r: KBRecord) -> String? {
            if let v = r.name { e.name = v }
            if let v = r.iso2 { e.iso2 = v }
            if let v = r.iso3 { e.iso3 = v }
            if let v = r.country { e.country = v }
            if let v = r.kind { e.kind = v }
            if let v = r.capital { e.capital = v }
            e.aliases += r.aliases ?? []
            e.acronyms += r.acronyms ?? []
            e.demonyms += r.demonyms ?? []
            e.metonyms += r.metonyms ?? []
            e.roles += r.roles ?? []
            if let v = r.caseSensitive { e.caseSensitive = v }
            if let v = r.needsContext { e.needsContext = v }
            if let v = r.geonamesId { e.geonamesId = v }
            if let v = r.latitude { e.latitude = v }
            if let v = r.longitude { e.longitude = v }
            var missing: [String] = []
            for surface in r.remove ?? [] {
                let before = e.aliases.count + e.acronyms.count + e.demonyms.count + e.metonyms.count
                e.aliases.removeAll { $0 == surface }
                e.acronyms.removeAll { $0 == surface }
                e.demonyms.removeAll { $0 == surface }
                e.metonyms.removeAll { $0 == surface }
                if e.aliases.count + e.acronyms.count + e.demonyms.count + e.metonyms.count == before { missing.append(surface) }
            }
            guard !missing.isEmpty else { return nil }
            return "cannot remove \(missing.map { "\"\($0)\"" }.joined(separator: ", ")): no alias, acronym, demonym or metonym of \(e.id)"
        }

        /// Country codes must be the `iso2` of a country or a listed territory (`lexicon/territory-codes.txt`);
        /// a role's `org` must be an organization's id.
        mutating func checkReferences() {
            var known = Set(lexicons["territory-codes"] ?? [])
            // By index: a loop over the entities would copy each one.
            for i in entities.indices where entities[i].type == .country {
                if let code = entities[i].iso2 { known.insert(code) }
            }
            for (code, at) in countryCodes where !known.contains(code) {
                report(at, "unknown country code \"\(code)\": no country in countries.jsonl has it as iso2, nor does lexicon/territory-codes.txt list it")
            }
            for (id, at) in organizationIds where index[id].map({ entities[$0].type != .organization }) ?? true {
                report(at, "unknown organization \"\(id)\" in a role: no organization has this id")
            }
        }

        /// One surface names one country and one place, and no place is named like a country (the engine would
        /// have to pick one by chance); a country's `capital` and `metonyms` name places. Surfaces are compared
        /// folded (`Folding`), and a country's acronyms as written ("US" is not "Us").
        mutating func checkSurfaces() {
            var countryExact: [String: Int] = [:]
            var countryFolded: [UInt64: Int] = [:]
            var countryKeys = Set<UInt64>()
            for i in entities.indices where entities[i].type == .country {
                for s in [entities[i].name] + entities[i].aliases + entities[i].acronyms + entities[i].demonyms {
                    countryKeys.insert(Folding.hash(s))
                    let other = isAcronymShaped(s) || s.contains(".")
                        ? countryExact.updateValue(i, forKey: s) : countryFolded.updateValue(i, forKey: Folding.hash(s))
                    if let other, other != i { reportSurface(s, i, other) }
                }
            }
            var places: [UInt64: Int] = [:]
            places.reserveCapacity(entities.count)
            for i in entities.indices where entities[i].type == .location {
                reportPlaceSurface(entities[i].name, i, &places, countryKeys)
                for s in entities[i].aliases { reportPlaceSurface(s, i, &places, countryKeys) }
            }
            for i in entities.indices where entities[i].type == .country {
                for s in (entities[i].capital.map { [$0] } ?? []) + entities[i].metonyms where places[Folding.hash(s)] == nil {
                    report(origins[i], "\"\(s)\", the capital or a seat of power of \(entities[i].id), names no location")
                }
            }
        }

        mutating func reportPlaceSurface(_ s: String, _ i: Int, _ places: inout [UInt64: Int], _ countryKeys: Set<UInt64>) {
            let key = Folding.hash(s)
            if let other = places.updateValue(i, forKey: key), other != i { reportSurface(s, i, other) }
            if countryKeys.contains(key) { report(origins[i], "\"\(s)\" of \(entities[i].id) also names a country") }
        }

        mutating func reportSurface(_ s: String, _ i: Int, _ other: Int) {
            let first = origins[other]
            report(origins[i], "\"\(s)\" names both \(entities[i].id) and \(entities[other].id) (\(files[Int(first.file)]):\(first.line))")
        }
    }
}
