import Testing
@testable import AttacheCore

/// The plain word lists of the knowledge base (`lexicon/*.txt`): one entry a line, `#` comments, blanks trimmed.
@Suite("Knowledge-base word lists")
struct KnowledgeBaseListTests {
    @Test func entriesAreTrimmedAndCommentsAndBlankLinesDropped() {
        let text = "# heading\n  Alvin \n\tRegina\t# a comment\n\n   \nvon der\u{00A0}\nKyiv"
        #expect(KnowledgeBaseLoader.parseList(text) == ["Alvin", "Regina", "von der", "Kyiv"])
    }

    @Test func innerSpacesAndNonASCIIStayAsWritten() {
        #expect(KnowledgeBaseLoader.parseList(" Côte d'Ivoire \n São  Paulo") == ["Côte d'Ivoire", "São  Paulo"])
    }

    @Test func aLineOfOnlyACommentOrBlanksGivesNothing() {
        #expect(KnowledgeBaseLoader.parseList("#\n \t \n# x y") == [])
    }
}
