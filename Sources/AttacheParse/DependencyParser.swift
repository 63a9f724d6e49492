/// The tagged, parsed sentence: per word its UPOS tag, head (1-based, 0 for the root) and relation.
public struct ParsedSentence: Sendable, Equatable {
    public var tags: [String]
    public var heads: [Int]
    public var relations: [String]
}

/// A greedy transition-based dependency parser (arc-standard, labelled with UD relations) on the tags of a
/// part-of-speech tagger; both are averaged perceptrons. Linear: 2 × n transitions for n words.
public struct DependencyParser: Sendable {
    public let tagger: Tagger
    /// The relation labels (UD relations with their subtypes, e.g. `nsubj:pass`, `obl:agent`), in class order.
    public let relations: [String]
    public let model: PerceptronModel

    public init(tagger: Tagger, relations: [String], model: PerceptronModel) {
        precondition(model.classCount == Transition.classCount(labelCount: relations.count))
        self.tagger = tagger
        self.relations = relations
        self.model = model
    }

    /// Tags and parses `words` (tokens as UD English tokenises them: "do" "n't", "U.S.", punctuation apart).
    public func parse(_ words: [String]) -> ParsedSentence {
        let forms = words.map(WordForms.init)
        let tags = tagger.tag(forms)
        let state = parse(forms: forms, tags: tags)
        return ParsedSentence(tags: tags.map { tagger.tags[$0] },
                              heads: Array(state.heads.dropFirst()),
                              relations: state.labels.dropFirst().map { relations[$0] })
    }

    /// Parses words already tagged (tag indices of `tagger.tags`); the final configuration.
    public func parse(forms: [WordForms], tags: [Int]) -> ParserState {
        var state = ParserState(count: forms.count)
        var features: [UInt64] = []
        var scores = [Float](repeating: 0, count: model.classCount)
        while !state.isTerminal {
            ParserFeatures.extract(state, forms: forms, tags: tags, into: &features)
            for c in scores.indices { scores[c] = 0 }
            model.score(features, into: &scores)
            let best = bestClass(scores) { state.allows(Transition(classIndex: $0)) }
            state.apply(Transition(classIndex: best))
        }
        return state
    }

    /// Trains the transition classifier on `sentences` with the tags in `predictedTags` (indices of
    /// `tagger.tags`; tags predicted by a tagger, so that training sees the tagger's mistakes as parsing
    /// will), following the static oracle. Non-projective sentences are skipped: the oracle cannot reach
    /// their trees. Returns the parser and how many sentences were skipped.
    public static func train(_ sentences: [TreebankSentence], predictedTags: [[Int]], tagger: Tagger,
                             relations: [String], epochs: Int, seed: UInt64,
                             minWeight: Float) -> (parser: DependencyParser, skipped: Int) {
        let relationIndex = Dictionary(uniqueKeysWithValues: relations.enumerated().map { ($1, $0) })
        struct Prepared {
            var forms: [WordForms]
            var tags: [Int]
            var heads: [Int]
            var labels: [Int]
            var dependents: [Int]
        }
        var prepared: [Prepared] = []
        var skipped = 0
        for (sentence, tags) in zip(sentences, predictedTags) {
            guard sentence.isProjective else {
                skipped += 1
                continue
            }
            var dependents = Array(repeating: 0, count: sentence.words.count + 1)
            for head in sentence.heads { dependents[head] += 1 }
            prepared.append(Prepared(forms: sentence.words.map(WordForms.init), tags: tags,
                                     heads: [0] + sentence.heads,
                                     labels: [0] + sentence.relations.map { relationIndex[$0]! },
                                     dependents: dependents))
        }
        let classCount = Transition.classCount(labelCount: relations.count)
        var trainer = PerceptronTrainer(classCount: classCount)
        var random = SplitMix64(seed: seed)
        var order = Array(prepared.indices)
        var features: [UInt64] = []
        var scores = [Float](repeating: 0, count: classCount)
        for _ in 0..<epochs {
            random.shuffle(&order)
            for s in order {
                let sentence = prepared[s]
                var state = ParserState(count: sentence.forms.count)
                while !state.isTerminal {
                    guard let gold = state.oracle(goldHeads: sentence.heads, goldLabels: sentence.labels,
                                                  goldDependents: sentence.dependents) else { break }
                    ParserFeatures.extract(state, forms: sentence.forms, tags: sentence.tags, into: &features)
                    for c in scores.indices { scores[c] = 0 }
                    trainer.score(features, into: &scores)
                    let guess = bestClass(scores) { state.allows(Transition(classIndex: $0)) }
                    trainer.train(features: features, truth: gold.classIndex, guess: guess)
                    state.apply(gold)
                }
            }
        }
        let parser = DependencyParser(tagger: tagger, relations: relations,
                                      model: trainer.averaged(minWeight: minWeight))
        return (parser, skipped)
    }
}
