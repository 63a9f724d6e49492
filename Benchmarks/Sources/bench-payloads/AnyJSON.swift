import AttacheJSON
import Foundation

/// A JSON tree that Foundation's `JSONEncoder` and `JSONDecoder` can write and read: what a Codable version of the
/// service would hand them. Built from our `JSONValue`, so all coders see the same document.
enum AnyJSON: Codable {
    case null, bool(Bool), int(Int64), double(Double), string(String), array([AnyJSON])
    case object([Member])

    struct Member {
        var key: String
        var value: AnyJSON
    }

    init(_ v: JSONValue) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map { AnyJSON($0) })
        case .object(let o): self = .object(o.members.map { Member(key: $0.key, value: AnyJSON($0.value)) })
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .array(let a):
            var c = encoder.unkeyedContainer()
            for v in a { try c.encode(v) }
        case .object(let members):
            var c = encoder.container(keyedBy: Key.self)
            for m in members { try c.encode(m.value, forKey: Key(stringValue: m.key)) }
        case .bool, .int, .double, .string, .null:
            var c = encoder.singleValueContainer()
            switch self {
            case .bool(let b): try c.encode(b)
            case .int(let i): try c.encode(i)
            case .double(let d): try c.encode(d)
            case .string(let s): try c.encode(s)
            default: try c.encodeNil()
            }
        }
    }

    init(from decoder: any Decoder) throws {
        if let c = try? decoder.container(keyedBy: Key.self) {
            self = .object(try c.allKeys.map { Member(key: $0.stringValue, value: try c.decode(AnyJSON.self, forKey: $0)) })
        } else if var c = try? decoder.unkeyedContainer() {
            var out: [AnyJSON] = []
            while !c.isAtEnd { out.append(try c.decode(AnyJSON.self)) }
            self = .array(out)
        } else {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int64.self) { self = .int(i) }
            else if let d = try? c.decode(Double.self) { self = .double(d) }
            else { self = .string(try c.decode(String.self)) }
        }
    }
}

/// The same tree as Foundation objects, for `JSONSerialization`.
func foundationObject(_ v: JSONValue) -> Any {
    switch v {
    case .null: NSNull()
    case .bool(let b): b
    case .int(let i): i
    case .double(let d): d
    case .string(let s): s
    case .array(let a): a.map(foundationObject)
    case .object(let o): Dictionary(o.members.map { ($0.key, foundationObject($0.value)) }, uniquingKeysWith: { a, _ in a })
    }
}

/// The article request a client sends, as a Codable type would declare it.
struct ArticleBody: Decodable {
    var id: String?
    var title: String?
    var publishedAt: String?
    var text: String
}
