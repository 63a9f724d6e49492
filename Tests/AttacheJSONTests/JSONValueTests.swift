import Testing

@testable import AttacheJSON

@Suite struct JSONValueTests {
    @Test func accessorsAnswerOnlyForTheirCase() {
        let s: JSONValue = "x"
        #expect(s.stringValue == "x")
        #expect(s.intValue == nil && s.doubleValue == nil && s.boolValue == nil)
        #expect(s.arrayValue == nil && s.objectValue == nil && !s.isNull)
        let b: JSONValue = true
        #expect(b.boolValue == true && b.stringValue == nil && b.intValue == nil)
        #expect(JSONValue.null.isNull)
        #expect(JSONValue.int(1).boolValue == nil)
    }

    @Test func intValueAcceptsIntegralDoublesInRange() {
        #expect(JSONValue.int(-5).intValue == -5)
        #expect(JSONValue.double(10).intValue == 10)
        #expect(JSONValue.double(-0.0).intValue == 0)
        #expect(JSONValue.double(10.5).intValue == nil)
        #expect(JSONValue.double(-9.223372036854775808e18).intValue == Int64.min)
        #expect(JSONValue.double(9.223372036854775808e18).intValue == nil)
        #expect(JSONValue.double(1e300).intValue == nil)
    }

    @Test func doubleValueWidensInts() {
        #expect(JSONValue.int(3).doubleValue == 3.0)
        #expect(JSONValue.double(2.5).doubleValue == 2.5)
    }

    @Test func subscriptsReturnNilOutsideTheirCase() {
        let v: JSONValue = ["a": [10, 20], "n": nil]
        #expect(v["a"]?[1] == 20)
        #expect(v["a"]?[2] == nil)
        #expect(v["a"]?[-1] == nil)
        #expect(v["n"] == .null)
        #expect(v["missing"] == nil)
        #expect(v[0] == nil)
        #expect(v["a"]?["x"] == nil)
    }

    @Test func intAndDoubleAreDistinctCases() {
        #expect(JSONValue.int(1) != JSONValue.double(1))
    }
}

@Suite struct JSONObjectTests {
    @Test func setReplacesInPlaceAndNilRemoves() {
        var o: JSONObject = ["a": 1, "b": 2]
        o["a"] = 3
        o["c"] = 4
        #expect(o.keys == ["a", "b", "c"])
        #expect(o["a"] == 3)
        o["b"] = nil
        #expect(o.keys == ["a", "c"])
        #expect(!o.contains("b") && o.contains("c"))
        o["zzz"] = nil
        #expect(o.count == 2)
    }

    @Test func repeatedKeysInInitialiserKeepTheLast() {
        let o = JSONObject([("k", 1), ("j", 2), ("k", 3)])
        #expect(o.keys == ["k", "j"])
        #expect(o["k"] == 3)
    }

    @Test func equalityIgnoresOrder() {
        let a: JSONObject = ["x": 1, "y": [true]]
        let b: JSONObject = ["y": [true], "x": 1]
        #expect(a == b)
        #expect(a != ["x": 1, "y": [false]])
        #expect(a != ["x": 1])
        #expect(a != ["x": 1, "z": [true]])
    }

    @Test func indexedObjectStaysConsistentAcrossEdits() {
        var o = JSONObject()
        for k in 0..<50 { o["k\(k)"] = .int(Int64(k)) }
        o["k10"] = nil
        o["k49"] = "last"
        o["new"] = true
        #expect(o.count == 50)
        #expect(o["k10"] == nil)
        #expect(o["k11"] == 11)
        #expect(o["k49"] == "last")
        #expect(o["new"] == true)
        #expect(o.keys.last == "new")
        #expect(o.map(\.key).count == 50)
        // Shrinking below the threshold and growing again keeps lookups right.
        for k in 0..<45 { o["k\(k)"] = nil }
        #expect(o.keys == ["k45", "k46", "k47", "k48", "k49", "new"])
        o["k0"] = 0
        #expect(o["k0"] == 0 && o["k47"] == 47)
    }
}
