@testable import AttacheParse
import Testing

struct PerceptronTests {
    /// Three classes, each signalled by its own feature, with a shared noise feature.
    @Test func learnsSeparableClassesAndAverages() {
        var trainer = PerceptronTrainer(classCount: 3)
        let examples: [([UInt64], Int)] = [([10, 99], 0), ([11, 99], 1), ([12, 99], 2)]
        var scores = [Float](repeating: 0, count: 3)
        for _ in 0..<5 {
            for (features, truth) in examples {
                for c in scores.indices { scores[c] = 0 }
                trainer.score(features, into: &scores)
                trainer.train(features: features, truth: truth, guess: bestClass(scores) { _ in true })
            }
        }
        let model = trainer.averaged(minWeight: 0)
        for (features, truth) in examples {
            for c in scores.indices { scores[c] = 0 }
            model.score(features, into: &scores)
            #expect(bestClass(scores) { _ in true } == truth)
        }
        #expect(model.keys == model.keys.sorted())
        // An unseen feature has an empty row.
        #expect(model.row(12345).isEmpty)
    }

    @Test func pruningDropsSmallWeights() {
        var trainer = PerceptronTrainer(classCount: 2)
        trainer.train(features: [1], truth: 0, guess: 1)
        for _ in 0..<100 { trainer.train(features: [1], truth: 0, guess: 0) }
        let all = trainer.averaged(minWeight: 0)
        let pruned = trainer.averaged(minWeight: 2)
        #expect(all.weights.count == 2)
        #expect(pruned.weights.isEmpty && pruned.keys.isEmpty && pruned.offsets == [0])
    }

    @Test func bestClassRespectsAllowedAndBreaksTiesLow() {
        #expect(bestClass([1, 3, 3]) { _ in true } == 1)
        #expect(bestClass([1, 3, 3]) { $0 != 1 } == 2)
        #expect(bestClass([-5, -1]) { $0 == 0 } == 0)
    }
}
