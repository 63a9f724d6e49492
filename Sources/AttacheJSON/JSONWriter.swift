/// Streaming JSON writer into a byte buffer, without Foundation: the fast path for responses.
///
/// Commas and colons are inserted automatically: call `beginObject()`, then `key(_:)` and a
/// value for each member, then `endObject()`. The writer does not check that calls are well
/// nested (a key inside an array, say); that is the caller's contract. Output is compact (no
/// whitespace).
///
/// Strings are escaped per RFC 8259 §7: `"` and `\` get a backslash; the control characters
/// U+0000–U+001F become `\b \f \n \r \t` or `\u00XX`; everything else, non-ASCII included, is
/// copied as UTF-8.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8]
    /// Whether the next value or key at the current level needs a comma before it.
    private var needsComma = false
    /// Whether a key was just written (so the value follows its colon, no comma).
    private var afterKey = false

    /// A writer with `capacity` bytes reserved up front (default 1,024).
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The output as a `String` (a copy; the bytes are always valid UTF-8 when every `raw(_:)`
    /// input was).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    private mutating func separator() {
        if afterKey {
            afterKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    // MARK: Containers

    /// Writes `{`.
    public mutating func beginObject() {
        separator()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Writes `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes `[`.
    public mutating func beginArray() {
        separator()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Writes `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object member name and its colon; the next value call writes the value.
    public mutating func key(_ k: String) {
        separator()
        appendEscaped(k)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    // MARK: Scalars

    /// Writes a string, escaped per RFC 8259 §7.
    public mutating func string(_ s: String) {
        separator()
        appendEscaped(s)
        needsComma = true
    }

    /// Writes an integer in decimal.
    public mutating func int(_ v: Int) {
        int64(Int64(v))
    }

    /// Writes a 64-bit integer in decimal (no allocation).
    public mutating func int64(_ v: Int64) {
        separator()
        appendDecimal(v)
        needsComma = true
    }

    /// Writes a double as the shortest text that reads back to the same value (Swift's
    /// `description`, e.g. `0.1`, `1e-05`, `1.0`). JSON has no NaN or infinity: non-finite
    /// values are written as `null`.
    public mutating func double(_ v: Double) {
        separator()
        if v.isFinite {
            bytes.append(contentsOf: v.description.utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ b: Bool) {
        separator()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Writes a complete value tree.
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int64(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let a):
            beginArray()
            for e in a { value(e) }
            endArray()
        case .object(let o):
            beginObject()
            for m in o {
                key(m.key)
                value(m.value)
            }
            endObject()
        }
    }

    /// Writes one pre-encoded JSON value as is (e.g. a stored analysis). It is not validated.
    public mutating func raw(_ json: [UInt8]) {
        separator()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    // MARK: Optional members

    /// Writes `"key":value`, or nothing when `v` is `nil`.
    public mutating func field(_ k: String, _ v: String?) {
        guard let v else { return }
        key(k)
        string(v)
    }

    /// Writes `"key":value`, or nothing when `v` is `nil`.
    public mutating func field(_ k: String, _ v: Int?) {
        guard let v else { return }
        key(k)
        int(v)
    }

    /// Writes `"key":value`, or nothing when `v` is `nil` (a non-finite value writes `null`).
    public mutating func field(_ k: String, _ v: Double?) {
        guard let v else { return }
        key(k)
        double(v)
    }

    /// Writes `"key":value`, or nothing when `v` is `nil`.
    public mutating func field(_ k: String, _ v: Bool?) {
        guard let v else { return }
        key(k)
        bool(v)
    }

    /// Writes `"key":value`, or nothing when `v` is `nil`.
    public mutating func field(_ k: String, _ v: JSONValue?) {
        guard let v else { return }
        key(k)
        value(v)
    }

    /// Writes `"key":[...]`, each element by `write`: the one shape of every list member in the wire format
    /// (an empty sequence writes `[]`).
    public mutating func array<Elements: Sequence>(_ k: String, _ elements: Elements,
                                                   _ write: (inout JSONWriter, Elements.Element) -> Void) {
        key(k)
        beginArray()
        for element in elements { write(&self, element) }
        endArray()
    }

    // MARK: Encoding

    private mutating func appendDecimal(_ v: Int64) {
        if v == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        // 20 digits hold UInt64.max; fill from the right, then copy.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var pos = 20
            while m > 0 {
                pos -= 1
                buf[pos] = UInt8(truncatingIfNeeded: m % 10) &+ 0x30
                m /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[pos..<20]))
        }
    }

    private mutating func appendEscaped(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        if let done: Void = s.utf8.withContiguousStorageIfAvailable({ appendEscaped(bytes: $0) }) {
            _ = done
        } else {
            var copy = s
            copy.withUTF8 { appendEscaped(bytes: $0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs of bytes that need no escape in bulk.
    private mutating func appendEscaped(bytes src: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for j in 0..<src.count {
            let b = src[j]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if run < j { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[run..<j])) }
            run = j + 1
            bytes.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                // Only U+0000–U+001F get here: high nibble 0 or 1.
                let low = b & 0xF
                bytes.append(UInt8(ascii: "u"))
                bytes.append(0x30)
                bytes.append(0x30)
                bytes.append(0x30 + (b >> 4))
                bytes.append(low < 10 ? 0x30 + low : 0x57 + low)
            }
        }
        if run < src.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[run..<src.count])) }
    }
}

extension JSONValue {
    /// The compact JSON encoding of this value, as UTF-8 bytes.
    public func serialized() -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.value(self)
        return w.bytes
    }

    /// The compact JSON encoding of this value, as a `String`.
    public var jsonString: String { String(decoding: serialized(), as: UTF8.self) }
}
