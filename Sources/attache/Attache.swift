import ArgumentParser
import AttacheService

@main
struct Attache: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attache",
        abstract: "Reads diplomatic news and says who and what is in it.",
        version: AttacheInfo.version,
        subcommands: [Serve.self, Ingest.self, Analyze.self, Post.self, Timeline.self, Relations.self, Entities.self, Articles.self, Health.self,
                      KnowledgeBaseCommand.self]
    )
}

