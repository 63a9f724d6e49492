@testable import AttacheParse
import Testing

struct TreebankSentenceTests {
    static let text = """
        # sent_id = 1
        1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t_\t_
        2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_
        2\two\twill\tAUX\tMD\t_\t3\taux\t_\t_
        3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_
        3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t_\t_

        1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_

        """

    @Test func readsWordsAndSkipsMultiwordTokensAndEmptyNodes() throws {
        let sentences = try TreebankSentence.readCoNLLU(Self.text, file: "t.conllu")
        #expect(sentences.count == 2)
        #expect(sentences[0].words == ["They", "wo", "n't"])
        #expect(sentences[0].tags == ["PRON", "AUX", "PART"])
        #expect(sentences[0].heads == [3, 3, 0])
        #expect(sentences[0].relations == ["nsubj", "aux", "root"])
        #expect(sentences[1].words == ["Yes"])
    }

    @Test func malformedLinesNameTheLine() {
        #expect(throws: ParseModelError(file: "t.conllu", place: .line(2),
                                        message: "expected 10 tab-separated columns, found 3")) {
            try TreebankSentence.readCoNLLU("# c\n1\tA\ta\n", file: "t.conllu")
        }
        #expect(throws: ParseModelError(file: "t.conllu", place: .line(1), message: "word id '2' out of sequence")) {
            try TreebankSentence.readCoNLLU("2\tA\ta\tX\tX\t_\t0\troot\t_\t_\n", file: "t.conllu")
        }
        #expect(throws: ParseModelError(file: "t.conllu", place: .line(1),
                                        message: "head 5 is not a word of the sentence")) {
            try TreebankSentence.readCoNLLU("1\tA\ta\tX\tX\t_\t5\troot\t_\t_\n", file: "t.conllu")
        }
    }

    @Test func projectivity() {
        let projective = TreebankSentence(words: ["a", "b", "c"], tags: ["X", "X", "X"], heads: [2, 0, 2],
                                          relations: ["x", "root", "x"])
        let crossing = TreebankSentence(words: ["a", "b", "c", "d"], tags: ["X", "X", "X", "X"],
                                        heads: [3, 4, 0, 3], relations: ["x", "x", "root", "x"])
        #expect(projective.isProjective)
        #expect(!crossing.isProjective)
    }
}
