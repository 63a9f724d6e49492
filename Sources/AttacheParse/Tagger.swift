/// A part-of-speech tagger: greedy, left to right, an averaged perceptron over the classic feature set
/// (word, affixes, shape, the two previous tags, the neighbouring words).
public struct Tagger: Sendable {
    /// The tag set (UPOS), in class order.
    public let tags: [String]
    public let model: PerceptronModel

    public init(tags: [String], model: PerceptronModel) {
        precondition(tags.count == model.classCount)
        self.tags = tags
        self.model = model
    }

    /// The tag of each word, as class indices into `tags`.
    public func tag(_ forms: [WordForms]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(forms.count)
        var features: [UInt64] = []
        var scores = [Float](repeating: 0, count: tags.count)
        for i in forms.indices {
            Tagger.features(forms, at: i, previous: result, into: &features)
            for c in scores.indices { scores[c] = 0 }
            model.score(features, into: &scores)
            result.append(bestClass(scores) { _ in true })
        }
        return result
    }

    /// The atom of the tag `back` places before `i`: a distinct value before the sentence start.
    @inline(__always)
    static func previousTag(_ previous: [Int], _ i: Int, back: Int) -> UInt64 {
        i - back >= 0 ? UInt64(previous[i - back]) + FeatureHash.atomOffset : FeatureHash.root
    }

    /// The features of word `i`, given the tags already chosen for the words before it (`previous`, at least
    /// `i` long). The one extraction used by training and tagging.
    public static func features(_ forms: [WordForms], at i: Int, previous: [Int], into features: inout [UInt64]) {
        features.removeAll(keepingCapacity: true)
        let word = forms[i]
        let p1 = previousTag(previous, i, back: 1)
        let p2 = previousTag(previous, i, back: 2)
        func at(_ j: Int) -> WordForms? { forms.indices.contains(j) ? forms[j] : nil }
        let before = at(i - 1), before2 = at(i - 2), after = at(i + 1), after2 = at(i + 2)
        func key(_ t: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
            FeatureHash.key(t, a, b, c)
        }
        features.append(key(0, 0))  // bias
        features.append(key(1, word.normal))
        features.append(key(2, word.suffix))
        features.append(key(3, word.prefix))
        features.append(key(4, word.shape))
        features.append(key(5, p1))
        features.append(key(6, p1, p2))
        features.append(key(7, p1, word.normal))
        features.append(key(8, before?.normal ?? FeatureHash.absent))
        features.append(key(9, before?.suffix ?? FeatureHash.absent))
        features.append(key(10, before2?.normal ?? FeatureHash.absent))
        features.append(key(11, after?.normal ?? FeatureHash.absent))
        features.append(key(12, after?.suffix ?? FeatureHash.absent))
        features.append(key(13, after2?.normal ?? FeatureHash.absent))
        features.append(key(14, after?.shape ?? FeatureHash.absent, word.shape))
        features.append(key(15, p1, word.suffix))
    }

    /// Trains a tagger on `sentences` (words and gold tags) for `epochs` passes, in an order shuffled by `seed`.
    public static func train(_ sentences: [TreebankSentence], tags: [String], epochs: Int, seed: UInt64,
                             minWeight: Float) -> Tagger {
        let tagIndex = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
        let prepared = sentences.map { sentence in
            (forms: sentence.words.map(WordForms.init), gold: sentence.tags.map { tagIndex[$0]! })
        }
        var trainer = PerceptronTrainer(classCount: tags.count)
        var random = SplitMix64(seed: seed)
        var order = Array(prepared.indices)
        var features: [UInt64] = []
        var scores = [Float](repeating: 0, count: tags.count)
        for _ in 0..<epochs {
            random.shuffle(&order)
            for s in order {
                let (forms, gold) = prepared[s]
                var previous: [Int] = []
                for i in forms.indices {
                    Tagger.features(forms, at: i, previous: previous, into: &features)
                    for c in scores.indices { scores[c] = 0 }
                    trainer.score(features, into: &scores)
                    let guess = bestClass(scores) { _ in true }
                    trainer.train(features: features, truth: gold[i], guess: guess)
                    // The next word sees the predicted tag, as at tagging time.
                    previous.append(guess)
                }
            }
        }
        return Tagger(tags: tags, model: trainer.averaged(minWeight: minWeight))
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small seeded generator, so a training run shuffles the same
/// way on every machine and rerun.
public struct SplitMix64 {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Fisher-Yates with this generator (the standard library's shuffle does not promise a fixed algorithm).
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
    }
}
