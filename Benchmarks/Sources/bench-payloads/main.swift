import AttacheCore
import AttacheJSON
import AttacheStore
import Foundation

// Hand-written parts against the libraries that could replace them, on the service's own payloads: the dev
// corpus articles as request bodies, their analyses as the service writes them, and the SQLite insert path of one
// analysis. Each variant runs over every payload, interleaved with the others, in several trials; the best trial
// counts (the least disturbed by other work on the machine).
//
//   swift run -c release bench-payloads ../../shared/corpus/dev.jsonl [json|sqlite|all] [rounds]

let arguments = CommandLine.arguments
let corpusPath = arguments.count > 1 ? arguments[1] : "../../shared/corpus/dev.jsonl"
let mode = arguments.count > 2 ? arguments[2] : "all"
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 20 : 20
/// Trials per variant; the best is reported.
let trials = 7

/// An article of the corpus: what a client sends, and what the service answers.
struct Payload {
    var input: ArticleInput
    var requestBody: [UInt8]
    var analysis: Analysis
    var analysisBytes: [UInt8]
}

func loadPayloads() throws -> [Payload] {
    let analyzer = Analyzer(knowledgeBase: try KnowledgeBase.load())
    return try String(contentsOfFile: corpusPath, encoding: .utf8).split(separator: "\n").map { line in
        let v = try JSONReader.parse(String(line))
        let input = ArticleInput(id: v["id"]?.stringValue, title: v["title"]?.stringValue, text: v["text"]?.stringValue ?? "",
                                 publishedAt: (v["publishedAt"] ?? v["published"])?.stringValue)
        var w = JSONWriter()
        w.beginObject()
        w.field("id", input.id)
        w.field("title", input.title)
        w.field("publishedAt", input.publishedAt)
        w.field("text", input.text)
        w.endObject()
        let analysis = analyzer.analyze(input)
        return Payload(input: input, requestBody: w.bytes, analysis: analysis, analysisBytes: analysis.jsonBytes())
    }
}

/// Runs each variant `rounds` times over `count` payloads per trial, variants interleaved; prints nanoseconds per
/// payload of the best trial and the ratio to the first variant (ours).
func compare(_ title: String, count: Int, _ variants: [(String, () throws -> Int)]) throws {
    var best = [Double](repeating: .infinity, count: variants.count)
    var sink = 0
    for _ in 0..<trials {
        for (i, variant) in variants.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds { sink &+= try variant.1() }
            let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(rounds * count)
            best[i] = min(best[i], ns)
        }
    }
    print("\n\(title) (\(count) payloads, best of \(trials) trials of \(rounds) rounds; check \(sink & 0xff))")
    for (i, variant) in variants.enumerated() {
        let ratio = best[i] / best[0]
        print(variant.0.padding(toLength: 50, withPad: " ", startingAt: 0)
              + String(format: "%10.1f µs  %7.2fx", best[i] / 1000, ratio))
    }
}

func benchJSON(_ payloads: [Payload]) throws {
    let bodies = payloads.map(\.requestBody), bodyData = bodies.map { Data($0) }
    let decoder = JSONDecoder(), encoder = JSONEncoder()
    print(String(format: "request bodies: %d, %.1f kB on average", bodies.count,
                 Double(bodies.map(\.count).reduce(0, +)) / Double(bodies.count) / 1000))
    try compare("read an article request (bytes -> text)", count: bodies.count, [
        ("AttacheJSON JSONReader", {
            try bodies.reduce(0) { n, b in n + (try JSONReader.parse(b)["text"]?.stringValue?.utf8.count ?? 0) }
        }),
        ("Foundation JSONSerialization", {
            try bodyData.reduce(0) { n, d in
                n + (((try JSONSerialization.jsonObject(with: d) as? [String: Any])?["text"] as? String)?.utf8.count ?? 0)
            }
        }),
        ("Foundation JSONDecoder (Decodable struct)", {
            try bodyData.reduce(0) { n, d in n + (try decoder.decode(ArticleBody.self, from: d).text.utf8.count) }
        }),
    ])

    let trees = try payloads.map { try JSONReader.parse($0.analysisBytes) }
    let foundationTrees = trees.map(foundationObject), codableTrees = trees.map { AnyJSON($0) }
    let analysisData = payloads.map { Data($0.analysisBytes) }
    let wireAnalyses = try analysisData.map { try decoder.decode(WireAnalysis.self, from: $0) }
    print(String(format: "\nanalyses: %.1f kB on average",
                 Double(payloads.map(\.analysisBytes.count).reduce(0, +)) / Double(payloads.count) / 1000))
    try compare("write an analysis response", count: payloads.count, [
        ("AttacheJSON JSONWriter, from the model (served)", { payloads.reduce(0) { $0 + $1.analysis.jsonBytes().count } }),
        ("AttacheJSON JSONWriter, from a JSON tree", {
            trees.reduce(0) { n, t in
                var w = JSONWriter(capacity: 16 * 1024)
                w.value(t)
                return n + w.bytes.count
            }
        }),
        ("Foundation JSONSerialization, from a tree", {
            try foundationTrees.reduce(0) { $0 + (try JSONSerialization.data(withJSONObject: $1)).count }
        }),
        ("Foundation JSONEncoder, from Codable structs", {
            try wireAnalyses.reduce(0) { $0 + (try encoder.encode($1)).count }
        }),
        ("Foundation JSONEncoder, from a Codable tree", {
            try codableTrees.reduce(0) { $0 + (try encoder.encode($1)).count }
        }),
    ])
    try compare("read an analysis response (bytes -> tree)", count: payloads.count, [
        ("AttacheJSON JSONReader", {
            try payloads.reduce(0) { n, p in if case .object(let o) = try JSONReader.parse(p.analysisBytes) { n + o.count } else { n } }
        }),
        ("Foundation JSONSerialization", {
            try analysisData.reduce(0) { n, d in n + ((try JSONSerialization.jsonObject(with: d) as? [String: Any])?.count ?? 0) }
        }),
        ("Foundation JSONDecoder (Codable structs)", {
            try analysisData.reduce(0) { n, d in n + (try decoder.decode(WireAnalysis.self, from: d)).entities.count }
        }),
        ("Foundation JSONDecoder (Codable tree)", {
            try analysisData.reduce(0) { n, d in if case .object(let o) = try decoder.decode(AnyJSON.self, from: d) { n + o.count } else { n } }
        }),
    ])
}

/// Stores every payload's analysis under a fresh id; under callgrind, `--toggle-collect='*insertAll*'` counts
/// only this.
@inline(never)
func insertAll(_ store: SQLiteStore, _ payloads: [Payload], hashes: [String], round: Int) throws -> Int {
    var created = 0
    for (i, p) in payloads.enumerated() {
        let id = "r\(round)-\(p.input.id ?? String(i))"
        if case .created = try store.put(id: id, input: p.input, contentHash: hashes[i], analysis: p.analysis,
                                          analysisJSON: p.analysisBytes) { created += 1 }
    }
    return created
}

func benchSQLite(_ payloads: [Payload]) throws {
    let hashes = payloads.map { ContentHash.of(title: $0.input.title, text: $0.input.text) }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-payloads-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    for synchronous in [SQLiteStore.Synchronous.full, .normal] {
        var config = SQLiteStore.Configuration(path: directory.appendingPathComponent("\(synchronous.rawValue).sqlite").path)
        config.synchronous = synchronous
        let store = try SQLiteStore(configuration: config)
        var best = Double.infinity
        for round in 0..<max(1, rounds / 4) {
            let start = DispatchTime.now().uptimeNanoseconds
            let created = try insertAll(store, payloads, hashes: hashes, round: round)
            precondition(created == payloads.count)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(payloads.count))
        }
        let mentions = payloads.map { $0.analysis.entities.reduce(0) { $0 + $1.mentions.count } }.reduce(0, +)
        print(String(format: "\nSQLite insert path (SQLiteStore.put), synchronous=%@: %.0f µs per analysis (best round; %.0f mentions, %.0f entities, %.0f events per analysis)",
                     synchronous.rawValue, best / 1000, Double(mentions) / Double(payloads.count),
                     Double(payloads.map(\.analysis.entities.count).reduce(0, +)) / Double(payloads.count),
                     Double(payloads.map(\.analysis.events.count).reduce(0, +)) / Double(payloads.count)))
    }
}

let payloads = try loadPayloads()
if mode == "json" || mode == "all" { try benchJSON(payloads) }
if mode == "sqlite" || mode == "all" { try benchSQLite(payloads) }
