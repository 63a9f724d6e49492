/// A frozen map from folded word keys to small values, with open addressing on the key's own bits.
///
/// Why not `Dictionary<UInt64, _>`: the keys are already FNV-1a hashes (`Folding`), so hashing them again
/// with the standard library's seeded SipHash only costs time, and on the event hot path (every token) most
/// look-ups miss. A bit filter of about sixteen bits a key (at most 2 KB) rejects most misses before the slots
/// are read; a probe reads one slot holding key and value together. The key 0 never occurs (FNV-1a of folded text) and marks
/// an empty slot.
struct KeyTable<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    private var filter: [UInt64]
    private let filterMask: Int
    private let mask: Int
    /// Number of keys stored.
    private(set) var count = 0

    /// An empty table.
    init() {
        self.init([])
    }

    /// A table of `pairs`; a later pair for the same key replaces the value.
    init<S: Sequence>(_ pairs: S) where S.Element == (UInt64, Value) {
        let list = Array(pairs)
        var size = 16
        while size < list.count * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: nil), count: size)
        // About sixteen filter bits a key (a few per cent false hits), at most 16 kbit.
        var bits = 64
        while bits < list.count * 16 && bits < 1 << 20 { bits <<= 1 }
        filter = [UInt64](repeating: 0, count: bits / 64)
        filterMask = bits - 1
        mask = size - 1
        for (k, v) in list where k != 0 { insert(k, v) }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
    }

    @inline(__always) private func bit(_ key: UInt64) -> (Int, UInt64) {
        let b = Int(truncatingIfNeeded: key >> 40) & filterMask
        return (b >> 6, 1 << UInt64(b & 63))
    }

    private mutating func insert(_ key: UInt64, _ value: Value) {
        let (word, bit) = self.bit(key)
        filter[word] |= bit
        var i = slot(key)
        while slots[i].key != 0 && slots[i].key != key { i = (i + 1) & mask }
        if slots[i].key == 0 { count += 1 }
        slots[i] = Slot(key: key, value: value)
    }

    /// The value stored for `key`, or nil.
    @inline(__always) subscript(_ key: UInt64) -> Value? {
        let (word, bit) = self.bit(key)
        guard filter[word] & bit != 0 else { return nil }
        var i = slot(key)
        while true {
            let k = slots[i].key
            if k == key { return slots[i].value }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }
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
