@testable import AttacheParse
import Testing

/// The arc-standard system on a hand-made sentence: "The envoy met the minister in Rome ."
struct ParserStateTests {
    // Words 1...8; heads and labels indexed from 1 (index 0 unused).
    static let heads = [0, 2, 3, 0, 5, 3, 7, 3, 3]
    static let relationNames = ["det", "nsubj", "root", "obj", "case", "obl", "punct"]
    static let labels = [0, 0, 1, 2, 0, 3, 4, 5, 6]

    static func dependents(_ heads: [Int]) -> [Int] {
        var counts = Array(repeating: 0, count: heads.count)
        for head in heads.dropFirst() { counts[head] += 1 }
        return counts
    }

    @Test func oracleTransitionsRebuildTheGoldTree() throws {
        var state = ParserState(count: 8)
        var transitions: [Transition] = []
        while !state.isTerminal {
            let next = try #require(state.oracle(goldHeads: Self.heads, goldLabels: Self.labels,
                                                 goldDependents: Self.dependents(Self.heads)))
            #expect(state.allows(next))
            state.apply(next)
            transitions.append(next)
        }
        #expect(transitions.count == 16)
        #expect(Array(state.heads.dropFirst()) == Array(Self.heads.dropFirst()))
        #expect(Array(state.labels.dropFirst()) == Array(Self.labels.dropFirst()))
        // "envoy" is attached to "met" by a left arc before "the minister" is shifted.
        #expect(transitions.prefix(5) == [.shift, .shift, .left(0), .shift, .left(1)])
    }

    @Test func oracleGivesUpOnCrossingArcs() {
        // 1 -> 3 and 2 -> 4 cross: word 2's head (4) lies past word 1's head (3).
        let heads = [0, 3, 4, 0, 3]
        let labels = [0, 0, 0, 0, 0]
        var state = ParserState(count: 4)
        var stuck = false
        for _ in 0..<8 {
            guard let next = state.oracle(goldHeads: heads, goldLabels: labels,
                                          goldDependents: Self.dependents(heads)) else {
                stuck = true
                break
            }
            state.apply(next)
        }
        // After four shifts, word 4 still waits for its dependent 2, which is buried under 3.
        #expect(stuck)
    }

    @Test func preconditions() {
        var state = ParserState(count: 2)
        // Only the root is on the stack: nothing to join.
        #expect(state.allows(.shift))
        #expect(!state.allows(.left(0)))
        #expect(!state.allows(.right(0)))
        state.apply(.shift)
        // The root may not become a dependent, and takes a dependent only once the buffer is empty.
        #expect(!state.allows(.left(0)))
        #expect(!state.allows(.right(0)))
        state.apply(.shift)
        #expect(!state.allows(.shift))
        #expect(state.allows(.left(0)))
        #expect(state.allows(.right(0)))
        state.apply(.left(0))
        #expect(state.allows(.right(0)))
        state.apply(.right(0))
        #expect(state.isTerminal)
        #expect(Array(state.heads.dropFirst()) == [2, 0])
        #expect(state.leftmost[2] == 1 && state.leftCount[2] == 1)
    }

    @Test func classIndicesRoundTrip() {
        for transition in [Transition.shift, .left(0), .right(0), .left(7), .right(40)] {
            #expect(Transition(classIndex: transition.classIndex) == transition)
        }
        #expect(Transition.classCount(labelCount: 3) == 7)
    }
}
