/// A 4096-bit set over the low bits of folded word keys: a cheap "certainly not in the list" test before
/// a dictionary look-up, since hashing a key for a Swift `Set` or `Dictionary` costs far more than a bit test.
struct KeyFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 64)

    init() {}

    init<S: Sequence>(_ keys: S) where S.Element == UInt64 {
        for k in keys { insert(k) }
    }

    mutating func insert(_ key: UInt64) {
        let b = Int(key & 4095)
        bits[b >> 6] |= 1 << UInt64(b & 63)
    }

    /// False: the key is certainly not in the list; true: it may be.
    @inline(__always) func mayContain(_ key: UInt64) -> Bool {
        let b = Int(key & 4095)
        return bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
