import ArgumentParser

@main
struct Attache: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attache",
        abstract: "Reads diplomatic news and says who and what is in it.",
        version: AttacheVersion.string,
        subcommands: [Analyze.self]
    )
}

enum AttacheVersion {
    static let string = "0.1.0"
}
