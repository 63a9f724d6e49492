import Testing

@testable import AttacheJSON

/// Test input notation: `%XX` is the raw byte 0xXX (for invalid UTF-8); everything else is UTF-8.
func bytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = Array(s.utf8)[...]
    while let b = it.popFirst() {
        if b == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
            out.append(v)
            it = it.dropFirst(2)
        } else {
            out.append(b)
        }
    }
    return out
}

struct Good: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: JSONValue
    init(_ input: String, _ expected: JSONValue) {
        self.input = input
        self.expected = expected
    }
    var testDescription: String { input }
}

struct Bad: Sendable, CustomTestStringConvertible {
    let input: String
    let message: String
    let offset: Int
    let path: String
    let field: String?
    init(_ input: String, _ message: String, at offset: Int, _ path: String = "$", field: String? = nil) {
        self.input = input
        self.message = message
        self.offset = offset
        self.path = path
        self.field = field
    }
    var testDescription: String { input }
}

let goodDocuments: [Good] = [
    Good("null", .null),
    Good("true", true),
    Good("false", false),
    Good("0", .int(0)),
    Good("-1", .int(-1)),
    Good("42", .int(42)),
    Good(" \t\n\r 7 \n", .int(7)),
    Good("\"x\"", "x"),
    Good("\"\"", ""),
    Good("[]", []),
    Good("{}", .object(JSONObject())),
    Good("[1,2,3]", [1, 2, 3]),
    Good("[ 1 , 2 ]", [1, 2]),
    Good("[[[]]]", [[[]]]),
    Good("{\"a\":1,\"b\":[true,null]}", ["a": 1, "b": [true, nil]]),
    Good("{\"a b\":{\"c\":[]}}", ["a b": ["c": []]]),
    Good("1.5", .double(1.5)),
    Good("1e3", .double(1000)),
    Good("1E+2", .double(100)),
    Good("-2.5e-3", .double(-0.0025)),
    Good("0.0", .double(0)),
    Good("1e-400", .double(0)),
    Good("9223372036854775807", .int(Int64.max)),
    Good("-9223372036854775808", .int(Int64.min)),
    Good("9223372036854775808", .double(9_223_372_036_854_775_808)),
    Good("-9223372036854775809", .double(-9.223372036854775808e18)),  // rounds to -2^63
    Good("\"\\u00e9\"", "é"),
    Good("\"\\u00E9\"", "é"),
    Good("\"\\ud83d\\ude00\"", "😀"),
    Good("\"\\uDBFF\\uDFFF\"", "\u{10FFFF}"),
    Good("\"\\uFFFF\"", "\u{FFFF}"),
    Good("\"\\u0000\"", "\u{0}"),
    Good("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\u{8}\u{C}\n\r\t"),
    Good("\"a\\nb\\u0041c\"", "a\nbAc"),
    Good("\"héllo\"", "héllo"),
    Good("\"😀 日本\"", "😀 日本"),
    Good("\"%C2%80 %DF%BF %E0%A0%80 %ED%9F%BF %EE%80%80 %EF%BF%BF %F0%90%80%80 %F4%8F%BF%BF\"",
         .string("\u{80} \u{7FF} \u{800} \u{D7FF} \u{E000} \u{FFFF} \u{10000} \u{10FFFF}")),
    Good("{\"a\":1,\"a\":2}", ["a": 2]),
    Good("\"\u{7F}\"", "\u{7F}"),
]

let badDocuments: [Bad] = [
    // Structure
    Bad("", "unexpected end of input", at: 0),
    Bad("   ", "unexpected end of input", at: 3),
    Bad("[1,]", "trailing comma in array", at: 3),
    Bad("{\"a\":1,}", "trailing comma in object", at: 7),
    Bad("[1,,2]", "unexpected character ','", at: 3, "$[1]"),
    Bad("[,1]", "unexpected character ','", at: 1, "$[0]"),
    Bad("[1 2]", "expected ',' or ']' but found character '2'", at: 3),
    Bad("{\"a\":1 \"b\":2}", "expected ',' or '}' but found character '\"'", at: 7),
    Bad("{\"a\" 1}", "expected ':' after object key", at: 5),
    Bad("{a:1}", "expected '\"' to start an object key but found character 'a'", at: 1),
    Bad("{'a':1}", "expected '\"' to start an object key", at: 1),
    Bad("{,}", "expected '\"' to start an object key", at: 1),
    Bad("{\"a\":}", "unexpected character '}'", at: 5, "$.a", field: "a"),
    Bad("[", "unexpected end of input, expected a value", at: 1, "$[0]"),
    Bad("[1,2", "unexpected end of input, expected ',' or ']'", at: 4),
    Bad("{\"a\":1", "unexpected end of input, expected ',' or '}'", at: 6),
    Bad("{", "unexpected end of input, expected an object key", at: 1),
    Bad("1 2", "unexpected character '2' after the JSON value", at: 2),
    Bad("{\"a\":1}}", "unexpected character '}' after the JSON value", at: 7),
    Bad("[1] // c", "unexpected character '/' after the JSON value", at: 4),
    Bad("/* c */ 1", "unexpected character '/'", at: 0),
    Bad("%EF%BB%BF{}", "unexpected byte 0xEF", at: 0),
    // Literals
    Bad("NaN", "unexpected character 'N'", at: 0),
    Bad("Infinity", "unexpected character 'I'", at: 0),
    Bad("TRUE", "unexpected character 'T'", at: 0),
    Bad("tru", "invalid literal, expected 'true'", at: 0),
    Bad("nulL", "invalid literal, expected 'null'", at: 0),
    Bad("{\"a\":[1,{\"b\":fals}]}", "invalid literal, expected 'false'", at: 13, "$.a[1].b", field: "b"),
    // Numbers
    Bad("01", "leading zero in number", at: 0),
    Bad("[-01]", "leading zero in number", at: 1, "$[0]"),
    Bad("-Infinity", "expected a digit after '-' but found character 'I'", at: 1),
    Bad("-", "expected a digit after '-' but found end of input", at: 1),
    Bad("1.", "expected a digit after '.'", at: 2),
    Bad("1.e5", "expected a digit after '.' but found character 'e'", at: 2),
    Bad("1e", "expected a digit in exponent", at: 2),
    Bad("1e+", "expected a digit in exponent", at: 3),
    Bad(".5", "unexpected character '.'", at: 0),
    Bad("+1", "unexpected character '+'", at: 0),
    Bad("0x10", "unexpected character 'x' after the JSON value", at: 1),
    Bad("1e400", "number out of range", at: 0),
    Bad("{\"n\":-1e400}", "number out of range", at: 5, "$.n", field: "n"),
    // Strings
    Bad("\"abc", "unterminated string", at: 0),
    Bad("\"\\", "unterminated string", at: 1),
    Bad("\"a%01b\"", "unescaped control character 0x01 in string", at: 2),
    Bad("\"tab\there\"", "unescaped control character 0x09 in string", at: 4),
    Bad("[\"a\\n\nb\"]", "unescaped control character 0x0A in string", at: 5, "$[0]"),
    Bad("{\"a\":\"\\x\"}", "invalid escape '\\x' in string", at: 6, "$.a", field: "a"),
    Bad("\"\\u12G4\"", "invalid \\u escape", at: 1),
    Bad("\"\\u00\"", "invalid \\u escape", at: 1),
    Bad("\"\\ud800\"", "lone surrogate \\uD800 in string", at: 1),
    Bad("\"\\udc00\"", "lone surrogate \\uDC00 in string", at: 1),
    Bad("\"ab\\ud800\\u0041\"", "lone surrogate \\uD800 in string", at: 3),
    Bad("\"\\uD83Dx\"", "lone surrogate \\uD83D in string", at: 1),
    Bad("{\"k\":[\"\\ude00\\ud83d\"]}", "lone surrogate \\uDE00 in string", at: 7, "$.k[0]", field: "k"),
    // UTF-8
    Bad("\"%C0%80\"", "invalid UTF-8 in string", at: 1),
    Bad("\"%C1%BF\"", "invalid UTF-8 in string", at: 1),
    Bad("\"%E0%9F%BF\"", "invalid UTF-8 in string", at: 1),
    Bad("\"%F0%8F%BF%BF\"", "invalid UTF-8 in string", at: 1),
    Bad("\"%ED%A0%80\"", "invalid UTF-8 in string", at: 1),
    Bad("\"%F4%90%80%80\"", "invalid UTF-8 in string", at: 1),
    Bad("\"%F5%80%80%80\"", "invalid UTF-8 in string", at: 1),
    Bad("\"%80\"", "invalid UTF-8 in string", at: 1),
    Bad("\"ab%C3\"", "invalid UTF-8 in string", at: 3),
    Bad("\"%E2%82\"", "invalid UTF-8 in string", at: 1),
    Bad("\"%FF\"", "invalid UTF-8 in string", at: 1),
    Bad("\"a\\n%FF\"", "invalid UTF-8 in string", at: 4),
    Bad("{\"articles\":[{\"title\":\"ok\"},{\"title\":\"b%FFad\"}]}", "invalid UTF-8 in string", at: 39,
        "$.articles[1].title", field: "title"),
    Bad("{\"k%FF\":1}", "invalid UTF-8 in object key", at: 3),
    Bad("{\"outer\":{\"k%C3\":1}}", "invalid UTF-8 in object key", at: 12, "$.outer", field: "outer"),
    Bad("{\"a b\":[x]}", "unexpected character 'x'", at: 8, "$[\"a b\"][0]", field: "a b"),
]

@Suite struct JSONReaderTests {
    @Test(arguments: goodDocuments)
    func parsesValidDocument(_ doc: Good) throws {
        let value = try JSONReader.parse(bytes(doc.input))
        #expect(value == doc.expected)
    }

    @Test(arguments: badDocuments)
    func rejectsInvalidDocument(_ doc: Bad) {
        do {
            let value = try JSONReader.parse(bytes(doc.input))
            Issue.record("expected an error, parsed \(value)")
        } catch {
            #expect(error.message.contains(doc.message), "message: \(error.message)")
            #expect(error.offset == doc.offset)
            #expect(error.path == doc.path)
            #expect(error.field == doc.field)
        }
    }

    @Test func tableIsLargeEnough() {
        #expect(goodDocuments.count + badDocuments.count >= 50)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let v = try JSONReader.parse("-0")
        guard case .double(let d) = v else {
            Issue.record("expected .double, got \(v)")
            return
        }
        #expect(d == 0 && d.sign == .minus)
        #expect(v.intValue == 0)
        #expect(try JSONReader.parse("0") == .int(0))
        #expect(try JSONReader.parse("-0.0").doubleValue?.sign == .minus)
    }

    @Test func hugeIntegersBecomeDoublesOrFail() throws {
        let digits300 = "1" + String(repeating: "0", count: 300)
        #expect(try JSONReader.parse(digits300) == .double(1e300))
        let digits400 = "1" + String(repeating: "0", count: 400)
        #expect(throws: JSONError(message: "number out of range", offset: 0)) { try JSONReader.parse(digits400) }
        #expect(try JSONReader.parse("18446744073709551616") == .double(18_446_744_073_709_551_616))
    }

    @Test func megabyteOfDigitsHitsTheNumberLimit() {
        let doc = "[" + String(repeating: "9", count: 1 << 20) + "]"
        #expect(throws: JSONError(message: "number longer than 1024 bytes", offset: 1, path: "$[0]")) {
            try JSONReader.parse(doc)
        }
    }

    @Test func tenThousandOpenBracketsIsAnError() {
        let doc = [UInt8](repeating: UInt8(ascii: "["), count: 10_000)
        do {
            _ = try JSONReader.parse(doc)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "nesting deeper than 128")
            #expect(error.offset == 128)
            #expect(error.path == "$" + String(repeating: "[0]", count: 128))
            #expect(error.field == nil)
        }
    }

    @Test func tenThousandNestedObjectsIsAnError() {
        let doc = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect(throws: JSONError(
            message: "nesting deeper than 128", offset: 128 * 5,
            path: "$" + String(repeating: ".a", count: 128), field: "a")) {
            try JSONReader.parse(doc)
        }
    }

    @Test func depthLimitIsInclusive() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        var limits = JSONLimits()
        limits.maxDepth = 5
        _ = try JSONReader.parse(nested(5), limits: limits)
        #expect(throws: JSONError.self) { try JSONReader.parse(nested(6), limits: limits) }
        _ = try JSONReader.parse(nested(128))
        #expect(throws: JSONError.self) { try JSONReader.parse(nested(129)) }
    }

    @Test func stringLimitCountsDecodedBytes() throws {
        var limits = JSONLimits()
        limits.maxStringBytes = 4
        #expect(try JSONReader.parse("\"abcd\"", limits: limits) == "abcd")
        #expect(throws: JSONError(message: "string longer than 4 bytes", offset: 7, path: "$.t[0]", field: "t")) {
            try JSONReader.parse("{\"t\":[\"abcde\"]}", limits: limits)
        }
        // Six input bytes of escapes decode to four bytes: within the limit.
        #expect(try JSONReader.parse("\"\\n\\n\\n\\n\"", limits: limits) == "\n\n\n\n")
        #expect(throws: JSONError.self) { try JSONReader.parse("\"\\n\\n\\n\\n\\n\"", limits: limits) }
    }

    @Test func memberLimitAppliesToArraysAndObjects() throws {
        var limits = JSONLimits()
        limits.maxMembers = 3
        #expect(try JSONReader.parse("[1,2,3]", limits: limits) == [1, 2, 3])
        #expect(throws: JSONError(message: "array has more than 3 elements", offset: 7)) {
            try JSONReader.parse("[1,2,3,4]", limits: limits)
        }
        #expect(throws: JSONError(message: "object has more than 3 members", offset: 19)) {
            try JSONReader.parse("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}", limits: limits)
        }
        // A repeated key does not add a member.
        #expect(try JSONReader.parse("{\"a\":1,\"b\":2,\"c\":3,\"a\":4}", limits: limits) == ["a": 4, "b": 2, "c": 3])
    }

    @Test func duplicateKeysKeepLastValueAtFirstPosition() throws {
        let v = try JSONReader.parse("{\"a\":1,\"b\":2,\"a\":3}")
        #expect(v.objectValue?.keys == ["a", "b"])
        #expect(v["a"] == 3)
    }

    @Test func largeObjectLooksUpEveryKey() throws {
        var doc = "{"
        for k in 0..<1_000 { doc += "\"k\(k)\":\(k)," }
        doc += "\"k7\":-7}"
        let v = try JSONReader.parse(doc)
        let o = try #require(v.objectValue)
        #expect(o.count == 1_000)
        #expect(o["k999"] == 999)
        #expect(o["k7"] == -7)
        #expect(o["k1000"] == nil)
    }

    @Test func overloadsAgreeAndCountOffsetsFromTheirStart() throws {
        let text = "xx{\"a\":[1,true]}yy"
        let whole = Array(text.utf8)
        let slice = whole[2..<(whole.count - 2)]
        let expected: JSONValue = ["a": [1, true]]
        #expect(try JSONReader.parse(slice) == expected)
        #expect(try JSONReader.parse(String(text.dropFirst(2).dropLast(2))) == expected)
        let fromRaw = try Array(slice).withUnsafeBytes { raw throws(JSONError) in try JSONReader.parse(raw) }
        #expect(fromRaw == expected)
        let badSlice = whole[2...]  // "...}yy": trailing garbage at slice offset 14
        #expect(throws: JSONError(message: "unexpected character 'y' after the JSON value", offset: 14)) {
            try JSONReader.parse(badSlice)
        }
    }

    @Test func errorDescriptionNamesPathMessageAndOffset() {
        do {
            _ = try JSONReader.parse(bytes("{\"text\":\"ab%FF\"}"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "$.text: invalid UTF-8 in string at byte 11")
            #expect(error.field == "text")
        }
    }

    @Test func escapedAndUnescapedStringsDecodeAlike() throws {
        let v = try JSONReader.parse("[\"caf\\u00e9 \\ud83d\\ude00\", \"café 😀\"]")
        #expect(v[0] == v[1])
        #expect(v[0]?.stringValue?.unicodeScalars.count == 6)
    }
}
