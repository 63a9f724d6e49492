import AttacheClient
import AttacheCore
import AttacheJSON
import AttacheModel
import Testing

/// An article with characters beyond ASCII before and inside the names, so byte, UTF-16 and code-point offsets differ.
let erdoganArticle = ArticleInput(
    title: "Erdoğan and Macron meet in Paris",
    text: "Recep Tayyip Erdoğan met Emmanuel Macron in Paris on Tuesday. « Nous avons parlé », Erdoğan said afterwards.",
    publishedAt: "2023-06-13")

@Suite("POST /v1/analyze")
struct AnalyzeTests {
    /// The seed article's key entities, with type and ISO codes where they are countries.
    static func expectSeedEntities(_ analysis: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) {
        let names = AnalysisJSON.entityNames(analysis)
        let us = AnalysisJSON.entity(named: "United States", in: analysis)
        #expect(us?["type"]?.stringValue == "country", "entities: \(names)", sourceLocation: sourceLocation)
        #expect(us?["iso2"]?.stringValue == "US", sourceLocation: sourceLocation)
        #expect(us?["iso3"]?.stringValue == "USA", sourceLocation: sourceLocation)
        let russia = AnalysisJSON.entity(named: "Russia", in: analysis)
        #expect(russia?["type"]?.stringValue == "country", "entities: \(names)", sourceLocation: sourceLocation)
        #expect(russia?["iso2"]?.stringValue == "RU", sourceLocation: sourceLocation)
        #expect(russia?["iso3"]?.stringValue == "RUS", sourceLocation: sourceLocation)
        for person in ["John Kerry", "Vladimir Putin", "Sergei Lavrov"] {
            #expect(AnalysisJSON.entity(named: person, in: analysis)?["type"]?.stringValue == "person",
                    "\(person) missing; entities: \(names)", sourceLocation: sourceLocation)
        }
    }

    /// Every mention's `text` is its field sliced by code points, and title mentions say `"field":"title"`.
    static func expectMentionsMatch(_ analysis: JSONValue, text: String, title: String?,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        let mentions = AnalysisJSON.mentions(analysis)
        #expect(!mentions.isEmpty, sourceLocation: sourceLocation)
        for (entity, m) in mentions {
            let isTitle = m["field"]?.stringValue == "title"
            if isTitle { #expect(title != nil, "title mention without a title", sourceLocation: sourceLocation) }
            guard let start = m["start"]?.intValue, let end = m["end"]?.intValue else {
                Issue.record("mention of \(entity) without offsets: \(m)", sourceLocation: sourceLocation)
                continue
            }
            let source = isTitle ? (title ?? "") : text
            let slice = codePointSlice(source, Int(start), Int(end))
            #expect(slice == m["text"]?.stringValue,
                    "\(entity) mention [\(start), \(end)) in \(isTitle ? "title" : "text")", sourceLocation: sourceLocation)
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingMessage))
    func seedArticleAsPlainText() throws {
        let seed = try Corpus.article("seed-001")
        try TestServer.with { server in
            let r = try server.client().post("/v1/analyze", Array(seed.text.utf8), contentType: "text/plain; charset=utf-8")
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "application/json")
            let analysis = r.jsonBody()
            Self.expectSeedEntities(analysis)
            Self.expectMentionsMatch(analysis, text: seed.text, title: nil)
            #expect(analysis["article"]?["length"]?.intValue == Int64(seed.text.unicodeScalars.count))
            #expect(analysis["article"]?["title"] == nil)
            #expect(AnalysisJSON.mentions(analysis).allSatisfy { $0.mention["field"] == nil })
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingMessage))
    func seedArticleAsJSONWithTitleAndDate() throws {
        let seed = try Corpus.article("seed-001")
        try TestServer.with { server in
            let analysis = try server.client().analyzeJSON(seed.request())
            Self.expectSeedEntities(analysis)
            Self.expectMentionsMatch(analysis, text: seed.text, title: seed.title)
            #expect(analysis["article"]?["title"]?.stringValue == seed.title)
            #expect(analysis["article"]?["publishedAt"]?.stringValue == "2015-12-15")
            #expect(analysis["article"]?["source"]?.stringValue == "AFP")
            // The title "Putin Kerry agree to push ahead with Syria peace process" names Putin.
            let putinTitle = AnalysisJSON.entity(named: "Vladimir Putin", in: analysis)?["mentions"]?.arrayValue?
                .filter { $0["field"]?.stringValue == "title" } ?? []
            #expect(putinTitle.count == 1)
            #expect(putinTitle.first?["start"]?.intValue == 0)
            #expect(putinTitle.first?["text"]?.stringValue == "Putin")
            // Kerry's roles are resolved against the publication date.
            let kerryRoles = AnalysisJSON.entity(named: "John Kerry", in: analysis)?["roles"]?.arrayValue ?? []
            #expect(kerryRoles.contains { $0.stringValue?.contains("Secretary of State") == true }, "roles: \(kerryRoles)")
        }
    }

    @Test func nonASCIIOffsetsAreCodePoints() throws {
        try TestServer.with { server in
            let analysis = try server.client().analyzeJSON(erdoganArticle)
            let names = AnalysisJSON.entityNames(analysis)
            let erdogan = AnalysisJSON.entity(named: "Recep Tayyip Erdogan", in: analysis)
            #expect(erdogan?["type"]?.stringValue == "person", "entities: \(names)")
            #expect(AnalysisJSON.entity(named: "Emmanuel Macron", in: analysis)?["type"]?.stringValue == "person", "entities: \(names)")
            #expect(AnalysisJSON.entity(named: "Paris", in: analysis) != nil, "entities: \(names)")
            Self.expectMentionsMatch(analysis, text: erdoganArticle.text, title: erdoganArticle.title)
            let texts = erdogan?["mentions"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
            #expect(texts.contains("Recep Tayyip Erdoğan"))
            // "Emmanuel Macron" is [25, 40) in code points; in UTF-8 bytes it would be [26, 41).
            let macron = AnalysisJSON.entity(named: "Emmanuel Macron", in: analysis)?["mentions"]?.arrayValue?
                .first { $0["field"] == nil }
            #expect(macron?["start"]?.intValue == 25)
            #expect(macron?["end"]?.intValue == 40)
            let titleMentions = AnalysisJSON.mentions(analysis).filter { $0.mention["field"]?.stringValue == "title" }
            #expect(titleMentions.contains { $0.entity == "Recep Tayyip Erdogan" && $0.mention["start"]?.intValue == 0 && $0.mention["end"]?.intValue == 7 })
        }
    }

    @Test func astralCharactersCountAsOneCodePoint() throws {
        // 😀 and 𝒳 are one code point each but two UTF-16 units and four UTF-8 bytes; 🇺🇸 is two code points.
        let text = "😀 🇺🇸 Vladimir Putin met 𝒳 John Kerry in Moscow.\u{0}Sergei Lavrov listened."
        try TestServer.with { server in
            let analysis = try server.client().analyzeJSON(ArticleInput(title: "😀 Putin", text: text))
            let names = AnalysisJSON.entityNames(analysis)
            #expect(names.contains("Vladimir Putin") && names.contains("John Kerry"), "entities: \(names)")
            Self.expectMentionsMatch(analysis, text: text, title: "😀 Putin")
            let putin = AnalysisJSON.entity(named: "Vladimir Putin", in: analysis)?["mentions"]?.arrayValue?.first { $0["field"] == nil }
            #expect(putin?["start"]?.intValue == 5)
            #expect(analysis["article"]?["length"]?.intValue == Int64(text.unicodeScalars.count))
        }
    }

    /// The typed client reads back exactly the analysis the service's analyzer made: the model's writer and
    /// reader agree on every member, over HTTP.
    @Test func theTypedClientGetsTheServicesOwnAnalysis() throws {
        try TestServer.with { server in
            let client = server.client()
            #expect(try client.analyze(erdoganArticle) == SharedKnowledge.analyzer.analyze(erdoganArticle).withoutSentences)
            let text = "Sergei Lavrov met John Kerry in Geneva on Friday. Lavrov said the talks would go on."
            #expect(try client.analyze(text: text) == SharedKnowledge.analyzer.analyze(ArticleInput(text: text)).withoutSentences)
            let stored = try client.ingest(ArticleInput(id: "typed-1", text: text, publishedAt: "2015-11-13"))
            #expect(stored.created)
            #expect(stored.analysis.events.contains { $0.type == .consult }, "events: \(stored.analysis.events.map(\.type))")
        }
    }

    @Test func jsonAndPlainTextGiveTheSameEntities() throws {
        try TestServer.with { server in
            let client = server.client()
            let text = "Sergei Lavrov met John Kerry in Moscow on Monday."
            let plain = try client.analyzeJSON(text: text)
            let json = try client.analyzeJSON(ArticleInput(text: text))
            #expect(plain["entities"] == json["entities"])
            #expect(Set(AnalysisJSON.entityNames(plain)).isSuperset(of: ["Sergei Lavrov", "John Kerry"]))
        }
    }

    @Test func publishedAliasAndMediaTypeVariantsAreAccepted() throws {
        try TestServer.with { server in
            let client = server.client()
            let body = #"{"text":"Vladimir Putin spoke in Moscow.","published":"2015-12-15T10:00:00Z","extra":{"ignored":true}}"#
            for type in ["application/json", "application/json; charset=utf-8", "application/vnd.attache+json", "APPLICATION/JSON"] {
                let r = try client.post("/v1/analyze", Array(body.utf8), contentType: type)
                #expect(r.status == 200, "\(type): \(r.text.prefix(200))")
                #expect(r.jsonBody()["article"]?["publishedAt"]?.stringValue == "2015-12-15T10:00:00Z", "\(type)")
            }
        }
    }
}

extension Analysis {
    /// The analysis as the API sends it: sentence spans are kept for the store, not written in responses.
    var withoutSentences: Analysis {
        var a = self
        a.sentences = []
        return a
    }
}
