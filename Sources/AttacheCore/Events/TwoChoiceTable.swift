/// A frozen map from 64-bit keys to 64-bit values for look-ups of every token of a text: a small bit filter,
/// then two slots read without a branch.
///
/// Why: the event stage looks up every token in its word lists. What a look-up costs is mostly the cache
/// lines it touches, because they push the knowledge base's tables out of the cache that the entity stages
/// run from next (measured: every 32 KB more touched an article slowed the entity stages by about 4%). So a
/// filter of 2 KB (16 bits a key) answers the many words on no list, and only the words on a list (few
/// distinct ones: "the", "and", "that", "said") read the table. There a key lives in one of exactly two
/// slots (cuckoo hashing), read and masked without a branch, key and value side by side on one cache line.
/// Missing keys read 0, so a value of 0 means "not in the table".
///
/// Keys must be well-mixed hashes (`Folding.hash`) and never 0, the mark of an empty slot.
struct TwoChoiceTable: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: UInt64
    }

    private var slots: [Slot]
    private var shift: UInt64
    private var filter: [UInt64]
    private var filterMask: Int

    private static let first: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let second: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    /// A table of `pairs`; a later pair for the same key replaces the value; pairs with key 0 or value 0 are
    /// left out.
    init(_ pairs: [(UInt64, UInt64)]) {
        var merged: [UInt64: UInt64] = [:]
        for (k, v) in pairs where k != 0 && v != 0 { merged[k] = v }
        // Two choices of one slot fill to about half before insertions start to fail.
        var bits: UInt64 = 4
        while (1 << bits) < merged.count * 2 { bits += 1 }
        while true {
            if let built = TwoChoiceTable(merged, bits: bits) {
                self = built
                return
            }
            bits += 1
        }
    }

    /// Nil when some key found no place in `2^bits` slots (the caller doubles the table).
    private init?(_ pairs: [UInt64: UInt64], bits: UInt64) {
        slots = [Slot](repeating: Slot(key: 0, value: 0), count: 1 << Int(bits))
        shift = 64 - bits
        var filterBits = 64
        while filterBits < pairs.count * 16 { filterBits <<= 1 }
        filter = [UInt64](repeating: 0, count: filterBits / 64)
        filterMask = filterBits - 1
        for (k, v) in pairs.sorted(by: { $0.key < $1.key }) {
            guard place(k, v) else { return nil }
            let (word, bit) = filterBit(k)
            filter[word] |= bit
        }
    }

    /// `&>>`: a shift by a stored amount written `>>` also tests for amounts of 64 and more, a branch on every
    /// look-up; `shift` is below 64 by construction.
    @inline(__always) private func choices(_ key: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: (key &* TwoChoiceTable.first) &>> shift),
         Int(truncatingIfNeeded: (key &* TwoChoiceTable.second) &>> shift))
    }

    /// The filter's bit of `key`, from key bits the slot choices hardly depend on.
    @inline(__always) private func filterBit(_ key: UInt64) -> (Int, UInt64) {
        let b = Int(truncatingIfNeeded: key >> 40) & filterMask
        return (b &>> 6, 1 &<< UInt64(b & 63))
    }

    /// Cuckoo insertion: a key takes a free one of its two slots, or evicts the occupant of one to the
    /// occupant's other slot, for a bounded number of moves.
    private mutating func place(_ key: UInt64, _ value: UInt64) -> Bool {
        var item = Slot(key: key, value: value)
        var (at, _) = choices(key)
        for _ in 0..<(4 * slots.count) {
            let (a, b) = choices(item.key)
            if slots[a].key == item.key || slots[a].key == 0 { slots[a] = item; return true }
            if slots[b].key == item.key || slots[b].key == 0 { slots[b] = item; return true }
            // Evict from the slot not used last time, so the chain moves on.
            at = at == a ? b : a
            swap(&item, &slots[at])
        }
        return false
    }

    /// The value of `key`, or 0.
    @inline(__always) subscript(_ key: UInt64) -> UInt64 {
        filterHit(key) != 0 ? unfiltered(key) : 0
    }

    /// Whether the filter lets `key` through (false: the key is not in the table), as 0 or 1 and without a branch.
    @inline(__always) func filterHit(_ key: UInt64) -> UInt64 {
        let (word, bit) = filterBit(key)
        return filter.withUnsafeBufferPointer { f in f[word] & bit != 0 ? 1 : 0 }
    }

    /// The value of `key`, or 0, without asking the filter first.
    @inline(__always) func unfiltered(_ key: UInt64) -> UInt64 {
        let (a, b) = choices(key)
        return slots.withUnsafeBufferPointer { s in
            // Both indexes are below the table's size by construction (the shift leaves `bits` bits). Both
            // slots are read and masked arithmetically: a conditional load compiles to a branch.
            let sa = s[a], sb = s[b]
            let da = sa.key ^ key, db = sb.key ^ key
            // 0 when the key is in the slot, else 1 (the top bit of x | -x is set for any x != 0).
            let missA = (da | (0 &- da)) >> 63
            let missB = (db | (0 &- db)) >> 63
            return (sa.value & (missA &- 1)) | (sb.value & (missB &- 1))
        }
    }

    /// Number of slots.
    var capacity: Int { slots.count }
}
