import AttacheModel
import Foundation

/// Goldstein conflict–cooperation values of the CAMEO root codes, read from `kb/events/goldstein.tsv` (the file's
/// header names the source). Relations use it for their cooperation–conflict balance.
public struct GoldsteinScale: Sendable {
    public struct LoadError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "goldstein.tsv:\(line): \(message)" }
    }

    /// CAMEO root codes, "01" … "20".
    public static let rootCodes = (1...20).map { $0 < 10 ? "0\($0)" : "\($0)" }
    /// The scale runs from -10 (most conflictual) to +10 (most cooperative).
    public static let range: ClosedRange<Double> = -10...10

    /// Value by CAMEO root code.
    public let values: [String: Double]

    /// Parses `code<TAB>value[<TAB>label]` lines (`#` comments, blank lines ignored). Strict: every root code exactly
    /// once, values inside `range`, nothing else.
    public static func parse(_ text: String) throws(LoadError) -> GoldsteinScale {
        var values: [String: Double] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasPrefix("#") ? "" : raw
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { throw LoadError(line: i + 1, message: "expected code<TAB>value") }
            let code = String(fields[0])
            guard rootCodes.contains(code) else { throw LoadError(line: i + 1, message: "unknown CAMEO root code \(code)") }
            guard values[code] == nil else { throw LoadError(line: i + 1, message: "root code \(code) given twice") }
            guard let v = Double(fields[1]), range.contains(v) else {
                throw LoadError(line: i + 1, message: "value must be a number from -10 to 10")
            }
            values[code] = v
        }
        if let missing = rootCodes.first(where: { values[$0] == nil }) {
            throw LoadError(line: 0, message: "root code \(missing) is missing")
        }
        return GoldsteinScale(values: values)
    }

    /// The table shipped in the knowledge base. A broken file stops the process: it is part of the build.
    public static let builtIn: GoldsteinScale = {
        guard let url = KnowledgeBaseLoader.builtInDirectory?.appendingPathComponent("events/goldstein.tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("kb/events/goldstein.tsv is missing from the resource bundle")
        }
        do {
            return try parse(text)
        } catch {
            fatalError("\(error)")
        }
    }()

    /// The value of an event type (under its CAMEO root, `EventType.cameo`).
    public func value(of type: EventType) -> Double { values[type.cameo] ?? 0 }

    /// Mean value of events counted by type; nil when there are none.
    public func mean(_ counts: [EventType: Int]) -> Double? {
        let n = counts.values.reduce(0, +)
        guard n > 0 else { return nil }
        return counts.reduce(0.0) { $0 + value(of: $1.key) * Double($1.value) } / Double(n)
    }
}
