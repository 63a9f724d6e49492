/// Strict RFC 8259 parser from UTF-8 bytes to `JSONValue`, without Foundation.
///
/// Rejects what RFC 8259 does not allow: trailing commas, leading zeros, `NaN`/`Infinity`,
/// comments, single quotes, unescaped control characters (§7), lone surrogates in `\u` escapes,
/// a byte-order mark, and anything after the value. A top-level scalar (`"x"`, `42`) is accepted
/// (§2). Strings must be well-formed UTF-8 (§8.1): overlong forms, encoded surrogates and code
/// points above U+10FFFF are errors that name the path of the string. A repeated object key keeps
/// the last value (see `JSONObject`).
///
/// Every error carries the byte offset and the JSONPath of the value being read; `JSONLimits`
/// bounds depth, string and number length and container size, so hostile input (10,000 nested
/// `[`, a megabyte of digits) fails fast instead of crashing.
public enum JSONReader {
    /// Parses a complete document from `bytes`. Offsets in errors count from `bytes[0]`.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .init()) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { parseResult($0, limits) }.get()
    }

    /// Parses a complete document from a slice (e.g. an HTTP body inside a larger buffer).
    /// Offsets in errors count from the slice's first byte, not from its `startIndex`.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: JSONLimits = .init()) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { parseResult($0, limits) }.get()
    }

    /// Parses a complete document from the UTF-8 of `string`.
    public static func parse(_ string: String, limits: JSONLimits = .init()) throws(JSONError) -> JSONValue {
        var s = string
        return try s.withUTF8 { parseResult($0, limits) }.get()
    }

    /// Parses a complete document from raw memory (no copy). Offsets count from the buffer start.
    public static func parse(_ buffer: UnsafeRawBufferPointer, limits: JSONLimits = .init()) throws(JSONError) -> JSONValue {
        try parseResult(buffer.assumingMemoryBound(to: UInt8.self), limits).get()
    }

    static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>, _ limits: JSONLimits) -> Result<JSONValue, JSONError> {
        var parser = Parser(p: buffer, limits: limits)
        do throws(Parser.Failure) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error.jsonError())
        }
    }
}

/// One step of a path: an object key or an array index.
enum JSONPathComponent: Equatable {
    case key(String)
    case index(Int)

    /// `$`, `$.a[3].b`, `$["not an identifier"]`.
    static func format(_ components: [JSONPathComponent]) -> String {
        var out = "$"
        for c in components {
            switch c {
            case .index(let n):
                out += "[\(n)]"
            case .key(let k):
                if isIdentifier(k) {
                    out += "." + k
                } else {
                    var w = JSONWriter(capacity: k.utf8.count + 8)
                    w.string(k)
                    out += "[" + String(decoding: w.bytes, as: UTF8.self) + "]"
                }
            }
        }
        return out
    }

    private static func isIdentifier(_ k: String) -> Bool {
        guard let first = k.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return k.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
}

/// Recursive-descent parser over a byte buffer. Depth is bounded by `limits.maxDepth`.
/// The path is not tracked while parsing: a failure collects it on the way out (each container
/// adds its key or index as the error passes), so valid input pays nothing for it.
struct Parser {
    struct Failure: Error {
        var message: String
        var offset: Int
        /// Innermost component first.
        var trail: [JSONPathComponent] = []

        func jsonError() -> JSONError {
            let components = Array(trail.reversed())
            var field: String?
            for case .key(let k) in components.reversed() {
                field = k
                break
            }
            return JSONError(message: message, offset: offset, path: JSONPathComponent.format(components), field: field)
        }
    }

    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    let limits: JSONLimits
    var i = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(p: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.p = p
        self.n = p.count
        self.limits = limits
    }

    // MARK: Document and values

    mutating func parseDocument() throws(Failure) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if i < n { throw Failure(message: "unexpected \(describe(p[i])) after the JSON value", offset: i) }
        return value
    }

    /// Parses the value at `i` (whitespace already skipped). `depth` = enclosing containers.
    mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard i < n else { throw Failure(message: "unexpected end of input, expected a value", offset: i) }
        switch p[i] {
        case UInt8(ascii: "\""): return .string(try parseString(inKey: false))
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case let b: throw Failure(message: "unexpected \(describe(b))", offset: i)
        }
    }

    mutating func skipWhitespace() {
        while i < n {
            switch p[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1  // RFC 8259 §2: space, LF, CR, tab only
            default: return
            }
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(Failure) {
        let start = i
        let count = word.utf8CodeUnitCount
        let w = word.utf8Start
        guard n - i >= count else {
            throw Failure(message: "invalid literal, expected '\(word)'", offset: start)
        }
        for k in 0..<count where p[i + k] != w[k] {
            throw Failure(message: "invalid literal, expected '\(word)'", offset: start)
        }
        i += count
    }

    // MARK: Containers

    mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        if depth > limits.maxDepth { throw Failure(message: "nesting deeper than \(limits.maxDepth)", offset: i) }
        i += 1  // [
        skipWhitespace()
        var elements: [JSONValue] = []
        if i < n, p[i] == UInt8(ascii: "]") {
            i += 1
            return .array(elements)
        }
        while true {
            if elements.count >= limits.maxMembers {
                throw Failure(message: "array has more than \(limits.maxMembers) elements", offset: i)
            }
            do throws(Failure) {
                elements.append(try parseValue(depth: depth))
            } catch {
                var e = error
                e.trail.append(.index(elements.count))
                throw e
            }
            skipWhitespace()
            guard i < n else { throw Failure(message: "unexpected end of input, expected ',' or ']'", offset: i) }
            switch p[i] {
            case UInt8(ascii: ","):
                i += 1
                skipWhitespace()
                if i < n, p[i] == UInt8(ascii: "]") { throw Failure(message: "trailing comma in array", offset: i) }
            case UInt8(ascii: "]"):
                i += 1
                return .array(elements)
            case let b:
                throw Failure(message: "expected ',' or ']' but found \(describe(b))", offset: i)
            }
        }
    }

    mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        if depth > limits.maxDepth { throw Failure(message: "nesting deeper than \(limits.maxDepth)", offset: i) }
        i += 1  // {
        skipWhitespace()
        var object = JSONObject()
        if i < n, p[i] == UInt8(ascii: "}") {
            i += 1
            return .object(object)
        }
        while true {
            guard i < n else { throw Failure(message: "unexpected end of input, expected an object key", offset: i) }
            guard p[i] == UInt8(ascii: "\"") else {
                throw Failure(message: "expected '\"' to start an object key but found \(describe(p[i]))", offset: i)
            }
            let keyStart = i
            let key = try parseString(inKey: true)
            // A repeated key replaces a member, so it does not count against the limit.
            if object.count >= limits.maxMembers, !object.contains(key) {
                throw Failure(message: "object has more than \(limits.maxMembers) members", offset: keyStart)
            }
            skipWhitespace()
            guard i < n, p[i] == UInt8(ascii: ":") else {
                let found = i < n ? describe(p[i]) : "end of input"
                throw Failure(message: "expected ':' after object key but found \(found)", offset: i)
            }
            i += 1
            skipWhitespace()
            do throws(Failure) {
                object[key] = try parseValue(depth: depth)
            } catch {
                var e = error
                e.trail.append(.key(key))
                throw e
            }
            skipWhitespace()
            guard i < n else { throw Failure(message: "unexpected end of input, expected ',' or '}'", offset: i) }
            switch p[i] {
            case UInt8(ascii: ","):
                i += 1
                skipWhitespace()
                if i < n, p[i] == UInt8(ascii: "}") { throw Failure(message: "trailing comma in object", offset: i) }
            case UInt8(ascii: "}"):
                i += 1
                return .object(object)
            case let b:
                throw Failure(message: "expected ',' or '}' but found \(describe(b))", offset: i)
            }
        }
    }

    // MARK: Strings

    /// Parses the string whose opening quote is at `i`. The common case (no escapes) is one
    /// validating byte scan and one `String(decoding:)` of the validated bytes.
    mutating func parseString(inKey: Bool) throws(Failure) -> String {
        let quote = i
        i += 1
        let start = i
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                if i - start > limits.maxStringBytes {
                    throw Failure(message: "string longer than \(limits.maxStringBytes) bytes", offset: start)
                }
                let s = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { return try parseEscapedString(from: start, quote: quote, inKey: inKey) }
            if b < 0x20 { throw controlCharacter(b) }
            if b < 0x80 { i += 1 } else { try skipMultibyte(inKey: inKey) }
        }
        throw Failure(message: "unterminated string", offset: quote)
    }

    /// Slow path once a backslash is seen at `i`: decodes into `scratch`, copying runs of plain
    /// bytes in bulk.
    mutating func parseEscapedString(from start: Int, quote: Int, inKey: Bool) throws(Failure) -> String {
        scratch.removeAll(keepingCapacity: true)
        var run = start
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
                if scratch.count > limits.maxStringBytes {
                    throw Failure(message: "string longer than \(limits.maxStringBytes) bytes", offset: start)
                }
                i += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
                try decodeEscape()
                run = i
                continue
            }
            if b < 0x20 { throw controlCharacter(b) }
            if b < 0x80 { i += 1 } else { try skipMultibyte(inKey: inKey) }
        }
        throw Failure(message: "unterminated string", offset: quote)
    }

    /// Decodes the escape at `i` (a backslash) into `scratch` (RFC 8259 §7).
    mutating func decodeEscape() throws(Failure) {
        let escape = i
        guard i + 1 < n else { throw Failure(message: "unterminated string", offset: escape) }
        let c = p[i + 1]
        i += 2
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(c)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hex4(at: i) else { throw Failure(message: "invalid \\u escape", offset: escape) }
            i += 4
            var scalar = unit
            if unit >= 0xD800 && unit <= 0xDBFF {
                // A high surrogate must be followed at once by an escaped low surrogate.
                guard i + 1 < n, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u"),
                    let low = hex4(at: i + 2), low >= 0xDC00 && low <= 0xDFFF
                else { throw Failure(message: "lone surrogate \\u\(hex(unit)) in string", offset: escape) }
                i += 6
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw Failure(message: "lone surrogate \\u\(hex(unit)) in string", offset: escape)
            }
            appendUTF8(scalar)
        default:
            throw Failure(message: "invalid escape '\\\(printable(c))' in string", offset: escape)
        }
    }

    func hex4(at j: Int) -> UInt32? {
        guard j + 4 <= n else { return nil }
        var v: UInt32 = 0
        for k in j..<(j + 4) {
            let b = p[k]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    mutating func appendUTF8(_ s: UInt32) {
        switch s {
        case 0..<0x80:
            scratch.append(UInt8(s))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | s >> 6))
            scratch.append(UInt8(0x80 | s & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | s >> 12))
            scratch.append(UInt8(0x80 | s >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | s & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | s >> 18))
            scratch.append(UInt8(0x80 | s >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | s >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | s & 0x3F))
        }
    }

    /// Validates one multi-byte UTF-8 sequence starting at `i` and steps over it. Well-formed
    /// sequences per Unicode Table 3-7: no overlongs (C0, C1, E0 80–9F, F0 80–8F), no
    /// surrogates (ED A0–BF), nothing above U+10FFFF (F4 90+, F5–FF).
    mutating func skipMultibyte(inKey: Bool) throws(Failure) {
        let b0 = p[i]
        var lo: UInt8 = 0x80
        var hi: UInt8 = 0xBF
        let trailing: Int
        switch b0 {
        case 0xC2...0xDF: trailing = 1
        case 0xE0: trailing = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
        case 0xED: trailing = 2; hi = 0x9F
        case 0xF0: trailing = 3; lo = 0x90
        case 0xF1...0xF3: trailing = 3
        case 0xF4: trailing = 3; hi = 0x8F
        default: throw invalidUTF8(inKey)
        }
        guard i + trailing < n else { throw invalidUTF8(inKey) }
        let b1 = p[i + 1]
        guard b1 >= lo && b1 <= hi else { throw invalidUTF8(inKey) }
        var k = 2
        while k <= trailing {
            guard p[i + k] & 0xC0 == 0x80 else { throw invalidUTF8(inKey) }
            k += 1
        }
        i += trailing + 1
    }

    func invalidUTF8(_ inKey: Bool) -> Failure {
        Failure(message: inKey ? "invalid UTF-8 in object key" : "invalid UTF-8 in string", offset: i)
    }

    func controlCharacter(_ b: UInt8) -> Failure {
        Failure(message: "unescaped control character 0x\(hex(UInt32(b), width: 2)) in string", offset: i)
    }

    // MARK: Numbers

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = i
        var negative = false
        if p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < n, isDigit(p[i]) else { throw expectedDigit("after '-'") }
        var magnitude: UInt64 = 0
        var overflow = false
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if i < n, isDigit(p[i]) { throw Failure(message: "leading zero in number", offset: start) }
        } else {
            while i < n, isDigit(p[i]) {
                if !overflow {
                    let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(UInt64(p[i] &- 0x30))
                    if o1 || o2 { overflow = true } else { magnitude = s }
                }
                i += 1
            }
        }
        var integral = true
        if i < n, p[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < n, isDigit(p[i]) else { throw expectedDigit("after '.'") }
            while i < n, isDigit(p[i]) { i += 1 }
        }
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            integral = false
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, isDigit(p[i]) else { throw expectedDigit("in exponent") }
            while i < n, isDigit(p[i]) { i += 1 }
        }
        if i - start > limits.maxNumberBytes {
            throw Failure(message: "number longer than \(limits.maxNumberBytes) bytes", offset: start)
        }
        if integral && !overflow {
            if !negative, magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
            // -0 stays a double so the sign survives; -2^63 is the one magnitude past Int64.max.
            if negative, magnitude != 0, magnitude <= UInt64(Int64.max) + 1 {
                return .int(Int64(bitPattern: ~magnitude &+ 1))
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            throw Failure(message: "number out of range", offset: start)
        }
        return .double(d)
    }

    func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    func expectedDigit(_ context: String) -> Failure {
        let found = i < n ? describe(p[i]) : "end of input"
        return Failure(message: "expected a digit \(context) but found \(found)", offset: i)
    }

    // MARK: Messages

    /// `character 'x'` for printable ASCII, `byte 0xC3` otherwise; never more than one byte of input.
    func describe(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? "character '\(printable(b))'" : "byte 0x\(hex(UInt32(b), width: 2))"
    }

    func printable(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? String(UnicodeScalar(b)) : "0x" + hex(UInt32(b), width: 2)
    }

    func hex(_ v: UInt32, width: Int = 4) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.utf8.count)) + s
    }
}
