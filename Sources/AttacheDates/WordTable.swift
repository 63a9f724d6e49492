/// A frozen map from packed word keys (`DateLexicon.key`) to what the date finder knows of the word.
///
/// Why not `Dictionary`/`Set`: every word of every sentence the finder reads was looked up in a
/// dictionary and half a dozen sets, each hashing the key with the standard library's seeded SipHash;
/// that was a third of the finder's time. One multiplicative probe into a small open-addressing table
/// at tokenization answers all of them; the packed key 0 (not a word) marks an empty slot.
struct WordTable: Sendable {
    struct Entry: Sendable {
        var word: DateWord?
        var flags: WordFlags
    }

    private var keys: [UInt64]
    /// Index into `entries` of each slot's key: slots hold 10 bytes, so the table stays near 10 KB and out of
    /// the way of the knowledge base's tables in the cache.
    private var index: [UInt16]
    private var entries: [Entry]
    private let shift: UInt64

    init(_ pairs: [UInt64: Entry]) {
        var bits: UInt64 = 4
        while (1 << bits) < pairs.count * 2 { bits += 1 }
        let size = 1 << Int(bits)
        keys = [UInt64](repeating: 0, count: size)
        index = [UInt16](repeating: 0, count: size)
        entries = []
        entries.reserveCapacity(pairs.count)
        shift = 64 - bits
        for (k, v) in pairs where k != 0 {
            var i = slot(k)
            while keys[i] != 0 { i = (i + 1) & (size - 1) }
            keys[i] = k
            index[i] = UInt16(entries.count)
            entries.append(v)
        }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// The entry of `key`, or nil for a word the finder does not know.
    @inline(__always) subscript(_ key: UInt64) -> Entry? {
        guard key != 0 else { return nil }
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return entries[Int(index[i])] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }
}

/// The lists of `DateLexicon` a word belongs to.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt16
    static let futureCue = WordFlags(rawValue: 1 << 0)
    static let futureBeforeTo = WordFlags(rawValue: 1 << 1)
    static let pastCue = WordFlags(rawValue: 1 << 2)
    static let notPastEd = WordFlags(rawValue: 1 << 3)
    static let clauseOpener = WordFlags(rawValue: 1 << 4)
    static let passiveAuxiliary = WordFlags(rawValue: 1 << 5)
    static let abbreviation = WordFlags(rawValue: 1 << 6)
    static let yearPreposition = WordFlags(rawValue: 1 << 7)
    static let weakYearPreposition = WordFlags(rawValue: 1 << 8)
    static let strongMonthCue = WordFlags(rawValue: 1 << 9)
    static let weakMonthCue = WordFlags(rawValue: 1 << 10)
}
