/// Accuracy of tags and trees against a treebank, counted over all words, punctuation included (as the
/// CoNLL 2018 shared task counts): UPOS accuracy, UAS (right head), LAS (right head and relation).
public struct ParserEvaluation: Sendable, Equatable {
    public var words = 0
    public var rightTags = 0
    public var rightHeads = 0
    public var rightArcs = 0

    public init() {}

    public var upos: Double { words == 0 ? 0 : Double(rightTags) / Double(words) }
    public var uas: Double { words == 0 ? 0 : Double(rightHeads) / Double(words) }
    public var las: Double { words == 0 ? 0 : Double(rightArcs) / Double(words) }

    public mutating func add(gold: TreebankSentence, parsed: ParsedSentence) {
        for i in gold.words.indices {
            words += 1
            if parsed.tags[i] == gold.tags[i] { rightTags += 1 }
            if parsed.heads[i] == gold.heads[i] {
                rightHeads += 1
                if parsed.relations[i] == gold.relations[i] { rightArcs += 1 }
            }
        }
    }

    public static func evaluate(_ parser: DependencyParser, on sentences: [TreebankSentence]) -> ParserEvaluation {
        var evaluation = ParserEvaluation()
        for sentence in sentences { evaluation.add(gold: sentence, parsed: parser.parse(sentence.words)) }
        return evaluation
    }
}
