import AttacheJSON
import Foundation
import Testing

/// The `attache` binary as a user meets it: exit statuses, one-line messages, help texts, and analyses of a file,
/// of standard input and of JSON Lines.
@Suite struct CommandLineTests {
    /// ArgumentParser's status for a usage error (EX_USAGE), and the status of a command that failed at its work.
    static let usageStatus: Int32 = 64
    static let failureStatus: Int32 = 1

    static let sentence = "French President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Tuesday."

    /// Writes `contents` to a file named `name` in a fresh directory and passes its path to `body`.
    func withFile<T>(_ name: String, _ contents: String, _ body: (String) throws -> T) throws -> T {
        let dir = try AttacheProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return try body(url.path)
    }

    func entityIDs(_ analysis: JSONValue) -> Set<String> {
        guard case .array(let entities)? = analysis["entities"] else { return [] }
        return Set(entities.compactMap { $0["id"]?.stringValue })
    }

    // MARK: usage errors

    @Test(arguments: [["serve", "--port", "99999"], ["serve", "--port=-1"], ["serve", "--port", "65536"]])
    func serveRejectsAPortOutOfRange(_ args: [String]) throws {
        let r = try AttacheProcess.run(args)
        #expect(r.status == Self.usageStatus)
        #expect(r.stderr.contains("--port must be 0-65535"))
        #expect(r.stderr.contains("Usage: attache serve"))
    }

    @Test func serveRejectsAnUnknownLogLevel() throws {
        let r = try AttacheProcess.run(["serve", "--log-level", "loud"])
        #expect(r.status == Self.usageStatus)
        #expect(r.stderr.contains("--log-level must be one of trace, debug, info, notice, warning, error, critical, got \"loud\""))
    }

    /// A variable the server cannot use stops it with one line, rather than being ignored (the server on 8080).
    @Test(arguments: [
        (["ATTACHE_PORT": "80a"], "ATTACHE_PORT must be a port number 0-65535, got \"80a\""),
        (["PORT": "70000"], "PORT must be a port number 0-65535, got \"70000\""),
        (["ATTACHE_LOG_LEVEL": "loud"], "ATTACHE_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, got \"loud\""),
    ])
    func serveRejectsAVariableItCannotUse(_ environment: [String: String], _ message: String) throws {
        let r = try AttacheProcess.run(["serve"], environment: environment)
        #expect(r.status == Self.failureStatus)
        #expect(r.stderr == "attache: \(message)\n")
    }

    /// The same dates the server refuses as `publishedAt`: a month 13, a 30 February, a partial date, free text.
    @Test(arguments: ["2022-13-01", "2023-02-30", "2022-01", "yesterday", "2022-01-10T25:00:00Z"])
    func analyzeRejectsAPublicationDateTheServerRefuses(_ date: String) throws {
        let r = try AttacheProcess.run(["analyze", "--published", date], input: Self.sentence)
        #expect(r.status == Self.usageStatus)
        #expect(r.stderr.contains("--published must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, got \"\(date)\""))
        #expect(r.stdout.isEmpty)
    }

    @Test(arguments: ["2024-02-29", "2022-01-10T09:30:00Z", "2022-01-10T09:30:00.5+02:00"])
    func analyzeAcceptsAPublicationDateTheServerAccepts(_ date: String) throws {
        let r = try AttacheProcess.run(["analyze", "--published", date], input: Self.sentence)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try JSONReader.parse(r.stdout)["article"]?["publishedAt"]?.stringValue == date)
    }

    @Test func analyzeTakesAFileOrJSONLinesNotBoth() throws {
        let r = try AttacheProcess.run(["analyze", "--jsonl", "a.jsonl", "b.txt"])
        #expect(r.status == Self.usageStatus)
        #expect(r.stderr.contains("give either a text file or --jsonl FILE, not both"))
    }

    /// What ArgumentParser refuses before a command runs: an unknown flag or subcommand, a missing argument, a value
    /// of the wrong kind. Each is status 64 with the message and the usage on standard error, and nothing on
    /// standard output.
    @Test(arguments: [
        (["analyze", "--bogus"], "Unknown option '--bogus'"),
        (["frobnicate"], "Unexpected argument 'frobnicate'"),
        (["timeline"], "Missing expected argument '<entity>'"),
        (["entities", "--limit", "ten"], "The value 'ten' is invalid for '--limit <limit>'"),
        (["post", "--id", "has space"], "--id must be 1-200 characters"),
    ])
    func usageErrorsExit64WithTheUsage(_ args: [String], _ message: String) throws {
        let r = try AttacheProcess.run(args)
        #expect(r.status == Self.usageStatus, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        #expect(r.stderr.contains("Usage: attache"))
        #expect(r.stdout.isEmpty)
    }

    @Test func postRejectsABadPublicationDateBeforeSending() throws {
        let r = try AttacheProcess.run(["post", "--published", "2022-02-30"], input: Self.sentence)
        #expect(r.status == Self.usageStatus)
        #expect(r.stderr.contains("--published must be a date"))
    }

    // MARK: failures are one line

    @Test func aMissingFileIsOneLine() throws {
        let path = "/nonexistent-\(UUID().uuidString)/art.txt"
        for command in [["analyze"], ["post"], ["analyze", "--jsonl"]] {
            let r = try AttacheProcess.run(command + [path])
            #expect(r.status == Self.failureStatus)
            #expect(r.stderr == "attache: cannot read \(path): no such file\n")
        }
    }

    @Test func aDirectoryIsNoArticle() throws {
        let dir = try AttacheProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try AttacheProcess.run(["analyze", dir.path])
        #expect(r.status == Self.failureStatus)
        #expect(r.stderr == "attache: cannot read \(dir.path): is a directory\n")
    }

    @Test func aBadJSONLinesLineIsNamedAndStopsTheRun() throws {
        let lines = """
            {"id": "a", "text": "Chancellor Olaf Scholz visited Paris."}

            {"id": "b", "title": "No text here"}
            {"id": "c", "text": "Never read."}
            """
        try withFile("in.jsonl", lines) { path in
            let r = try AttacheProcess.run(["analyze", "--jsonl", path])
            #expect(r.status == Self.failureStatus)
            #expect(r.stderr == "attache: \(path):3: article.text is required\n")
            #expect(r.stdout.isEmpty)
        }
        try withFile("in.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \n") { path in
            let r = try AttacheProcess.run(["analyze", "--jsonl", path])
            #expect(r.status == Self.failureStatus)
            #expect(r.stderr.hasPrefix("attache: \(path):2: not valid JSON: "))
            #expect(r.stderr.filter { $0 == "\n" }.count == 1)
            #expect(!r.stderr.contains("Usage"))
        }
    }

    @Test func postOfJSONWithoutTextIsAnError() throws {
        try withFile("art.json", #"{"title": "Talks in Geneva", "body": "Lavrov met Blinken."}"#) { path in
            let r = try AttacheProcess.run(["post", path])
            #expect(r.status == Self.failureStatus)
            #expect(r.stderr == "attache: \(path): text is required\n")
        }
    }

    /// Every client command, with the server's URL on the discard port (see `AttacheProcess.environment`).
    @Test(arguments: [["health"], ["post"], ["post", "--store"], ["timeline", "country-fra"], ["entities", "macron"],
                      ["articles"]])
    func aServerThatCannotBeReachedIsOneLine(_ args: [String]) throws {
        let r = try AttacheProcess.run(args, input: Self.sentence)
        #expect(r.status == Self.failureStatus, "\(args): \(r.stderr)")
        #expect(r.stderr.hasPrefix("attache: curl error "), "\(args): \(r.stderr)")
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
        #expect(r.stdout.isEmpty)
    }

    // MARK: analyses

    @Test func analyzeReadsAFileAndStandardInputAlike() throws {
        let fromStdin = try AttacheProcess.run(["analyze", "--published", "2023-06-13"], input: Self.sentence)
        let fromFile = try withFile("art.txt", Self.sentence) { try AttacheProcess.run(["analyze", "--published", "2023-06-13", $0]) }
        #expect(fromStdin.status == 0 && fromFile.status == 0, "\(fromStdin.stderr)\(fromFile.stderr)")
        #expect(fromStdin.stdout == fromFile.stdout)
        let analysis = try JSONReader.parse(fromFile.stdout)
        #expect(entityIDs(analysis).isSuperset(of: ["country-fra", "loc-berlin"]))
        #expect(analysis["article"]?["length"]?.intValue == Int64(Self.sentence.unicodeScalars.count))
    }

    @Test func analyzeRefusesTextThatIsNotUTF8() throws {
        let dir = try AttacheProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("latin1.txt")
        try Data([0x43, 0x61, 0x66, 0xE9, 0x0A]).write(to: file)
        let r = try AttacheProcess.run(["analyze", file.path])
        #expect(r.status == Self.failureStatus)
        #expect(r.stderr == "attache: \(file.path) is not valid UTF-8 text\n")
    }

    /// Each output line is the analysis of the input line with the same position, carrying its id, title and date.
    @Test func jsonLinesRoundTrip() throws {
        let lines = """
            {"id": "one", "title": "Scholz in Paris", "published": "2023-05-02", "text": "Chancellor Olaf Scholz visited Paris."}
            {"id": "two", "publishedAt": "2021-11", "text": "Japan and India signed a trade agreement in Tokyo."}
            """
        let r = try withFile("in.jsonl", lines + "\n") { try AttacheProcess.run(["analyze", "--jsonl", $0]) }
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout.split(separator: "\n").map(String.init)
        try #require(out.count == 2)
        let first = try JSONReader.parse(out[0]), second = try JSONReader.parse(out[1])
        #expect(first["id"]?.stringValue == "one")
        #expect(first["article"]?["title"]?.stringValue == "Scholz in Paris")
        #expect(first["article"]?["publishedAt"]?.stringValue == "2023-05-02")
        #expect(entityIDs(first).contains("loc-paris"))
        #expect(second["id"]?.stringValue == "two")
        #expect(entityIDs(second).isSuperset(of: ["country-jpn", "country-ind"]))
    }

    /// A JSON Lines article and the same article as a text file with `--title` and `--published` give the same
    /// analysis; the line's output only adds its id.
    @Test func aJSONLinesArticleIsAnalysedLikeTheSameFile() throws {
        let title = "Talks in Berlin", date = "2023-06-13"
        let line = #"{"id": "berlin-1", "title": "\#(title)", "publishedAt": "\#(date)", "text": "\#(Self.sentence)"}"#
        let fromLine = try withFile("in.jsonl", line + "\n") { try AttacheProcess.run(["analyze", "--jsonl", $0]) }
        let fromFile = try withFile("art.txt", Self.sentence) {
            try AttacheProcess.run(["analyze", "--title", title, "--published", date, $0])
        }
        #expect(fromLine.status == 0 && fromFile.status == 0, "\(fromLine.stderr)\(fromFile.stderr)")
        let lineAnalysis = try JSONReader.parse(fromLine.stdout), fileAnalysis = try JSONReader.parse(fromFile.stdout)
        #expect(lineAnalysis["id"]?.stringValue == "berlin-1")
        #expect(fileAnalysis["id"] == nil)
        #expect(lineAnalysis["entities"] == fileAnalysis["entities"])
        #expect(lineAnalysis["events"] == fileAnalysis["events"])
        #expect(lineAnalysis["article"]?["title"] == fileAnalysis["article"]?["title"])
        #expect(lineAnalysis["article"]?["publishedAt"] == fileAnalysis["article"]?["publishedAt"])
        #expect(!entityIDs(fileAnalysis).isEmpty)
    }

    // MARK: serve

    /// The first lines a user reads: where the server listens, where the page is, and which store it uses.
    @Test func serveLogsItsURLThePageAndTheStore() throws {
        let dir = try AttacheProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("a.sqlite").path
        let process = Process()
        process.executableURL = AttacheProcess.binary
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--database", database]
        process.environment = AttacheProcess.environment([:])
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        // A server that never logs the line must not hang the suite.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        var log = ""
        while !log.contains("attache listening") || !log.hasSuffix("\n") {
            let chunk = stderr.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
        }
        let line = try #require(log.split(separator: "\n").first { $0.contains("attache listening") })
        let range = try #require(line.firstRange(of: #/http://127\.0\.0\.1:[1-9][0-9]*/#))
        let url = String(line[range])
        #expect(line.contains("the page is at \(url)/"))
        #expect(line.contains("store=SQLite at \(database)"))
    }

    // MARK: help

    /// The golden help texts; `ATTACHE_UPDATE_GOLDEN=1 swift test --filter AttacheCLITests` rewrites them.
    static let helpDirectory = AttacheProcess.packageRoot.appendingPathComponent("Tests/AttacheCLITests/Fixtures/help")

    /// The subcommands listed by `attache --help`: the lines indented by two spaces under SUBCOMMANDS (their
    /// wrapped abstracts are indented further).
    static func subcommands() throws -> [String] {
        let help = try AttacheProcess.run(["--help"]).stdout
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").prefix { $0.hasPrefix("  ") }
            .filter { !$0.hasPrefix("   ") && !$0.hasPrefix("  See ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    static let updatingGolden = ProcessInfo.processInfo.environment["ATTACHE_UPDATE_GOLDEN"] == "1"

    /// The commands with a golden help text: `attache` (the root) and one file per subcommand; when updating,
    /// every command the binary lists, so that a new subcommand gets its file.
    static func goldenCommands() -> [String] {
        if updatingGolden { return ["attache"] + ((try? subcommands()) ?? []) }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: helpDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func everySubcommandHasAGoldenHelpText() throws {
        let commands = try Self.subcommands()
        #expect(commands.contains("serve") && commands.contains("analyze"))
        #expect(Set(Self.goldenCommands()) == Set(commands + ["attache"]),
                "each subcommand needs Fixtures/help/<command>.txt: run with ATTACHE_UPDATE_GOLDEN=1 and review the new files")
    }

    /// `attache help <command>`, which the root help points to, prints the same text as `attache <command> --help`.
    @Test(arguments: goldenCommands().filter { $0 != "attache" })
    func helpCommandPrintsTheCommandsHelp(_ command: String) throws {
        let viaHelp = try AttacheProcess.run(["help", command]), viaFlag = try AttacheProcess.run([command, "--help"])
        #expect(viaHelp.status == 0 && viaFlag.status == 0)
        #expect(!viaHelp.stdout.isEmpty)
        #expect(viaHelp.stdout == viaFlag.stdout)
    }

    @Test(arguments: goldenCommands())
    func helpMatchesItsGoldenText(_ command: String) throws {
        let r = try AttacheProcess.run(command == "attache" ? ["--help"] : [command, "--help"])
        #expect(r.status == 0)
        let file = Self.helpDirectory.appendingPathComponent("\(command).txt")
        if Self.updatingGolden {
            try Data(r.stdout.utf8).write(to: file)
        }
        let golden = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(r.stdout == golden, "attache \(command) --help differs from Fixtures/help/\(command).txt")
    }
}
