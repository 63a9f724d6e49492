import AttacheJSON
import AttacheModel
import Testing

/// The analysis writer and reader are one format: what the service writes, a client reads back as the same value.
@Suite struct AnalysisJSONTests {
    /// An analysis of our own with every member set somewhere and left out elsewhere.
    static let analysis: Analysis = {
        var paris = Entity(id: "loc-paris", type: .location, name: "Paris", country: "FR", salience: 0.25, confidence: 0.9,
                           mentions: [Mention(start: 31, end: 36, text: "Paris", sentence: 0, kind: .name)])
        paris.geonamesId = 2_988_507
        paris.latitude = 48.85341
        paris.longitude = 2.3488
        let envoy = Entity(id: "person-ana-ruiz", type: .person, name: "Ana Ruiz", roles: ["Envoy of Chile"], salience: 0.8,
                           confidence: 0.75, source: .pattern,
                           mentions: [Mention(start: 0, end: 4, text: "Ruiz", sentence: -1, kind: .surname, field: .title),
                                      Mention(start: 0, end: 8, text: "Ana Ruiz", sentence: 0, kind: .name)])
        let meeting = Event(id: "ev-1", type: .consult, trigger: "met", triggerSpan: Span(start: 9, end: 12), sentence: 0,
                            sentenceSpan: Span(start: 0, end: 48),
                            participants: [Participant(entity: "person-ana-ruiz", role: .source), Participant(entity: "loc-paris", role: .participant)],
                            location: "loc-paris", date: "2024-05-03", dateText: "on Friday", dateSource: .text,
                            status: .occurred, negated: false)
        let threat = Event(id: "ev-2", type: .sanction, trigger: "arrest", triggerSpan: Span(start: 60, end: 66), sentence: 1,
                           sentenceSpan: Span(start: 49, end: 80), participants: [], location: nil, date: nil, dateText: nil,
                           dateSource: nil, status: .planned, negated: true, cameo: "17")
        return Analysis(article: ArticleInfo(id: "talks-1", title: "Ruiz in Paris", publishedAt: "2024-05-04", source: nil,
                                             dateline: "PARIS (AFP)", length: 80, wordCount: 14),
                        entities: [envoy, paris], events: [meeting, threat], sentences: [Span(start: 0, end: 48), Span(start: 49, end: 80)])
    }()

    static func read(_ bytes: [UInt8]) throws -> Analysis {
        try Analysis(json: JSONReader.parse(bytes))
    }

    @Test func whatIsWrittenReadsBackAsTheSameAnalysis() throws {
        #expect(try Self.read(Self.analysis.jsonBytes(includeSentences: true)) == Self.analysis)
    }

    @Test func sentencesAreLeftOutUnlessAsked() throws {
        var expected = Self.analysis
        expected.sentences = []
        #expect(try Self.read(Self.analysis.jsonBytes()) == expected)
    }

    @Test func aTitleMentionIsMarkedByItsFieldNotBySentence() throws {
        let value = try JSONReader.parse(Self.analysis.jsonBytes())
        let mentions = value["entities"]?[0]?["mentions"]
        #expect(mentions?[0]?["field"] == "title")
        #expect(mentions?[0]?["sentence"] == nil)
        #expect(mentions?[1]?["field"] == nil)
        #expect(mentions?[1]?["sentence"] == 0)
    }

    static func refusal(_ json: String) -> WireFormatError? {
        do {
            _ = try Analysis(json: JSONReader.parse(Array(json.utf8)))
            return nil
        } catch let e as WireFormatError {
            return e
        } catch {
            return WireFormatError("not JSON: \(error)")
        }
    }

    @Test func aBadMemberIsNamedByItsPath() {
        let article = #""article":{"length":3,"wordCount":1}"#
        #expect(Self.refusal("{}") == WireFormatError("article is required", field: "article"))
        #expect(Self.refusal("{\(article),\"entities\":[{\"id\":\"x\",\"type\":\"planet\"}]}")
            == WireFormatError("entities[0].type has an unknown value \"planet\"", field: "entities[0].type"))
        #expect(Self.refusal("{\(article),\"events\":{}}") == WireFormatError("events must be an array", field: "events"))
        #expect(Self.refusal(#"{"article":{"length":"3","wordCount":1}}"#)
            == WireFormatError("article.length must be an integer", field: "article.length"))
        #expect(Self.refusal("{\(article)}") == nil, "entities and events may be absent")
    }
}
