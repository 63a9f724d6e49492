/// The analysis as a Codable version of the service would declare it (every member of the wire format that the
/// dev corpus produces), so that `JSONEncoder` and `JSONDecoder` run with synthesized conformances: their usual,
/// and fastest, use.
struct WireAnalysis: Codable {
    struct Article: Codable {
        var id: String?
        var title: String?
        var publishedAt: String?
        var source: String?
        var dateline: String?
        var length: Int
        var wordCount: Int
    }

    struct Mention: Codable {
        var start: Int
        var end: Int
        var text: String
        var sentence: Int?
        var kind: String
        var field: String?
    }

    struct Entity: Codable {
        var id: String
        var type: String
        var name: String
        var iso2: String?
        var iso3: String?
        var country: String?
        var geonamesId: Int?
        var latitude: Double?
        var longitude: Double?
        var source: String
        var salience: Double
        var confidence: Double
        var roles: [String]
        var mentions: [Mention]
    }

    struct Span: Codable {
        var start: Int
        var end: Int
        var text: String?
        var index: Int?
    }

    struct Participant: Codable {
        var entity: String
        var role: String
    }

    struct Event: Codable {
        var id: String
        var type: String
        var cameo: String
        var trigger: Span
        var sentence: Span
        var participants: [Participant]
        var location: String?
        var date: String?
        var dateText: String?
        var dateSource: String?
        var status: String
        var negated: Bool
    }

    var article: Article
    var id: String?
    var entities: [Entity]
    var events: [Event]
}
