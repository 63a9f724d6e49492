/// The views of a word that features use, each hashed once per sentence.
public struct WordForms: Sendable, Equatable {
    /// The lowercased word with every digit written as 0, so that numbers of one shape share weights.
    public var normal: UInt64
    /// The last three characters of the normal form (the whole word when shorter).
    public var suffix: UInt64
    /// The first character of the normal form.
    public var prefix: UInt64
    /// The character classes: X upper, x lower, d digit, other characters as themselves, runs collapsed.
    public var shape: UInt64

    public init(_ word: String) {
        let normalText = WordForms.normalise(word)
        normal = FeatureHash.string(normalText)
        suffix = FeatureHash.string(String(normalText.unicodeScalars.suffix(WordForms.suffixLength)))
        prefix = FeatureHash.string(String(normalText.unicodeScalars.prefix(1)))
        shape = FeatureHash.string(WordForms.shape(of: word))
    }

    /// Characters of the suffix feature: three catches most English inflection and derivation (-ing, -ion, -ed).
    static let suffixLength = 3

    /// Lowercase, digits as 0.
    static func normalise(_ word: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.lowercased().unicodeScalars {
            scalars.append(("0"..."9").contains(scalar) ? "0" : scalar)
        }
        return String(scalars)
    }

    /// "McCain" -> "XxXx", "1990s" -> "dx", "U.S." -> "X.X.".
    static func shape(of word: String) -> String {
        var scalars = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        for scalar in word.unicodeScalars {
            let cls: Unicode.Scalar
            if scalar.properties.isUppercase { cls = "X" }
            else if scalar.properties.isLowercase { cls = "x" }
            else if ("0"..."9").contains(scalar) { cls = "d" }
            else { cls = scalar }
            if cls != last { scalars.append(cls) }
            last = cls
        }
        return String(scalars)
    }
}
