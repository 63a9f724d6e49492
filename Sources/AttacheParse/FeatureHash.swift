/// Integer feature keys. A feature is a template number and up to three atomic values (a word's hash, a tag
/// or label number, a distance), mixed into one 64-bit key, so that extraction never builds strings and the
/// same sentence gives the same keys in training and at inference.
public enum FeatureHash {
    /// The value of an absent atom (no word at that position, no child): distinct from every tag and label,
    /// which are stored as their index plus `atomOffset`.
    public static let absent: UInt64 = 0
    /// Added to tag and label indices so that index 0 does not collide with `absent`.
    public static let atomOffset: UInt64 = 2
    /// The atom standing for the artificial root word of a dependency tree.
    public static let root: UInt64 = 1

    /// FNV-1a over the UTF-8 bytes of `text` (deterministic across runs, unlike `Hasher`).
    public static func string(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        // Never 0 or 1, which are `absent` and `root`.
        return hash | 0x8000_0000_0000_0000
    }

    /// One feature key: the template number and its atoms, mixed with MurmurHash3's 64-bit finaliser.
    @inline(__always)
    public static func key(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
        var h = finalise(template &+ 0x9e37_79b9_7f4a_7c15)
        h = finalise(h ^ a)
        h = finalise(h &+ b)
        h = finalise(h ^ (c &* 0xff51_afd7_ed55_8ccd))
        return h
    }

    @inline(__always)
    static func finalise(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x = x &* 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }
}
