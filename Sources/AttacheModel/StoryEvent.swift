/// One happening reported by one or more stored articles: the extracted events that `StoryMerging` groups together.
public struct StoryEvent: Sendable, Hashable {
    /// A participant of the merged event with its most frequent role among the members.
    public struct Participant: Sendable, Hashable {
        public var id: String
        public var name: String
        /// `source`, `target` or `participant`.
        public var role: String
        public init(id: String, name: String, role: String) {
            self.id = id
            self.name = name
            self.role = role
        }
    }

    /// One extracted event that belongs to the story event.
    public struct Member: Sendable, Hashable {
        public var articleID: String
        public var eventID: String
        public var articleTitle: String?
        public var articlePublishedAt: String?
        /// The article's source (publisher), when given.
        public var source: String?
        public var sentence: String
        /// Index of the sentence in the article.
        public var sentenceIndex: Int
        public var trigger: String
        /// Code-point offsets of the trigger in the article text, end exclusive.
        public var triggerStart: Int
        public var triggerEnd: Int
        public init(articleID: String, eventID: String, articleTitle: String?, articlePublishedAt: String?, source: String?,
                    sentence: String, sentenceIndex: Int, trigger: String, triggerStart: Int, triggerEnd: Int) {
            self.articleID = articleID
            self.eventID = eventID
            self.articleTitle = articleTitle
            self.articlePublishedAt = articlePublishedAt
            self.source = source
            self.sentence = sentence
            self.sentenceIndex = sentenceIndex
            self.trigger = trigger
            self.triggerStart = triggerStart
            self.triggerEnd = triggerEnd
        }
    }

    /// Stable for a given set of members: derived from the type and the first member (by article id, event id).
    public var id: String
    /// PLOVER event type.
    public var type: String
    /// The most reported day, else the month or year all members share; nil for an undated event.
    public var date: String?
    /// `occurred` when any member says it happened, else `reported`, else `planned`.
    public var status: String
    public var participants: [Participant]
    public var articleCount: Int
    /// Distinct article sources (publishers), sorted.
    public var sources: [String]
    /// Earliest and latest publication date among the member articles.
    public var firstReported: String?
    public var lastReported: String?
    /// The sentence of the earliest report.
    public var sentence: String
    /// Member events in article-id order; filled by `timeline`, empty in relation listings.
    public var members: [Member]

    public init(id: String, type: String, date: String?, status: String, participants: [Participant], articleCount: Int,
                sources: [String], firstReported: String?, lastReported: String?, sentence: String, members: [Member]) {
        self.id = id
        self.type = type
        self.date = date
        self.status = status
        self.participants = participants
        self.articleCount = articleCount
        self.sources = sources
        self.firstReported = firstReported
        self.lastReported = lastReported
        self.sentence = sentence
        self.members = members
    }
}
