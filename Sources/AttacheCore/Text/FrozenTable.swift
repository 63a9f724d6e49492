/// A map from 64-bit keys to values, built once and then only read: the engine's one hash table, behind its
/// word lists (`KeySet`), the gazetteer's trie edges, the event stage's mark table and the entity positions
/// the event assembler looks up.
///
/// Why not `Dictionary`: the keys are mostly hashes already (`Folding.hash` of a word), so the standard
/// library's seeded SipHash only costs time, and most look-ups miss (every token of a text is looked up in
/// lists that hold few of them). A bit filter of about sixteen bits a key answers most misses from one
/// small array, so the look-ups of an article touch few cache lines (measured when this was several
/// tables: every 32 KB more that an article touched slowed the entity stages, run next, by about 4%).
/// A key that passes the filter is found by linear probing from a multiplicative hash of the key, so
/// keys that are not hashes (small integers) spread too.
///
/// The key 0 marks an empty slot: a pair with key 0 is left out, and 0 is never found.
struct FrozenTable<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: Value?
    }

    /// Filter bits a key: a few per cent of the keys not in the table pass.
    private static var filterBitsPerKey: Int { 16 }
    /// At most 2^20 filter bits (128 KB), for the largest tables (the gazetteer's edges).
    private static var maxFilterBits: Int { 1 << 20 }
    /// Multipliers (odd, from the golden ratio and a 64-bit mixer) whose high product bits pick the slot and
    /// the filter bit, independently of each other.
    private static var slotMultiplier: UInt64 { 0x9E37_79B9_7F4A_7C15 }
    private static var filterMultiplier: UInt64 { 0xC2B2_AE3D_27D4_EB4F }

    private var slots: [Slot]
    private var filter: [UInt64]
    private let slotShift: UInt64
    private let filterShift: UInt64
    /// Number of keys stored.
    private(set) var count = 0

    /// An empty table.
    init() {
        self.init([])
    }

    /// A table of `pairs`; a later pair for the same key replaces the value.
    init<S: Sequence>(_ pairs: S) where S.Element == (UInt64, Value) {
        let list = Array(pairs)
        // At most half full, so that a probe ends after a slot or two.
        var slotBits: UInt64 = 4
        while 1 << slotBits < list.count * 2 { slotBits += 1 }
        var filterBits: UInt64 = 6
        while 1 << filterBits < list.count * FrozenTable.filterBitsPerKey && 1 << filterBits < FrozenTable.maxFilterBits {
            filterBits += 1
        }
        slots = [Slot](repeating: Slot(key: 0, value: nil), count: 1 << Int(slotBits))
        filter = [UInt64](repeating: 0, count: 1 << Int(filterBits - 6))
        slotShift = 64 - slotBits
        filterShift = 64 - filterBits
        for (key, value) in list where key != 0 { insert(key, value) }
    }

    // `&>>`: a shift by a stored amount written `>>` also tests for amounts of 64 and more, a branch on every
    // look-up; both shifts are below 64 by construction.
    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* FrozenTable.slotMultiplier) &>> slotShift)
    }

    @inline(__always) private func filterBit(_ key: UInt64) -> (word: Int, bit: UInt64) {
        let b = Int(truncatingIfNeeded: (key &* FrozenTable.filterMultiplier) &>> filterShift)
        return (b &>> 6, 1 &<< UInt64(b & 63))
    }

    private mutating func insert(_ key: UInt64, _ value: Value) {
        let (word, bit) = filterBit(key)
        filter[word] |= bit
        let mask = slots.count - 1
        var i = slot(key)
        while slots[i].key != 0 && slots[i].key != key { i = (i + 1) & mask }
        if slots[i].key == 0 { count += 1 }
        slots[i] = Slot(key: key, value: value)
    }

    /// False when `key` is certainly not in the table; true for every key in it (and a few others). One read
    /// of the filter, for callers that sort tokens before looking them up (`TokenMarks`).
    @inline(__always) func mayContain(_ key: UInt64) -> Bool {
        let (word, bit) = filterBit(key)
        return filter[word] & bit != 0
    }

    /// The value stored for `key`, or nil.
    @inline(__always) subscript(_ key: UInt64) -> Value? {
        guard mayContain(key) else { return nil }
        let mask = slots.count - 1
        var i = slot(key)
        while true {
            let k = slots[i].key
            if k == key { return slots[i].value }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }
}

/// A frozen set of folded word keys: a `FrozenTable` with nothing stored but the keys.
typealias KeySet = FrozenTable<Void>

extension FrozenTable where Value == Void {
    /// A set of `keys`.
    init<S: Sequence>(_ keys: S) where S.Element == UInt64 {
        self.init(keys.map { ($0, ()) })
    }

    /// A set of the folded hashes of `words`.
    init(words: [String]) {
        self.init(words.map { Folding.hash($0) })
    }

    @inline(__always) func contains(_ key: UInt64) -> Bool { self[key] != nil }
}
