import AttacheJSON
import AttacheModel
import Testing

@Suite struct ArticleDecoderTests {
    static func decode(_ json: String, path: String = "", dates: ArticleDecoder.PublicationDates = .checked) throws(WireFormatError) -> ArticleInput {
        let value = try! JSONReader.parse(Array(json.utf8))
        return try ArticleDecoder.article(from: value, path: path, publicationDates: dates)
    }

    /// The refusal of `json`, or nil when it is read.
    static func refusal(_ json: String, path: String = "", dates: ArticleDecoder.PublicationDates = .checked) -> WireFormatError? {
        do {
            _ = try decode(json, path: path, dates: dates)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryMemberAndIgnoresUnknownOnes() throws {
        let a = try Self.decode(#"{"id":"talks-1","title":"Talks","text":"The envoys met.","publishedAt":"2024-05-01","source":"wire","lang":"en"}"#)
        #expect(a == ArticleInput(id: "talks-1", title: "Talks", text: "The envoys met.", publishedAt: "2024-05-01", source: "wire"))
    }

    @Test func nullMembersAreAbsentAndPublishedIsAnAlias() throws {
        let a = try Self.decode(#"{"text":"The envoys met.","title":null,"id":null,"published":"2024-05-01T09:30:00Z"}"#)
        #expect(a == ArticleInput(text: "The envoys met.", publishedAt: "2024-05-01T09:30:00Z"))
        let both = try Self.decode(#"{"text":"x","publishedAt":"2024-05-01","published":"2023-01-01"}"#)
        #expect(both.publishedAt == "2024-05-01")
    }

    @Test(arguments: [
        (#"{"title":"No text"}"#, "text is required", "text"),
        (#"{"text":null}"#, "text is required", "text"),
        (#"{"text":42}"#, "text must be a string", "text"),
        (#"{"text":" \n\t "}"#, "text must not be empty", "text"),
        (#"{"text":"x","title":["a"]}"#, "title must be a string", "title"),
        (#"{"text":"x","id":"two words"}"#, "id must be 1-200 characters of A-Z a-z 0-9 . _ ~ : -", "id"),
        (#"{"text":"x","source":false}"#, "source must be a string", "source"),
    ])
    func aBadMemberIsNamed(_ json: String, message: String, field: String) {
        #expect(Self.refusal(json) == WireFormatError(message, field: field))
    }

    @Test func errorsCarryThePathOfTheArticle() {
        #expect(Self.refusal(#"{"id":"a"}"#, path: "articles[3]") == WireFormatError("articles[3].text is required", field: "articles[3].text"))
        #expect(Self.refusal("[1]") == WireFormatError("request body must be a JSON object", field: nil))
        #expect(Self.refusal("\"text\"", path: "line 2") == WireFormatError("line 2 must be a JSON object", field: "line 2"))
    }

    @Test func aTitleLongerThanTheLimitIsRefused() {
        let long = String(repeating: "a", count: ArticleDecoder.maxTitleBytes + 1)
        #expect(Self.refusal(#"{"text":"x","title":"\#(long)"}"#)?.field == "title")
        #expect(Self.refusal(#"{"text":"x","title":"\#(long.dropLast())"}"#) == nil)
    }

    @Test(arguments: ["2024-03", "", "2023-02-29", "yesterday", "2024-05-01T25:00:00Z"])
    func checkedDatesRefuseWhatTheAPIRefusesAndCorporaKeepIt(_ date: String) throws {
        let json = #"{"text":"x","publishedAt":"\#(date)"}"#
        #expect(Self.refusal(json)?.field == "publishedAt")
        #expect(try Self.decode(json, dates: .asGiven).publishedAt == date)
    }

    @Test(arguments: ["2024-02-29", "2024-05-01T09:30:00Z", "2024-05-01T09:30:00.250+02:00", "2024-05-01 09:30:00z"])
    func checkedDatesAcceptDaysAndTimestamps(_ date: String) throws {
        #expect(try Self.decode(#"{"text":"x","publishedAt":"\#(date)"}"#).publishedAt == date)
    }

    @Test func articleIDsAreURLSafeAndAtMost200Characters() {
        #expect(ArticleID.isValid("reuters:2024-05-01_talks~2"))
        #expect(ArticleID.isValid(String(repeating: "a", count: 200)))
        #expect(!ArticleID.isValid(String(repeating: "a", count: 201)))
        #expect(!ArticleID.isValid(""))
        #expect(!ArticleID.isValid("a/b"))
        #expect(!ArticleID.isValid("caf\u{E9}"))
    }

    @Test func theWriterWritesWhatTheDecoderReads() throws {
        let a = ArticleInput(id: "talks-1", title: "Talks \"today\"", text: "Line one.\nLine two \u{1F600}.", publishedAt: "2024-05-01")
        let value = try JSONReader.parse(a.jsonBytes())
        #expect(try ArticleDecoder.article(from: value) == a)
        #expect(value["source"] == nil, "nil members are left out")
    }
}
