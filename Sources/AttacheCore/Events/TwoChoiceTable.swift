/// A frozen map from 64-bit keys to 64-bit values in which a look-up reads two slots and takes no branch.
///
/// Why: the event and date stages look up every word of the text in small word lists, and about a third of
/// the words are on one (the function words: "the", "and", "that", "will"). In an open-addressing table
/// each look-up ends on a data-dependent branch (probe again? empty? filter hit?) that the processor guesses
/// wrong often, and a wrong guess cost more than the look-up. Here a key lives in one of exactly two slots
/// (cuckoo hashing), so a look-up is two loads and two compares folded into a mask, and look-ups of
/// successive words overlap. Missing keys read 0: a value of 0 means "not in the table".
///
/// Keys must be well-mixed (hashes such as `Folding.hash` or packed letters run through the multipliers
/// below) and never 0, the mark of an empty slot.
struct TwoChoiceTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt64]
    private var shift: UInt64

    private static let first: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let second: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    /// A table of `pairs`; a later pair for the same key replaces the value; pairs with key 0 or value 0 are
    /// left out.
    init(_ pairs: [(UInt64, UInt64)]) {
        var merged: [UInt64: UInt64] = [:]
        for (k, v) in pairs where k != 0 && v != 0 { merged[k] = v }
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
        let size = 1 << Int(bits)
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt64](repeating: 0, count: size)
        shift = 64 - bits
        for (k, v) in pairs.sorted(by: { $0.key < $1.key }) {
            guard place(k, v) else { return nil }
        }
    }

    @inline(__always) private func slots(_ key: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: (key &* TwoChoiceTable.first) >> shift),
         Int(truncatingIfNeeded: (key &* TwoChoiceTable.second) >> shift))
    }

    /// Cuckoo insertion: a key takes a free one of its two slots, or evicts the occupant of one to the
    /// occupant's other slot, for a bounded number of moves.
    private mutating func place(_ key: UInt64, _ value: UInt64) -> Bool {
        var key = key, value = value
        var (at, _) = slots(key)
        for _ in 0..<(4 * keys.count) {
            let (a, b) = slots(key)
            if keys[a] == key || keys[a] == 0 { keys[a] = key; values[a] = value; return true }
            if keys[b] == key || keys[b] == 0 { keys[b] = key; values[b] = value; return true }
            // Evict from the slot not used last time, so the chain moves on.
            at = at == a ? b : a
            swap(&key, &keys[at])
            swap(&value, &values[at])
        }
        return false
    }

    /// The value of `key`, or 0.
    @inline(__always) subscript(_ key: UInt64) -> UInt64 {
        let (a, b) = slots(key)
        return keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                // Both indexes are below the table's size by construction (the shift leaves `bits` bits). Both
                // slots are read and masked arithmetically: a conditional load compiles to a branch.
                let va = v[a], vb = v[b]
                let da = k[a] ^ key, db = k[b] ^ key
                // 0 when the key is in the slot, else 1 (the top bit of x | -x is set for any x != 0).
                let missA = (da | (0 &- da)) >> 63
                let missB = (db | (0 &- db)) >> 63
                return (va & (missA &- 1)) | (vb & (missB &- 1))
            }
        }
    }

    /// Number of slots (for tests and sizing).
    var capacity: Int { keys.count }
}
