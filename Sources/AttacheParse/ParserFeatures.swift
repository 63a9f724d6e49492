/// The features of a parser configuration: words, tags and labels around the top of the stack and the front
/// of the buffer, the dependents attached so far, the distance between the two stack words and their
/// valency (after Zhang and Nivre 2011, cut to what a greedy arc-standard parser uses). The one extraction
/// used by training and parsing.
public enum ParserFeatures {
    /// Distances and valencies above this share one value: beyond it, the exact number says little.
    static let countCap = 6

    public static func extract(_ state: ParserState, forms: [WordForms], tags: [Int], into features: inout [UInt64]) {
        features.removeAll(keepingCapacity: true)
        // Atoms of a word (nil: no word there; 0: the root; n: word n).
        func word(_ w: Int?) -> UInt64 {
            guard let w else { return FeatureHash.absent }
            return w == 0 ? FeatureHash.root : forms[w - 1].normal
        }
        func tag(_ w: Int?) -> UInt64 {
            guard let w else { return FeatureHash.absent }
            return w == 0 ? FeatureHash.root : UInt64(tags[w - 1]) + FeatureHash.atomOffset
        }
        func label(_ w: Int?) -> UInt64 {
            guard let w, state.labels[w] >= 0 else { return FeatureHash.absent }
            return UInt64(state.labels[w]) + FeatureHash.atomOffset
        }
        func child(_ children: [Int], of w: Int?) -> Int? {
            guard let w, children[w] >= 0 else { return nil }
            return children[w]
        }
        func capped(_ n: Int) -> UInt64 { UInt64(min(n, countCap)) + FeatureHash.atomOffset }

        let s0 = state.stackWord(0), s1 = state.stackWord(1), s2 = state.stackWord(2)
        let b0 = state.bufferWord(0), b1 = state.bufferWord(1), b2 = state.bufferWord(2)
        let s0w = word(s0), s0t = tag(s0), s1w = word(s1), s1t = tag(s1)
        let b0w = word(b0), b0t = tag(b0), b1w = word(b1), b1t = tag(b1)
        let s0l = child(state.leftmost, of: s0), s0r = child(state.rightmost, of: s0)
        let s1l = child(state.leftmost, of: s1), s1r = child(state.rightmost, of: s1)
        let distance: UInt64 = if let s0, let s1 { capped(s0 - s1) } else { FeatureHash.absent }
        let s0vl: UInt64 = s0.map { capped(state.leftCount[$0]) } ?? FeatureHash.absent
        let s0vr: UInt64 = s0.map { capped(state.rightCount[$0]) } ?? FeatureHash.absent
        let s1vl: UInt64 = s1.map { capped(state.leftCount[$0]) } ?? FeatureHash.absent
        let s1vr: UInt64 = s1.map { capped(state.rightCount[$0]) } ?? FeatureHash.absent
        func key(_ t: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
            FeatureHash.key(t, a, b, c)
        }

        features.append(key(0, 0))  // bias
        // Single words.
        features.append(key(1, s0w))
        features.append(key(2, s0t))
        features.append(key(3, s0w, s0t))
        features.append(key(4, s1w))
        features.append(key(5, s1t))
        features.append(key(6, s1w, s1t))
        features.append(key(7, b0w))
        features.append(key(8, b0t))
        features.append(key(9, b0w, b0t))
        features.append(key(10, b1w))
        features.append(key(11, b1t))
        features.append(key(12, b1w, b1t))
        features.append(key(13, tag(b2)))
        features.append(key(14, tag(s2)))
        // Pairs and triples.
        features.append(key(15, s0w, s1w))
        features.append(key(16, s0t, s1t))
        features.append(key(17, s0t, b0t))
        features.append(key(18, s0w, s0t, s1t))
        features.append(key(19, s0t, s1w, s1t))
        features.append(key(20, s0w, s1w, s1t))
        features.append(key(21, s0w, s0t, s1w))
        features.append(key(22, s1t, s0t, b0t))
        features.append(key(23, tag(s2), s1t, s0t))
        features.append(key(24, s0t, b0t, b1t))
        features.append(key(25, s0w, b0w))
        features.append(key(26, s0w, b0t))
        features.append(key(27, s0t, b0w))
        features.append(key(28, s1t, s0t, b0w))
        // Dependents attached so far.
        features.append(key(29, tag(s0l), label(s0l)))
        features.append(key(30, tag(s0r), label(s0r)))
        features.append(key(31, tag(s1l), label(s1l)))
        features.append(key(32, tag(s1r), label(s1r)))
        features.append(key(33, s1t, s0t, tag(s0l)))
        features.append(key(34, s1t, s0t, tag(s0r)))
        features.append(key(35, s1t, s0t, tag(s1l)))
        features.append(key(36, s1t, s0t, tag(s1r)))
        features.append(key(37, s0t, label(s0l), label(s0r)))
        features.append(key(38, s1t, label(s1l), label(s1r)))
        features.append(key(39, s0w, label(s0l)))
        features.append(key(40, s1w, label(s1r)))
        // Distance and valency.
        features.append(key(41, s0w, distance))
        features.append(key(42, s0t, distance))
        features.append(key(43, s1t, s0t, distance))
        features.append(key(44, s1w, s0w, distance))
        features.append(key(45, s0w, s0vl))
        features.append(key(46, s0t, s0vl, s0vr))
        features.append(key(47, s1t, s1vl, s1vr))
        features.append(key(48, s1w, s1vr))
    }
}
