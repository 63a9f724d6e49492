@testable import AttacheParse
import Testing

struct FeatureTests {
    static let words = ["The", "envoy", "met", "the", "minister", "in", "Rome", "."]

    @Test func wordFormsNormaliseCaseAndDigits() {
        #expect(WordForms("Envoy").normal == WordForms("envoy").normal)
        #expect(WordForms("1990").normal == WordForms("2024").normal)
        #expect(WordForms("1990").normal != WordForms("199").normal)
        #expect(WordForms.shape(of: "McCain") == "XxXx")
        #expect(WordForms.shape(of: "U.S.") == "X.X.")
        #expect(WordForms.shape(of: "1990s") == "dx")
        #expect(WordForms("meeting").suffix == WordForms("talking").suffix)
        #expect(WordForms("meeting").prefix == WordForms("minister").prefix)
    }

    @Test func taggerFeaturesDependOnContextAndPreviousTags() {
        let forms = Self.words.map(WordForms.init)
        var first: [UInt64] = [], second: [UInt64] = [], third: [UInt64] = []
        Tagger.features(forms, at: 3, previous: [0, 1, 2], into: &first)
        Tagger.features(forms, at: 3, previous: [0, 1, 2], into: &second)
        #expect(first == second)
        #expect(first.count == 16)
        #expect(Set(first).count == first.count)
        // Another tag just before changes the four features that hold it and nothing else; another tag two
        // words back changes only the tag-pair feature.
        Tagger.features(forms, at: 3, previous: [0, 1, 5], into: &third)
        #expect(Set(first).subtracting(third).count == 4)
        Tagger.features(forms, at: 3, previous: [0, 5, 2], into: &third)
        #expect(Set(first).subtracting(third).count == 1)
        // The same word in another sentence shares its word features, not its context features.
        var other: [UInt64] = []
        Tagger.features(["the", "minister"].map(WordForms.init), at: 0, previous: [], into: &other)
        #expect(Set(first).contains(FeatureHash.key(1, WordForms("the").normal)))
        #expect(Set(other).contains(FeatureHash.key(1, WordForms("the").normal)))
        #expect(!Set(other).isSuperset(of: first))
    }

    @Test func parserFeaturesSeeAttachedDependents() {
        let forms = Self.words.map(WordForms.init)
        let tags = [1, 2, 3, 1, 2, 4, 5, 6]
        var state = ParserState(count: forms.count)
        state.apply(.shift)
        state.apply(.shift)
        var before: [UInt64] = []
        ParserFeatures.extract(state, forms: forms, tags: tags, into: &before)
        #expect(before.count == 49)
        state.apply(.left(3))
        var after: [UInt64] = []
        ParserFeatures.extract(state, forms: forms, tags: tags, into: &after)
        // "envoy" now has "The" as its leftmost dependent, labelled 3.
        let envoyTag = UInt64(tags[1]) + FeatureHash.atomOffset
        let theTag = UInt64(tags[0]) + FeatureHash.atomOffset
        #expect(after.contains(FeatureHash.key(29, theTag, 3 + FeatureHash.atomOffset)))
        #expect(after.contains(FeatureHash.key(2, envoyTag)))
        #expect(after != before)
        // Same configuration, same features.
        var again: [UInt64] = []
        ParserFeatures.extract(state, forms: forms, tags: tags, into: &again)
        #expect(again == after)
    }

    @Test func keysAreDeterministicAndSpread() {
        #expect(FeatureHash.string("minister") == FeatureHash.string("minister"))
        #expect(FeatureHash.string("minister") != FeatureHash.string("ministers"))
        #expect(FeatureHash.key(1, 5) != FeatureHash.key(2, 5))
        #expect(FeatureHash.key(1, 5, 6) != FeatureHash.key(1, 6, 5))
    }
}
