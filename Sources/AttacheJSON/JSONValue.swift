/// A parsed JSON document, or one being built for output.
///
/// Numbers keep the distinction the text made: a number written without a fraction or an
/// exponent that fits in `Int64` is `.int`; every other number (including `-0`, which `Int64`
/// cannot represent, and integers beyond the `Int64` range) is `.double`. RFC 8259 §6 leaves
/// number precision to implementations; this keeps 64-bit integer IDs exact.
public enum JSONValue: Sendable, Equatable {
    /// JSON `null`.
    case null
    /// JSON `true` or `false`.
    case bool(Bool)
    /// An integer written without fraction or exponent that fits in `Int64`.
    case int(Int64)
    /// Any other finite number (JSON has no NaN or infinity).
    case double(Double)
    /// A string, always valid Unicode when it comes from `JSONReader`.
    case string(String)
    /// An array, in document order.
    case array([JSONValue])
    /// An object, members in document order (a duplicate key keeps the last value).
    case object(JSONObject)

    /// The member named `key` when this is an object; `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The element at `index` when this is an array and the index is in range; otherwise `nil`.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    /// The string payload, or `nil` for any other case.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer payload. A `.double` that is integral and within `Int64` range also
    /// answers (JSON does not distinguish `10` from `10.0` or `1e1`); otherwise `nil`.
    public var intValue: Int64? {
        switch self {
        case .int(let v): return v
        case .double(let d):
            // -2^63 and 2^63 are exact doubles; Int64.max is not, hence `<` at the top.
            guard d.rounded(.towardZero) == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18
            else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    /// The numeric payload as a `Double`; `.int` is widened (magnitudes beyond 2^53 may round).
    public var doubleValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The Boolean payload, or `nil` for any other case (numbers and strings are not truthy).
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements when this is an array, else `nil`.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object when this is an object, else `nil`.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// `true` only for `.null` (a missing member is `nil`, not `.null`).
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

// Literals make hand-built documents (tests, fixed responses) readable.
extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A Boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal becomes `.int`.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A floating-point literal becomes `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal keeps the written order; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of the value (same as `jsonString`).
    public var description: String { jsonString }
}
