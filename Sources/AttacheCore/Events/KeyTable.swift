/// A frozen set of folded word keys with open addressing on the key's own bits.
///
/// Why not `Set<UInt64>`: the keys are already FNV-1a hashes (`Folding`), so hashing them again with the
/// standard library's seeded SipHash only costs time; on the event hot path (every token) a probe here is
/// a mask and a compare or two. The key 0 never occurs (FNV-1a of folded text) and marks an empty slot.
struct KeyTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private let mask: Int
    /// Number of keys stored.
    private(set) var count = 0

    /// An empty table.
    init() {
        keys = [UInt64](repeating: 0, count: 16)
        values = [Value?](repeating: nil, count: 16)
        mask = 15
    }

    /// A table of `pairs`; a later pair for the same key replaces the value.
    init<S: Sequence>(_ pairs: S) where S.Element == (UInt64, Value) {
        let list = Array(pairs)
        var size = 16
        while size < list.count * 4 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
        for (k, v) in list where k != 0 { insert(k, v) }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
    }

    private mutating func insert(_ key: UInt64, _ value: Value) {
        var i = slot(key)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == 0 { count += 1 }
        keys[i] = key
        values[i] = value
    }

    /// The value stored for `key`, or nil.
    @inline(__always) subscript(_ key: UInt64) -> Value? {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// All stored keys (unordered).
    var allKeys: [UInt64] { keys.filter { $0 != 0 } }
}

/// A frozen set of folded word keys (see `KeyTable`).
struct KeySet: Sendable {
    private var table: KeyTable<Bool>

    init() { table = KeyTable() }

    init<S: Sequence>(_ keys: S) where S.Element == UInt64 {
        table = KeyTable(keys.map { ($0, true) })
    }

    /// A set of the folded hashes of `words`.
    init(words: [String]) {
        self.init(words.map { Folding.hash($0) })
    }

    @inline(__always) func contains(_ key: UInt64) -> Bool { table[key] != nil }

    var count: Int { table.count }
}
