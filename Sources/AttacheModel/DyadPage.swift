import AttacheJSON

/// `GET /v1/relations?a=&b=`: the story events two entities share, over time. `{"a", "b", "storyCount", "balance",
/// "periods": [...], "items": [...], "nextCursor"}`: the counts by period (month, or year for year-only dates; the
/// undated last, without `period`), type and direction, and one page of the shared story events as `a`'s timeline
/// shows them. The service writes it and the client reads it, so the two cannot drift apart.
public struct DyadPage: Sendable, Hashable {
    /// Who acts on whom in a shared story event.
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        /// `a` is a source and `b` a target.
        case aToB
        /// `b` is a source and `a` a target.
        case bToA
        /// Any other pair of roles (both sources, participants).
        case mutual
    }

    /// Shared story events of one type and direction in a period.
    public struct Count: Sendable, Hashable {
        public var type: String
        public var direction: Direction
        public var count: Int

        public init(type: String, direction: Direction, count: Int) {
            self.type = type
            self.direction = direction
            self.count = count
        }
    }

    /// One period of the dyad: its counts and their cooperation–conflict balance (mean Goldstein value; nil when no
    /// counted type has one).
    public struct Period: Sendable, Hashable {
        /// `YYYY-MM`, or `YYYY` for story events dated by year only; nil for the undated ones.
        public var period: String?
        public var storyCount: Int
        public var balance: Double?
        public var counts: [Count]

        public init(period: String?, storyCount: Int, balance: Double?, counts: [Count]) {
            self.period = period
            self.storyCount = storyCount
            self.balance = balance
            self.counts = counts
        }
    }

    public var a: String
    public var b: String
    /// Shared story events in all periods.
    public var storyCount: Int
    /// Balance over all periods.
    public var balance: Double?
    public var periods: [Period]
    /// One page of the shared story events, seen from `a`.
    public var items: [EntityStory]
    /// Opaque; pass it back for the next page of `items`. Nil on the last page.
    public var nextCursor: String?

    public init(a: String, b: String, storyCount: Int, balance: Double?, periods: [Period], items: [EntityStory], nextCursor: String?) {
        self.a = a
        self.b = b
        self.storyCount = storyCount
        self.balance = balance
        self.periods = periods
        self.items = items
        self.nextCursor = nextCursor
    }

    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 512 + periods.count * 128 + items.count * 512)
        w.beginObject()
        w.field("a", a)
        w.field("b", b)
        w.field("storyCount", storyCount)
        w.field("balance", balance)
        w.array("periods", periods) { w, p in
            w.beginObject()
            w.field("period", p.period)
            w.field("storyCount", p.storyCount)
            w.field("balance", p.balance)
            w.array("counts", p.counts) { w, c in
                w.beginObject()
                w.field("type", c.type)
                w.field("direction", c.direction.rawValue)
                w.field("count", c.count)
                w.endObject()
            }
            w.endObject()
        }
        w.array("items", items) { w, item in item.writeJSON(into: &w) }
        w.field("nextCursor", nextCursor)
        w.endObject()
        return w.bytes
    }

    public init(json value: JSONValue) throws(WireFormatError) {
        let o = try WireObject(value)
        a = try o.string("a")
        b = try o.string("b")
        storyCount = try o.int("storyCount")
        balance = try o.optionalDouble("balance")
        periods = try o.objects("periods").map { (p) throws(WireFormatError) in
            Period(period: try p.optionalString("period"), storyCount: try p.int("storyCount"), balance: try p.optionalDouble("balance"),
                   counts: try p.objects("counts").map { (c) throws(WireFormatError) in
                       Count(type: try c.string("type"), direction: try c.case("direction", Direction.self), count: try c.int("count"))
                   })
        }
        items = try o.objects("items").map { (i) throws(WireFormatError) in try EntityStory(wire: i) }
        nextCursor = try o.optionalString("nextCursor")
    }
}
