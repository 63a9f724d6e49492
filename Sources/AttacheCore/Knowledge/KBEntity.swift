import AttacheModel

/// One entity of the knowledge base, as read from its JSON Lines files.
public struct KBEntity: Sendable {
    public var id: String
    public var type: EntityType
    public var name: String
    public var iso2: String?
    public var iso3: String?
    /// ISO 3166-1 alpha-2 code of the country a person, organization or location belongs to.
    public var country: String?
    /// Free classification from the data ("city", "igo", "armed-group"...).
    public var kind: String?
    /// Other names, matched with their capitalisation rules.
    public var aliases: [String] = []
    /// Short forms matched only as written ("NATO", "U.S.").
    public var acronyms: [String] = []
    /// Country adjectives and people nouns ("Russian", "Russians").
    public var demonyms: [String] = []
    /// Seats of power that stand for the government ("Kremlin").
    public var metonyms: [String] = []
    /// The capital's name; as an actor it stands for the country.
    public var capital: String?
    public var roles: [KBRole] = []
    /// The names are also everyday words ("Pale", "Male"): never matched at the start of a sentence or in
    /// an all-caps line.
    public var caseSensitive = false
    /// The name is also an English word, a given name or a family name ("Split", "Obama"): it counts as a
    /// place only with a place cue around it (`Linker.hasPlaceContext`).
    public var needsContext = false
    /// GeoNames id and WGS 84 coordinates (degrees) of a location, when GeoNames lists it.
    public var geonamesId: Int?
    public var latitude: Double?
    public var longitude: Double?

    public init(id: String, type: EntityType, name: String) {
        self.id = id
        self.type = type
        self.name = name
    }
}

/// A role a person held, with its dates (ISO, partial allowed; `to` nil while in office).
public struct KBRole: Sendable, Hashable {
    public var title: String
    public var country: String?
    public var org: String?
    public var from: String?
    public var to: String?

    public init(title: String, country: String? = nil, org: String? = nil, from: String? = nil, to: String? = nil) {
        self.title = title
        self.country = country
        self.org = org
        self.from = from
        self.to = to
    }

    /// Whether the role was held on `date` (ISO, full or partial). Unknown bounds count as open.
    public func isValid(on date: String) -> Bool {
        if let from, from.prefix(date.count) > date.prefix(from.count) { return false }
        if let to, to.prefix(date.count) < date.prefix(to.count) { return false }
        return true
    }
}
