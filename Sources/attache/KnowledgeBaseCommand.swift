import AttacheCore
import ArgumentParser
import Foundation

/// `attache kb`: tools for knowledge-base directories.
struct KnowledgeBaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Check knowledge-base directories.",
        subcommands: [Check.self]
    )

    /// `attache kb check [DIR ...]`: loads the built-in knowledge base and each directory on top of it, as
    /// `serve --kb` and `analyze --kb` would, and lists every problem as `file:line: message`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check extension directories against the built-in knowledge base.",
            discussion: """
            Loads the built-in knowledge base, then each DIR in order, as `attache serve --kb DIR` would, and \
            prints every problem as FILE:LINE: MESSAGE on standard error: an unknown file, key or country code, \
            a value of the wrong type, an id defined twice, a malformed lexicon or events line. Exits with 1 when \
            there is any problem. Without DIR, checks the built-in knowledge base alone.
            """
        )

        @Argument(help: "Extension directories, in the order they would be loaded.")
        var directories: [String] = []

        @Flag(name: .long, help: "Check the directories alone, without the built-in knowledge base underneath.")
        var noBuiltinKb = false

        func run() throws {
            let dirs = directories.map { URL(fileURLWithPath: $0) }
            var all: [URL] = []
            if !noBuiltinKb, let builtIn = KnowledgeBaseLoader.builtInDirectory { all.append(builtIn) }
            all += dirs
            var problems: [KnowledgeBaseLoader.LoadError] = []
            var entityCount = 0
            do {
                let loaded = try KnowledgeBaseLoader.load(directories: all, checkSurfaces: true)
                entityCount = loaded.entities.count
                try KnowledgeBaseLoader.requireLexicons(loaded.lexicons)
            } catch let error as KnowledgeBaseLoader.LoadError {
                problems += error.problems
            }
            do {
                _ = try EventLexicon.load(directories: all)
            } catch let error as KnowledgeBaseLoader.LoadError {
                problems += error.problems
            }
            let checked = directories.isEmpty ? "the built-in knowledge base" : directories.joined(separator: ", ")
            guard problems.isEmpty else {
                let lines = problems.map { $0.summary + "\n" }.joined()
                FileHandle.standardError.write(Data((lines + "attache: \(problems.count) problem(s) in \(checked)\n").utf8))
                throw ExitCode(Attache.failureStatus)
            }
            print("\(checked): OK (\(entityCount) entities)")
        }
    }
}
