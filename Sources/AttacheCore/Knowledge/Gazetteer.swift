/// What a dictionary phrase is, for the linker.
public enum EntryKind: UInt8, Sendable {
    case name, alias, acronym, demonym, metonym, capital, surname
    /// A person title or role word ("Foreign Minister", "spokeswoman").
    case title
    /// A word that stays outside a person's name but announces one ("Sheikh", "Mr.").
    case honorific
}

/// One phrase of the dictionary.
public struct GazetteerEntry: Sendable {
    /// Index into `KnowledgeBase.entities`; -1 for titles and honorifics.
    public var target: Int32
    public var kind: EntryKind
    public var tokenCount: UInt8
    /// Bit k set: the k-th token must not be written in lower case in the text.
    public var capitalMask: UInt32
    /// For acronyms: the exact bytes the text must carry (case-sensitive).
    public var exact: [UInt8]?
    /// The phrase is also an everyday English word ("IS", "May"): skipped in all-caps lines and where context says so.
    public var isCommonWord: Bool
}

/// A frozen token trie over folded word hashes: the dictionary matched in one pass, longest match first
/// (spaCy's PhraseMatcher idea: compare integers, not strings).
public struct Gazetteer: Sendable {
    struct Edge: Hashable {
        var node: Int32
        var key: UInt64
    }

    /// While building: edges and entries per node in dictionaries.
    var edges: [Edge: Int32] = [:]
    var nodeEntries: [Int32: [Int32]] = [:]
    /// Frozen: the edges in a flat table keyed by the already-hashed (node, word) pair, so a look-up costs
    /// no SipHash (the trie is walked at every token); the entries of node n are
    /// `entryPool[entryOffsets[n] ..< entryOffsets[n + 1]]`. One pool, not an array a node: the 8,000 small
    /// arrays lay scattered over 400 KB of heap and took a reference count at every look-up, and the table that
    /// found them was another 512 KB; the dictionary walk's memory is what the event stage competes for in
    /// the cache.
    var frozenEdges = FrozenTable<Int32>()
    var entryOffsets: [Int32] = []
    var entryPool: [Int32] = []
    var isFrozen = false
    public private(set) var entries: [GazetteerEntry] = []
    var nodeCount: Int32 = 1

    public var phraseCount: Int { entries.count }

    /// Room for about `phrases` phrases, so that the build does not rehash its tables as they grow.
    mutating func reserveCapacity(phrases: Int) {
        edges.reserveCapacity(phrases * 2)
        nodeEntries.reserveCapacity(phrases)
        entries.reserveCapacity(phrases)
    }

    /// Adds a phrase given as its tokens' keys.
    mutating func add(keys: [UInt64], entry: GazetteerEntry) {
        var node: Int32 = 0
        for k in keys {
            let e = Edge(node: node, key: k)
            if let next = edges[e] {
                node = next
            } else {
                edges[e] = nodeCount
                node = nodeCount
                nodeCount += 1
            }
        }
        // The same phrase for the same target and kind once only.
        if let existing = nodeEntries[node], existing.contains(where: { entries[Int($0)].target == entry.target && entries[Int($0)].kind == entry.kind && entry.target >= 0 }) {
            return
        }
        nodeEntries[node, default: []].append(Int32(entries.count))
        entries.append(entry)
    }

    /// One 64-bit key for an edge; never 0 (the empty-slot mark of `FrozenTable`).
    @inline(__always)
    static func edgeKey(_ node: Int32, _ key: UInt64) -> UInt64 {
        let k = (key &+ UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(UInt32(bitPattern: node)) << 32)
        return k == 0 ? 1 : k
    }

    /// Moves the trie into flat tables; called once when the knowledge base is built.
    mutating func freeze() {
        frozenEdges = FrozenTable(edges.map { (Gazetteer.edgeKey($0.key.node, $0.key.key), $0.value) })
        entryOffsets = []
        entryOffsets.reserveCapacity(Int(nodeCount) + 1)
        entryPool = []
        entryPool.reserveCapacity(entries.count)
        for n in 0..<nodeCount {
            entryOffsets.append(Int32(entryPool.count))
            entryPool += nodeEntries[n] ?? []
        }
        entryOffsets.append(Int32(entryPool.count))
        edges = [:]
        nodeEntries = [:]
        isFrozen = true
    }

    @inline(__always)
    func child(_ node: Int32, _ key: UInt64) -> Int32? {
        isFrozen ? frozenEdges[Gazetteer.edgeKey(node, key)] : edges[Edge(node: node, key: key)]
    }

    /// The entries of `node`, nil when it has none.
    @inline(__always)
    func entriesAt(_ node: Int32) -> ArraySlice<Int32>? {
        guard isFrozen else { return nodeEntries[node].map { $0[...] } }
        let a = Int(entryOffsets[Int(node)]), b = Int(entryOffsets[Int(node) + 1])
        return a == b ? nil : entryPool[a..<b]
    }
}
