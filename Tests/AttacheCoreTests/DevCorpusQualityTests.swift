@testable import AttacheCore
import AttacheJSON
import AttacheModel
import Foundation
import Testing

/// The quality bars of the extraction and event issues, measured by the shared scorer on the dev corpus.
/// The bars are numbers over the whole corpus, never particular sentences.
struct DevCorpusQualityTests {
    /// `SHARED_DIR` when set (as scripts/ci/test.sh sets it), else ../shared beside the checkout.
    static let shared = ProcessInfo.processInfo.environment["SHARED_DIR"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

    /// Whether the tests that read the shared corpora run: when the corpora are there, and always in CI, where
    /// a missing shared folder must fail the run rather than skip these tests.
    static var available: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpus/dev.jsonl").path)
            || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    /// score.py's summary of the dev corpus, computed once on first use and shared by the tests below
    /// (a static is initialised once even when the tests run in parallel).
    static let scored: Result<JSONValue, any Error> = Result { try score() }

    /// Analyses every dev article with the shipped knowledge base and returns score.py's JSON summary.
    static func score() throws -> JSONValue {
        let gold = shared.appendingPathComponent("corpus/dev.jsonl")
        let analyzer = Analyzer(knowledgeBase: try KnowledgeBase.load())
        var out: [UInt8] = []
        for line in try Data(contentsOf: gold).split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let v = try JSONReader.parse(Array(line))
            let input = try ArticleDecoder.article(from: v, path: "article", publicationDates: .asGiven)
            out += analyzer.analyze(input).jsonBytes()
            out.append(UInt8(ascii: "\n"))
        }
        let pred = FileManager.default.temporaryDirectory.appendingPathComponent("attache-dev-\(UUID().uuidString).jsonl")
        try Data(out).write(to: pred)
        defer { try? FileManager.default.removeItem(at: pred) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", shared.appendingPathComponent("tools/score.py").path, "--gold", gold.path, "--pred", pred.path, "--json"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return try JSONReader.parse(Array(data))
    }

    @Test(.enabled(if: available, "needs ../shared and python3"))
    func extractionMeetsTheBars() throws {
        let s = try Self.scored.get()
        let entity = s["entity_micro_f1"]?.doubleValue ?? 0
        let mention = s["mention_micro_f1"]?.doubleValue ?? 0
        let canonical = s["canonical_name_rate"]?.doubleValue ?? 0
        #expect(entity >= 0.92, "entity micro F1 \(entity)")
        #expect(mention >= 0.88, "mention micro F1 \(mention)")
        #expect(canonical >= 0.95, "canonical-name rate \(canonical)")
        for type in ["person", "country", "organization", "location"] {
            let f = s["entities"]?[type]?["f"]?.doubleValue ?? 0
            #expect(f >= 0.85, "\(type) entity F1 \(f)")
        }
    }

    /// Issue 4's bars: event F1 and the share of matched events dated right.
    @Test(.enabled(if: available, "needs ../shared and python3"))
    func eventsMeetTheBars() throws {
        let s = try Self.scored.get()
        let f1 = s["event_f1"]?.doubleValue ?? 0
        let dates = s["event_date_accuracy"]?.doubleValue ?? 0
        #expect(f1 >= 0.65, "event F1 \(f1)")
        #expect(dates >= 0.85, "event date accuracy \(dates)")
    }
}
