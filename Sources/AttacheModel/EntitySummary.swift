/// An entity as listed by search (`GET /v1/entities`): identity and corpus-wide counts.
public struct EntitySummary: Sendable, Hashable {
    public var id: String
    public var type: EntityType
    /// Canonical name (as the most recent article's analysis gave it).
    public var name: String
    public var iso2: String?
    public var iso3: String?
    public var country: String?
    /// Mentions over all stored articles.
    public var mentionCount: Int
    /// Stored articles that mention the entity.
    public var articleCount: Int
    /// Earliest and latest publication date (as submitted) of those articles; nil when none is dated.
    public var firstSeen: String?
    public var lastSeen: String?

    public init(id: String, type: EntityType, name: String, iso2: String?, iso3: String?, country: String?,
                mentionCount: Int, articleCount: Int, firstSeen: String?, lastSeen: String?) {
        self.id = id
        self.type = type
        self.name = name
        self.iso2 = iso2
        self.iso3 = iso3
        self.country = country
        self.mentionCount = mentionCount
        self.articleCount = articleCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// Another entity found in the same articles, with the number of shared articles.
public struct CoOccurrence: Sendable, Hashable {
    public var id: String
    public var type: EntityType
    public var name: String
    /// Articles in which both entities are mentioned.
    public var articleCount: Int
    public init(id: String, type: EntityType, name: String, articleCount: Int) {
        self.id = id
        self.type = type
        self.name = name
        self.articleCount = articleCount
    }
}

/// Everything the store knows about one entity.
public struct EntityDetail: Sendable, Hashable {
    public var summary: EntitySummary
    /// Distinct mention texts seen, most frequent first (then alphabetical).
    public var aliases: [String]
    /// Distinct roles seen in analyses, most frequent first (then alphabetical).
    public var roles: [String]
    /// Up to 10 entities sharing the most articles with this one (ties by id).
    public var coOccurring: [CoOccurrence]

    public init(summary: EntitySummary, aliases: [String], roles: [String], coOccurring: [CoOccurrence]) {
        self.summary = summary
        self.aliases = aliases
        self.roles = roles
        self.coOccurring = coOccurring
    }

    public var id: String { summary.id }
    public var type: EntityType { summary.type }
    public var name: String { summary.name }
    public var iso2: String? { summary.iso2 }
    public var iso3: String? { summary.iso3 }
    public var country: String? { summary.country }
    public var mentionCount: Int { summary.mentionCount }
    public var articleCount: Int { summary.articleCount }
    public var firstSeen: String? { summary.firstSeen }
    public var lastSeen: String? { summary.lastSeen }
}
