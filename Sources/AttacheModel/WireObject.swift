import AttacheJSON

/// One JSON object of the wire format, read member by member: each read checks the member's type and
/// throws a `WireFormatError` that names the member by its path ("entities[2].type"), so that every reader
/// of the model says what is wrong the same way.
public struct WireObject: Sendable {
    public let value: JSONValue
    /// Where the object sits in the document ("" for the top level, "articles[3]").
    public let path: String

    /// `value` as an object; anything else is an error that names `path` ("request body" at the top level).
    public init(_ value: JSONValue, path: String = "") throws(WireFormatError) {
        guard case .object = value else {
            throw WireFormatError("\(path.isEmpty ? "request body" : path) must be a JSON object", field: path.isEmpty ? nil : path)
        }
        self.value = value
        self.path = path
    }

    /// The path of member `key` ("text", "articles[3].text").
    public func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member, or nil when it is missing or `null`.
    public func member(_ key: String) -> JSONValue? {
        guard let v = value[key], !v.isNull else { return nil }
        return v
    }

    public func optionalString(_ key: String) throws(WireFormatError) -> String? {
        try optional(key, "a string") { $0.stringValue }
    }

    public func string(_ key: String) throws(WireFormatError) -> String {
        try required(key, optionalString(key))
    }

    public func optionalInt(_ key: String) throws(WireFormatError) -> Int? {
        try optional(key, "an integer") { $0.intValue.flatMap { Int(exactly: $0) } }
    }

    public func int(_ key: String) throws(WireFormatError) -> Int {
        try required(key, optionalInt(key))
    }

    public func optionalDouble(_ key: String) throws(WireFormatError) -> Double? {
        try optional(key, "a number") { $0.doubleValue }
    }

    public func double(_ key: String) throws(WireFormatError) -> Double {
        try required(key, optionalDouble(key))
    }

    public func bool(_ key: String) throws(WireFormatError) -> Bool {
        try required(key, optional(key, "true or false") { $0.boolValue })
    }

    /// A string member that must be one of the raw values of `E` ("type" of an entity).
    public func optionalCase<E: RawRepresentable>(_ key: String, _: E.Type) throws(WireFormatError) -> E? where E.RawValue == String {
        guard let s = try optionalString(key) else { return nil }
        guard let e = E(rawValue: s) else { throw WireFormatError("\(name(key)) has an unknown value \"\(s.prefix(40))\"", field: name(key)) }
        return e
    }

    public func `case`<E: RawRepresentable>(_ key: String, _ type: E.Type) throws(WireFormatError) -> E where E.RawValue == String {
        try required(key, optionalCase(key, type))
    }

    /// A nested object member.
    public func object(_ key: String) throws(WireFormatError) -> WireObject {
        guard let v = member(key) else { throw missing(key) }
        return try WireObject(v, path: name(key))
    }

    /// The elements of an array member (missing or `null`: none), each read by `read` with its own path.
    public func array<T>(_ key: String, _ read: (JSONValue, String) throws(WireFormatError) -> T) throws(WireFormatError) -> [T] {
        guard let v = member(key) else { return [] }
        guard let elements = v.arrayValue else { throw WireFormatError("\(name(key)) must be an array", field: name(key)) }
        var out: [T] = []
        out.reserveCapacity(elements.count)
        for (i, e) in elements.enumerated() { out.append(try read(e, "\(name(key))[\(i)]")) }
        return out
    }

    /// The elements of an array of strings.
    public func strings(_ key: String) throws(WireFormatError) -> [String] {
        try array(key) { (v, p) throws(WireFormatError) in
            guard let s = v.stringValue else { throw WireFormatError("\(p) must be a string", field: p) }
            return s
        }
    }

    /// The elements of an array of objects.
    public func objects(_ key: String) throws(WireFormatError) -> [WireObject] {
        try array(key) { (v, p) throws(WireFormatError) in try WireObject(v, path: p) }
    }

    /// The member as `extract` reads it; nil when it is missing or `null`, an error naming `kind` when it is of another type.
    private func optional<T>(_ key: String, _ kind: String, _ extract: (JSONValue) -> T?) throws(WireFormatError) -> T? {
        guard let v = member(key) else { return nil }
        guard let t = extract(v) else { throw WireFormatError("\(name(key)) must be \(kind)", field: name(key)) }
        return t
    }

    private func required<T>(_ key: String, _ value: T?) throws(WireFormatError) -> T {
        guard let value else { throw missing(key) }
        return value
    }

    private func missing(_ key: String) -> WireFormatError {
        WireFormatError("\(name(key)) is required", field: name(key))
    }
}

/// Why a document of the wire format was refused: a message for a person and the member at fault
/// ("articles[3].text"). The one error type of `AttacheModel`.
public struct WireFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var field: String?

    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
