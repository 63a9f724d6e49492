import AttacheModel

import AttacheJSON

/// The keys an entity record may carry. Which of them a file accepts is `KBEntityFile.keys`.
enum KBKey: UInt8, CaseIterable {
    case id, type, name, iso2, iso3, country, kind, capital
    case aliases, acronyms, demonyms, metonyms, roles
    case caseSensitive, needsContext, geonamesId, latitude, longitude
    /// Surfaces of an earlier directory's entity that no longer name it (an extension's way to drop an alias).
    case remove

    /// The key as written in the file.
    var name: String {
        switch self {
        case .id: "id"
        case .type: "type"
        case .name: "name"
        case .iso2: "iso2"
        case .iso3: "iso3"
        case .country: "country"
        case .kind: "kind"
        case .capital: "capital"
        case .aliases: "aliases"
        case .acronyms: "acronyms"
        case .demonyms: "demonyms"
        case .metonyms: "metonyms"
        case .roles: "roles"
        case .caseSensitive: "caseSensitive"
        case .needsContext: "needsContext"
        case .geonamesId: "geonamesId"
        case .latitude: "latitude"
        case .longitude: "longitude"
        case .remove: "remove"
        }
    }

    /// The key written `name`, or nil. A switch rather than a dictionary: comparing short strings is cheaper
    /// than hashing them, and the commonest keys come first.
    init?(name: String) {
        switch name {
        case "id": self = .id
        case "type": self = .type
        case "name": self = .name
        case "country": self = .country
        case "kind": self = .kind
        case "geonamesId": self = .geonamesId
        case "latitude": self = .latitude
        case "longitude": self = .longitude
        case "aliases": self = .aliases
        case "needsContext": self = .needsContext
        case "roles": self = .roles
        case "acronyms": self = .acronyms
        case "iso2": self = .iso2
        case "iso3": self = .iso3
        case "demonyms": self = .demonyms
        case "capital": self = .capital
        case "metonyms": self = .metonyms
        case "caseSensitive": self = .caseSensitive
        case "remove": self = .remove
        default: return nil
        }
    }

    var bit: UInt32 { 1 << UInt32(rawValue) }
}

/// The entity files of a knowledge-base directory; any other `.jsonl` file is an error.
enum KBEntityFile: String, CaseIterable {
    case countries = "countries.jsonl"
    case locations = "locations.jsonl"
    case organizations = "organizations.jsonl"
    case people = "people.jsonl"

    /// The type of every record of the file.
    var type: EntityType {
        switch self {
        case .countries: .country
        case .locations: .location
        case .organizations: .organization
        case .people: .person
        }
    }

    /// The keys its records may carry (the tables of the kb README).
    var keys: [KBKey] {
        let common: [KBKey] = [.id, .type, .name, .aliases, .remove]
        switch self {
        case .countries: return common + [.iso2, .iso3, .acronyms, .demonyms, .capital, .metonyms]
        case .locations: return common + [.country, .kind, .caseSensitive, .needsContext, .geonamesId, .latitude, .longitude]
        case .organizations: return common + [.acronyms, .metonyms, .country, .kind]
        case .people: return common + [.acronyms, .country, .roles]
        }
    }

    var keyMask: UInt32 { keys.reduce(0) { $0 | $1.bit } }

    /// What every id of the file starts with; the rest is lower-case ASCII letters, digits and dashes.
    var idPrefix: String {
        switch self {
        case .countries: "country-"
        case .locations: "loc-"
        case .organizations: "org-"
        case .people: "person-"
        }
    }

    /// The values `kind` may take (the tables of the kb README); empty for files without `kind`.
    var kinds: Set<String> {
        switch self {
        case .locations: KBEntityFile.locationKinds
        case .organizations: KBEntityFile.organizationKinds
        case .countries, .people: []
        }
    }

    static let locationKinds: Set<String> = ["city", "region", "body-of-water", "mountain", "continent", "world-region", "venue",
                                             "island", "other"]
    static let organizationKinds: Set<String> = ["igo", "igo-organ", "government", "military", "armed-group", "party", "agency",
                                                 "ngo", "company", "ad-hoc-group", "court", "other"]
}

/// One line of an entity file, decoded strictly: every key known to its file, every value of its key's type.
/// Absent keys are nil, so that an extension line (only `id` and what it adds) leaves the rest alone.
struct KBRecord {
    var id = ""
    var type: EntityType?
    var name, iso2, iso3, country, kind, capital: String?
    var aliases, acronyms, demonyms, metonyms, remove: [String]?
    var roles: [KBRole]?
    var caseSensitive, needsContext: Bool?
    var geonamesId: Int?
    var latitude, longitude: Double?

    /// A problem with one value; the loader adds the file and line.
    struct Problem: Error, Equatable {
        var message: String
    }

    /// Decodes `object` as a record of `file`. Members are visited once each, in the order written.
    static func decode(_ object: JSONObject, in file: KBEntityFile, keyMask: UInt32) throws(Problem) -> KBRecord {
        var r = KBRecord()
        for (key, value) in object {
            guard let k = KBKey(name: key), keyMask & k.bit != 0 else {
                throw Problem(message: "unknown key \"\(key)\" (\(file.rawValue) takes \(file.keys.map(\.name).joined(separator: ", ")))")
            }
            switch k {
            case .id: r.id = try id(value, file)
            case .type:
                let t = try string(value, key)
                guard t == file.type.rawValue else {
                    throw Problem(message: "\"type\" is \"\(t)\"; every record of \(file.rawValue) is a \(file.type.rawValue)")
                }
                r.type = file.type
            case .name:
                var name = try string(value, key)
                // Canonical names are what the API reports and the annotation guide asks for: no accents.
                guard name.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) else {
                    throw Problem(message: "\"name\" \"\(name)\" must be plain ASCII; put the accented spelling in \"aliases\"")
                }
                r.name = name
            case .iso2: r.iso2 = try code(value, key, letters: 2)
            case .iso3: r.iso3 = try code(value, key, letters: 3)
            case .country: r.country = try string(value, key)
            case .kind:
                let kind = try string(value, key)
                guard file.kinds.contains(kind) else {
                    throw Problem(message: "\"kind\" \"\(kind)\" is none of \(file.kinds.sorted().joined(separator: ", "))")
                }
                r.kind = kind
            case .capital: r.capital = try string(value, key)
            case .aliases: r.aliases = try strings(value, key)
            case .acronyms: r.acronyms = try strings(value, key)
            case .demonyms: r.demonyms = try strings(value, key)
            case .metonyms: r.metonyms = try strings(value, key)
            case .remove: r.remove = try strings(value, key)
            case .roles: r.roles = try roles(value)
            case .caseSensitive: r.caseSensitive = try bool(value, key)
            case .needsContext: r.needsContext = try bool(value, key)
            case .geonamesId:
                guard let n = value.intValue, n > 0 else { throw Problem(message: "\"geonamesId\" must be a positive integer") }
                r.geonamesId = Int(n)
            case .latitude: r.latitude = try degrees(value, key, limit: 90)
            case .longitude: r.longitude = try degrees(value, key, limit: 180)
            }
        }
        guard !r.id.isEmpty else { throw Problem(message: "missing \"id\"") }
        return r
    }

    static func string(_ v: JSONValue, _ key: String) throws(Problem) -> String {
        guard case .string(let s) = v, !s.isEmpty else { throw Problem(message: "\"\(key)\" must be a non-empty string") }
        return s
    }

    static func strings(_ v: JSONValue, _ key: String) throws(Problem) -> [String] {
        guard case .array(let items) = v, !items.isEmpty else {
            throw Problem(message: "\"\(key)\" must be a non-empty array of non-empty strings (omit the key when there are none)")
        }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item, !s.isEmpty else {
                throw Problem(message: "\"\(key)\" must be a non-empty array of non-empty strings")
            }
            out.append(s)
        }
        return out
    }

    /// The file's prefix, then lower-case ASCII letters, digits and dashes (`loc-sao-paulo`): ids go into URLs.
    static func id(_ v: JSONValue, _ file: KBEntityFile) throws(Problem) -> String {
        var s = try string(v, "id")
        let prefix = file.idPrefix.utf8.count
        // Over the contiguous bytes: a walk of `String.UTF8View` cost a tenth of the loading.
        let wellFormed = s.hasPrefix(file.idPrefix) && s.withUTF8 { bytes in
            bytes.count > prefix && bytes[prefix...].allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
        }
        guard wellFormed else {
            throw Problem(message: "\"id\" \"\(s)\" must be \(file.idPrefix) followed by lower-case letters, digits and dashes")
        }
        return s
    }

    static func bool(_ v: JSONValue, _ key: String) throws(Problem) -> Bool {
        guard case .bool(let b) = v else { throw Problem(message: "\"\(key)\" must be true or false") }
        return b
    }

    /// An ISO 3166-1 code: `letters` upper-case ASCII letters.
    static func code(_ v: JSONValue, _ key: String, letters: Int) throws(Problem) -> String {
        let s = try string(v, key)
        guard s.utf8.count == letters, s.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw Problem(message: "\"\(key)\" must be \(letters) upper-case letters, got \"\(s)\"")
        }
        return s
    }

    static func degrees(_ v: JSONValue, _ key: String, limit: Double) throws(Problem) -> Double {
        guard let d = v.doubleValue else { throw Problem(message: "\"\(key)\" must be a number") }
        guard (-limit...limit).contains(d) else { throw Problem(message: "\"\(key)\" \(d) is out of range -\(Int(limit))...\(Int(limit))") }
        return d
    }

    /// `roles`: objects of `title` and any of `country`, `org`, `from`, `to`, all non-empty strings.
    static func roles(_ v: JSONValue) throws(Problem) -> [KBRole] {
        guard case .array(let items) = v, !items.isEmpty else {
            throw Problem(message: "\"roles\" must be a non-empty array of role objects")
        }
        var out: [KBRole] = []
        for (n, item) in items.enumerated() {
            guard case .object(let o) = item else { throw Problem(message: "roles[\(n)] must be an object") }
            var role = KBRole(title: "")
            for (key, value) in o {
                let path = "roles[\(n)].\(key)"
                switch key {
                case "title": role.title = try string(value, path)
                case "country": role.country = try string(value, path)
                case "org": role.org = try string(value, path)
                case "from": role.from = try isoDate(value, path)
                case "to": role.to = try isoDate(value, path)
                default: throw Problem(message: "unknown key \"\(key)\" in roles[\(n)] (a role takes title, country, org, from, to)")
                }
            }
            guard !role.title.isEmpty else { throw Problem(message: "roles[\(n)] has no \"title\"") }
            // Compared as `KBRole.isValid` compares: on the digits both dates have ("2020" to "2020-05" is fine).
            if let from = role.from, let to = role.to, from.prefix(to.count) > to.prefix(from.count) {
                throw Problem(message: "roles[\(n)] runs from \(from) to \(to), which is earlier")
            }
            out.append(role)
        }
        return out
    }

    /// A role date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits and dashes in those places; `KBRole.isValid` compares them as text).
    static func isoDate(_ v: JSONValue, _ key: String) throws(Problem) -> String {
        let s = try string(v, key)
        let u = Array(s.utf8)
        let shapeOK = [4, 7, 10].contains(u.count) && u.enumerated().allSatisfy { i, c in
            i == 4 || i == 7 ? c == UInt8(ascii: "-") : (0x30...0x39).contains(c)
        }
        guard shapeOK else { throw Problem(message: "\"\(key)\" must be a date YYYY, YYYY-MM or YYYY-MM-DD, got \"\(s)\"") }
        return s
    }
}
