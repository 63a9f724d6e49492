import Testing

@testable import AttacheJSON

@Suite struct JSONWriterTests {
    static let escapes: [(String, String)] = [
        ("plain", #""plain""#),
        ("", #""""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("back\\slash", #""back\\slash""#),
        ("a/b", #""a/b""#),
        ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\u{1A}x\u{B}", #""\u001ax\u000b""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("café 😀 日本", "\"café 😀 日本\""),
        ("\u{2028}", "\"\u{2028}\""),
    ]

    @Test(arguments: escapes)
    func escapesStrings(_ input: String, _ expected: String) {
        var w = JSONWriter()
        w.string(input)
        #expect(w.string == expected)
    }

    @Test func everyControlAndASCIICharacterRoundTrips() throws {
        let all = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        var w = JSONWriter()
        w.string(all)
        #expect(try JSONReader.parse(w.bytes) == .string(all))
        // No raw control character survives in the output.
        #expect(!w.bytes.contains { $0 < 0x20 })
    }

    @Test func insertsCommasAndColons() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a")
        w.int(1)
        w.key("b")
        w.beginArray()
        w.bool(true)
        w.null()
        w.beginObject()
        w.endObject()
        w.beginArray()
        w.endArray()
        w.string("s")
        w.endArray()
        w.key("c")
        w.beginObject()
        w.key("d")
        w.double(0.5)
        w.endObject()
        w.endObject()
        #expect(w.string == #"{"a":1,"b":[true,null,{},[],"s"],"c":{"d":0.5}}"#)
    }

    @Test func fieldsSkipNil() {
        var w = JSONWriter()
        w.beginObject()
        w.field("s", "x" as String?)
        w.field("ns", nil as String?)
        w.field("i", 3 as Int?)
        w.field("ni", nil as Int?)
        w.field("d", 2.5 as Double?)
        w.field("nd", nil as Double?)
        w.field("b", false as Bool?)
        w.field("nb", nil as Bool?)
        w.field("v", ["k": [1]] as JSONValue?)
        w.field("nv", nil as JSONValue?)
        w.endObject()
        #expect(w.string == #"{"s":"x","i":3,"d":2.5,"b":false,"v":{"k":[1]}}"#)
    }

    @Test func arrayMembersWriteEachElementAndNest() {
        var w = JSONWriter()
        w.beginObject()
        w.array("empty", [Int]()) { w, n in w.int(n) }
        w.array("rows", [[1, 2], []]) { w, row in
            w.beginObject()
            w.array("n", row) { w, n in w.int(n) }
            w.endObject()
        }
        w.field("after", 1)
        w.endObject()
        #expect(w.string == #"{"empty":[],"rows":[{"n":[1,2]},{"n":[]}],"after":1}"#)
    }

    @Test func rawValuesTakePartInCommas() {
        var w = JSONWriter()
        w.beginArray()
        w.raw(Array(#"{"pre":"encoded"}"#.utf8))
        w.raw(Array("[1,2]".utf8))
        w.int(3)
        w.endArray()
        #expect(w.string == #"[{"pre":"encoded"},[1,2],3]"#)
        var o = JSONWriter()
        o.beginObject()
        o.key("analysis")
        o.raw(Array("{}".utf8))
        o.key("n")
        o.int(1)
        o.endObject()
        #expect(o.string == #"{"analysis":{},"n":1}"#)
    }

    @Test(arguments: [(0, "0"), (-1, "-1"), (7, "7"), (1_234_567_890, "1234567890"),
                      (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808")])
    func writesIntegers(_ v: Int, _ expected: String) {
        var w = JSONWriter()
        w.int(v)
        #expect(w.string == expected)
    }

    @Test(arguments: [0.1, 1.5, -2.25, 1e-7, 1e21, 123.0, Double.leastNonzeroMagnitude, 1.7976931348623157e308,
                      -1.7976931348623157e308, 0.30000000000000004, 2.2250738585072014e-308])
    func doublesRoundTripExactly(_ v: Double) throws {
        var w = JSONWriter()
        w.double(v)
        let back = try JSONReader.parse(w.bytes)
        #expect(back == .double(v), "\(w.string)")
        #expect(back.doubleValue?.bitPattern == v.bitPattern)
    }

    @Test func negativeZeroRoundTrips() throws {
        var w = JSONWriter()
        w.double(-0.0)
        #expect(try JSONReader.parse(w.bytes).doubleValue?.sign == .minus)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteDoublesBecomeNull(_ v: Double) throws {
        var w = JSONWriter()
        w.beginArray()
        w.double(v)
        w.endArray()
        #expect(w.string == "[null]")
    }

    @Test func int64BoundsRoundTrip() throws {
        let v: JSONValue = [.int(Int64.max), .int(Int64.min), .int(0), .int(-1)]
        #expect(try JSONReader.parse(v.serialized()) == v)
    }

    @Test func valueTreeRoundTrips() throws {
        let v: JSONValue = [
            "id": "a-1",
            "title": "Talks in \"Geneva\"\n",
            "score": 0.875,
            "count": 12,
            "ok": true,
            "missing": nil,
            "entities": [["type": "PERSON", "text": "Ursula von der Leyen", "span": [0, 20]],
                         ["type": "GPE", "text": "Côte d’Ivoire", "span": [31, 44]]],
            "empty": ["a": [], "o": .object(JSONObject())],
            "weird key \u{1}": "\u{0}",
        ]
        let bytes = v.serialized()
        #expect(try JSONReader.parse(bytes) == v)
        // Serialising keeps member order.
        #expect(v.jsonString.hasPrefix(#"{"id":"a-1","title":"Talks in \"Geneva\"\n","score":0.875,"#))
        #expect(v.description == v.jsonString)
    }
}
