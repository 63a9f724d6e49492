/// A frozen map from entity references to small integers (an output entity's position), built once an
/// article.
///
/// Why not `Dictionary<EntityRef, Int>`: the event assembler looks up every participant and place, and
/// the standard library hashes each reference with seeded SipHash; that was a fifth of the assembler's
/// instructions. A reference packs into 33 bits, so one multiplicative probe into a table of twice the
/// entries answers it.
struct RefTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let shift: UInt64

    /// A table of `pairs`; a later pair for the same reference replaces the value.
    init(_ pairs: [(EntityRef, Int)]) {
        var bits: UInt64 = 3
        while (1 << bits) < pairs.count * 2 { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << Int(bits))
        values = [Int32](repeating: 0, count: 1 << Int(bits))
        shift = 64 - bits
        for (ref, v) in pairs {
            let k = RefTable.key(ref)
            var i = slot(k)
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & (keys.count - 1) }
            keys[i] = k
            values[i] = Int32(truncatingIfNeeded: v)
        }
    }

    /// Never 0 (the empty slot): knowledge-base indexes count from 1, local ones from 2^32 + 1.
    @inline(__always) private static func key(_ r: EntityRef) -> UInt64 {
        switch r {
        case .kb(let i): UInt64(UInt32(bitPattern: i)) + 1
        case .local(let i): (1 << 32 | UInt64(UInt32(bitPattern: i))) + 1
        }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// The value of `ref`, or nil.
    @inline(__always) subscript(_ ref: EntityRef) -> Int? {
        let k = RefTable.key(ref)
        let mask = keys.count - 1
        var i = slot(k)
        while true {
            let stored = keys[i]
            if stored == k { return Int(values[i]) }
            if stored == 0 { return nil }
            i = (i + 1) & mask
        }
    }
}
