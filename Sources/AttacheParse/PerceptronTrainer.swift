/// Trains an averaged perceptron (Collins 2002) over integer feature keys.
///
/// Averaging uses the lazy form of Daumé (2006): each update of `d` at instance `c` adds `d` to the weight and
/// `c * d` to an accumulator, and the average after `c` instances is `weight - accumulator / c`, so no weight
/// is touched when its feature does not fire.
public struct PerceptronTrainer {
    struct Entry {
        var cls: Int32
        var weight: Float
        var accumulated: Double
    }

    public let classCount: Int
    private var index: [UInt64: Int32] = [:]
    private var rows: [[Entry]] = []
    /// Instances seen so far, starting at 1 (the `c` above).
    private var instances: Double = 1

    public init(classCount: Int) {
        precondition(classCount > 0 && classCount <= PerceptronModel.maxClasses)
        self.classCount = classCount
    }

    /// The current (not averaged) scores of `features`, added to `scores`.
    public func score(_ features: [UInt64], into scores: inout [Float]) {
        for key in features {
            guard let row = index[key] else { continue }
            for entry in rows[Int(row)] { scores[Int(entry.cls)] += entry.weight }
        }
    }

    /// One training instance: when `guess` is not `truth`, moves the features towards `truth` and away from
    /// `guess`. Counts the instance either way.
    public mutating func train(features: [UInt64], truth: Int, guess: Int) {
        if truth != guess {
            for key in features {
                let row: Int
                if let found = index[key] {
                    row = Int(found)
                } else {
                    row = rows.count
                    index[key] = Int32(row)
                    rows.append([])
                }
                add(1, to: truth, row: row)
                add(-1, to: guess, row: row)
            }
        }
        instances += 1
    }

    private mutating func add(_ delta: Float, to cls: Int, row: Int) {
        let time = instances
        if let at = rows[row].firstIndex(where: { $0.cls == Int32(cls) }) {
            rows[row][at].weight += delta
            rows[row][at].accumulated += time * Double(delta)
        } else {
            rows[row].append(Entry(cls: Int32(cls), weight: delta, accumulated: time * Double(delta)))
        }
    }

    /// The averaged weights, without entries whose magnitude is below `minWeight` (they barely move a score,
    /// and dropping them keeps the shipped files small), rows sorted by class and keys sorted.
    public func averaged(minWeight: Float) -> PerceptronModel {
        var keys: [UInt64] = []
        var offsets: [UInt32] = [0]
        var classes: [UInt8] = []
        var weights: [Float] = []
        for key in index.keys.sorted() {
            let kept = rows[Int(index[key]!)]
                .map { (cls: $0.cls, weight: Float(Double($0.weight) - $0.accumulated / instances)) }
                .filter { abs($0.weight) >= minWeight }
                .sorted { $0.cls < $1.cls }
            if kept.isEmpty { continue }
            keys.append(key)
            classes += kept.map { UInt8($0.cls) }
            weights += kept.map(\.weight)
            offsets.append(UInt32(classes.count))
        }
        return PerceptronModel(classCount: classCount, keys: keys, offsets: offsets, classes: classes, weights: weights)
    }
}
