import AttacheJSON
import AttacheModel
import Testing

@Suite struct TimelineJSONTests {
    static let page = TimelinePage(entity: "person-ana-ruiz", items: [
        TimelineItem(kind: .event, date: "2024-05-03", articleID: "talks-1", articleTitle: "Ruiz in Paris", articlePublishedAt: "2024-05-04",
                     eventType: "consult", eventID: "ev-1", trigger: "met", role: "source",
                     otherParticipants: [.init(id: "person-jan-berg", name: "Jan Berg")], sentence: "Ana Ruiz met Jan Berg in Paris on Friday."),
        TimelineItem(kind: .mention, date: "2024-05", articleID: "talks-2", articleTitle: nil, articlePublishedAt: "2024-05",
                     sentence: "Ruiz in Paris", mentionText: "Ruiz", mentionCount: 3),
    ], nextCursor: "b3BhcXVl")

    @Test func aPageReadsBackAsWritten() throws {
        #expect(try TimelinePage(json: JSONReader.parse(Self.page.jsonBytes())) == Self.page)
        let last = TimelinePage(entity: "x", items: [], nextCursor: nil)
        #expect(try TimelinePage(json: JSONReader.parse(last.jsonBytes())) == last)
    }

    @Test func onlyEventsListOtherParticipants() throws {
        let value = try JSONReader.parse(Self.page.jsonBytes())
        #expect(value["items"]?[0]?["otherParticipants"]?[0]?["name"] == "Jan Berg")
        #expect(value["items"]?[1]?["otherParticipants"] == nil)
        #expect(value["items"]?[1]?["eventType"] == nil)
    }

    @Test func anUnknownKindIsRefused() {
        let json = #"{"entity":"x","items":[{"kind":"rumour","articleId":"a","sentence":"s"}]}"#
        #expect(throws: WireFormatError("items[0].kind has an unknown value \"rumour\"", field: "items[0].kind")) {
            try TimelinePage(json: JSONReader.parse(Array(json.utf8)))
        }
    }
}
