/// A frozen map from 64-bit keys to 64-bit values in which a look-up reads two slots and takes no branch.
///
/// Why: the event stage looks up every token of the text in its word lists, and about a third of the
/// words are on one (the function words: "the", "and", "that", "will"). In an open-addressing table each
/// look-up ends on a data-dependent branch (probe again? empty? filter hit?) that the processor guesses
/// wrong often, and a wrong guess cost more than the look-up. Here a key lives in one of exactly two slots
/// (cuckoo hashing), so a look-up is two loads and two compares folded into a mask, and look-ups of
/// successive words overlap. A slot holds key and value side by side: one cache line a choice. Missing
/// keys read 0, so a value of 0 means "not in the table".
///
/// Keys must be well-mixed hashes (`Folding.hash`) and never 0, the mark of an empty slot.
struct TwoChoiceTable: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: UInt64
    }

    private var slots: [Slot]
    private var shift: UInt64

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
        for (k, v) in pairs.sorted(by: { $0.key < $1.key }) {
            guard place(k, v) else { return nil }
        }
    }

    @inline(__always) private func choices(_ key: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: (key &* TwoChoiceTable.first) >> shift),
         Int(truncatingIfNeeded: (key &* TwoChoiceTable.second) >> shift))
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
