/// A JSON object: members in the order they were first written, keys unique.
///
/// Duplicate keys (RFC 8259 §4 says names SHOULD be unique, and leaves the rest open) keep the
/// **last** value, at the position where the key first appeared: `{"a":1,"b":2,"a":3}` reads as
/// `{"a":3,"b":2}`. This matches what most parsers (and JavaScript's `JSON.parse`) do.
///
/// Lookup is a linear scan for small objects and a hash index once an object has more than
/// `indexThreshold` members, so building an object with n members costs O(n), not O(n²).
///
/// Equality ignores member order (JSON objects are unordered collections): two objects are equal
/// when they have the same keys with equal values.
public struct JSONObject: Sendable, Equatable, Sequence {
    /// One member.
    public typealias Element = (key: String, value: JSONValue)

    /// The members in order; keys are unique.
    public private(set) var members: [Element]
    /// Key → position in `members`; built only past `indexThreshold` members.
    private var index: [String: Int]?

    /// Objects with more members than this get a hash index (the scan is faster below it).
    static let indexThreshold = 12

    /// An empty object.
    public init() {
        members = []
        index = nil
    }

    /// An object from `(key, value)` pairs in order; a repeated key keeps the last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (k, v) in pairs { self[k] = v }
    }

    /// Number of members.
    public var count: Int { members.count }
    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }
    /// The keys in member order.
    public var keys: [String] { members.map(\.key) }

    /// Iterates members in order.
    public func makeIterator() -> IndexingIterator<[Element]> { members.makeIterator() }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in members.indices where members[i].key == key { return i }
        return nil
    }

    /// The value for `key`, or `nil` when absent. Setting a value replaces an existing member in
    /// place or appends a new one; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = position(of: key) else { return nil }
            return members[i].value
        }
        set {
            if let newValue {
                if let i = position(of: key) {
                    members[i].value = newValue
                } else {
                    members.append((key, newValue))
                    if index != nil {
                        index![key] = members.count - 1
                    } else if members.count > Self.indexThreshold {
                        rebuildIndex()
                    }
                }
            } else if let i = position(of: key) {
                members.remove(at: i)
                if index != nil { rebuildIndex() }
            }
        }
    }

    /// Whether a member named `key` exists (even with a `null` value).
    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    private mutating func rebuildIndex() {
        var d = [String: Int](minimumCapacity: members.count)
        for (i, m) in members.enumerated() { d[m.key] = i }
        index = d
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for m in lhs.members {
            guard let other = rhs[m.key], other == m.value else { return false }
        }
        return true
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// A dictionary literal keeps the written order; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
