@testable import AttacheStore
import Foundation
import Testing

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 63), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        ("Élysée 🕊", "fc062a6493a0f2a9d21869dac3f1456e2245d2426a94109fe7b849714ab53d42"),
    ])
    func knownDigests(_ message: String, _ digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    /// Input in pieces, contiguous or not (a lazy map has no contiguous storage), gives the digest of the whole.
    @Test func piecesHashLikeTheWhole() {
        let text = String(repeating: "Talks in Geneva. ", count: 20)
        var hasher = SHA256()
        hasher.update(text.utf8.prefix(100))
        hasher.update(text.utf8.dropFirst(100).lazy.map { $0 })
        #expect(Hex.encode(hasher.finalize()) == SHA256.hex(Array(text.utf8)))
        #expect(SHA256.hex(text.utf8) == SHA256.hex(Array(text.utf8)))
    }

    @Test func contentHashIsTitleNewlineText() {
        #expect(ContentHash.of(title: "ab", text: "c") == SHA256.hex(Array("ab\nc".utf8)))
        #expect(ContentHash.of(title: "ab", text: "c") != ContentHash.of(title: "a", text: "bc"))
    }

    @Test func hexRoundTrip() {
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xff]
        #expect(Hex.encode(bytes) == "00017f80ff")
        #expect(Hex.decode(Array("00017F80ff".utf8)) == bytes)
        #expect(Hex.decode(Array("0".utf8)) == nil)
        #expect(Hex.decode(Array("zz".utf8)) == nil)
    }
}

@Suite struct CursorTests {
    @Test(arguments: [
        ["2015-12-00", "article:1", "42", "e:ev1"],
        ["", "", "-1", ""],
        ["~", "Élysée 🕊", "7", "12:34"],
    ])
    func roundTrip(_ fields: [String]) throws {
        let encoded = Cursor.encode(tag: 0x74, fields)
        #expect(encoded.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 })
        #expect(try Cursor.decode(tag: 0x74, fieldCount: fields.count, encoded) == fields)
    }

    @Test(arguments: ["", "!!!", "dA", "dDk6YQ", "c2:x"])
    func malformedCursorsAreRejected(_ cursor: String) {
        #expect(throws: StoreError.self) { try Cursor.decode(tag: 0x74, fieldCount: 1, cursor) }
    }

    @Test func wrongTagOrFieldCountIsRejected() {
        let c = Cursor.encode(tag: 0x73, ["5", "id"])
        #expect(throws: StoreError.self) { try Cursor.decode(tag: 0x74, fieldCount: 2, c) }
        #expect(throws: StoreError.self) { try Cursor.decode(tag: 0x73, fieldCount: 3, c) }
    }

    @Test(arguments: [[UInt8](), [0], [0, 1], [0, 1, 2], [255, 254, 253, 252], Array("any carnal pleas".utf8)])
    func base64URLRoundTrip(_ bytes: [UInt8]) {
        let s = Base64URL.encode(bytes)
        #expect(!s.contains("=") && !s.contains("+") && !s.contains("/"))
        #expect(Base64URL.decode(s) == bytes)
    }
}

@Suite struct DateKeyTests {
    @Test(arguments: [
        ("2015", "2015-00-00"),
        ("2015-12", "2015-12-00"),
        ("2015-12-15", "2015-12-15"),
        ("2015-12-15T10:00:00Z", "2015-12-15T10:00:00Z"),
        ("Tuesday", "~"),
        ("", "~"),
    ])
    func sortKeys(_ date: String, _ key: String) {
        #expect(DateKey.sortKey(date) == key)
    }

    @Test func partialDatesSortAtTheStartOfTheirPeriod() {
        let dates = ["2016-01-01", "2015-12-15", "2015-12", "2015", "2015-11-30", "2014-12-31T23:59:59Z"]
        let sorted = dates.sorted { DateKey.sortKey($0).utf8.lexicographicallyPrecedes(DateKey.sortKey($1).utf8) }
        #expect(sorted == ["2014-12-31T23:59:59Z", "2015", "2015-11-30", "2015-12", "2015-12-15", "2016-01-01"])
        #expect(DateKey.sortKey(nil) > DateKey.sortKey("9999-12-31"))
    }

    @Test func boundsAreValidated() throws {
        #expect(try DateKey.bound("2015-12", name: "from") == "2015-12")
        #expect(try DateKey.bound(nil, name: "from") == nil)
        #expect(try DateKey.bound("", name: "from") == nil)
        #expect(throws: StoreError.self) { try DateKey.bound("15/12/2015", name: "to") }
        #expect(throws: StoreError.self) { try DateKey.bound("2015'--", name: "to") }
        #expect("2015-12-31" < DateKey.upperKey("2015-12") && "2015-12-31T23:00Z" < DateKey.upperKey("2015-12-31"))
        #expect(DateKey.undated > DateKey.upperKey("9999"))
    }
}

@Suite struct TextFoldingTests {
    @Test(arguments: [("Élysée Palace", "elysee palace"), ("LAVROV", "lavrov"), ("Ştefan Nuñez", "stefan nunez"), ("Ki-moon", "ki-moon")])
    func folds(_ input: String, _ folded: String) {
        #expect(TextFolding.fold(input) == folded)
    }

    @Test func likePatternEscapesWildcards() {
        #expect(TextFolding.containsPattern("Él%_\\") == "%el\\%\\_\\\\%")
    }

    @Test func trimmingKeepsInnerWhitespace() {
        #expect(ArticleRows.trimmed("  a b\n") == "a b")
        #expect(ArticleRows.trimmed(" \n ") == "")
    }
}

@Suite struct ScopedCursorTests {
    @Test func aScopedCursorDecodesOnlyInItsOwnScope() throws {
        let scope = Cursor.scope(["timeline", "iran", "2015", "", ""])
        let c = Cursor.encode(tag: 0x74, scope: scope, ["2015-00-00", "a1", "3", "m"])
        #expect(try Cursor.decode(tag: 0x74, scope: scope, fieldCount: 4, c) == ["2015-00-00", "a1", "3", "m"])
        let other = Cursor.scope(["timeline", "iraq", "2015", "", ""])
        #expect(other != scope)
        #expect(throws: StoreError.self) { try Cursor.decode(tag: 0x74, scope: other, fieldCount: 4, c) }
    }

    @Test func scopesKeepParameterBoundaries() {
        // "ab" + "" and "a" + "b" are different queries.
        #expect(Cursor.scope(["ab", ""]) != Cursor.scope(["a", "b"]))
    }
}

@Suite struct SearchKeyTests {
    @Test(arguments: [
        ("North Atlantic Treaty Organization", "nato"),
        ("United Nations", "un"),
        ("European Union", "eu"),
        ("United States of America", "usa"),
        ("Organization of the Petroleum Exporting Countries", "opec"),
        ("Économie Nouvelle", "en"),
    ])
    func acronymOfCapitalisedWords(_ name: String, _ acronym: String) {
        #expect(TextFolding.acronym(name) == acronym)
    }

    @Test(arguments: ["Russia", "de Gaulle", ""])
    func namesWithFewerThanTwoCapitalisedWordsHaveNoAcronym(_ name: String) {
        #expect(TextFolding.acronym(name) == nil)
    }

    @Test func dotlessAndPrefixPattern() {
        #expect(TextFolding.dotless("u.s.") == "us")
        #expect(TextFolding.prefixPattern("Un_") == "un\\_%")
    }
}

@Suite struct PartialDateTests {
    @Test(arguments: [
        ("2022-01-10T09:30:00Z", "2022-01-10"),
        ("2022-01-10T23:30:00-05:00", "2022-01-10"),
        ("2022-01-10", "2022-01-10"),
        ("2015-12", "2015-12"),
        ("2011", "2011"),
    ])
    func timestampsBecomeTheirCalendarDate(_ stored: String, _ shown: String) {
        #expect(DateKey.partialDate(stored) == shown)
    }

    @Test func noDateStaysNone() {
        #expect(DateKey.partialDate(nil) == nil)
    }
}

@Suite struct SQLParametersTests {
    @Test func listsArePaddedToAPowerOfTwoWithTheirLastValue() {
        var params = SQLParameters([.text("entity")])
        #expect(params.addList([.text("a"), .text("b"), .text("c")]) == "?2, ?3, ?4, ?5")
        #expect(params.values == [.text("entity"), .text("a"), .text("b"), .text("c"), .text("c")])
        var one = SQLParameters()
        #expect(one.addList([.int(7)]) == "?1")
        let texts = Set((1...100).map { n -> String in
            var p = SQLParameters()
            return p.addList((0..<n).map { .int($0) })
        })
        #expect(texts.count == 8)  // 1, 2, 4, ..., 128
    }

    /// `IN` lists of every length from 1 to 64 prepare one statement per power of two, and answer as exact lists do.
    @Test func paddedListsKeepTheStatementCacheSmall() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("attache-inlist-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let c = try SQLiteConnection(path: path, readOnly: false, busyTimeoutMilliseconds: 1_000, synchronous: .normal)
        try c.execute("CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL)")
        for i in 0..<64 { try c.run("INSERT INTO t (id) VALUES (?1)", [.text("id-\(i)")]) }
        let before = c.cachedStatementCount
        for n in 1...64 {
            var params = SQLParameters()
            let list = params.addList((0..<n).map { .text("id-\($0 * 7 % 64)") })
            var found: Set<String> = []
            try c.query("SELECT id FROM t WHERE id IN (\(list))", params.values) { r throws(StoreError) in found.insert(r.text(0) ?? "") }
            #expect(found == Set((0..<n).map { "id-\($0 * 7 % 64)" }))
        }
        #expect(c.cachedStatementCount - before == 7)  // 1, 2, 4, ..., 64
    }
}
