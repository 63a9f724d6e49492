import AttacheClient
@testable import AttacheService
import Testing

@Suite struct CSVWriterTests {
    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        var csv = CSVWriter(header: ["a", "b", "c", "d"])
        csv.row(["plain", "with, comma", "say \"hi\"", "two\nlines"])
        csv.row([nil, "", "é 🕊", "\r"])
        #expect(String(decoding: csv.bytes, as: UTF8.self)
                == "a,b,c,d\r\nplain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,é 🕊,\"'\r\"\r\n")
    }

    /// OWASP's CSV-injection advice: a cell that a spreadsheet would run as a formula gets a leading apostrophe
    /// and quotes; plain numbers stay numbers.
    @Test(arguments: [
        ("=HYPERLINK(\"http://x.test\",\"click\")", "\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\""),
        ("+1 555 0100", "\"'+1 555 0100\""), ("-2+3", "\"'-2+3\""), ("@SUM(A1:A2)", "\"'@SUM(A1:A2)\""),
        ("\tcmd", "\"'\tcmd\""), ("\rcmd", "\"'\rcmd\""), ("-", "\"'-\""), ("-.5", "\"'-.5\""), ("1.", "1."),
        ("-3.5", "-3.5"), ("+2", "+2"), ("0.25", "0.25"), ("a=b", "a=b"), ("Talks - day two", "Talks - day two"),
    ])
    func cellsThatStartAFormulaAreDefused(_ field: String, _ written: String) {
        var out: [UInt8] = []
        CSVWriter.append(field, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == written)
    }

    @Test(arguments: [
        ("text/csv", true), ("application/json", false), ("*/*", false), ("", false),
        ("text/csv;q=0.5, application/json", false), ("application/json;q=0.2, text/csv", true),
        ("text/csv, application/json", true), ("application/json, text/csv", false), ("text/csv;q=0", false),
        ("TEXT/CSV", true), ("text/html, text/csv;q=0.9", true),
    ])
    func acceptPrefersCSVOnlyWhenItRanksAboveJSON(_ accept: String, _ csv: Bool) {
        #expect(ResponseFormat.prefersCSV(accept: accept) == csv)
    }
}

/// CSV through HTTP: both ways of asking, stable header rows, cursors in a header.
@Suite(.timeLimit(.minutes(3))) struct CSVExportTests {
    static func lines(_ r: ClientResponse) -> [String] {
        r.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test func timelinesAndRelationsAnswerCSVWhenAsked() throws {
        try TestServer.with { server in
            let client = server.client()
            for r in StoryTimelineTests.reports { _ = try client.ingest(r) }
            let byFormat = try client.get("/v1/entities/country-rus/timeline?format=csv")
            let byAccept = try client.request(method: "GET", path: "/v1/entities/country-rus/timeline", headers: [("Accept", "text/csv")])
            for r in [byFormat, byAccept] {
                #expect(r.status == 200)
                #expect(r.header("Content-Type")?.hasPrefix("text/csv") == true)
                let rows = Self.lines(r)
                #expect(rows.first == AttacheService.storyColumns.joined(separator: ","))
                #expect(rows.count == 3, "header and two story events")
            }
            #expect(byFormat.text == byAccept.text)
            let paged = try client.get("/v1/entities/country-rus/timeline?format=csv&limit=1")
            let cursor = try #require(paged.header("Next-Cursor"))
            let next = try client.get("/v1/entities/country-rus/timeline?format=csv&limit=1&cursor=\(cursor)")
            #expect(Self.lines(next).count == 2 && next.header("Next-Cursor") == nil)

            let mentions = Self.lines(try client.get("/v1/entities/country-rus/timeline?view=mentions&format=csv"))
            #expect(mentions.first == AttacheService.mentionColumns.joined(separator: ",") && mentions.count > 1)
            let relations = Self.lines(try client.get("/v1/entities/country-rus/relations?format=csv"))
            #expect(relations.first == AttacheService.relationColumns.joined(separator: ","))
            #expect(relations.dropFirst().first?.hasPrefix("country-tur,Turkey,country,2,-1.5,") == true)
            let dyad = Self.lines(try client.get("/v1/relations?a=country-rus&b=country-tur&format=csv"))
            #expect(dyad == ["a,b,period,type,cameo,direction,count", "country-rus,country-tur,2016-03,consult,04,aToB,1",
                             "country-rus,country-tur,2016-03,sanction,16,aToB,1"])
            expectProblem(try client.get("/v1/entities/country-rus/timeline?format=xml"), status: 400, field: "format")
        }
    }
}
