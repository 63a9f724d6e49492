/// The frozen weights of an averaged perceptron: for each feature key, a short sparse row of (class, weight).
///
/// Rows are sparse because most features are only ever updated for a few classes (a word's features for its
/// two or three tags), which keeps the parser's hundred-odd transitions affordable. Lookups go through an
/// open-addressing table over the keys (keys are already well-mixed hashes, so the low bits are the slot).
public struct PerceptronModel: Sendable {
    public let classCount: Int
    /// Feature keys, strictly increasing (the file order; also what makes the file bytes reproducible).
    public let keys: [UInt64]
    /// Row `i` is `entries[offsets[i] ..< offsets[i + 1]]`.
    public let offsets: [UInt32]
    public let classes: [UInt8]
    public let weights: [Float]
    /// Slot -> index into `keys`, or -1 for an empty slot. Twice as many slots as keys, a power of two.
    private let table: [Int32]
    private let mask: Int

    /// Classes a model may have: the class of an entry is stored in one byte.
    public static let maxClasses = 256

    public init(classCount: Int, keys: [UInt64], offsets: [UInt32], classes: [UInt8], weights: [Float]) {
        precondition(classCount <= PerceptronModel.maxClasses && offsets.count == keys.count + 1
                     && classes.count == weights.count)
        self.classCount = classCount
        self.keys = keys
        self.offsets = offsets
        self.classes = classes
        self.weights = weights
        var size = 16
        while size < keys.count * 2 { size *= 2 }
        var table = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (index, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(index)
        }
        self.table = table
        self.mask = mask
    }

    /// The row of `key`, as a range into `classes` and `weights`; empty when the model never saw the feature.
    @inline(__always)
    func row(_ key: UInt64) -> Range<Int> {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let index = Int(table[slot])
            if index < 0 { return 0..<0 }
            if keys[index] == key { return Int(offsets[index])..<Int(offsets[index + 1]) }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the weights of `features` to `scores` (which holds `classCount` values).
    public func score(_ features: [UInt64], into scores: inout [Float]) {
        for key in features {
            for entry in row(key) {
                scores[Int(classes[entry])] += weights[entry]
            }
        }
    }
}

/// The highest-scoring class among those `allowed` says may be taken; ties go to the lowest class.
@inline(__always)
func bestClass(_ scores: [Float], allowed: (Int) -> Bool) -> Int {
    var best = -1
    var bestScore = -Float.infinity
    for (cls, score) in scores.enumerated() where allowed(cls) {
        if best < 0 || score > bestScore {
            best = cls
            bestScore = score
        }
    }
    return best
}
