/// The result of analysing one article: what the API returns and the store keeps.
public struct Analysis: Sendable, Equatable {
    public var article: ArticleInfo
    public var entities: [Entity]
    public var events: [Event]
    /// Sentence boundaries of the text (code-point offsets), so stores can quote the sentence of a mention.
    public var sentences: [Span]

    public init(article: ArticleInfo, entities: [Entity], events: [Event], sentences: [Span]) {
        self.article = article
        self.entities = entities
        self.events = events
        self.sentences = sentences
    }
}

/// A half-open range of Unicode code points, end exclusive.
public struct Span: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// The article as analysed (its text is echoed by the store, not by every analysis response).
public struct ArticleInfo: Sendable, Equatable {
    public var id: String?
    public var title: String?
    public var publishedAt: String?
    public var source: String?
    /// Dateline place and date when the text opened with one ("MOSCOW, Dec 15 (AFP) -").
    public var dateline: String?
    /// Length of the text in Unicode code points.
    public var length: Int
    public var wordCount: Int

    public init(id: String?, title: String?, publishedAt: String?, source: String?, dateline: String? = nil, length: Int, wordCount: Int) {
        self.id = id
        self.title = title
        self.publishedAt = publishedAt
        self.source = source
        self.dateline = dateline
        self.length = length
        self.wordCount = wordCount
    }
}

/// One span of text that refers to an entity.
public struct Mention: Sendable, Hashable {
    /// Unicode code-point offsets into `field`, end exclusive.
    public var start: Int
    public var end: Int
    public var text: String
    /// Sentence index (in `Analysis.sentences`); -1 for title mentions.
    public var sentence: Int
    public var kind: MentionKind
    public var field: TextField

    public init(start: Int, end: Int, text: String, sentence: Int, kind: MentionKind, field: TextField = .text) {
        self.start = start
        self.end = end
        self.text = text
        self.sentence = sentence
        self.kind = kind
        self.field = field
    }
}

/// One distinct entity of the article with all its mentions.
public struct Entity: Sendable, Equatable {
    /// Stable, URL-safe id: the knowledge base id, or for pattern entities a slug of the normalised name.
    public var id: String
    public var type: EntityType
    /// Canonical name (no accents).
    public var name: String
    public var iso2: String?
    public var iso3: String?
    /// ISO 3166-1 alpha-2 code of the country a person, organization or location belongs to.
    public var country: String?
    /// GeoNames id and WGS 84 coordinates (degrees) of a location the knowledge base places on the map.
    public var geonamesId: Int?
    public var latitude: Double?
    public var longitude: Double?
    /// Roles seen in the text or valid in the knowledge base at the publication date ("Foreign Minister of Russia").
    public var roles: [String]
    /// 0-1: how central the entity is to the article (mention count, position, title).
    public var salience: Double
    /// 0-1: how sure the linker is of the entity and its type.
    public var confidence: Double
    public var source: EntitySource
    public var mentions: [Mention]

    public init(id: String, type: EntityType, name: String, iso2: String? = nil, iso3: String? = nil, country: String? = nil,
                roles: [String] = [], salience: Double = 0, confidence: Double = 1, source: EntitySource = .knowledgeBase,
                mentions: [Mention] = []) {
        self.id = id
        self.type = type
        self.name = name
        self.iso2 = iso2
        self.iso3 = iso3
        self.country = country
        self.roles = roles
        self.salience = salience
        self.confidence = confidence
        self.source = source
        self.mentions = mentions
    }
}
