/// The four kinds of named entity the annotation guideline defines.
public enum EntityType: String, Sendable, CaseIterable, Hashable {
    case person, country, organization, location
}

/// How a mention refers to its entity; analysts use it to judge a link.
public enum MentionKind: String, Sendable, Hashable {
    /// The canonical name or a full-name variant.
    case name
    /// A known alternative name ("Daesh", "Jabhat al-Nusra").
    case alias
    /// An all-caps or dotted short form ("NATO", "U.S.").
    case acronym
    /// A country adjective or people noun ("Russian", "Syrians").
    case demonym
    /// A capital or seat of power standing for a government ("Moscow has objected", "the Kremlin said").
    case metonym
    /// A family name or short form after (or instead of) the full name ("Kerry").
    case surname
}

/// Where an entity came from: the curated knowledge base, or a recognition pattern alone.
public enum EntitySource: String, Sendable, Hashable {
    case knowledgeBase = "kb"
    case pattern
}

/// Which field of the article a mention's offsets point into.
public enum TextField: String, Sendable, Hashable {
    case text, title
}
