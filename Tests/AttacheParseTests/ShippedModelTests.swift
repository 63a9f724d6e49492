@testable import AttacheParse
import Foundation
import Testing

/// The shipped model against the UD English EWT dev split (in ../shared, as the corpus tests read it).
struct ShippedModelTests {
    /// `SHARED_DIR` when set (as scripts/ci/test.sh sets it), else ../shared beside the checkout.
    static let shared = ProcessInfo.processInfo.environment["SHARED_DIR"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    static let devSplit = shared.appendingPathComponent("treebanks/en-ewt/en_ewt-ud-dev.conllu")

    /// Runs when the treebank is there, and always in CI, where a missing shared folder must fail the run.
    static var available: Bool {
        FileManager.default.fileExists(atPath: devSplit.path)
            || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    /// Sentences of the dev split parsed by the test: enough for a stable figure, few enough for a debug build.
    static let sliceLength = 500
    /// The figures of the README's "Parser" section on the whole dev split (as fractions), less a tolerance
    /// for the slice being a part of it (the first 500 sentences score within half a point of the whole).
    static let readmeUPOS = 0.9411, readmeUAS = 0.8213, readmeLAS = 0.7762
    static let tolerance = 0.02

    @Test func shippedModelLoads() throws {
        let parser = try #require(try DependencyParser.loadShipped())
        #expect(parser.tagger.tags.contains("NOUN"))
        #expect(parser.relations.contains("nsubj:pass") && parser.relations.contains("obl:agent"))
        let parsed = parser.parse(["The", "ministers", "signed", "the", "agreement", "in", "Geneva", "."])
        #expect(parsed.heads.count == 8 && parsed.heads.filter { $0 == 0 }.count == 1)
        #expect(parser.parse([]).heads.isEmpty)
    }

    @Test(.enabled(if: available, "needs ../shared/treebanks/en-ewt"))
    func accuracyOnDevSliceMatchesTheReadme() throws {
        let parser = try #require(try DependencyParser.loadShipped())
        let text = try String(contentsOf: Self.devSplit, encoding: .utf8)
        let dev = try TreebankSentence.readCoNLLU(text, file: Self.devSplit.path)
        let e = ParserEvaluation.evaluate(parser, on: Array(dev.prefix(Self.sliceLength)))
        #expect(e.upos >= Self.readmeUPOS - Self.tolerance, "UPOS \(e.upos)")
        #expect(e.uas >= Self.readmeUAS - Self.tolerance, "UAS \(e.uas)")
        #expect(e.las >= Self.readmeLAS - Self.tolerance, "LAS \(e.las)")
    }

    @Test func malformedModelFileNamesTheFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("attache-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let shipped = try #require(DependencyParser.shippedDirectory)
        try FileManager.default.copyItem(at: shipped.appendingPathComponent(DependencyParser.taggerFile),
                                         to: directory.appendingPathComponent(DependencyParser.taggerFile))
        try Data("ATTPRS01\u{1}".utf8).write(to: directory.appendingPathComponent(DependencyParser.parserFile))
        do {
            _ = try DependencyParser.load(directory: directory)
            Issue.record("a truncated parser.model loaded")
        } catch let error as ParseModelError {
            #expect(error.file.hasSuffix("parser.model"))
            #expect(error.place == .offset(8))
        }
    }
}
