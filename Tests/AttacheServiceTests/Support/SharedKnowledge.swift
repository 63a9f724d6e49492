import AttacheCore
import Foundation

/// The knowledge base every test server shares: the shipped one, loaded once per process (read-only).
enum SharedKnowledge {
    static let analyzer: Analyzer = Analyzer(knowledgeBase: knowledgeBase)

    static let knowledgeBase: KnowledgeBase = {
        do {
            return try KnowledgeBase.load()
        } catch {
            fatalError("cannot load the knowledge base: \(error)")
        }
    }()
}
