import Testing
@testable import AttacheHTTP

@Suite struct HTTPHeadersTests {
    @Test func lookupIsCaseInsensitiveAndKeepsDuplicatesInOrder() {
        var headers = HTTPHeaders([("Accept", "a"), ("Host", "h"), ("ACCEPT", "b")])
        #expect(headers["accept"] == "a")
        #expect(headers.values("Accept") == ["a", "b"])
        #expect(headers["missing"] == nil)
        headers.add("accept", "c")
        #expect(headers.values("ACCEPT") == ["a", "b", "c"])
        #expect(headers.count == 4)
    }

    @Test func replaceRemovesEveryOldValue() {
        var headers: HTTPHeaders = ["X": "1", "Y": "2", "x": "3"]
        headers.replace("X", "4")
        #expect(headers.values("x") == ["4"])
        #expect(headers.map(\.name) == ["Y", "X"])
        headers.remove("y")
        #expect(!headers.contains("Y"))
    }

    @Test func namesOfDifferentLengthOrLettersDiffer() {
        #expect(!HTTPHeaders.namesEqual("Host", "Hosts"))
        #expect(!HTTPHeaders.namesEqual("Host", "Hose"))
        #expect(HTTPHeaders.namesEqual("content-LENGTH", "Content-Length"))
        // Only ASCII letters fold: '@' (0x40) and '`' (0x60) must stay distinct.
        #expect(!HTTPHeaders.namesEqual("@", "`"))
    }
}
