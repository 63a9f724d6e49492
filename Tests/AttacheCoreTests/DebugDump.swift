import Foundation
import Testing
@testable import AttacheCore

/// Prints the recognizer's state for ATTACHE_DEBUG_TEXT (a developer aid; no assertions when unset).
@Test func debugDump() throws {
    guard let text = ProcessInfo.processInfo.environment["ATTACHE_DEBUG_TEXT"] else { return }
    let dirs = (ProcessInfo.processInfo.environment["ATTACHE_DEBUG_KB"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
    let kb = try KnowledgeBase.load(extraDirectories: dirs, includeBuiltIn: dirs.isEmpty)
    let doc = Analyzer(knowledgeBase: kb).recognize(text, date: nil)
    for (i, t) in doc.tokens.enumerated() {
        let owner = doc.owner[i] >= 0 ? "\(doc.mentions[Int(doc.owner[i])].ref) \(doc.mentions[Int(doc.owner[i])].kind)" : ""
        print(i, doc.tokenText(i), t.sentence, doc.isTitle[i] ? "TITLE" : "", owner)
    }
}
